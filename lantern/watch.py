"""Watching a site's files for the preview: which changed, once per burst of edits."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

SITE_FOLDERS = ("content", "templates", "static")
QUIET_SECONDS = 0.03  # a burst of changes is built once, when the files have been still this long


class Watcher:
    """Calls `changed` with the names of the files that changed, once per burst of edits.

    The operating system reports each change as it happens (inotify, FSEvents, ...); a burst
    ends when the files have been still for QUIET_SECONDS, but a file saved after stillness is
    built at once (where the system says when a file written is closed: inotify). Only what a build reads is watched
    (never .venv/ or an output folder, whose churn would flood the operating system's queue).
    """

    def __init__(
        self, site_dir: Path, theme_dir: Path, changed: Callable[[list[str]], None]
    ) -> None:
        # folder -> (recursive, how its files are named); the example's theme is its templates/
        self.folders = {site_dir / name: (True, f"{name}/") for name in SITE_FOLDERS}
        self.folders.setdefault(theme_dir, (True, "theme/"))
        self.folders[site_dir] = (False, "")  # for site.yaml
        self.changed = changed
        self._lock = threading.Lock()
        self._names: set[str] = set()
        self._last = 0.0
        self._at_once = threading.Event()  # build without waiting for stillness
        self._took_at_once = False  # this burst has had its build at once
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._observer = Observer()

    def start(self) -> None:
        for folder, (recursive, prefix) in self.folders.items():
            if folder.is_dir():
                handler = _Events(self, folder, prefix)
                self._observer.schedule(handler, str(folder), recursive=recursive)
        self._observer.start()
        threading.Thread(target=self._run, name="lantern-debounce", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._observer.stop()

    def saw(self, name: str, is_saved: bool = False) -> None:
        """Note a change; `is_saved` when the file was closed after writing (a save is done)."""
        with self._lock:
            now = time.monotonic()
            if now - self._last >= QUIET_SECONDS:
                self._took_at_once = False  # a new burst, after stillness
            self._names.add(name)
            self._last = now
            if is_saved and not self._took_at_once:
                # The first save after stillness is built at once: waiting for stillness would
                # only delay the editor's one save; the rest of a burst waits for stillness.
                self._took_at_once = True
                self._at_once.set()
        self._wake.set()

    def _run(self) -> None:
        while self._wake.wait() and not self._stop.is_set():
            while True:  # until the files have been still long enough
                with self._lock:
                    still = time.monotonic() - self._last
                if still >= QUIET_SECONDS or self._at_once.wait(QUIET_SECONDS - still):
                    break
            with self._lock:
                names, self._names = sorted(self._names), set()
                self._at_once.clear()
                self._wake.clear()
            if names:
                self.changed(names)


class _Events(FileSystemEventHandler):
    def __init__(self, watcher: Watcher, folder: Path, prefix: str) -> None:
        self.watcher = watcher
        self.folder = folder
        self.prefix = prefix

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return  # a folder's own events repeat its files'; reading a file changes nothing
        for path in (event.src_path, getattr(event, "dest_path", "")):
            name = self._name(os.fsdecode(path)) if path else None
            if name:
                self.watcher.saw(name, event.event_type == "closed")

    def _name(self, path: str) -> str | None:
        """The file's name as the build shows it, or None for a file no build reads."""
        try:
            parts = Path(path).relative_to(self.folder).parts
        except ValueError:
            return None
        if not parts or any(p.startswith(".") or p.endswith("~") for p in parts):
            return None  # hidden files, the cache, editors' swap and backup files
        if not self.prefix and parts[0] not in ("site.yaml", "site.yml"):
            return None  # of the site folder itself, only its settings
        return self.prefix + "/".join(parts)
