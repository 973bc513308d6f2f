"""The search index: Pagefind run over the written site, when its pages have changed.

Pagefind reads the output's HTML pages (only what is inside `data-pagefind-body`, which
base.html puts on the `main` of each document's page), makes an index of each language from
`<html lang>`, and writes a bundle, which the search pages load. It cannot update an index in
place, and a whole large site takes it seconds; so each language's pages are split into parts of
at most about PART_PAGES, each its own bundle under pagefind/ that the search page merges
(Pagefind's mergeIndex). The digest of the stamps of each part's pages is kept in the build
cache: an edit makes again only the part its page is in (a tenth of a second), and a build whose
pages are the same (a file with the same bytes is not written again) runs no Pagefind at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lantern import memo
from lantern.errors import Position, Problem
from lantern.routes import SEARCH_BUNDLE, Route

Stamp = tuple[int, int]  # (size, mtime_ns), as lantern.output gives them
Started = Callable[["subprocess.Popen[str]"], None]

# What an editor marks to keep out of the search (docs/editor-guide.md): a class, which
# Markdown's attribute lists and the raw HTML editors may write can both give.
EDITORS_IGNORE = ".no-search"
_ENTRY = "pagefind-entry.json"  # the file Pagefind writes last: the bundle is whole with it
_HINT = "run `pip install -r requirements.txt`, which installs Pagefind, then build again"

# The pages Pagefind indexes (their `main` carries data-pagefind-body): each document once, not
# the lists, tags and home pages that repeat their titles and summaries.
INDEXED_KINDS = ("article", "page", "hotline", "fact-sheet", "event", "campaign")
# How many pages one part of a language's index holds at most (about): Pagefind indexes sixty in
# a tenth of a second, but a whole large site in seconds.
PART_PAGES = 32


def search_parts(routes: Iterable[Route]) -> dict[str, tuple[str, ...]]:
    """The parts of the search index ("pagefind/en-3/"), each a Pagefind bundle of its own that
    the search page merges, with the pages each indexes. Pagefind cannot update an index, so an
    edit makes again only the part its page is in. A page's part follows from its file name and
    the number of its language's parts, which doubles as the pages pass each PART_PAGES."""
    by_lang: dict[str, list[str]] = {}
    for route in routes:
        if route.kind in INDEXED_KINDS:
            by_lang.setdefault(route.lang, []).append(route.file)
    parts: dict[str, list[str]] = {}
    for lang, files in by_lang.items():
        count = 1
        while count * PART_PAGES < len(files):
            count *= 2
        for file in files:
            number = int(hashlib.sha256(file.encode()).hexdigest()[:8], 16) % count
            parts.setdefault(f"{SEARCH_BUNDLE}{lang}-{number}/", []).append(file)
    return {part: tuple(sorted(files)) for part, files in sorted(parts.items())}


@dataclass(frozen=True)
class Indexed:
    """What indexing left in the output: the bundle's files, and whether Pagefind ran."""

    stamps: dict[str, Stamp]
    has_run: bool
    problems: tuple[Problem, ...] = ()


NOT_INDEXED = Indexed({}, has_run=False)  # a build told to leave the index alone


def update_index(
    site: Path,
    stamps: dict[str, Stamp],
    out_dir: Path,
    parts: dict[str, tuple[str, ...]],
    started: Started | None = None,
) -> Indexed:
    """Index the pages in `site` (the output folder, or a full build's staging folder that will
    take its place), part by part (`parts`, from search_parts), leaving alone each part whose
    pages are those it indexed last; `stamps` are every file's there, and `out_dir` is the
    output, which holds the last index. A part that cannot be made is a warning: its pages are
    right, only their search is missing or old. `started` is given each Pagefind process, which
    a caller may stop (the preview, on a new edit): the parts not made yet keep their old index."""
    cache = memo.current()
    due: dict[str, str] = {}
    for part, files in parts.items():
        pages = memo.digest("search", part, *(f"{f}:{stamps.get(f)}" for f in files))
        if cache.get("search", part) == pages and (out_dir / part / _ENTRY).is_file():
            if site != out_dir:  # a staging folder: the index it will need is the old one
                _link_tree(out_dir / part, site / part)
        else:
            due[part] = pages
    made = _run_pagefind(site, out_dir, {part: parts[part] for part in due}, started)
    for part, result in made.items():
        if result is True:
            cache.put("search", part, due[part])
        elif site != out_dir and (out_dir / part / _ENTRY).is_file():
            _link_tree(out_dir / part, site / part)  # not made: the old part is still right
    _remove_other_parts(site / SEARCH_BUNDLE, parts)
    problems = [result for result in made.values() if isinstance(result, Problem)]
    stamps = _bundle_stamps(
        site, parts, remade={part for part, done in made.items() if done is True}
    )
    return Indexed(stamps, has_run=True in made.values(), problems=tuple(problems[:1]))


