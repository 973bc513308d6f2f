"""build(): the stages in order, nothing else."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path

import jinja2

from lantern import memo
from lantern.artifacts import share_digest
from lantern.assets import STORE, fingerprint, is_complete
from lantern.config import load_config
from lantern.depends import KeyMaker, shows_others_text, templates_digest
from lantern.errors import Problem, Problems
from lantern.model import BuildOptions, Site, SiteConfig
from lantern.output import Staging, update_site
from lantern.parallel import Record, render_changed, stale_count
from lantern.patch import Previous, patched
from lantern.render import environment, prepare_for_workers
from lantern.routes import Routes, collect_static, plan
from lantern.search import NOT_INDEXED, search_parts, update_index

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
    indexed: bool = False  # whether Pagefind indexed the site again (its pages changed)


def build(
    site_dir: Path,
    options: BuildOptions,
    out_dir: Path | None = None,
    *,
    clean: bool = False,
    cache: memo.Memo | None = None,
    previous: Previous | None = None,
    changed: tuple[str, ...] = (),
    index: bool = True,
) -> BuildResult:
    """Read, check, plan, render and write a site; raises ProblemsFound on content errors.

    What an earlier build computed is reused from the cache in SITE/.lantern-cache/, unless
    `clean`; the output is the same either way. A caller that keeps the cache in memory between
    builds (the preview) passes it as `cache`; it is then neither read nor saved here, and
    `memo.current().successor()` is the cache for the next build. It may also pass the last
    good build's `state` as `previous`, with the files `changed` since: an edit of articles'
    text alone then patches that build instead of reading everything again. Without `index`,
    the search index is left as it is (the preview makes it once the pages are shown).
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
        made = _patched(site_dir, options, target, previous, changed) if previous else None
        made = made or _read(site_dir, config, options, target, code)
        return _write(site_dir, target, made, index)
    finally:
        if cache is None:
            save_cache(site_dir)


def patch_build(
    site_dir: Path,
    options: BuildOptions,
    out_dir: Path | None,
    previous: Previous,
    changed: tuple[str, ...],
) -> BuildResult | None:
    """The `previous` build patched with the `changed` files, when they are edits of articles'
    text alone; otherwise None, and a full build is due. It reads none of the build cache but
    what patched builds added to it, and adds to that alone (memo.save_later)."""
    cache_dir, code = site_dir / memo.CACHE_DIR, memo.code_version()
    memo.use(memo.load_later(cache_dir, code))
    # Patched builds since `previous` was made wrote pages: their records are the right ones.
    since = {file: memo.current().get("route", file) for file in previous.records}
    records = {file: Record(*record) for file, record in since.items() if record}
    previous = replace(previous, records={**previous.records, **records})
    config = previous.site.config  # site.yaml is not among the changed files, or no patch
    options = options.on_site_day(config.timezone)
    target = (out_dir or site_dir / config.output_dir).resolve()
    made = _patched(site_dir, options, target, previous, changed)
    if made is None:
        return None
    affected = made.suspects or set()
    if any(shows_others_text(route) for route in made.routes if route.file in affected):
        # A feed shows other articles' text too: its Markdown is in the build cache, read only
        # then (it is large), so that no text but the edited one is converted again.
        memo.current().fall_back_on(lambda: memo.read_pickle(cache_dir / memo.CACHE_FILE, code))
    result = _write(site_dir, target, made)
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        memo.save_later(memo.current(), cache_dir, code)
    return result


def save_cache(site_dir: Path) -> None:
    """Keep what this build computed; a cache that cannot be written only costs time."""
    with contextlib.suppress(OSError):
        memo.save(memo.current(), site_dir / memo.CACHE_DIR, memo.code_version())


@dataclass(frozen=True)
class _Made:
    """A site read and planned (or patched), with what the output folder holds of it already."""

    site: Site
    routes: Routes
    keys: dict[str, str]
    maker: KeyMaker
    warnings: tuple[Problem, ...]
    old: dict[str, Record]  # the output's files as the last build in this folder left them
    before: tuple[str, ...] | None  # every file that build wrote, when known
    suspects: set[str] | None = None  # the only files that may have changed, when known
    make_keys: Callable[[], None] | None = None  # fills `keys`, when still empty


def _patched(
    site_dir: Path,
    options: BuildOptions,
    target: Path,
    previous: Previous,
    changed: tuple[str, ...],
) -> _Made | None:
    assert options.today is not None
    patch = patched(previous, site_dir, changed, options.today)
    if patch is None or previous.out_dir != target or not is_complete(patch.routes.static):
        return None
    return _Made(
        patch.site,
        patch.routes,
        patch.keys,
        previous.maker,
        previous.warnings,
        previous.records,
        previous.files,
        {route.file for route in patch.affected},
    )


