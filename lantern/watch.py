"""Watching a site's files for the preview: which changed, once per burst of edits."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

QUIET_SECONDS = 0.03  # a burst of changes is built once, when the files have been still this long


class Watcher:
    """Calls `changed` with the names of the files that changed, once per burst of edits.

    The operating system reports each change as it happens (inotify, FSEvents, ...); a burst
    ends when the files have been still for QUIET_SECONDS.
    """

    def __init__(
        self, site_dir: Path, theme_dir: Path, changed: Callable[[list[str]], None]
    ) -> None:
        self.roots = {site_dir: "", theme_dir: "theme/"}  # folder -> how its files are named
        self.changed = changed
        self._lock = threading.Lock()
        self._names: set[str] = set()
        self._last = 0.0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._observer = Observer()

    def start(self) -> None:
        site, theme = self.roots
        watched = [(site, False)] + [
            (site / name, True) for name in ("content", "templates", "static")
        ]
        watched.append((theme, True))
        for folder, recursive in dict(watched).items():  # only what a build reads: never .venv
            if folder.is_dir():
                root = theme if folder == theme and folder != site / "templates" else site
                self._observer.schedule(_Events(self, root), str(folder), recursive=recursive)
        self._observer.start()
        threading.Thread(target=self._run, name="lantern-debounce", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._observer.stop()

    def saw(self, root: Path, path: str) -> None:
        name = self._name(root, Path(path))
        if name is None:
            return
        with self._lock:
            self._names.add(name)
            self._last = time.monotonic()
        self._wake.set()

    def _name(self, root: Path, path: Path) -> str | None:
        """The file's name as the build shows it, or None for a file no build reads."""
        try:
            parts = path.relative_to(root).parts
        except ValueError:
            return None
        if not parts or any(p.startswith(".") or p.endswith("~") for p in parts):
            return None  # hidden files, the cache, editors' swap and backup files
        if self.roots[root] == "theme/":
            return "theme/" + "/".join(parts)
        if parts[0] in ("content", "templates", "static") or parts[0] in ("site.yaml", "site.yml"):
            return "/".join(parts)
        return None

    def _run(self) -> None:
        while self._wake.wait() and not self._stop.is_set():
            while True:  # until the files have been still long enough
                with self._lock:
                    still = time.monotonic() - self._last
                if still >= QUIET_SECONDS:
                    break
                time.sleep(QUIET_SECONDS - still)
            with self._lock:
                names, self._names = sorted(self._names), set()
                self._wake.clear()
            if names:
                self.changed(names)


class _Events(FileSystemEventHandler):
    def __init__(self, watcher: Watcher, root: Path) -> None:
        self.watcher = watcher
        self.root = root

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return  # a folder's own events repeat its files'; reading a file changes nothing
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path:
                self.watcher.saw(self.root, os.fsdecode(path))
