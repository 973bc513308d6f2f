"""Rendering what changed: routes whose inputs are as before keep their old file, the rest render,
across processes when there are enough of them to pay for it.

Worker processes are forked once the site is read and the templates are compiled, so each starts
with everything in memory and receives only route numbers; they send back bytes and what they
added to the memo. The output is the same, byte for byte, with one process or several.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from lantern import memo
from lantern.model import Site
from lantern.output import stamp_of
from lantern.render import render_route
from lantern.routes import Route, Routes

PARALLEL_FROM = 150  # routes to render; below this, starting processes costs more than it saves
MAX_WORKERS = 4

Record = tuple[str, str, int, int]  # (inputs digest, output digest, size, mtime_ns)


@dataclass(frozen=True)
class Rendered:
    files: dict[str, bytes]  # new bytes to write
    kept: set[str]  # files of the old output that stay as they are
    records: dict[str, tuple[str, str]]  # every route's (inputs digest, output digest)


def render_changed(
    site: Site,
    routes: Routes,
    env: jinja2.Environment,
    keys: dict[str, str],
    old: dict[str, Record],
    old_dir: Path | None,
) -> Rendered:
    """Render the routes whose inputs changed; keep every old file that is still right."""

    def still_there(file: str, record: Record) -> bool:
        return old_dir is not None and stamp_of(old_dir / file) == record[2:]

    kept: set[str] = set()
    records: dict[str, tuple[str, str]] = {}
    todo = []
    for route in routes:
        record = old.get(route.file)
        if record and record[0] == keys[route.file] and still_there(route.file, record):
            kept.add(route.file)
            records[route.file] = (record[0], record[1])
        else:
            todo.append(route)
    files = {}
    for file, data in render_routes(site, routes, todo, env).items():
        data_digest = memo.digest(data)
        records[file] = (keys[file], data_digest)
        record = old.get(file)
        if record and record[1] == data_digest and still_there(file, record):
            kept.add(file)  # rendered again, came out the same: the old file stays untouched
        else:
            files[file] = data
    return Rendered(files, kept, records)


def render_routes(
    site: Site, routes: Routes, todo: list[Route], env: jinja2.Environment
) -> dict[str, bytes]:
    """Each route's bytes, by output file."""
    workers = _workers()
    if len(todo) < PARALLEL_FROM or workers < 2 or not _can_fork():
        return {route.file: render_route(site, routes, route, env) for route in todo}
    for name in sorted({route.template for route in todo if route.template}):
        env.get_template(name)  # compiled once, here, and inherited by every worker
    global _job
    _job = (site, routes, todo, env, memo.current())
    chunks = _chunks(len(todo), workers * 4)
    context = multiprocessing.get_context("fork")
    files: dict[str, bytes] = {}
    try:
        with context.Pool(workers) as pool:
            for rendered, made, used in pool.imap(_render_chunk, chunks):
                files.update(rendered)
                memo.current().merge(made, used)
    finally:
        _job = None
    return files


_job: tuple[Site, Routes, list[Route], jinja2.Environment, memo.Memo] | None = None


def _render_chunk(span: tuple[int, int]) -> tuple[dict[str, bytes], Any, Any]:
    assert _job is not None, "set before the workers were forked"
    site, routes, todo, env, parent = _job
    memo.use(parent.fork())
    rendered = {
        route.file: render_route(site, routes, route, env) for route in todo[span[0] : span[1]]
    }
    made, used = memo.current().changes()
    return rendered, made, used


def _chunks(count: int, parts: int) -> list[tuple[int, int]]:
    size = max(1, -(-count // parts))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def _workers() -> int:
    """One per core, up to four; LANTERN_WORKERS=N sets it (1: one process)."""
    chosen = os.environ.get("LANTERN_WORKERS", "")
    return int(chosen) if chosen.isdigit() else min(MAX_WORKERS, _cpus())


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    """Forking copies only the calling thread: with other threads about (a test runner, a
    preview server), a lock one of them held could never be released in the child."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
