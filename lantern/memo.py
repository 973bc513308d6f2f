"""The build cache: what earlier builds computed, kept between runs in SITE/.lantern-cache/.

A memo maps a key (a digest of everything a result was made from) to the result. It can make a
build faster, never different: a key that misses is recomputed, and a cache file that is
unreadable, truncated or from another version of Lantern is ignored as a whole. Only entries used
by the last build are kept, so the cache never grows beyond one site's worth.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.util
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from lantern.leftovers import is_running

CACHE_DIR = ".lantern-cache"
CACHE_FILE = "memo.pickle"  # in CACHE_DIR
_MAGIC = b"lantern-memo-2\n"
_SOURCE = Path(__file__).resolve().parent

T = TypeVar("T")


def digest(*parts: bytes | str) -> str:
    """A short stable digest of some bytes and text."""
    hashed = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "little"))
        hashed.update(data)
    return hashed.hexdigest()


@cache
def code_version() -> str:
    """A digest of Lantern's own code and schemas, and of where and when the libraries it renders
    with were installed: a new version of either never reuses old results."""
    files = sorted(p for p in _SOURCE.rglob("*") if p.suffix in (".py", ".json"))
    libraries = []
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)  # finds the files without importing them
        stat = Path(spec.origin).stat() if spec and spec.origin else None
        libraries.append(
            f"{name} {spec and spec.origin} {stat and (stat.st_size, stat.st_mtime_ns)}"
        )
    return digest(
        *libraries, *(f"{p.relative_to(_SOURCE)}\n".encode() + p.read_bytes() for p in files)
    )


# Libraries whose upgrade may change the output (import names).
LIBRARIES = (
    "babel",
    "icalendar",
    "jinja2",
    "jsonschema",
    "markdown",
    "nh3",
    "phonenumbers",
    "PIL",
    "yaml",
)


class Memo:
    """Results by kind and key; `get_or_make` computes a missing one and remembers it."""

    def __init__(self, entries: dict[str, dict[str, Any]] | None = None) -> None:
        self._old = entries or {}
        self._made: dict[str, dict[str, Any]] = {}
        self._inherited: dict[str, dict[str, Any]] = {}  # a worker's: what its parent made
        self._tracing: set[tuple[str, str]] | None = None
        self._used: dict[str, set[str]] = {}  # keys of old entries this build needed again
        self._more: Callable[[], Any] | None = None  # older entries, loaded when first missed
        self.hits = self.misses = 0

    def get(self, kind: str, key: str) -> Any | None:
        found = self._made.get(kind, {}).get(key)
        if found is None:
            found = self._inherited.get(kind, {}).get(key)
        if found is None:
            found = self._old.get(kind, {}).get(key)
            if found is None and self._more is not None:
                self._take_more()
                found = self._old.get(kind, {}).get(key)
            if found is not None:
                self._used.setdefault(kind, set()).add(key)
        if found is not None and self._tracing is not None:
            self._tracing.add((kind, key))
        return found

    def fall_back_on(self, load: Callable[[], Any]) -> None:
        """Look in what `load` gives (entries by kind), the first time an entry is missing."""
        self._more = load

    def _take_more(self) -> None:
        assert self._more is not None
        more, self._more = self._more(), None
        for kind, values in (more if isinstance(more, dict) else {}).items():
            self._old[kind] = {**values, **self._old.get(kind, {})}

    def learn(self, entries: dict[str, dict[str, Any]]) -> None:
        """Know these entries as if an earlier build had made them: saved only once used."""
        for kind, values in entries.items():
            self._old.setdefault(kind, {}).update(values)

    def count(self, kind: str) -> int:
        """How many entries of this kind are known (at least: older ones may load later)."""
        return len(self._made.get(kind, {})) + len(self._old.get(kind, {}))

    def put(self, kind: str, key: str, value: Any) -> None:
        self._made.setdefault(kind, {})[key] = value
        if self._tracing is not None:
            self._tracing.add((kind, key))

    def trace(self) -> None:
        """Start noting which entries are read or made, until `traced`."""
        self._tracing = set()

    def traced(self) -> tuple[tuple[str, str], ...]:
        found, self._tracing = self._tracing or set(), None
        return tuple(sorted(found))

    def keep(self, entries: tuple[tuple[str, str], ...]) -> None:
        """Keep these old entries, though this build did not need them: an output file made
        with them is kept, and they will be needed again when it is made anew."""
        for kind, key in entries:
            if key in self._old.get(kind, {}):
                self._used.setdefault(kind, set()).add(key)

    def get_or_make(self, kind: str, key: str, make: Callable[[], T]) -> T:
        found = self.get(kind, key)
        if found is not None:
            self.hits += 1
            return found  # type: ignore[no-any-return]
        self.misses += 1
        value = make()
        self.put(kind, key, value)
        return value

    def fork(self) -> Memo:
        """A memo for a worker process: it reads everything known, and reports only its own use."""
        child = Memo(self._old)
        child._inherited = self._made  # read, never sent back: the parent has it
        return child

    def changes(self) -> tuple[dict[str, dict[str, Any]], dict[str, set[str]]]:
        """What a worker made and which old entries it used since it last said, to send back to
        the parent; it keeps what it made for its next chunks."""
        made, used = self._made, self._used
        for kind, values in made.items():
            self._inherited.setdefault(kind, {}).update(values)
        self._made, self._used = {}, {}
        return made, used

    def merge(self, made: dict[str, dict[str, Any]], used: dict[str, set[str]]) -> None:
        for kind, values in made.items():
            self._made.setdefault(kind, {}).update(values)
        for kind, keys in used.items():
            self._used.setdefault(kind, set()).update(keys)

    def successor(self) -> Memo:
        """The memo for the next build in this process: what this build made or used."""
        return Memo(self.kept())

    def everything(self) -> Memo:
        """The memo for the next build after one that stopped early: all that is known."""
        return Memo(self.known())

    def known(self) -> dict[str, dict[str, Any]]:
        """Every entry, old or made, whether this build used it or not."""
        entries = {kind: dict(values) for kind, values in self._old.items()}
        for kind, values in self._made.items():
            entries.setdefault(kind, {}).update(values)
        return entries

    def kept(self) -> dict[str, dict[str, Any]]:
        """The entries worth saving: made or used by this build, nothing older."""
        entries: dict[str, dict[str, Any]] = {}
        for kind, keys in self._used.items():
            old = self._old.get(kind, {})
            entries[kind] = {key: old[key] for key in keys if key in old}
        for kind, values in self._made.items():  # a new value replaces the old one it read
            entries.setdefault(kind, {}).update(values)
        return entries


# The memo of the running build. A plain global: loaders and Markdown reach it without every
# function in between passing it on, and worker processes inherit it when they fork.
_current = Memo()


def current() -> Memo:
    return _current


def use(memo: Memo) -> None:
    global _current
    _current = memo


def load(folder: Path, version: str) -> Memo:
    """The memo saved in `folder`, or an empty one if there is none or it cannot be trusted;
    with what patched builds added since it was saved."""
    entries = read_pickle(folder / CACHE_FILE, version)
    if not isinstance(entries, dict):
        return Memo()
    for kind, values in load_later(folder, version)._old.items():
        entries.setdefault(kind, {}).update(values)
    return Memo(entries)


def save(memo: Memo, folder: Path, version: str) -> None:
    """Write the memo's kept entries atomically: a build killed while saving leaves the old file
    whole."""
    save_entries(memo.kept(), folder, version)


def save_entries(entries: dict[str, dict[str, Any]], folder: Path, version: str) -> None:
    write_pickle(folder / CACHE_FILE, entries, version)
    (folder / _LATER).unlink(missing_ok=True)  # in the memo now, if still of use


# A patched build (lantern/patch.py) reads neither the memo nor every file, and saves only what
# it made, in a small file beside the memo that extends that very memo (by its digest) and no other.
_LATER = "memo-later.pickle"


def load_later(folder: Path, version: str) -> Memo:
    """What patched builds made since the memo in `folder` was saved."""
    later = read_pickle(folder / _LATER, version)
    if not isinstance(later, tuple) or later[0] != _saved_digest(folder / CACHE_FILE, version):
        return Memo()
    return Memo(later[1])


def save_later(memo: Memo, folder: Path, version: str) -> None:
    """Keep what a patched build made or used of what patched builds made before."""
    base = _saved_digest(folder / CACHE_FILE, version)
    if base:
        write_pickle(folder / _LATER, (base, memo.kept()), version)


def _saved_digest(path: Path, version: str) -> str:
    """The digest `write_pickle` wrote at `path` (unchecked: the reader checks), or ""."""
    header = _MAGIC + version.encode() + b"\n"
    try:
        with path.open("rb") as file:
            start = file.read(len(header) + 32)
    except OSError:
        return ""
    return start[len(header) :].decode(errors="replace") if start.startswith(header) else ""


def read_pickle(path: Path, version: str, expected: str = "") -> Any:
    """What `write_pickle` left at `path`, or None when there is nothing, or something from
    another version, cut short by a killed build, damaged, or not of the `expected` digest."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    header = _MAGIC + version.encode() + b"\n"
    body = memoryview(raw)[len(header) + 32 :]  # a view: a cache is tens of megabytes
    found = raw[len(header) : len(header) + 32].decode(errors="replace")
    if not raw.startswith(header) or found != file_digest(body) or found != (expected or found):
        return None
    collecting = gc.isenabled()
    gc.disable()  # a pickle of many small objects would start it over and over, for nothing
    try:
        return pickle.loads(body)
    except Exception:  # a damaged cache is never fatal: it is rebuilt
        return None
    finally:
        if collecting:
            gc.enable()


