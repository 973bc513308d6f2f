"""A trial read of the site as an import would leave it, in a scratch copy, before any writing.

The checks of po_import.py find the common mistakes at their PO line; this one finds the rest
(whatever the build would refuse in the new files), so an import never leaves a site that does
not build. The copy is made of hard links where the file system allows, so large media cost
nothing, in the site's cache folder, and is removed afterwards.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from lantern.errors import Problem, Problems
from lantern.memo import CACHE_DIR
from lantern.model import BuildOptions, SiteConfig
from lantern.translate.files import Planned, write_all

_SITE_PARTS = ("site.yaml", "site.yml", "content", "templates", "static")


def trial_errors(
    site_dir: Path, files: Planned, config: SiteConfig, today: dt.date, theme_dirs: list[Path]
) -> tuple[Problem, ...]:
    """The errors a build would find in the site with `files` written into it."""
    from lantern.content import read_all

    scratch_parent = site_dir / CACHE_DIR
    scratch_parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="translate-", dir=scratch_parent) as scratch:
        copy = Path(scratch)
        for part in _SITE_PARTS:
            _copy(site_dir / part, copy / part)
        write_all(copy, files)
        own = copy / "templates"
        dirs = theme_dirs[:1] + ([own] if own.is_dir() else [])
        problems = Problems()
        read_all(copy, config, BuildOptions(today=today), dirs, problems)
        return tuple(problems.errors)


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, copy_function=_link_or_copy)
    elif source.is_file():
        _link_or_copy(str(source), str(target))


def _link_or_copy(source: str, target: str) -> None:
    try:
        Path(target).hardlink_to(source)
    except OSError:  # another file system, or one without hard links
        shutil.copy2(source, target)
