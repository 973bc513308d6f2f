"""What each output file is made from, as one digest per route: a rebuild renders only the routes
whose digest changed.

A route's digest covers its Route (the article it shows, the articles it lists, its translations'
addresses), and what every page shows (site.yaml, interface strings, templates, the help bar's
hotlines, the menu's page titles, Lantern's own code). Pages made from Markdown that uses no
shortcode stop there, so editing one article re-renders that article's pages and the lists,
feeds and translations that show it; every other route also depends on every record (hotlines,
fact sheets, resources, events, campaigns) and on the build's today. Too wide a digest costs time;
too narrow a one would be a wrong page, so when in doubt a route depends on more.
"""

from __future__ import annotations

import io
import pickle
from pathlib import Path
from typing import Any

from lantern.memo import digest
from lantern.model import Article, Page, Site
from lantern.routes import Routes
from lantern.shortcodes import find_shortcodes

_PLAIN = ("article", "page")  # routes that show one document and the site's frame, nothing else


def route_keys(site: Site, routes: Routes, theme_dirs: list[Path], code: str) -> dict[str, str]:
    """The digest of every route's inputs, by output file."""
    fingerprint = _Fingerprint()
    frame = digest(code, _templates(theme_dirs), fingerprint.of(_frame(site)))
    records = digest(frame, fingerprint.of(_records(site)))
    sitemap = [(r.path, r.alternates, r.x_default) for r in routes]
    dated = digest(records, site.today.isoformat(), fingerprint.of(sitemap))
    keys = {}
    for route in routes:
        if route.kind in _PLAIN:
            assert isinstance(route.item, Article | Page)
            base = records if find_shortcodes(route.item.body) else frame
        else:
            base = dated
        keys[route.file] = digest(base, fingerprint.of(route))
    return keys


def _frame(site: Site) -> tuple[Any, ...]:
    """What every page shows besides its own content: settings, words, help bar, menu."""
    help_lines = tuple(site.hotline(hotline_id) for hotline_id in site.config.help)
    menu_pages = tuple((p.key, p.lang, p.slug, p.title) for p in site.pages)
    announcement = site.config.announcement
    is_shown = bool(announcement and (not announcement.until or announcement.until >= site.today))
    return (site.config, site.strings, help_lines, menu_pages, is_shown)


def _records(site: Site) -> tuple[Any, ...]:
    return (
        site.hotlines,
        site.fact_sheets,
        site.resources,
        site.events,
        site.campaigns,
        site.media,
    )


def _templates(theme_dirs: list[Path]) -> str:
    """Every template and interface-string file of the theme and the site's overrides."""
    files = sorted(
        (str(path.relative_to(folder)), path)
        for folder in theme_dirs
        for path in folder.rglob("*")
        if path.is_file() and path.relative_to(folder).parts[0] != "static"
    )
    return digest(*(name.encode() + b"\n" + path.read_bytes() for name, path in files))


class _Fingerprint:
    """Digests of model objects; an article or page is digested once, however many lists show it."""

    def __init__(self) -> None:
        self._documents: dict[int, str] = {}

    def of(self, value: Any) -> str:
        buffer = io.BytesIO()
        _Pickler(buffer, self._documents).dump(value)
        return digest(buffer.getvalue())


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, documents: dict[int, str]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._documents = documents

    def reducer_override(self, obj: Any) -> Any:
        if not isinstance(obj, Article | Page):
            return NotImplemented
        if isinstance(obj, Article) and obj.source:  # made from its files, with these digests
            return (str, (obj.source + obj.lang,))
        found = self._documents.get(id(obj))
        if found is None:
            found = self._documents[id(obj)] = digest(pickle.dumps(obj, pickle.HIGHEST_PROTOCOL))
        return (str, (found,))
