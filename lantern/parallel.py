"""Rendering what changed: routes whose inputs are as before keep their old file, the rest render,
across processes when there are enough of them to pay for it.

Worker processes are forked once the site is read and the templates are compiled, so each starts
with everything in memory and receives only route numbers; they send back bytes and what they
added to the memo. The output is the same, byte for byte, with one process or several.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import jinja2

from lantern import memo
from lantern.model import Site
from lantern.output import Staging, Stamp, stamp_of
from lantern.render import prepare_for_workers, render_route
from lantern.routes import Route, Routes

PARALLEL_FROM = 150  # routes to render; below this, starting processes costs more than it saves
MAX_WORKERS = 4
SMALLEST_CHUNK = 8  # items a worker takes at a time, at the end
# Routes that cost a few milliseconds or more each (lists, tags, feeds, images, the sitemap):
# rendered first, so that the last chunks are of cheap ones, and the workers end together.
_CHEAP_KINDS = ("article", "page")

Uses = tuple[tuple[str, str], ...]  # memo entries, as (kind, key)


class Record(NamedTuple):
    """What the build cache remembers of one output file."""

    inputs: str  # the digest of everything the route is made from
    output: str  # the digest of its bytes
    size: int
    mtime_ns: int
    uses: Uses  # the memo entries rendering it used (Markdown, images)

    @property
    def stamp(self) -> tuple[int, int]:
        return (self.size, self.mtime_ns)


@dataclass(frozen=True)
class Rendered:
    files: dict[str, bytes]  # new bytes for the caller to write (none when staging took them)
    written: dict[str, Stamp]  # files written into the staging folder
    kept: set[str]  # files of the old output that stay as they are
    records: dict[str, tuple[str, str, Uses]]  # inputs, output, uses


@dataclass(frozen=True)
class _Job:
    """What rendering a route needs, set before workers fork so that they inherit it."""

    site: Site
    routes: Routes
    env: jinja2.Environment
    old: dict[str, Record]
    old_dir: Path | None
    staging: Staging | None

    def still_there(self, file: str, record: Record) -> bool:
        return self.old_dir is not None and stamp_of(self.old_dir / file) == record.stamp

    def finish(self, route: Route) -> Outcome:
        """Render one route; its bytes are written into the staging folder when there is one."""
        cache = memo.current()
        cache.trace()
        data = render_route(self.site, self.routes, route, self.env)
        uses = cache.traced()
        data_digest = memo.digest(data)
        record = self.old.get(route.file)
        if record and record.output == data_digest and self.still_there(route.file, record):
            return Outcome(data_digest, uses, None, True)  # the same: the old file stays untouched
        if self.staging is None:
            return Outcome(data_digest, uses, data, False)
        return Outcome(data_digest, uses, None, False, self.staging.write(route.file, data))


class Outcome(NamedTuple):
    output: str  # the digest of the bytes
    uses: Uses
    data: bytes | None  # the bytes, when the caller writes them
    same: bool  # the old output file already has these bytes
    stamp: Stamp | None = None  # of the file written into the staging folder


def render_changed(
    site: Site,
    routes: Routes,
    env: jinja2.Environment,
    keys: dict[str, str],
    old: dict[str, Record],
    old_dir: Path | None,
    staging: Staging | None = None,
    suspects: set[str] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Rendered:
    """Render the routes whose inputs changed; keep every old file that is still right.

    With a staging folder, new files are written into it, by whichever process rendered them.
    `suspects`, when given, are the only files that may have changed since the old output was
    written (a patched build knows): the others are kept without looking at the output folder,
    and left out of the records, which are the old ones (and so are their build cache entries).
    `meanwhile` is work for this process while the routes render (before any is recorded).
    """
    job = _Job(site, routes, env, old, old_dir, staging)
    kept: set[str] = set()
    records: dict[str, tuple[str, str, Uses]] = {}
    todo = []
    if suspects is not None:  # a patched build: every other file is as the old build left it
        kept = {route.file for route in routes if route.file not in suspects}
        routes = Routes(tuple(route for route in routes if route.file in suspects), routes.static)
    for route in routes:
        record = old.get(route.file)
        if record and record.inputs == keys[route.file] and job.still_there(route.file, record):
            kept.add(route.file)
            records[route.file] = (record.inputs, record.output, record.uses)
            memo.current().keep(record.uses)  # for the day this route renders again
        else:
            todo.append(route)
    files: dict[str, bytes] = {}
    written: dict[str, Stamp] = {}
    for route, outcome in zip(todo, _finish_all(job, todo, meanwhile), strict=True):
        records[route.file] = (keys[route.file], outcome.output, outcome.uses)
        if outcome.same:
            kept.add(route.file)
        elif outcome.data is not None:
            files[route.file] = outcome.data
        else:
            assert outcome.stamp is not None, "written into the staging folder"
            written[route.file] = outcome.stamp
    return Rendered(files, written, kept, records)


def stale_count(routes: Iterable[Route], keys: dict[str, str], old: dict[str, Record]) -> int:
    """How many routes must render again, at most (a file missing from the output adds one)."""
    return sum(
        1 for route in routes if route.file not in old or old[route.file].inputs != keys[route.file]
    )


def _finish_all(
    job: _Job, todo: list[Route], meanwhile: Callable[[], None] | None = None
) -> list[Outcome]:
    """Each route's outcome, in order; across worker processes when there are enough, while
    this one does `meanwhile`."""
    count = workers()
    if len(todo) < PARALLEL_FROM or count < 2 or not can_fork():
        if meanwhile:
            meanwhile()
        return [job.finish(route) for route in todo]
    prepare_for_workers(job.env)  # once, here, and inherited by every worker
    order = sorted(range(len(todo)), key=lambda index: todo[index].kind in _CHEAP_KINDS)
    global _forked
    _forked = (job, [todo[index] for index in order], memo.current())
    import multiprocessing  # only here: a small rebuild needs none of its 10 ms

    context = multiprocessing.get_context("fork")
    outcomes: list[Outcome] = []
    # Frozen objects are left alone by the garbage collector: the workers then neither walk the
    # whole site nor, by touching it, copy the memory they share with this process.
    gc.freeze()
    try:
        with context.Pool(count) as pool:
            results = pool.imap(_finish_chunk, spans(len(todo), count))
            if meanwhile:
                meanwhile()
            for finished, made, used in results:
                outcomes += finished
                memo.current().merge(made, used)
    finally:
        _forked = None
        gc.unfreeze()
    by_index = dict(zip(order, outcomes, strict=True))
    return [by_index[index] for index in range(len(todo))]


_forked: tuple[_Job, list[Route], memo.Memo] | None = None


def _finish_chunk(span: tuple[int, int]) -> tuple[list[Outcome], Any, Any]:
    assert _forked is not None, "set before the workers were forked"
    job, todo, parent = _forked
    if memo.current() is parent:  # this worker's first chunk
        memo.use(parent.fork())
    finished = [job.finish(route) for route in todo[span[0] : span[1]]]
    made, used = memo.current().changes()
    return finished, made, used


def spans(count: int, processes: int) -> list[tuple[int, int]]:
    """`count` items cut into consecutive chunks for `processes` workers: each chunk a quarter
    of one worker's share of what is left, so few round trips at first, and small chunks at
    the end, where a long one would leave one worker at work and the others idle."""
    found, start = [], 0
    while start < count:
        size = max(SMALLEST_CHUNK, -(-(count - start) // (processes * 4)))
        found.append((start, min(start + size, count)))
        start += size
    return found


def workers() -> int:
    """One per core, up to four; LANTERN_WORKERS=N sets it (1: one process)."""
    chosen = os.environ.get("LANTERN_WORKERS", "")
    return int(chosen) if chosen.isdigit() else min(MAX_WORKERS, _cpus())


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking copies only the calling thread: with other threads about (a test runner, a
    preview server), a lock one of them held could never be released in the child."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
