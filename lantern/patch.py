"""A rebuild after edits to articles' text alone: the last build's site with the new text put in,
instead of reading, checking and planning every file again (the preview's common case).

It applies only when every changed file is an article the last build had, whose front matter is
as it was and whose text uses no shortcode it did not use before (those were checked), on the
same day: then nothing but that text and the digests made from the file can differ. Anything else
is a full build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from lantern.depends import KeyMaker
from lantern.errors import Problem, ProblemsFound
from lantern.model import Article, Site
from lantern.routes import Route, Routes
from lantern.shortcodes import find_shortcodes
from lantern.yamlfile import load_front_matter

_DIGEST = 32  # characters of one file digest in Article.source


@dataclass(frozen=True)
class Previous:
    """What a good build leaves for the next one in the same process."""

    site: Site
    routes: Routes
    keys: dict[str, str]
    maker: KeyMaker
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class Patched:
    site: Site
    routes: Routes
    keys: dict[str, str]
    affected: tuple[Route, ...]  # the routes that show a changed article


def patched(
    previous: Previous, site_dir: Path, changed: tuple[str, ...], today: dt.date
) -> Patched | None:
    """The last build with the changed articles' new text, or None when a full build is due."""
    site = previous.site
    if not changed or site.today != today:
        return None
    by_file = {article.at.path: article for article in site.articles}
    swaps: dict[int, Article] = {}
    for name in changed:
        old = by_file.get(name)
        new = _new_text(site_dir, name, old) if old else None
        if old is None or new is None:
            return None
        swaps[id(old)] = new
        if old.lang == site.config.default_lang:  # its translations inherit from this file
            for other in site.articles:
                if other.key == old.key and other is not old and len(other.source) == 2 * _DIGEST:
                    inherited = other.source[:_DIGEST] + new.source[:_DIGEST]
                    swaps[id(other)] = replace(swaps.get(id(other), other), source=inherited)
    articles = tuple(swaps.get(id(article), article) for article in site.articles)
    pages = tuple(_swapped(route, swaps) for route in previous.routes)
    affected = tuple(new for old, new in zip(previous.routes, pages, strict=True) if new is not old)
    keys = dict(previous.keys)
    keys.update({route.file: previous.maker.key(route) for route in affected})
    routes = Routes(pages, previous.routes.static, {route.path: route for route in pages})
    return Patched(replace(site, articles=articles), routes, keys, affected)


def _new_text(site_dir: Path, name: str, old: Article) -> Article | None:
    """The article with the file's new text, or None when more than its text changed."""
    try:
        file = load_front_matter(site_dir / name, name)
    except (ProblemsFound, OSError):
        return None
    if file.front_matter.source != old.front or not _shortcodes(file.body) <= _shortcodes(old.body):
        return None
    source = file.source + old.source[_DIGEST:]
    return replace(old, body=file.body, body_line=file.body_line, source=source)


def _shortcodes(text: str) -> set[tuple[str, str]]:
    return {(shortcode.name, shortcode.argument) for shortcode in find_shortcodes(text)}


def _swapped(route: Route, swaps: dict[int, Article]) -> Route:
    """The route showing the new articles, or the very same route when it shows none of them."""
    item = swaps.get(id(route.item)) if isinstance(route.item, Article) else None
    listing = tuple(swaps.get(id(article), article) for article in route.listing)
    if item is None and all(new is old for new, old in zip(listing, route.listing, strict=True)):
        return route
    return replace(route, item=item or route.item, listing=listing)
