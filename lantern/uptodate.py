"""Whether a build would change nothing, told from file stamps before anything heavy is imported.

After a good build, the stamps (size, modification time) of everything it read and wrote are kept
in SITE/.lantern-cache/last-build.json. When a later build's inputs and options have the same
stamps, and the output is still exactly the files that build wrote, the build is already done.
Any difference, even a touched file with the same bytes, means a real build (which the memo
makes fast): this check may say "build" too often, never "done" wrongly.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any

from lantern.memo import LIBRARIES

_FILE = "last-build.json"
_CODE = Path(__file__).resolve().parent
_THEME = _CODE.parent / "templates"


def input_stamps(site_dir: Path) -> dict[str, list[int]]:
    """Stamps of every file a build of `site_dir` reads: settings, content, templates, code."""
    site = site_dir.resolve()
    roots = {"site": site, "theme": _THEME, "code": _CODE}
    stamps: dict[str, list[int]] = {}
    for name in ("site.yaml", "site.yml"):
        _add(stamps, f"site/{name}", site / name)
    for library in LIBRARIES:  # their installed files are inputs too
        spec = importlib.util.find_spec(library)  # finds the files without importing them
        if spec and spec.origin:
            _add(stamps, f"library/{library}", Path(spec.origin))
    for label, root in roots.items():
        folders = ("content", "templates", "static") if label == "site" else ("",)
        for folder in folders:
            _walk(stamps, f"{label}/{folder}", root / folder)
    return stamps


def output_stamps(out_dir: Path) -> dict[str, list[int]]:
    stamps: dict[str, list[int]] = {}
    _walk(stamps, "", out_dir)
    return stamps


def last_build(cache_dir: Path) -> dict[str, Any] | None:
    """The last good build's record, or None."""
    try:
        record = json.loads((cache_dir / _FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def is_same_build(record: dict[str, Any], key: dict[str, Any]) -> bool:
    """Whether the recorded build had these options, and its output is still what it wrote."""
    if record.get("key") != json.loads(json.dumps(key)):
        return False
    out_dir = Path(record.get("out_dir", ""))
    return out_dir.is_dir() and record.get("outputs") == output_stamps(out_dir)


def differences(old: dict[str, list[int]], new: dict[str, list[int]]) -> list[str]:
    """The names whose stamps differ, like "site/content/x.md": changed, added or removed."""
    return sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))


def remember(
    cache_dir: Path,
    key: dict[str, Any],
    inputs: dict[str, list[int]],
    out_dir: Path,
    outputs: dict[str, tuple[int, int]],
    **extra: Any,
) -> None:
    """Record a good build's stamps (written atomically; a failure only costs the fast path).

    `inputs` are the stamps taken before the build read anything: a file edited while it ran
    then differs from its stamp, and the next build does not skip the edit.
    """
    record = {
        "key": key,
        "inputs": inputs,
        "out_dir": str(out_dir),
        "outputs": {name: list(stamp) for name, stamp in outputs.items()},
        **extra,
    }
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = cache_dir / f".{_FILE}.{os.getpid()}"
    temporary.write_text(json.dumps(record), encoding="utf-8")
    temporary.replace(cache_dir / _FILE)


def forget(cache_dir: Path) -> None:
    (cache_dir / _FILE).unlink(missing_ok=True)


def build_key(**options: Any) -> dict[str, Any]:
    """What besides the files decides the output: the options, and the Python that runs it."""
    return {"python": sys.version, **{k: str(v) for k, v in sorted(options.items())}}


def _walk(stamps: dict[str, list[int]], label: str, folder: Path | str) -> None:
    # Plain strings, not Paths: a site of thousands of pages has thousands of folders.
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = f"{label}/{entry.name}" if label else entry.name
        if entry.is_dir(follow_symlinks=False):
            if entry.name not in ("__pycache__", ".lantern-cache"):
                _walk(stamps, name, entry.path)
        elif entry.is_file():
            stat = entry.stat()
            stamps[name] = [stat.st_size, stat.st_mtime_ns]


def _add(stamps: dict[str, list[int]], name: str, path: Path) -> None:
    try:
        stat = path.stat()
    except OSError:
        return
    stamps[name] = [stat.st_size, stat.st_mtime_ns]
