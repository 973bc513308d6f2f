"""The site as plain, frozen data: what the loaders build and the templates show. No I/O here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote

from lantern.errors import Position


@dataclass(frozen=True)
class LocalText:
    """A piece of text and the language it is really in (which may be a fallback)."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Translatable:
    """A (T) field: the same text in every language, or one text per language tag."""

    values: tuple[tuple[str, str], ...]  # (language, text); language "" = every language

    @classmethod
    def same(cls, text: str) -> Translatable:
        return cls((("", text),))

    def has(self, lang: str) -> bool:
        """True when the editor wrote this field for `lang` (or once for every language)."""
        return any(key in ("", lang) for key, _ in self.values)

    def text_in(self, lang: str, default_lang: str) -> LocalText:
        """The text for `lang`, else the default language's, marked with the language it is in."""
        by_lang = dict(self.values)
        if "" in by_lang:
            return LocalText(by_lang[""], lang)
        if lang in by_lang:
            return LocalText(by_lang[lang], lang)
        if default_lang in by_lang:
            return LocalText(by_lang[default_lang], default_lang)
        first_lang, first_text = self.values[0]
        return LocalText(first_text, first_lang)


@dataclass(frozen=True)
class MenuItem:
    kind: Literal["page", "section", "url"]
    target: str  # a page key, a section name or a URL
    title: Translatable | None
    at: Position = Position("site.yaml")


@dataclass(frozen=True)
class Organization:
    name: Translatable | None = None
    url: str = ""
    email: str = ""
    donate_url: str = ""
    newsletter_url: str = ""
    logo: str = ""  # under content/media/
    social: tuple[tuple[str, str], ...] = ()  # (network, URL), in the editor's order
    logo_at: Position = Position("site.yaml")


@dataclass(frozen=True)
class Announcement:
    text: Translatable
    link: str = ""
    until: dt.date | None = None


@dataclass(frozen=True)
class SiteConfig:
    """site.yaml, checked."""

    title: Translatable
    base_url: str  # absolute, ends in "/"
    languages: tuple[str, ...]  # the first is the default
    description: Translatable | None = None
    timezone: str = "UTC"
    quick_exit_url: str = "https://weather.com/"
    organization: Organization = Organization()
    announcement: Announcement | None = None
    help: tuple[str, ...] = ()
    help_at: tuple[Position, ...] = ()  # where each help id was written
    featured_campaign: str = ""
    menu: tuple[MenuItem, ...] = ()
    output_dir: str = "_site"
    at: Position = Position("site.yaml")

    @property
    def default_lang(self) -> str:
        return self.languages[0]

    @property
    def base_path(self) -> str:
        """The path part of base_url ("/" or "/network/"): every site URL starts with it."""
        after_scheme = self.base_url.split("://", 1)[1]
        return "/" + after_scheme.split("/", 1)[1] if "/" in after_scheme else "/"


@dataclass(frozen=True)
class BuildOptions:
    """What the command line asked for; `today` is the build's today in the site's time zone."""

    today: dt.date | None = None  # None: the date of `now` in the site's time zone
    now: dt.datetime | None = None  # the real moment, given by the command line (aware)
    drafts: bool = False
    future: bool = False
    strict: bool = False


@dataclass(frozen=True)
class Image:
    path: str  # relative to content/media/
    alt: LocalText  # empty text when decorative
    is_decorative: bool = False


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
    image: Image | None = None
    author: str = ""
    is_draft: bool = False
    at: Position = Position("")
    body_line: int = 1


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


DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")


@dataclass(frozen=True)
class OpeningRange:
    """Open on `days` from `opens` to `closes` (HH:MM); a `closes` before `opens` runs past midnight."""

    days: tuple[str, ...]
    opens: str
    closes: str


@dataclass(frozen=True)
class Hours:
    """When a hotline or channel answers: always, or in weekly ranges in `timezone`."""

    is_always_open: bool
    ranges: tuple[OpeningRange, ...] = ()
    timezone: str = ""


ALWAYS_OPEN = Hours(is_always_open=True)


@dataclass(frozen=True)
class Channel:
    """One way to reach a hotline."""

    type: Literal["call", "text", "chat", "email", "web"]
    label: Translatable | None = None
    number: str = ""  # as the editor wrote it, for display
    e164: str = ""  # +18883737888; empty for a short code
    keyword: str = ""
    url: str = ""
    address: str = ""
    is_tty: bool = False
    is_toll_free: bool = False
    hours: Hours | None = None  # None: the hotline's hours
    languages: tuple[str, ...] = ()  # empty: the hotline's languages

    @property
    def href(self) -> str:
        """The link that starts this channel on a phone or computer."""
        if self.type == "call":
            return f"tel:{self.e164}"
        if self.type == "text":
            number = self.e164 or self.number
            body = f"?&body={quote(self.keyword, safe='')}" if self.keyword else ""
            return f"sms:{number}{body}"
        if self.type == "email":
            return f"mailto:{self.address}"
        return self.url


