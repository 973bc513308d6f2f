"""Folders the bench no longer needs are moved aside, and deleted once the measuring is over.

On a file system without a journal (ext4 as this kind of machine mounts it), the kernel will not
give a new file an inode freed less than 30 seconds before, and every file created in those 30
seconds pays a search past the freed ones: after deleting a 2,000-page output, the next cold build
of any tool spent a sixth of its time in the kernel's `recently_deleted` (perf), and more the more
files it wrote. Moving a folder aside frees nothing, so each cold build starts as on a fresh
checkout, the same for every tool.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

TRASH = Path(__file__).resolve().parent / ".work" / "trash"
EMPTIED = TRASH.with_name("trash-emptied")  # its time stamp: when the trash was last deleted
SETTLE_SECONDS = 31  # how long the kernel keeps a freed inode from reuse, and a second more


def move_aside(*folders: Path) -> None:
    """Take `folders` out of the way without deleting them (deleted by `empty`)."""
    for folder in folders:
        if not folder.exists():
            continue
        TRASH.mkdir(parents=True, exist_ok=True)
        try:
            folder.rename(TRASH / f"{time.time_ns()}-{folder.name}")
        except OSError:  # on another file system: deleted now
            shutil.rmtree(folder, ignore_errors=True)


def empty() -> None:
    """Delete what was moved aside, and note when."""
    if TRASH.exists():
        shutil.rmtree(TRASH, ignore_errors=True)
        EMPTIED.touch()


def settle() -> None:
    """Before measuring: delete what an interrupted run left, and wait until the last deletion
    is SETTLE_SECONDS old, so that no build measured now pays for it."""
    empty()
    if not EMPTIED.exists():
        return
    wait = SETTLE_SECONDS - (time.time() - EMPTIED.stat().st_mtime)
    if wait > 0:
        print(f"Waiting {wait:.0f} s: the last run's trash was deleted just now", flush=True)
        time.sleep(wait)
