"""build(): the stages in order, nothing else."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from lantern.config import load_config
from lantern.content import read_all
from lantern.errors import Problem, Problems
from lantern.model import BuildOptions
from lantern.output import write_site
from lantern.render import environment, render_all
from lantern.routes import collect_static, plan

DEFAULT_THEME = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    files_written: int
    warnings: tuple[Problem, ...]


def build(site_dir: Path, options: BuildOptions, out_dir: Path | None = None) -> BuildResult:
    """Read, check, plan, render and write a site; raises ProblemsFound on content errors."""
    config = load_config(site_dir)
    options = _with_today(options, config.timezone)
    problems = Problems()
    themes = theme_dirs(site_dir)
    site = read_all(site_dir, config, options, themes, problems)
    if options.strict:
        problems = Problems([replace(p, severity="error") for p in problems.found])
    problems.stop_if_errors()
    routes = plan(site, collect_static(themes, site_dir, site.media))
    files = render_all(site, routes, environment(themes))
    target = out_dir or site_dir / config.output_dir
    written = write_site(files, routes.static, target)
    return BuildResult(target, written, problems.unique())


def theme_dirs(site_dir: Path) -> list[Path]:
    """The default theme, then the site's own templates/ folder when it has one."""
    own = site_dir.resolve() / "templates"
    return [DEFAULT_THEME] + ([own] if own.is_dir() and own != DEFAULT_THEME else [])


def _with_today(options: BuildOptions, timezone: str) -> BuildOptions:
    """Today in the site's time zone, from the moment the command line read off the clock."""
    if options.today is not None:
        return options
    assert options.now is not None, "the command line gives either today or now"
    return replace(options, today=options.now.astimezone(ZoneInfo(timezone)).date())
