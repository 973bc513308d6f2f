"""The preview: build the site, serve it, rebuild on every change, and reload the open pages.

Made of the livereload package's pieces (its websocket handshake and its browser client,
livereload.js) put together so as to avoid two of its traps: the package's loader is an inline
script, which the site's own Content-Security-Policy rightly blocks, so pages here get a
same-origin <script src>; and it drops any change within 3 seconds of the last reload, so this
server watches the files itself and reloads the pages after every build, however quick the edits.

A build that fails leaves the last good site served; every page then shows the problems in a box
until a build succeeds. The cache stays in memory between builds, so a rebuild redoes only what
the change affects.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import mimetypes
import signal
import socket
import subprocess
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import ioloop, web

from lantern import memo
from lantern.errors import Problem, ProblemsFound
from lantern.model import BuildOptions
from lantern.patch import Previous
from lantern.pipeline import DEFAULT_THEME, build
from lantern.preview_pages import resolve, versioned, with_preview
from lantern.search import Indexed, search_parts, update_index
from lantern.watch import Watcher

PREVIEW_DIR = "preview"  # inside SITE/.lantern-cache/: the preview never touches the real output
_OWN_FILES = Path(__file__).parent  # preview.css (the problem box) and preview.js (the swap)

Say = Callable[[str], None]  # prints one line for the editor


@dataclass(frozen=True)
class Outcome:
    """What the last build left."""

    problems: tuple[Problem, ...] = ()  # why it failed; () when it succeeded
    warnings: tuple[Problem, ...] = ()
    seconds: float = 0.0
    files_changed: int = 0
    patched: bool = False  # the build patched the one before (articles' text alone changed)


class Preview:
    """The site being previewed: builds it, and remembers the outcome of the last build."""

    def __init__(self, site_dir: Path, options: BuildOptions) -> None:
        self.site_dir = site_dir.resolve()
        self.out_dir = self.site_dir / memo.CACHE_DIR / PREVIEW_DIR
        self.options = options
        self.outcome = Outcome()
        self._cache = memo.load(self.site_dir / memo.CACHE_DIR, memo.code_version())
        self._last_good: Previous | None = None
        self._changed: set[str] = set()  # files changed since the last good build
        self._stamps: dict[str, tuple[int, int]] = {}  # the last good build's output files
        self._indexers: list[subprocess.Popen[str]] = []  # Pagefind's, while they run

    def build(self, changed: list[str] | None = None) -> Outcome:
        """Build; `changed` names the files changed since the last call (None: unknown)."""
        started = time.perf_counter()
        options = replace(self.options, now=dt.datetime.now(dt.UTC))
        if changed is None:
            self._last_good = None
        self._changed.update(changed or ())
        try:
            result = build(
                self.site_dir,
                options,
                self.out_dir,
                cache=self._cache,
                previous=self._last_good,
                changed=tuple(sorted(self._changed)),
                index=False,  # made after the pages are shown: see index_search
            )
        except ProblemsFound as found:
            outcome = Outcome(found.problems, seconds=time.perf_counter() - started)
            self._cache = memo.current().everything()  # what the good build before knew, too
        else:
            seconds = time.perf_counter() - started
            outcome = Outcome((), result.warnings, seconds, len(result.changed), result.patched)
            # A patched build read only the changed files: the others' entries are still good.
            self._cache = (
                memo.current().everything() if result.patched else memo.current().successor()
            )
            self._last_good, self._changed = result.state, set()
            self._stamps = result.stamps
        self.outcome = outcome
        return outcome

    def index_search(self) -> Indexed:
        """Make the search index of the last good build, when its pages changed: the server
        asks once the pages have reloaded, so that an edit shows at once."""
        memo.use(self._cache)  # the cache keeps which pages the index was made of
        try:
            parts = search_parts(self._last_good.routes) if self._last_good else {}
            return update_index(
                self.out_dir, self._stamps, self.out_dir, parts, self._indexers.append
            )
        finally:
            self._indexers = []

    def stop_indexing(self) -> None:
        """From another thread: stop the index being made (an edit came); the old one stays."""
        for indexer in list(self._indexers):
            indexer.terminate()  # does nothing to a process that has ended

    def save_cache(self) -> None:
        """Leave all the preview knows for the next build on the command line: after a patched
        build, that includes what the pages it left alone were made from."""
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            folder = self.site_dir / memo.CACHE_DIR
            memo.save_entries(self._cache.known(), folder, memo.code_version())


class Server:
    """The preview's web server; builds run one at a time, off the thread that serves."""

    def __init__(self, preview: Preview, host: str, port: int, say: Say) -> None:
        self.preview = preview
        self.say = say
        self.port = port
        self.loop: ioloop.IOLoop | None = None
        self._builder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lantern-build")
        # The addresses this server answers to; a page from anywhere else reads nothing.
        names = {"127.0.0.1", "localhost", "[::1]", host}
        if host in ("0.0.0.0", "::"):
            names.add(lan_address())
        self.origins = {f"{name}:{port}" for name in names}
        self._pending: list[str] = []
        self._building = False
        self._indexing = False

    def application(self) -> web.Application:
        this: dict[str, Any] = {"server": self}
        return web.Application(
            [
                (r"/livereload", _ReloadSocket, this),
                (r"/livereload\.js", _ReloadScript, this),
                (r"/__lantern/(preview\.(?:css|js))", _OwnFile, this),
                (r"/(.*)", _SiteFiles, this),
            ],
            websocket_ping_interval=20,
        )

    def on_change(self, names: list[str]) -> None:
        """From the watcher's thread: build on the loop's, after any build already running."""
        assert self.loop is not None
        self.loop.add_callback(self._queue, names)

    def _queue(self, names: list[str]) -> None:
        self._pending += names
        if not self._building:
            self._start_build()
        elif self._indexing:
            self.preview.stop_indexing()  # the edit first: the index is made again after it

    def _start_build(self) -> None:
        assert self.loop is not None
        names, self._pending = self._pending, []
        self._building = True
        future = self.loop.run_in_executor(self._builder, self.preview.build, names)
        self.loop.add_future(future, lambda done: self._built(names, done))

    def _built(self, names: list[str], done: Any) -> None:
        self._building = False
        try:
            outcome = done.result()
        except Exception as error:  # a bug in Lantern: said, and the server goes on
            self.say(f"build.py serve: internal error, please report it: {error!r}")
            self.say("".join(traceback.format_exception(error)).rstrip())
        else:
            report(names, outcome, self.say)
            _reload_pages()
        if self._pending:
            self._start_build()
        elif not self.preview.outcome.problems:
            self._start_index()

    def after_first_build(self) -> None:
        """The first build's index, unless an edit came meanwhile: its build indexes after."""
        if not self._building and not self.preview.outcome.problems:
            self._start_index()

    def _start_index(self) -> None:
        assert self.loop is not None
        self._building = self._indexing = True
        started = time.perf_counter()
        future = self.loop.run_in_executor(self._builder, self.preview.index_search)
        self.loop.add_future(future, lambda done: self._indexed(done, started))

    def _indexed(self, done: Any, started: float) -> None:
        self._building = self._indexing = False
        indexed = done.result()
        if indexed.has_run:
            seconds = time.perf_counter() - started
            self.say(f"{dt.datetime.now():%H:%M:%S} search index made in {seconds:.2f} s")
        for problem in indexed.problems:
            self.say(f"  {problem}")
        if self._pending:
            self._start_build()


