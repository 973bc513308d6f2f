"""Fact sheets: figures with their sources, charts, signs and myths."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from lantern.errors import Position
from lantern.model.text import Translatable


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
    markdown_at: tuple[tuple[str, Position], ...] = ()  # (body text, where it is written)
