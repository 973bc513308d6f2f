"""The preview's pages: the file a URL names in the output folder, and what the preview adds to
each page (the live-reload client, its assets' versions, the problems of a failed build)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from lantern.errors import Problem


def resolve(root: Path, path: str) -> Path | None:
    """The file a URL path names inside `root` (a folder means its index.html), or None.

    Anything that could leave `root` is simply not found: `..`, backslashes, NUL, absolute
    paths, and links that point outside.
    """
    parts = path.split("/")
    if any(part in ("..", ".") or "\\" in part or "\0" in part for part in parts):
        return None
    candidate = (root / path).resolve()
    try:
        candidate.relative_to(root.resolve())
    except ValueError:
        return None
    if candidate.is_dir():
        index = candidate / "index.html"
        if not path.endswith("/") and path:
            return candidate if index.is_file() else None
        return index if index.is_file() else None
    return candidate if candidate.is_file() else None


_ASSET = re.compile(rb'((?:href|src)=")(/[^"?#]+\.(?:css|js|svg|png|jpe?g|webp|gif|ico|woff2?))"')


def versioned(page: bytes, root: Path) -> bytes:
    """The page with each stylesheet, script and image of the site named by its version (its
    time stamp): the browser keeps them between reloads, and an edited one gets a new name."""

    def named(match: re.Match[bytes]) -> bytes:
        found = resolve(root, match[2].decode("utf-8", errors="replace").lstrip("/"))
        if found is None:
            return match[0]
        return b'%s%s?v=%d"' % (match[1], match[2], found.stat().st_mtime_ns)

    return _ASSET.sub(named, page)


def with_preview(page: bytes, port: int, problems: tuple[Problem, ...]) -> bytes:
    """A page with the live-reload client, and the problems of a failed build on top of it."""
    # Deferred: the page is shown without waiting for them. preview.js first: livereload.js
    # takes it as a plugin when it starts.
    head = (
        '<script src="/__lantern/preview.js" defer data-lantern-preview></script>'
        f'<script src="/livereload.js?port={port}" defer data-lantern-preview></script>'
    )
    if problems:
        head += '<link rel="stylesheet" href="/__lantern/preview.css">'
    text = page.decode("utf-8", errors="replace").replace("</head>", head + "</head>", 1)
    if problems:
        start = text.find(">", text.find("<body")) + 1
        text = text[:start] + overlay(problems) + text[start:]
    return text.encode("utf-8")


def overlay(problems: tuple[Problem, ...]) -> str:
    """The box of errors that stopped the build (its warnings are in the terminal)."""
    errors = [problem for problem in problems if problem.severity == "error"]
    items = "".join(
        f"<li><code>{html.escape(str(problem.at))}</code>: {html.escape(problem.message)}"
        + (f" <em>({html.escape(problem.hint)})</em>" if problem.hint else "")
        + "</li>"
        for problem in errors
    )
    return (
        '<section class="lantern-problems" role="alert" aria-labelledby="lantern-problems-title">'
        '<h2 id="lantern-problems-title">This change could not be built</h2>'
        f"<p>The page below is the last good build. Fix the file, save, and it reloads.</p>"
        f"<ul>{items}</ul></section>"
    )
