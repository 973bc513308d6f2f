"""Hotlines, their channels and opening hours, curated resources, and videos on other sites."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlsplit

from lantern.errors import Position
from lantern.model.text import Translatable

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
class Video:
    """content/videos/ID.yaml: a video on another site, shown as a local poster and a link."""

    id: str
    title: Translatable
    url: str
    description: Translatable | None = None
    poster: str = ""  # relative to content/media/; inside the link that names the video
    languages: tuple[str, ...] = ()
    at: Position = Position("")

    @property
    def host(self) -> str:
        """The site the video plays on, as a reader knows it: "youtube.com", "vimeo.com"."""
        host = urlsplit(self.url).hostname or self.url
        return host.removeprefix("www.")