@dataclass(frozen=True)
class Hotline:
    id: str
    name: Translatable
    channels: tuple[Channel, ...]
    last_verified: dt.date
    area: str = ""  # ISO 3166: "US", "US-CT"
    operator: Translatable | None = None
    description: Translatable | None = None
    topics: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    has_interpretation: bool = False
    hours: Hours | None = None
    at: Position = Position("")

    @property
    def is_national(self) -> bool:
        return "-" not in self.area

    def hours_of(self, channel: Channel) -> Hours | None:
        return channel.hours or self.hours

    def languages_of(self, channel: Channel) -> tuple[str, ...]:
        return channel.languages or self.languages


@dataclass(frozen=True)
class Source:
    """Where a figure comes from: name and year or period, and a link when there is one."""

    name: Translatable
    year: int | None = None
    period: str = ""
    url: str = ""

    @property
    def when(self) -> str:
        return self.period or str(self.year)


@dataclass(frozen=True)
class Fact:
    sheet: str
    id: str
    text: Translatable
    source: Source
    value: float | None = None
    unit: str = ""
    caveat: Translatable | None = None

    @property
    def reference(self) -> str:
        return f"{self.sheet}/{self.id}"


@dataclass(frozen=True)
class ChartItem:
    label: Translatable
    value: float


@dataclass(frozen=True)
class Chart:
    sheet: str
    id: str
    title: Translatable
    data: tuple[ChartItem, ...]
    source: Source
    kind: Literal["bar", "stacked-bar"] = "bar"
    unit: str = ""
    caption: Translatable | None = None
    caveat: Translatable | None = None

    @property
    def reference(self) -> str:
        return f"{self.sheet}/{self.id}"


@dataclass(frozen=True)
class SignGroup:
    group: Translatable
    items: tuple[Translatable, ...]


@dataclass(frozen=True)
class Myth:
    myth: Translatable
    fact: Translatable
    source: Source | None = None


@dataclass(frozen=True)
class FactSheet:
    """content/facts/ID.yaml: figures with their sources, charts, signs, myths."""

    id: str
    title: Translatable
    summary: Translatable | None = None
    updated: dt.date | None = None
    body: Translatable | None = None  # Markdown
    facts: tuple[Fact, ...] = ()
    charts: tuple[Chart, ...] = ()
    signs: tuple[SignGroup, ...] = ()
    myths: tuple[Myth, ...] = ()
    at: Position = Position("")
    body_at: tuple[tuple[str, Position], ...] = ()  # (language, where its body text starts)


@dataclass(frozen=True)
class ResourceLink:
    title: Translatable
    url: str
    description: Translatable | None = None
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resource:
    """content/resources/ID.yaml: curated links for one audience."""

    id: str
    title: Translatable
    links: tuple[ResourceLink, ...] = ()
    audience: Translatable | None = None
    description: Translatable | None = None
    at: Position = Position("")


@dataclass(frozen=True)
class Location:  # where an event happens: a place, a link to join online, or both
    name: Translatable | None = None
    address: str = ""
    city: str = ""
    region: str = ""
    online_url: str = ""


@dataclass(frozen=True)
class Event:  # content/events/ID.yaml: a training, fundraiser, awareness day or meeting
    id: str
    title: Translatable
    starts: dt.datetime | dt.date  # aware (in `timezone`) for a timed event; a date when all-day
    ends: dt.datetime | dt.date | None = None  # all-day: the last day, inclusive
    timezone: str = "UTC"  # IANA name: the event's, else the site's
    is_all_day: bool = False
    kind: Literal["training", "fundraiser", "awareness", "meeting", "other"] = "other"
    description: Translatable | None = None  # Markdown
    location: Location | None = None
    registration_url: str = ""
    cost: Translatable | None = None
    audience: Translatable | None = None
    image: Image | None = None
    campaign: str = ""  # a campaign id
    at: Position = Position("")


@dataclass(frozen=True)
class Site:
    """Everything read from a site folder, checked and complete."""

    config: SiteConfig
    today: dt.date
    articles: tuple[Article, ...] = ()
    pages: tuple[Page, ...] = ()
    hotlines: tuple[Hotline, ...] = ()
    fact_sheets: tuple[FactSheet, ...] = ()
    resources: tuple[Resource, ...] = ()
    media: tuple[str, ...] = ()  # paths under content/media/
    strings: dict[str, dict[str, LocalText]] = field(default_factory=dict)  # lang -> key -> text

    def hotline(self, hotline_id: str) -> Hotline | None:
        return next((h for h in self.hotlines if h.id == hotline_id), None)

    def fact(self, reference: str) -> Fact | None:
        """A fact by its SHEET/ID reference."""
        return next(
            (f for s in self.fact_sheets for f in s.facts if f.reference == reference), None
        )

    def chart(self, reference: str) -> Chart | None:
        return next(
            (c for s in self.fact_sheets for c in s.charts if c.reference == reference), None
        )
