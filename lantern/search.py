"""The search index: Pagefind run over the written site, when its pages have changed.

Pagefind reads the output's HTML pages (only what is inside `data-pagefind-body`, which
base.html puts on the `main` of each document's page), makes one index per language from
`<html lang>`, and writes its bundle to pagefind/, which the search pages load. It cannot
update an index in place: a changed page means indexing the whole site again, so the digest of
the pages' stamps it indexed is kept in the build cache, and a build whose pages are the same
(stamps unchanged: a file with the same bytes is not written again) leaves the bundle alone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lantern import memo
from lantern.errors import Position, Problem
from lantern.routes import SEARCH_BUNDLE

Stamp = tuple[int, int]  # (size, mtime_ns), as lantern.output gives them
Started = Callable[["subprocess.Popen[str]"], None]

# What an editor marks to keep out of the search (docs/editor-guide.md): a class, which
# Markdown's attribute lists and the raw HTML editors may write can both give.
EDITORS_IGNORE = ".no-search"
_ENTRY = "pagefind-entry.json"  # the file Pagefind writes last: the bundle is whole with it
_HINT = "run `pip install -r requirements.txt`, which installs Pagefind, then build again"


@dataclass(frozen=True)
class Indexed:
    """What indexing left in the output: the bundle's files, and whether Pagefind ran."""

    stamps: dict[str, Stamp]
    has_run: bool
    problems: tuple[Problem, ...] = ()


NOT_INDEXED = Indexed({}, has_run=False)  # a build told to leave the index alone


def update_index(
    site: Path, stamps: dict[str, Stamp], out_dir: Path, started: Started | None = None
) -> Indexed:
    """Index the pages in `site` (the output folder, or a full build's staging folder that will
    take its place) unless they are the pages indexed last; `stamps` are every file's there, and
    `out_dir` is the output, which holds the last index. A site that cannot be indexed is a
    warning: its pages are right, only its search is missing or old. `started` is given the
    Pagefind process, which a caller may stop (the preview, on a new edit): the old index stays."""
    pages = memo.digest(
        "search",
        *(
            f"{file}:{size}:{mtime}"
            for file, (size, mtime) in sorted(stamps.items())
            if file.endswith(".html")
        ),
    )
    old = out_dir / SEARCH_BUNDLE
    cache = memo.current()
    if cache.get("search", "pages") == pages and (old / _ENTRY).is_file():
        if site != out_dir:  # a staging folder: the index it will need is the old one
            _link_tree(old, site / SEARCH_BUNDLE)
        return Indexed(bundle_stamps(site), has_run=False)
    made = _run_pagefind(site, out_dir, started or (lambda process: None))
    if made is not True:
        problems = (made,) if isinstance(made, Problem) else ()
        return Indexed(bundle_stamps(site), has_run=False, problems=problems)
    cache.put("search", "pages", pages)
    return Indexed(bundle_stamps(site), has_run=True)


def bundle_stamps(site: Path) -> dict[str, Stamp]:
    """The stamps of the bundle's files, by their path in the output."""
    found: dict[str, Stamp] = {}
    for folder, _, names in os.walk(site / SEARCH_BUNDLE):
        prefix = Path(folder).relative_to(site).as_posix() + "/"
        for name in names:
            stat = (Path(folder) / name).stat()
            found[prefix + name] = (stat.st_size, stat.st_mtime_ns)
    return dict(sorted(found.items()))


def _run_pagefind(site: Path, out_dir: Path, started: Started) -> Problem | bool:
    """Index into a folder beside the output, then put the whole bundle in place of the old;
    True once done, False when the process was stopped."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]

        program = get_executable()
    except (ImportError, FileNotFoundError):
        return Problem(Position("requirements.txt"), _MISSING, _HINT, "warning")
    # Named as lantern.output names what a build leaves beside the output, so that the next
    # build clears it away when this one is killed.
    scratch = Path(
        tempfile.mkdtemp(prefix=f".{out_dir.name}.search-{os.getpid()}-", dir=out_dir.parent)
    )
    try:
        made = scratch / "bundle"
        command = [str(program), "--site", str(site), "--output-path", str(made), "--silent"]
        command += ["--exclude-selectors", EDITORS_IGNORE]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        started(process)
        output, errors = process.communicate()
        if process.returncode < 0:  # stopped by a signal: by the caller
            return False
        if process.returncode != 0 or not (made / _ENTRY).is_file():
            said = (errors or output).strip().splitlines()
            message = _FAILED.format(said[-1] if said else f"exit status {process.returncode}")
            return Problem(Position(SEARCH_BUNDLE), message, _HINT, "warning")
        _sort_entry(made / _ENTRY)
        _keep_unchanged(made, out_dir / SEARCH_BUNDLE)
        bundle = site / SEARCH_BUNDLE
        if bundle.exists():
            bundle.rename(scratch / "old")
        made.rename(bundle)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return True


def _sort_entry(entry: Path) -> None:
    """List the languages in the same order on every run, as the rest of the bundle is: Pagefind
    writes them in an order of its own, and the same site must give the same bytes."""
    found = json.loads(entry.read_text(encoding="utf-8"))
    found["languages"] = dict(sorted(found["languages"].items()))
    entry.write_text(json.dumps(found, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _keep_unchanged(made: Path, old: Path) -> None:
    """A new file with the same bytes as the old one becomes the old file, with its time stamp,
    so that an upload sees only the index files that changed."""
    if not old.is_dir():
        return
    for folder, _, names in os.walk(made):
        for name in names:
            new = Path(folder) / name
            before = old / new.relative_to(made)
            if _same_bytes(before, new):
                _link(before, new)


def _same_bytes(old: Path, new: Path) -> bool:
    if not old.is_file() or old.stat().st_size != new.stat().st_size:
        return False
    return old.read_bytes() == new.read_bytes()


def _link_tree(source: Path, target: Path) -> None:
    for folder, _, names in os.walk(source):
        for name in names:
            old = Path(folder) / name
            new = target / old.relative_to(source)
            new.parent.mkdir(parents=True, exist_ok=True)
            _link(old, new)


def _link(old: Path, new: Path) -> None:
    """`new` becomes `old`'s bytes and time stamp; `old` stays where it is, for the live site."""
    new.unlink(missing_ok=True)
    try:
        os.link(old, new)
    except OSError:  # a file system without hard links: a copy keeps the bytes and the time
        shutil.copy2(old, new)


_MISSING = "Pagefind is not installed, so the site was built without its search index"
_FAILED = "Pagefind could not index the site, so its search shows the last index made: {}"