def _bundle_stamps(
    site: Path, parts: dict[str, tuple[str, ...]], remade: set[str]
) -> dict[str, Stamp]:
    """The stamps of the index's files: looked up again only in the parts made now (a part
    left alone, or linked into a staging folder, keeps its files and their stamps)."""
    cache = memo.current()
    found: dict[str, Stamp] = {}
    for part in parts:
        known = None if part in remade else cache.get("search files", part)
        if known is None or not (site / part / _ENTRY).is_file():
            known = _stamps_under(site, part)
        cache.put("search files", part, known)
        found.update(known)
    return found


def _stamps_under(site: Path, part: str) -> dict[str, Stamp]:
    """The stamps of one part's files, by their path in the output."""
    found: dict[str, Stamp] = {}
    for folder, _, names in os.walk(site / part):
        prefix = Path(folder).relative_to(site).as_posix() + "/"
        for name in names:
            stat = (Path(folder) / name).stat()
            found[prefix + name] = (stat.st_size, stat.st_mtime_ns)
    return dict(sorted(found.items()))


Made = Problem | bool  # True once in place, False when stopped, else why not


def _run_pagefind(
    site: Path, out_dir: Path, parts: dict[str, tuple[str, ...]], started: Started | None
) -> dict[str, Made]:
    """Make each part in a folder beside the output, then put it in place of the old; parts run
    side by side, one per processor."""
    if not parts:
        return {}
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]

        program = str(get_executable())
    except (ImportError, FileNotFoundError):
        missing = Problem(Position("requirements.txt"), _MISSING, _HINT, "warning")
        return dict.fromkeys(parts, missing)
    # Named as lantern.output names what a build leaves beside the output, so that the next
    # build clears it away when this one is killed.
    scratch = Path(
        tempfile.mkdtemp(prefix=f".{out_dir.name}.search-{os.getpid()}-", dir=out_dir.parent)
    )
    stopped = threading.Event()

    def make(numbered: tuple[int, str]) -> Made:
        number, part = numbered
        if stopped.is_set():
            return False
        made = _index_part(program, site, scratch / str(number), parts[part], started)
        if made is False:
            stopped.set()  # the caller stopped one: it wants none of the others either
        if made is not True:
            return made
        _keep_unchanged(scratch / str(number) / "bundle", out_dir / part)
        bundle = site / part
        if bundle.exists():
            bundle.rename(scratch / str(number) / "old")
        bundle.parent.mkdir(parents=True, exist_ok=True)
        (scratch / str(number) / "bundle").rename(bundle)
        return True

    try:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            results = list(pool.map(make, enumerate(parts)))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return dict(zip(parts, results, strict=True))


def _index_part(
    program: str, site: Path, work: Path, files: tuple[str, ...], started: Started | None
) -> Made:
    """Pagefind run over one part's pages, linked into a folder of their own at their own paths
    (so that the index gives their addresses), into work/bundle."""
    pages, made = work / "pages", work / "bundle"
    for file in files:
        _link(site / file, pages / file)
    command = [program, "--site", str(pages), "--output-path", str(made), "--silent"]
    command += ["--exclude-selectors", EDITORS_IGNORE]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if started is not None:
        started(process)
    output, errors = process.communicate()
    if process.returncode < 0:  # stopped by a signal: by the caller
        return False
    if process.returncode != 0 or not (made / _ENTRY).is_file():
        said = (errors or output).strip().splitlines()
        message = _FAILED.format(said[-1] if said else f"exit status {process.returncode}")
        return Problem(Position(SEARCH_BUNDLE), message, _HINT, "warning")
    _sort_entry(made / _ENTRY)
    for unused in _UNUSED:  # Pagefind's own interfaces: the search page has its own
        (made / unused).unlink(missing_ok=True)
    return True


# What each bundle has and no page of the site loads (the search page uses the JS API alone).
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def _remove_other_parts(bundle: Path, parts: dict[str, tuple[str, ...]]) -> None:
    """What pagefind/ holds besides the parts: parts a smaller site had, or an older layout."""
    if not bundle.is_dir():
        return
    wanted = {Path(part).name for part in parts}
    for path in bundle.iterdir():
        if path.name not in wanted:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


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
    new.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(old, new)
    except OSError:  # a file system without hard links: a copy keeps the bytes and the time
        shutil.copy2(old, new)


_MISSING = "Pagefind is not installed, so the site was built without its search index"
_FAILED = "Pagefind could not index the site, so its search shows the last index made: {}"
