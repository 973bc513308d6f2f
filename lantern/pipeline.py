"""build(): the stages in order, nothing else."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import jinja2

from lantern import memo
from lantern.config import load_config
from lantern.content import read_all
from lantern.depends import KeyMaker, templates_digest
from lantern.errors import Problem, Problems
from lantern.model import BuildOptions, SiteConfig
from lantern.output import Staging, update_site
from lantern.parallel import Record, render_changed, stale_count
from lantern.patch import Previous, patched
from lantern.render import environment
from lantern.routes import collect_static, plan

DEFAULT_THEME = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    files_written: int
    warnings: tuple[Problem, ...]
    changed: tuple[str, ...] = ()  # output files with new bytes
    today: dt.date = dt.date.min  # the day the build took as today
    timezone: str = "UTC"  # the site's
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)  # every output file's
    state: Previous | None = None  # for the next build in this process
    patched: bool = False  # whether it patched the previous build (articles' text alone changed)


def build(
    site_dir: Path,
    options: BuildOptions,
    out_dir: Path | None = None,
    *,
    clean: bool = False,
    cache: memo.Memo | None = None,
    previous: Previous | None = None,
    changed: tuple[str, ...] = (),
) -> BuildResult:
    """Read, check, plan, render and write a site; raises ProblemsFound on content errors.

    What an earlier build computed is reused from the cache in SITE/.lantern-cache/, unless
    `clean`; the output is the same either way. A caller that keeps the cache in memory between
    builds (the preview) passes it as `cache`; it is then neither read nor saved here, and
    `memo.current().successor()` is the cache for the next build. It may also pass the last
    good build's `state` as `previous`, with the files `changed` since: an edit of articles'
    text alone then patches that build instead of reading everything again.
    """
    cache_dir, code = site_dir / memo.CACHE_DIR, memo.code_version()
    if cache is not None:
        memo.use(cache)
    else:
        memo.use(memo.Memo() if clean else memo.load(cache_dir, code))
    config = load_config(site_dir)
    options = options.on_site_day(config.timezone)
    target = (out_dir or site_dir / config.output_dir).resolve()
    try:
        return _build(site_dir, config, options, target, code, previous, changed)
    finally:
        if cache is None:
            save_cache(site_dir)


def save_cache(site_dir: Path) -> None:
    """Keep what this build computed; a cache that cannot be written only costs time."""
    with contextlib.suppress(OSError):
        memo.save(memo.current(), site_dir / memo.CACHE_DIR, memo.code_version())


def _build(
    site_dir: Path,
    config: SiteConfig,
    options: BuildOptions,
    target: Path,
    code: str,
    previous: Previous | None,
    changed: tuple[str, ...],
) -> BuildResult:
    themes = theme_dirs(site_dir)
    templates = templates_digest(themes)
    assert options.today is not None
    patch = patched(previous, site_dir, changed, options.today) if previous else None
    suspects: set[str] | None = None
    if previous and patch:
        site, routes, keys, maker = patch.site, patch.routes, patch.keys, previous.maker
        suspects, warnings = {route.file for route in patch.affected}, previous.warnings
    else:
        problems = Problems()
        site = read_all(site_dir, config, options, themes, problems)
        if options.strict:
            problems = Problems([replace(p, severity="error") for p in problems.found])
        problems.stop_if_errors()
        routes = plan(site, collect_static(themes, site_dir, site.media))
        maker = KeyMaker(site, routes, templates, code)
        keys = {route.file: maker.key(route) for route in routes}
        warnings = problems.unique()
    cache = memo.current()
    same_place = cache.get("output", "dir") == str(target)
    found = {file: cache.get("route", file) for file in keys} if same_place else {}
    old = {file: Record(*record) for file, record in found.items() if record}
    # A rebuild that changes a few files updates the output in place; any other writes it anew.
    in_place = same_place and target.is_dir() and stale_count(routes, keys, old) * 2 <= len(keys)
    staging = None if in_place else Staging(target)
    try:
        rendered = render_changed(
            site,
            routes,
            _environment(tuple(themes), site_dir / memo.CACHE_DIR / "templates", templates),
            keys,
            old,
            target if same_place else None,
            staging,
            suspects,
        )
        if staging is None:
            kept = {file: old[file].stamp for file in rendered.kept}
            before = cache.get("output", "files")
            written = update_site(rendered.files, routes.static, target, kept, before)
        else:
            written = staging.finish(routes.static, rendered.kept, rendered.written)
    except BaseException:
        if staging is not None:
            staging.discard()
        raise
    cache.put("output", "dir", str(target))
    cache.put("output", "files", tuple(written.stamps))
    for file, (key, data_digest, uses) in rendered.records.items():
        cache.put("route", file, (key, data_digest, *written.stamps[file], uses))
    return BuildResult(
        target,
        written.count,
        warnings,
        tuple(written.changed),
        site.today,
        config.timezone,
        written.stamps,
        Previous(site, routes, keys, maker, warnings),
        patch is not None,
    )


@lru_cache(maxsize=2)
def _environment(themes: tuple[Path, ...], compiled: Path, templates: str) -> jinja2.Environment:
    """One environment per version of the templates: a preview's rebuilds share it."""
    return environment(list(themes), compiled)


def theme_dirs(site_dir: Path) -> list[Path]:
    """The default theme, then the site's own templates/ folder when it has one."""
    own = site_dir.resolve() / "templates"
    return [DEFAULT_THEME] + ([own] if own.is_dir() and own != DEFAULT_THEME else [])
