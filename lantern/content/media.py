"""Media: the files under content/media/, copied as they are."""

from __future__ import annotations

import re
from pathlib import Path

from lantern.errors import Position, Problems

# A path that every static host, URL and file system treats the same way.
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def check_in_media(
    path: str, media: tuple[str, ...], at: Position, problems: Problems, what: str = "image"
) -> bool:
    """Whether a referenced file is in content/media/; a problem at `at` when it is not."""
    if path in media:
        return True
    problems.error(
        at,
        f'the {what} "{path}" is not in content/media/',
        "put the file in content/media/ and give its path relative to that folder",
    )
    return False


def list_media(site_dir: Path, problems: Problems) -> tuple[str, ...]:
    """Paths relative to content/media/ of every file there, in a stable order."""
    folder = site_dir / "content" / "media"
    if not folder.is_dir():
        return ()
    found = []
    inside = folder.resolve()
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        relative = path.relative_to(folder)
        if _leaves(path, inside, site_dir, "content/media", problems):
            continue
        if not all(_SAFE_NAME.match(part) for part in relative.parts):
            problems.error(
                Position(path.relative_to(site_dir).as_posix()),
                "a media file name may only use letters, digits, dots, hyphens and underscores",
                "rename it, e.g. 'Photo 1 (final).svg' -> 'photo-1.svg'",
            )
            continue
        found.append(relative.as_posix())
    return tuple(found)


def check_static(site_dir: Path, problems: Problems) -> None:
    """No file of the site's static folders is a link out of them (it would be published)."""
    for name in ("static", "templates/static"):
        folder = site_dir / name
        inside = folder.resolve()
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                _leaves(path, inside, site_dir, name, problems)


def _leaves(path: Path, inside: Path, site_dir: Path, name: str, problems: Problems) -> bool:
    """Whether the file is a link out of its folder `inside`: it would publish what it points at."""
    if path.resolve().is_relative_to(inside):
        return False
    problems.error(
        Position(path.relative_to(site_dir).as_posix()),
        f"the file is a link to a file outside {name}/",
        f"copy the file itself into {name}/: everything in it is published",
    )
    return True
