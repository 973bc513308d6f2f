"""Writing the site, in one of two ways.

A full build writes everything into a staging folder beside the output and swaps it in, so a
failed or interrupted build never leaves a half-written site: the previous one stays until the
new one is complete. A rebuild that changes a few files of a large site updates the output in
place instead (creating and deleting thousands of folders costs more than the rest of such a
rebuild): each changed file is written into a scratch folder beside the output and renamed over
its old self, pages before the lists and feeds that link to them, removals last. A rebuild killed
midway thus leaves every file whole, each either old or new, and no temporary file where a host
would publish it; the next build finishes the job and removes what the killed one left beside the
output. Either way, a file whose bytes did not change is not written again, so it keeps its time
stamp and rsync or a host's upload sees only the files that really changed.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lantern.leftovers import is_running

Stamp = tuple[int, int]  # (size, mtime_ns) of a file in the output


@dataclass
class Written:
    """What the write did: every output file's stamp, and which files got new bytes."""

    stamps: dict[str, Stamp] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.stamps)


def write_site(
    files: dict[str, bytes],
    copies: tuple[tuple[str, Path], ...],
    out_dir: Path,
    kept: Iterable[str] = (),
) -> Written:
    """Write rendered files and copy static ones into `out_dir`, atomically.

    `kept` names files of the current `out_dir` to keep as they are (their bytes are known to
    be right); a static copy whose old output has the same size and bytes is kept too.
    """
    staging = Staging(out_dir)
    try:
        written = {
            relative: staging.write(relative, content) for relative, content in files.items()
        }
        return staging.finish(copies, kept, written)
    except BaseException:
        staging.discard()
        raise


class Staging:
    """A new output folder filling up beside the old one, swapped in whole once complete.

    Any process may write into it (worker processes write the pages they render); only the
    one that made it finishes or discards it.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        _clear_leftovers(self.out_dir)
        self.path = _beside(self.out_dir, "staging")

    def write(self, relative: str, content: bytes) -> Stamp:
        """Write one file; its stamp, as the finished output will show it."""
        # Straight to the system: a build writes thousands of files, and Python's file objects
        # would ask for each whether it is a terminal, where it stands, and then its stamp by
        # name, besides looking for its folder first.
        target = _inside(self.path, relative)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        try:
            descriptor = os.open(target, flags, 0o666)
        except FileNotFoundError:  # its folder is not made yet
            _make_folders(self.path, target.parent)
            descriptor = os.open(target, flags, 0o666)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(descriptor, view) :]
            stat = os.fstat(descriptor)
        finally:
            os.close(descriptor)
        return (stat.st_size, stat.st_mtime_ns)

    def finish(
        self,
        copies: tuple[tuple[str, Path], ...],
        kept: Iterable[str],
        written: dict[str, Stamp],
    ) -> Written:
        """Link the `kept` old files in, copy the static ones, and swap the folders."""
        result = self.fill(copies, kept, written)
        self.swap()
        return result

    def fill(
        self,
        copies: tuple[tuple[str, Path], ...],
        kept: Iterable[str],
        written: dict[str, Stamp],
    ) -> Written:
        """Link the `kept` old files in and copy the static ones: the new site is complete."""
        result = Written(dict(written), changed=sorted(written))
        for relative in sorted(kept):
            if not _keep(self.out_dir, self.path, relative):
                raise FileNotFoundError(f"the kept file {relative} has gone from {self.out_dir}")
            result.stamps[relative] = _stamp(self.path / relative)
        for relative, source in copies:
            old = self.out_dir / relative
            if not _same_file(source, old) or not _keep(self.out_dir, self.path, relative):
                shutil.copyfile(source, _target(self.path, relative))
                result.changed.append(relative)
            result.stamps[relative] = _stamp(self.path / relative)
        result.stamps = dict(sorted(result.stamps.items()))  # as a walk of the folder would list
        return result

    def swap(self) -> None:
        """Put the complete new site in the old one's place."""
        self.path.chmod(0o755)
        _swap(self.path, self.out_dir)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def update_site(
    files: dict[str, bytes],
    copies: tuple[tuple[str, Path], ...],
    out_dir: Path,
    kept: dict[str, Stamp],
    before: Iterable[str] | None = None,
) -> Written:
    """Bring an existing output folder up to date in place; `kept` are files known to be right.

    `before` lists the files the last build wrote, when known: those no longer made are removed
    without looking through the whole folder.
    """
    out_dir = out_dir.resolve()
    _clear_leftovers(out_dir)
    written = Written(stamps=dict(kept))
    scratch = _beside(out_dir, "update")
    try:
        for relative in sorted(files, key=_links_last):
            _replace(_target(out_dir, relative), files[relative], scratch)
            written.changed.append(relative)
        for relative, source in copies:
            if not _same_file(source, out_dir / relative):
                _replace(_target(out_dir, relative), source.read_bytes(), scratch)
                written.changed.append(relative)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for relative in (*files, *(relative for relative, _ in copies)):
        stamp = stamp_of(out_dir / relative)
        assert stamp is not None, relative
        written.stamps[relative] = stamp
    if before is None:
        _remove_all_but(out_dir, set(written.stamps))
    else:
        _remove(out_dir, set(before) - set(written.stamps))
    return written


