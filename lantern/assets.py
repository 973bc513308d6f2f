"""The theme's files under static/ (stylesheets, scripts, icons), each published under a name that
carries a digest of its bytes, lantern.3f9a1c2b.css: a file's name changes whenever its bytes do,
so hosts may let browsers keep it for a year (the immutable rule of templates/_headers).

A stylesheet loses its comments, and its url() references to other files of static/ are rewritten to their new names first,
and its own name is the digest of the rewritten bytes: an edited icon renames the stylesheets
that show it too. (An `@import "x.css"` written without url() is left as it is: write
`@import url(x.css)`.) The rewritten stylesheets are kept in the build cache, named as
published, and copied from there like any other file.

The content's media (content/media/) are published twice: under their own names in media/, for
the links editors write by hand, and under digest names in static/media/, which every image,
still and download a template shows uses, so they too are kept a year.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lantern import memo
from lantern.routes import ASSETS, Routes, fingerprinted_path

STORE = "assets"  # inside SITE/.lantern-cache/: the rewritten stylesheets
# content/media/, published as media/ under its own names (editors link to those by hand), and
# again as static/media/ under names that carry digests, which the templates show.
MEDIA = "media/"
# CSS Syntax Level 3, 4.3.6: url( with or without quotes; data: and other sites' URLs stay.
_URL = re.compile(rb"""url\(\s*(["']?)([^"'()\s]+)\1\s*\)""")
# A comment, or a string (kept: "/*" may stand in one), per CSS Syntax Level 3, 4.3.2 and 4.3.5.
_COMMENT_OR_STRING = re.compile(rb"""/\*.*?\*/|("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')""", re.S)


@dataclass(frozen=True)
class Fingerprinted:
    copies: tuple[tuple[str, Path], ...]  # (URL path, source file): what the output receives
    names: dict[str, str]  # "static/lantern.css" -> "static/lantern.3f9a1c2b.css"


def fingerprint(static: tuple[tuple[str, Path], ...], store: Path | None) -> Fingerprinted:
    """Every file under static/ renamed by its digest; the other files as they were.

    Rewritten stylesheets are written into `store` (once: the name says the bytes); without one
    (build.py check, which writes nothing) only the names are made.
    """
    sources = {path: source for path, source in static if path.startswith(ASSETS)}
    names: dict[str, str] = {}
    made: dict[str, bytes] = {}

    def name_of(path: str, visiting: frozenset[str] = frozenset()) -> str:
        if path not in names:
            data = sources[path].read_bytes()
            if path.endswith(".css"):
                data = _without_comments(data)
                data = _rewritten(path, data, lambda found: _known(found, visiting | {path}))
                made[path] = data
            names[path] = fingerprinted_path(path, hashlib.sha256(data).hexdigest()[:8])
        return names[path]

    def _known(found: str, visiting: frozenset[str]) -> str | None:
        if found not in sources or found in visiting:  # a stylesheet importing itself stays
            return None
        return name_of(found, visiting)

    for path in sorted(sources):
        name_of(path)
    copies = []
    for path, source in static:
        if path not in sources:
            copies.append((path, source))
        elif path in made and store is not None:
            copies.append((names[path], _stored(store, names[path], made[path])))
        else:
            copies.append((names[path], source))
    for path, source in static:
        if path.startswith(MEDIA):  # also under static/, named by its bytes, for the templates
            names[path] = fingerprinted_path(ASSETS + path, _media_digest(source))
            copies.append((names[path], source))
    return Fingerprinted(tuple(sorted(copies)), names)


def _media_digest(source: Path) -> str:
    """A media file's digest, read again only when its stamp changed: a site's photos and PDFs
    may weigh far more than the theme, and every full build names them."""
    stat = source.stat()
    key = f"{source}:{stat.st_size}:{stat.st_mtime_ns}"
    return memo.current().get_or_make(
        "media digest", key, lambda: hashlib.sha256(source.read_bytes()).hexdigest()[:8]
    )


def is_complete(copies: tuple[tuple[str, Path], ...]) -> bool:
    """Whether the rewritten stylesheets an earlier build named are still in the store (the
    build cache may be deleted at any time): if not, that build's plan cannot be reused."""
    return all(
        source.is_file()
        for path, source in copies
        if path.startswith(ASSETS) and path.endswith(".css")
    )


def _without_comments(data: bytes) -> bytes:
    """A stylesheet without its comments: they are for the theme's readers, and every page's
    reader would download them (a tenth of lantern.css)."""
    return _COMMENT_OR_STRING.sub(lambda match: match[1] or b"", data)


def _rewritten(path: str, data: bytes, name_of: Callable[[str], str | None]) -> bytes:
    """A stylesheet with each url() to a file of static/ naming its fingerprinted name."""
    folder = posixpath.dirname(path)

    def renamed(match: re.Match[bytes]) -> bytes:
        target = match[2].decode("utf-8", errors="replace")
        address = re.split(r"[?#]", target, maxsplit=1)[0]
        if ":" in address or address.startswith("/"):
            return match[0]  # data:, another site, or an absolute path: not a file of static/
        found = name_of(posixpath.normpath(posixpath.join(folder, address)))
        if found is None:
            return match[0]
        relative = posixpath.relpath(found, folder)
        return b"url(%s%s%s)" % (match[1], (relative + target[len(address) :]).encode(), match[1])

    return _URL.sub(renamed, data)


def _stored(store: Path, name: str, data: bytes) -> Path:
    """The rewritten stylesheet in the store, written there the first time."""
    target = store / name.replace("/", "__")
    if not target.is_file():
        store.mkdir(parents=True, exist_ok=True)
        temporary = store / f".{target.name}.{os.getpid()}"
        temporary.write_bytes(data)
        temporary.replace(target)  # a build running beside this one never reads half a file
    return target


def short_cache_paths(routes: Routes) -> tuple[str, ...]:
    """URL patterns that together match every output file outside static/ and none in it.

    Hosts join the values of a header that two matching rules give (Cloudflare Pages), so the
    short Cache-Control of pages must not also match a fingerprinted file: one rule per folder
    and per file at the top, never "*".
    """
    found: set[str] = set()
    for file in (*(route.file for route in routes), *(path for path, _ in routes.static)):
        top, slash, _ = file.partition("/")
        if file == "_headers" or top + slash == ASSETS:
            continue
        if slash:
            found.add(top + "/*")
        elif file == "index.html":
            found.update(("", file))  # the root is asked for as "/"
        else:
            found.add(file)
    return tuple(sorted(found))