def report(names: list[str], outcome: Outcome, say: Say) -> None:
    say(describe(names, outcome))
    for problem in (*outcome.problems, *outcome.warnings):
        say(f"  {problem}")


def describe(names: list[str], outcome: Outcome) -> str:
    """One line per rebuild: what changed, and what came of it."""
    when = dt.datetime.now().strftime("%H:%M:%S")
    what = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    if outcome.problems:
        count = sum(1 for problem in outcome.problems if problem.severity == "error")
        return (
            f"{when} {what}: {count} error(s) in {outcome.seconds:.2f} s;"
            " the last good site is still served"
        )
    return (
        f"{when} {what}: built in {outcome.seconds:.2f} s, {outcome.files_changed} file(s) changed"
    )


def _reload_pages() -> None:
    message = {"command": "reload", "path": "*", "liveCSS": False, "liveImg": False}
    for page in list(LiveReloadHandler.waiters):
        try:
            page.write_message(message)
        except Exception:  # a tab closed mid-send: it is gone, the others still reload
            LiveReloadHandler.waiters.discard(page)


class _OwnAddressOnly(web.RequestHandler):
    """Answers only requests made to this server's own address: a page on another site whose
    name was made to point here (DNS rebinding) gets nothing, not even the reload socket."""

    def initialize(self, server: Server) -> None:
        self.server = server

    def prepare(self) -> None:
        if self.request.host not in self.server.origins:
            raise web.HTTPError(403)


