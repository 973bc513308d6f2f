"""What each output file is made from, as one digest per route: a rebuild renders only the routes
whose digest changed.

A route's digest covers its Route (the article it shows, the articles it lists, its translations'
addresses), and what every page shows (site.yaml, interface strings, templates, the help bar's
hotlines, the menu's page titles, Lantern's own code). Pages made from Markdown that uses no
shortcode stop there, so editing one article's text re-renders its page and the feed that
carries the text (its title: also the lists that show it); every other route also depends on
every record (hotlines, fact sheets, resources, videos, events, campaigns) and on the build's today. Too wide a digest costs time;
too narrow a one would be a wrong page, so when in doubt a route depends on more.
"""

from __future__ import annotations

import io
import pickle
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from lantern.memo import digest
from lantern.model import (
    Article,
    Campaign,
    Event,
    FactSheet,
    Hotline,
    Page,
    Resource,
    Site,
    Video,
)
from lantern.routes import Route, Routes
from lantern.shortcodes import has_shortcodes

_PLAIN = ("article", "page")  # routes that show one document and the site's frame, nothing else
_BODIES = (*_PLAIN, "feed")  # the routes that show an article's text; the others show its fields


def shows_others_text(route: Route) -> bool:
    """Whether a route shows the text of the articles it lists (a feed), not only their fields."""
    return route.kind in _BODIES and route.kind not in _PLAIN


class KeyMaker:
    """Route digests for one version of the site's frame and records: a rebuild that changes
    only articles' text keeps it, and digests only the routes that show those articles."""

    def __init__(self, site: Site, routes: Routes, templates: str, code: str) -> None:
        self.templates = templates  # the digest of the templates the keys are made for
        self._fingerprint = _Fingerprint()
        # Every page names the theme's files by their digests: an edited stylesheet is a new frame.
        assets = sorted(routes.assets.items())
        self._frame = digest(code, templates, self._fingerprint.of((_frame(site), assets)))
        self._records = digest(self._frame, self._fingerprint.of(_records(site)))
        sitemap = [(r.path, r.alternates, r.x_default) for r in routes]
        copied = [path for path, _ in routes.static]  # _headers has a rule per folder
        dated = self._fingerprint.of((sitemap, copied))
        self._dated = digest(self._records, site.today.isoformat(), dated)

    def key(self, route: Route) -> str:
        if route.kind in _PLAIN:
            assert isinstance(route.item, Article | Page)
            base = self._records if has_shortcodes(route.item.body) else self._frame
        else:
            base = self._dated
        return digest(base, self._fingerprint.of(route, route.kind in _BODIES))


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
        site.videos,
        site.events,
        site.campaigns,
        site.media,
    )


def templates_digest(theme_dirs: list[Path]) -> str:
    """Every template and interface-string file of the theme and the site's overrides."""
    files = sorted(
        (str(path.relative_to(folder)), path)
        for folder in theme_dirs
        for path in folder.rglob("*")
        if path.is_file() and path.relative_to(folder).parts[0] != "static"
    )
    return digest(*(name.encode() + b"\n" + path.read_bytes() for name, path in files))


class _Fingerprint:
    """Digests of model objects. A record is digested once per build, however many routes show
    it; an article's text counts only where the route shows the text."""

    def __init__(self) -> None:
        # (id, bodies) -> (the record, its digest): holding the record keeps its id its own.
        self._known: dict[tuple[int, bool], tuple[object, str]] = {}

    def of(self, value: Any, bodies: bool = True) -> str:
        """`bodies`: whether an article's text counts, or only its other fields (a list's)."""
        return digest(self._pickled(value, bodies))

    def __getstate__(self) -> dict[str, Any]:
        return {"_known": {}}  # ids mean nothing in another process

    def record(self, record: Any, bodies: bool) -> str:
        found = self._known.get((id(record), bodies))
        if found is None or found[0] is not record:
            if isinstance(record, Article) and record.source and bodies:
                text = record.source + record.lang  # made from its files, with these digests
            else:
                shown = record if bodies else _fields_only(record)
                state = (type(shown).__name__, *(getattr(shown, f.name) for f in fields(shown)))
                text = digest(self._pickled(state, bodies))
            found = self._known[(id(record), bodies)] = (record, text)
        return found[1]

    def _pickled(self, value: Any, bodies: bool) -> bytes:
        buffer = io.BytesIO()
        _Pickler(buffer, self, bodies).dump(value)
        return buffer.getvalue()


_RECORDS = (Article, Page, Hotline, Resource, Video, FactSheet, Event, Campaign)


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, fingerprint: _Fingerprint, bodies: bool) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._fingerprint = fingerprint
        self._bodies = bodies

    def reducer_override(self, obj: Any) -> Any:
        if not isinstance(obj, _RECORDS):
            return NotImplemented
        return (str, (self._fingerprint.record(obj, self._bodies),))


def _fields_only(record: Any) -> Any:
    """A record as a list shows it: an article or page without its text (and where that came
    from); any other record whole."""
    if isinstance(record, Article):
        return replace(record, body="", body_line=0, source="")
    if isinstance(record, Page):
        return replace(record, body="", body_line=0)
    return record
