"""site.yaml and the command line, checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal
from zoneinfo import ZoneInfo

from lantern.errors import Position
from lantern.model.text import Translatable


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
    featured_campaign_at: Position = Position("site.yaml")
    menu: tuple[MenuItem, ...] = ()
    output_dir: str = "_site"
    headers_file: bool = True  # write _headers for Netlify and Cloudflare Pages
    at: Position = Position("site.yaml")

    @property
    def default_lang(self) -> str:
        return self.languages[0]

    @cached_property  # asked for every link of every page
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

    def on_site_day(self, timezone: str) -> BuildOptions:
        """With today set: the day of `now` in the site's time zone, unless given."""
        if self.today is not None:
            return self
        assert self.now is not None, "the command line gives either today or now"
        return replace(self, today=self.now.astimezone(ZoneInfo(timezone)).date())
