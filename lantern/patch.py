"""A rebuild after edits to articles' text alone: the last build's site with the new text put in,
instead of reading, checking and planning every file again (the preview's common case).

It applies only when every changed file is an article the last build had, whose front matter is
as it was and whose text uses no shortcode it did not use before (those were checked) and no
link or HTML the build would refuse, on the same day: then nothing but that text and the digests made
from the file can differ. Anything else is a full build.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lantern import memo
from lantern.depends import KeyMaker
from lantern.errors import Problem, ProblemsFound
from lantern.links import unsafe_links
from lantern.model import Article, Site
from lantern.parallel import Record
from lantern.raw_html import html_problems
from lantern.routes import Route, Routes
from lantern.shortcodes import find_shortcodes
from lantern.uptodate import differences
from lantern.yamlfile import load_front_matter

_DIGEST = 32  # characters of one file digest in Article.source
_STATE = "last-build.pickle"  # in SITE/.lantern-cache/


@dataclass(frozen=True)
class Previous:
    """What a good build leaves for the next one: in the preview's memory, or on disk."""

    site: Site
    routes: Routes
    keys: dict[str, str]
    maker: KeyMaker
    warnings: tuple[Problem, ...]
    out_dir: Path  # where it wrote
    records: dict[str, Record]  # each page's, as the build cache has them
    files: tuple[str, ...]  # every file it wrote


# On the command line, a full build saves its state for the next build (the base), and the record
# of each good build (uptodate.remember) names the base it stands on, with the input stamps the
# base was read with. A patched build patches the base with every file edited since, and keeps
# what it made beside the build cache (memo.save_later), without saving the base again.
MAX_PATCHED = 20  # files edited since the base; beyond, a full build (and a new base) is due


def last_state(
    cache_dir: Path, record: dict[str, Any], inputs: dict[str, list[int]]
) -> tuple[Previous, tuple[str, ...]] | None:
    """The base the last build stood on, and the site files edited since, when they are all
    content files and not too many; else None (a full build is due)."""
    edited = [name.removeprefix("site/") for name in differences(record.get("base", {}), inputs)]
    if not edited or len(edited) > MAX_PATCHED or not all(n.startswith("content/") for n in edited):
        return None
    base = memo.read_pickle(cache_dir / _STATE, memo.code_version(), record.get("state", ""))
    if not isinstance(base, Previous):
        return None
    # A command-line build, which ends soon: the cycle collector's next pass would walk every
    # object made so far, the base's and the imported modules' (2,000 articles: 20-26 ms), to
    # free none. It need never look at them.
    gc.freeze()
    return base, tuple(edited)


def state_fields(
    cache_dir: Path, built: Previous, inputs: dict[str, list[int]], base: dict[str, Any] | None
) -> dict[str, Any]:
    """What the record of a good build says of its base: the same `base` record's, when the
    build patched it; else the build's own state, saved as the new base."""
    if base:
        return {"state": base["state"], "base": base["base"]}
    with contextlib.suppress(OSError):  # without a base, the next build is a full one
        state = memo.write_pickle(cache_dir / _STATE, built, memo.code_version())
        return {"state": state, "base": inputs}
    return {}


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
        swaps[id(old)] = new  # its translations inherit its front matter alone, unchanged
    articles = tuple(swaps.get(id(article), article) for article in site.articles)
    pages = tuple(_swapped(route, swaps) for route in previous.routes)
    affected = tuple(new for old, new in zip(previous.routes, pages, strict=True) if new is not old)
    keys = dict(previous.keys)
    keys.update({route.file: previous.maker.key(route) for route in affected})
    paths = {route.path: route for route in pages}
    routes = Routes(pages, previous.routes.static, paths, previous.routes.assets)
    return Patched(replace(site, articles=articles), routes, keys, affected)


def _new_text(site_dir: Path, name: str, old: Article) -> Article | None:
    """The article with the file's new text, or None when more than its text changed."""
    try:
        file = load_front_matter(site_dir / name, name)
    except (ProblemsFound, OSError):
        return None
    if file.front_matter.source != old.front or not _shortcodes(file.body) <= _shortcodes(old.body):
        return None
    if any(unsafe_links(file.body)) or html_problems(file.body):
        return None  # the full build reports it
    source = file.source + old.source[_DIGEST:]
    return replace(old, body=file.body, body_line=file.body_line, source=source)


def _shortcodes(text: str) -> set[tuple[str, str]]:
    return {(shortcode.name, shortcode.argument) for shortcode in find_shortcodes(text)}


def _swapped(route: Route, swaps: dict[int, Article]) -> Route:
    """The route showing the new articles, or the very same route when it shows none of them."""
    item = swaps.get(id(route.item)) if isinstance(route.item, Article) else None
    if item is None and swaps.keys().isdisjoint(map(id, route.listing)):
        return route  # the usual case, looked at in C: every route is, on every patch
    listing = tuple(swaps.get(id(article), article) for article in route.listing)
    return replace(route, item=item or route.item, listing=listing)