class _ReloadSocket(_OwnAddressOnly, LiveReloadHandler):  # type: ignore[misc]
    """The livereload protocol's socket (the package's handshake), for this server's pages only.

    Tornado (6.6) does not ask check_origin when the Origin names the same host as the Host
    header, as a rebound page's does; prepare's check of the Host refuses that one.
    """

    def check_origin(self, origin: str) -> bool:
        return _host_of(origin) in self.server.origins


class _ReloadScript(_OwnAddressOnly, LiveReloadJSHandler):  # type: ignore[misc]
    """livereload.js, the package's browser client."""


class _OwnFile(_OwnAddressOnly):
    """The preview's own stylesheet and script, which no built site has."""

    def get(self, name: str) -> None:
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        self.set_header("Content-Type", f"{kind}; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")
        self.write((_OWN_FILES / name).read_bytes())


class _SiteFiles(_OwnAddressOnly):
    """The preview's output folder, as a static host serves it, with the live-reload client."""

    def head(self, path: str) -> None:
        self.get(path)

    def get(self, path: str) -> None:
        # A file asked for by its version (pages name their stylesheets, scripts and images so,
        # see `versioned`) never changes: a reload after an edit fetches the page alone. Any
        # other answer is checked again on every load, so an edit shows at once.
        by_version = self.get_query_argument("v", "") != ""
        self.set_header(
            "Cache-Control", "max-age=31536000, immutable" if by_version else "no-cache"
        )
        self.set_header("X-Content-Type-Options", "nosniff")
        found = resolve(self.server.preview.out_dir, path)
        if found is None:
            self._not_found()
        elif found.is_dir():
            self.redirect(self.request.path + "/")
        else:
            self._send(found)

    def _not_found(self) -> None:
        self.set_status(404)
        page = self.server.preview.out_dir / "404.html"
        if page.is_file():
            self._send(page)
            return
        self.set_header("Content-Type", "text/html; charset=utf-8")
        empty = b"<!DOCTYPE html><html><head><title>Not found</title></head><body></body></html>"
        self.finish(with_preview(empty, self.server.port, self.server.preview.outcome.problems))

    def _send(self, file: Path) -> None:
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        data = file.read_bytes()
        if kind == "text/html":
            data = versioned(data, self.server.preview.out_dir)
            data = with_preview(data, self.server.port, self.server.preview.outcome.problems)
            kind += "; charset=utf-8"
        elif kind.startswith("text/") or kind in ("application/xml", "application/json"):
            kind += "; charset=utf-8"
        self.set_header("Content-Type", kind)
        self.finish(data)


def lan_address() -> str:
    """This machine's address on its local network (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def _host_of(origin: str) -> str:
    return origin.split("://", 1)[-1].rstrip("/")


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")


def serve(site_dir: Path, options: BuildOptions, host: str, port: int, say: Say) -> int:
    """Build, then serve until interrupted; returns the exit status. `say` prints a line."""
    logging.getLogger("tornado.access").setLevel(logging.ERROR)  # a 404 is no news to an editor
    preview = Preview(site_dir, options)
    server = Server(preview, host, port, say)
    server.loop = loop = ioloop.IOLoop.current()
    # Watched from before the first build: an edit saved while it runs, or the moment the
    # address appears, is built as soon as the server runs.
    watcher = Watcher(preview.site_dir, DEFAULT_THEME, server.on_change)
    watcher.start()
    report(["first build"], preview.build(), say)
    try:
        listening = server.application().listen(port, address=host)
    except OSError as error:
        watcher.stop()
        say(f"build.py serve: error: cannot listen on {host}:{port}: {error.strerror}")
        return 2
    signal.signal(signal.SIGTERM, lambda *_: loop.add_callback_from_signal(loop.stop))
    announce(host, port, say)
    loop.add_callback(server.after_first_build)
    try:
        loop.start()
    except KeyboardInterrupt:
        say("Stopped.")
    finally:
        watcher.stop()
        listening.stop()
        preview.save_cache()
    return 0


def announce(host: str, port: int, say: Say) -> None:
    """The address to open; beyond this computer, a warning and a QR code for a phone."""
    if is_loopback(host):
        say(f"Previewing at http://{host}:{port}/ (press Ctrl+C to stop)")
        return
    address = lan_address() if host in ("0.0.0.0", "::") else host
    url = f"http://{address}:{port}/"
    say(
        f"warning: the preview is open to every device on this network at {url}\n"
        "  Use this only to test on a phone, on a network you trust; stop it when done."
    )
    say(f"Previewing at {url} (press Ctrl+C to stop); on a phone, scan:")
    import segno  # only here: most previews never need it

    drawing = io.StringIO()
    segno.make(url, error="l").terminal(out=drawing, compact=True)
    say(drawing.getvalue().rstrip("\n"))
