"""The site as plain, frozen data: what the loaders build and the templates show. No I/O here.

Each kind of content has its own module; everything is importable from lantern.model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lantern.model.calendar import Action, Campaign, Download, Event, KeyDate, Location, SocialPost
from lantern.model.directory import (
    ALWAYS_OPEN,
    DAYS,
    Channel,
    Hotline,
    Hours,
    OpeningRange,
    Resource,
    ResourceLink,
    Video,
)
from lantern.model.documents import SAFETY_PAGE, Article, Page
from lantern.model.facts import Chart, ChartItem, Fact, FactSheet, Myth, SignGroup, Source
from lantern.model.settings import Announcement, BuildOptions, MenuItem, Organization, SiteConfig
from lantern.model.text import Image, LocalText, Translatable

__all__ = [
    "ALWAYS_OPEN",
    "DAYS",
    "SAFETY_PAGE",
    "Action",
    "Announcement",
    "Article",
    "BuildOptions",
    "Campaign",
    "Channel",
    "Chart",
    "ChartItem",
    "Download",
    "Event",
    "Fact",
    "FactSheet",
    "Hotline",
    "Hours",
    "Image",
    "KeyDate",
    "LocalText",
    "Location",
    "MenuItem",
    "Myth",
    "OpeningRange",
    "Organization",
    "Page",
    "Resource",
    "ResourceLink",
    "SignGroup",
    "Site",
    "SiteConfig",
    "SocialPost",
    "Source",
    "Translatable",
    "Video",
]


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
    videos: tuple[Video, ...] = ()
    events: tuple[Event, ...] = ()  # the earliest first
    campaigns: tuple[Campaign, ...] = ()  # the earliest first
    media: tuple[str, ...] = ()  # paths under content/media/
    strings: dict[str, dict[str, LocalText]] = field(default_factory=dict)  # lang -> key -> text
    undrawn_languages: tuple[str, ...] = ()  # no share images: this machine cannot lay them out

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

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    def campaign(self, campaign_id: str) -> Campaign | None:
        return next((c for c in self.campaigns if c.id == campaign_id), None)