def file_digest(body: bytes | memoryview) -> str:
    """The digest that tells a whole cache file from a damaged one (SHA-256: the fastest here)."""
    return hashlib.sha256(body).hexdigest()[:32]


class _Digesting:
    """A file to pickle into that digests what it writes, as `file_digest` does."""

    def __init__(self, file: BinaryIO) -> None:
        self._file, self._hash = file, hashlib.sha256()

    def write(self, data: bytes) -> int:
        self._hash.update(data)
        return self._file.write(data)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()[:32]


def write_pickle(path: Path, value: Any, version: str) -> str:
    """Pickle `value` into `path` atomically, with `version` and a digest; returns the digest."""
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{path.name}-"
    for leftover in path.parent.glob(prefix + "*"):  # of a build killed while saving
        if not is_running(leftover.name.removeprefix(prefix).partition("-")[0]):
            leftover.unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f"{prefix}{os.getpid()}-", dir=path.parent)
    header = _MAGIC + version.encode() + b"\n"
    try:
        with os.fdopen(handle, "wb") as file:
            # Streamed, not pickled whole first: a cache is tens of megabytes. The digest goes
            # in last; until then the file reads as damaged.
            file.write(header + b"-" * 32)
            digesting = _Digesting(file)
            pickle.dump(value, digesting, protocol=pickle.HIGHEST_PROTOCOL)
            body_digest = digesting.hexdigest()
            file.seek(len(header))
            file.write(body_digest.encode())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    ignore = path.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Lantern's build cache: safe to delete, never to commit.\n*\n")
    return body_digest
