"""What a killed build leaves behind is named for its process: whether that one still runs."""

from __future__ import annotations

import os


def is_running(pid: str) -> bool:
    """Whether the process that named a leftover may still be building (then it is not one)."""
    if not pid.isdigit() or int(pid) == os.getpid():
        return False  # an older Lantern's name, or an earlier build in this very process
    if os.name == "nt":
        return True  # Windows has no harmless probe: os.kill would end the process
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True