def _links_last(relative: str) -> tuple[int, str]:
    """Single pages first, then the lists, home pages, feeds and sitemap that link to them."""
    depth = relative.count("/")
    return (-depth if relative.endswith(".html") else 1, relative)


def _replace(target: Path, content: bytes, scratch: Path) -> None:
    """Write into the scratch folder, then rename over the file: a reader never sees half a file,
    nor a temporary one."""
    temporary = scratch / "next"
    temporary.write_bytes(content)
    temporary.replace(target)


def _remove(out_dir: Path, stale: set[str]) -> None:
    for relative in sorted(stale):
        path = _inside(out_dir, relative)
        path.unlink(missing_ok=True)
        for folder in path.parents:  # and the folders it leaves empty
            if folder == out_dir or any(folder.iterdir()):
                break
            folder.rmdir()


def _remove_all_but(out_dir: Path, wanted: set[str]) -> None:
    """Delete output files no source makes any more, and folders left empty."""
    for folder, _, names in os.walk(out_dir, topdown=False):
        relative = Path(folder).relative_to(out_dir).as_posix()
        prefix = "" if relative == "." else relative + "/"
        for name in names:
            if prefix + name not in wanted:
                (Path(folder) / name).unlink()
        if prefix and not any(Path(folder).iterdir()):
            Path(folder).rmdir()


def stamp_of(path: Path) -> Stamp | None:
    try:
        return _stamp(path)
    except OSError:
        return None


def _stamp(path: Path) -> Stamp:
    stat = path.stat()
    return (stat.st_size, stat.st_mtime_ns)


def _target(root: Path, relative: str) -> Path:
    """`root / relative`, with the folders it needs inside `root`."""
    target = _inside(root, relative)
    _make_folders(root, target.parent)
    return target


def _make_folders(root: Path, folder: Path) -> None:
    """Make `folder` and the folders above it up to `root`, but never `root` itself: a worker
    process that outlives a killed build must not bring back a staging folder once removed."""
    if folder == root:
        return
    try:
        folder.mkdir()
    except FileExistsError:
        return
    except FileNotFoundError:
        _make_folders(root, folder.parent)
        with contextlib.suppress(FileExistsError):  # another worker made it meanwhile
            folder.mkdir()


def _keep(out_dir: Path, staging: Path, relative: str) -> bool:
    """Link the old output file into the staging folder; False when it is not there."""
    old = _inside(out_dir, relative)
    if not old.is_file():
        return False
    target = _target(staging, relative)
    try:
        os.link(old, target)
    except OSError:  # a file system without hard links: a copy keeps the bytes, if not the time
        shutil.copy2(old, target)
    return True


def _same_file(source: Path, old: Path) -> bool:
    """Whether the old output already is this static file (same size, then same bytes)."""
    if stamp_of(old) is None or source.stat().st_size != old.stat().st_size:
        return False
    return source.read_bytes() == old.read_bytes()


def _inside(root: Path, relative: str) -> Path:
    """`root / relative`, refusing any path that could leave `root`."""
    parts = relative.split("/")
    if relative.startswith("/") or "\\" in relative or "\0" in relative or ".." in parts:
        raise ValueError(f"refusing to write outside the output folder: {relative}")
    return root / relative


def _swap(staging: Path, out_dir: Path) -> None:
    """Put the complete staging folder in the output's place, then remove the old output."""
    if not out_dir.exists():
        staging.rename(out_dir)
    elif _exchange(staging, out_dir):  # in one step: a host never finds the output missing
        shutil.rmtree(staging, ignore_errors=True)  # which now holds the old site
    else:  # in two; a build killed between them is undone by the next (_clear_leftovers)
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}-")
        out_dir.rename(old)
        staging.rename(out_dir)
        shutil.rmtree(old, ignore_errors=True)


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2  # from Linux's <fcntl.h> and <linux/fs.h>


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux's renameat2); False where the system cannot."""
    if sys.platform != "linux":
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # a C library older than glibc 2.28
        return False
    paths = (os.fsencode(first), os.fsencode(second))
    if renameat2(_AT_FDCWD, paths[0], _AT_FDCWD, paths[1], _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS):  # a file system or kernel without it
        return False
    raise OSError(error, os.strerror(error), str(second))


# What a build leaves beside the output folder while it runs, named .OUT.KIND-PID-...:
# "staging" the new site (or, once swapped, the old one), "update" one file at a time on its
# way into the output, "old" the old site during a swap in two steps, "search" a search index
# being made (lantern/search.py).
_KINDS = ("staging", "update", "old", "search")


def _beside(out_dir: Path, kind: str) -> Path:
    """A new, empty folder of this kind beside the output, named for this process."""
    prefix = f".{out_dir.name}.{kind}-{os.getpid()}-"
    return Path(tempfile.mkdtemp(prefix=prefix, dir=out_dir.parent))


def _clear_leftovers(out_dir: Path) -> None:
    """Remove what killed builds of `out_dir` left beside it; when one was killed between the two
    steps of a swap, which leaves no output folder, put the old site back."""
    prefix = f".{out_dir.name}."
    for path in out_dir.parent.iterdir():
        if not path.name.startswith(prefix):
            continue
        kind, _, named = path.name[len(prefix) :].partition("-")
        if kind not in _KINDS or is_running(named.partition("-")[0]):
            continue
        if kind == "old" and not out_dir.exists():
            path.rename(out_dir)
        else:
            shutil.rmtree(path, ignore_errors=True)
