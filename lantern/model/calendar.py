"""Events and campaigns: what happens when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from lantern.errors import Position
from lantern.model.text import Image, Translatable


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
    markdown_at: tuple[tuple[str, Position], ...] = ()  # (Markdown text, where it is written)

    @property
    def first_moment(self) -> dt.datetime:
        """When it starts: an all-day event at 00:00 of its first day, in its time zone."""
        if isinstance(self.starts, dt.datetime):
            return self.starts
        return dt.datetime.combine(self.starts, dt.time(), ZoneInfo(self.timezone))

    @property
    def last_day(self) -> dt.date:
        """The day it ends on (the day it starts when no end is set), in its time zone."""
        end = self.ends or self.starts
        return end.date() if isinstance(end, dt.datetime) else end


@dataclass(frozen=True)
class KeyDate:  # a day the campaign builds up to: National Human Trafficking Awareness Day
    date: dt.date
    title: Translatable
    description: Translatable | None = None


@dataclass(frozen=True)
class Action:  # one suggested thing to do on a day of the campaign
    date: dt.date
    title: Translatable
    description: Translatable | None = None  # Markdown
    link: Translatable | None = None  # a URL or a site path ("/en/facts/"), per language or not


@dataclass(frozen=True)
class SocialPost:  # a ready-made post for the social media toolkit
    text: Translatable
    fact: str = ""  # SHEET/ID: a share image is made from it
    image: str = ""  # the editor's own image under content/media/, instead of a made one
    image_alt: Translatable | None = None


@dataclass(frozen=True)
class Download:  # a flyer, a poster, a slide deck under content/media/
    title: Translatable
    file: str  # under content/media/
    size: int  # bytes
    lang: str  # the language the file is written in
    description: Translatable | None = None


@dataclass(frozen=True)
class Campaign:  # content/campaigns/ID.yaml: a month (or week) of awareness
    id: str
    title: Translatable
    starts: dt.date
    ends: dt.date  # the last day, inclusive
    tagline: Translatable | None = None
    description: Translatable | None = None  # Markdown
    hashtags: tuple[str, ...] = ()  # without "#"
    key_dates: tuple[KeyDate, ...] = ()
    actions: tuple[Action, ...] = ()  # in date order
    facts: tuple[str, ...] = ()  # SHEET/ID references
    social_posts: tuple[SocialPost, ...] = ()
    downloads: tuple[Download, ...] = ()
    at: Position = Position("")
    markdown_at: tuple[tuple[str, Position], ...] = ()  # (Markdown text, where it is written)

    @property
    def length_in_days(self) -> int:
        return (self.ends - self.starts).days + 1
