"""Articles and pages: Markdown files, one per language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lantern.errors import Position
from lantern.model.text import Image


@dataclass(frozen=True)
class Article:
    """One language's version of an article (content/articles/KEY.LANG.md)."""

    key: str
    lang: str
    slug: str
    title: str
    date: dt.date
    body: str  # Markdown
    summary: str = ""
    updated: dt.date | None = None
    tags: tuple[str, ...] = ()
    tags_lang: str = ""  # a translation that writes no tags shows its source's, in that language
    image: Image | None = None
    author: str = ""
    is_draft: bool = False
    at: Position = Position("")
    body_line: int = 1
    source: str = ""  # digests of the file and of the front matter it inherits: the cache's key
    front: str = ""  # a digest of its own front matter: an edit of the text alone keeps it


# The safety notice on every page links to this page (SITE-REQUIREMENTS 9): a site must have it.
SAFETY_PAGE = "stay-safe-online"


@dataclass(frozen=True)
class Page:
    """One language's version of a standalone page (content/pages/KEY.LANG.md)."""

    key: str
    lang: str
    slug: str
    title: str
    body: str  # Markdown
    summary: str = ""
    menu: int | None = None
    is_draft: bool = False
    at: Position = Position("")
    body_line: int = 1