def _read(
    site_dir: Path, config: SiteConfig, options: BuildOptions, target: Path, code: str
) -> _Made:
    from lantern.content import read_all  # its loaders are not needed to patch a build
    from lantern.warm import read_ahead

    themes = theme_dirs(site_dir)
    problems = Problems()
    with read_ahead(site_dir, config, themes) as ahead:
        if ahead.started:  # while the workers read, this process has time for this
            prepare_for_workers(_site_environment(site_dir))
        site = read_all(site_dir, config, options, themes, problems, ahead.finish)
    if options.strict:
        problems = Problems([replace(p, severity="error") for p in problems.found])
    problems.stop_if_errors()
    assets = fingerprint(
        collect_static(themes, site_dir, site.media), site_dir / memo.CACHE_DIR / STORE
    )
    routes = plan(site, assets.copies, assets.names, partial(share_digest, site))
    maker = KeyMaker(site, routes, templates_digest(themes), code)
    cache = memo.current()
    same_place = cache.get("output", "dir") == str(target)
    found = {route.file: cache.get("route", route.file) for route in routes} if same_place else {}
    old = {file: Record(*record) for file, record in found.items() if record}
    before = cache.get("output", "files") if same_place else None
    keys: dict[str, str] = {}

    def make_keys() -> None:
        keys.update((route.file, maker.key(route)) for route in routes)

    # With an old output, the keys tell which routes to render again. Without, every route
    # renders, and the keys are needed only for the build cache: made while the workers render.
    if old:
        make_keys()
    later = None if old else make_keys
    return _Made(site, routes, keys, maker, problems.unique(), old, before, make_keys=later)


def _write(site_dir: Path, target: Path, made: _Made, index: bool = True) -> BuildResult:
    """Render what changed and bring the output folder up to date."""
    routes, keys, old, suspects = made.routes, made.keys, made.old, made.suspects
    candidates = routes if suspects is None else [r for r in routes if r.file in suspects]
    # A rebuild that changes a few files updates the output in place; any other writes it anew.
    in_place = bool(old) and target.is_dir() and stale_count(candidates, keys, old) * 2 <= len(keys)
    staging = None if in_place else Staging(target)
    try:
        rendered = render_changed(
            made.site,
            routes,
            _site_environment(site_dir, made.maker.templates),
            keys,
            old,
            target if old else None,
            staging,
            suspects,
            meanwhile=made.make_keys,
        )
        # The search index is made from the written pages: beside them, before a new site
        # takes the old one's place, so that the two always go together.
        parts = search_parts(routes)
        if staging is None:
            kept = {file: old[file].stamp for file in rendered.kept}
            written = update_site(rendered.files, routes.static, target, kept, made.before)
            searched = update_index(target, written.stamps, target, parts) if index else NOT_INDEXED
        else:
            written = staging.fill(routes.static, rendered.kept, rendered.written)
            searched = (
                update_index(staging.path, written.stamps, target, parts) if index else NOT_INDEXED
            )
            staging.swap()
    except BaseException:
        if staging is not None:
            staging.discard()
        raise
    made_now = {
        file: Record(key, data_digest, *written.stamps[file], uses)
        for file, (key, data_digest, uses) in rendered.records.items()
    }
    records = made_now if suspects is None else {**old, **made_now}  # see render_changed
    cache = memo.current()
    cache.put("output", "dir", str(target))
    cache.put("output", "files", tuple(written.stamps))
    for file, record in made_now.items():
        cache.put("route", file, tuple(record))
    state = Previous(
        made.site, routes, keys, made.maker, made.warnings, target, records, tuple(written.stamps)
    )
    return BuildResult(
        target,
        written.count + len(searched.stamps),
        made.warnings + searched.problems,
        tuple(written.changed) + (tuple(searched.stamps) if searched.has_run else ()),
        made.site.today,
        made.site.config.timezone,
        {**written.stamps, **searched.stamps},  # the bundle too: the output is all this
        state,
        suspects is not None,
        searched.has_run,
    )


def _site_environment(site_dir: Path, templates: str = "") -> jinja2.Environment:
    """The templates' environment; `templates`, their digest when already known."""
    themes = theme_dirs(site_dir)
    compiled = site_dir / memo.CACHE_DIR / "templates"
    return _environment(tuple(themes), compiled, templates or templates_digest(themes))


@lru_cache(maxsize=2)
def _environment(themes: tuple[Path, ...], compiled: Path, templates: str) -> jinja2.Environment:
    """One environment per version of the templates: a preview's rebuilds share it."""
    return environment(list(themes), compiled)


def theme_dirs(site_dir: Path) -> list[Path]:
    """The default theme, then the site's own templates/ folder when it has one."""
    own = site_dir.resolve() / "templates"
    return [DEFAULT_THEME] + ([own] if own.is_dir() and own != DEFAULT_THEME else [])
