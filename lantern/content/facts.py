"""Fact sheets: content/facts/ID.yaml. Every figure keeps its source: one printed without is harm."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lantern.config import check_date
from lantern.content.records import markdown_at, read_records
from lantern.errors import Problems
from lantern.i18n import translatable
from lantern.model import (
    Chart,
    ChartItem,
    Fact,
    FactSheet,
    Myth,
    SignGroup,
    SiteConfig,
    Source,
    Translatable,
)
from lantern.yamlfile import FieldPath, YamlDocument

# Figures counted by a hotline say who called, not how common trafficking is (SITE-REQUIREMENTS 24).
HOTLINE_WORDS = ("hotline", "línea", "linea")


class _Reader:
    """Reads the (T) fields of one sheet against the site's languages, collecting problems."""

    def __init__(self, document: YamlDocument, config: SiteConfig, problems: Problems) -> None:
        self.document, self.languages, self.problems = document, config.languages, problems

    def text(self, at: FieldPath) -> Translatable | None:
        return translatable(self.document, at, self.languages, self.problems)

    def required(self, at: FieldPath) -> Translatable:
        return self.text(at) or Translatable.same("")  # the schema has made sure it is there

    def source(self, at: FieldPath) -> Source:
        data: dict[str, Any] = self.document.get(at)  # with a year or a period: the schema's rule
        return Source(
            self.required((*at, "name")),
            data.get("year"),
            data.get("period", ""),
            data.get("url", ""),
        )


def load_fact_sheets(
    site_dir: Path, config: SiteConfig, problems: Problems
) -> tuple[FactSheet, ...]:
    sheets = []
    for sheet_id, document in read_records(site_dir, "facts", "facts", problems):
        count = len(problems.errors)
        sheet = _sheet(sheet_id, _Reader(document, config, problems))
        if len(problems.errors) == count:
            sheets.append(sheet)
    return tuple(sheets)


def _sheet(sheet_id: str, read: _Reader) -> FactSheet:
    data: dict[str, Any] = read.document.data
    facts = tuple(_fact(sheet_id, index, read) for index in range(len(data.get("facts", []))))
    charts = tuple(_chart(sheet_id, index, read) for index in range(len(data.get("charts", []))))
    _check_unique_ids(read, "facts", [f.id for f in facts])
    _check_unique_ids(read, "charts", [c.id for c in charts])
    return FactSheet(
        id=sheet_id,
        title=read.required(("title",)),
        summary=read.text(("summary",)),
        updated=check_date(read.document, ("updated",), read.problems),
        body=read.text(("body",)),
        facts=facts,
        charts=charts,
        signs=tuple(
            SignGroup(
                read.required(("signs", i, "group")),
                tuple(read.required(("signs", i, "items", j)) for j in range(len(group["items"]))),
            )
            for i, group in enumerate(data.get("signs", []))
        ),
        markdown_at=markdown_at(read.document, ("body",)),
        myths=tuple(
            Myth(
                read.required(("myths", i, "myth")),
                read.required(("myths", i, "fact")),
                read.source(("myths", i, "source")) if "source" in myth else None,
            )
            for i, myth in enumerate(data.get("myths", []))
        ),
        at=read.document.at(()),
    )


def _fact(sheet_id: str, index: int, read: _Reader) -> Fact:
    at = ("facts", index)
    data: dict[str, Any] = read.document.get(at)
    fact = Fact(
        sheet=sheet_id,
        id=data["id"],
        text=read.required((*at, "text")),
        source=read.source((*at, "source")),
        value=data.get("value"),
        unit=data.get("unit", ""),
        caveat=read.text((*at, "caveat")),
    )
    _check_hotline_caveat(read, at, fact.source, fact.caveat)
    return fact


def _chart(sheet_id: str, index: int, read: _Reader) -> Chart:
    at = ("charts", index)
    data: dict[str, Any] = read.document.get(at)
    chart = Chart(
        sheet=sheet_id,
        id=data["id"],
        title=read.required((*at, "title")),
        data=tuple(
            ChartItem(read.required((*at, "data", i, "label")), float(item["value"]))
            for i, item in enumerate(data["data"])
        ),
        source=read.source((*at, "source")),
        kind=data.get("kind", "bar"),
        unit=data.get("unit", ""),
        caption=read.text((*at, "caption")),
        caveat=read.text((*at, "caveat")),
    )
    _check_hotline_caveat(read, at, chart.source, chart.caveat)
    return chart


def _check_unique_ids(read: _Reader, field: str, ids: list[str]) -> None:
    for index, item_id in enumerate(ids):
        if ids.index(item_id) != index:
            read.problems.error(
                read.document.at((field, index, "id")),
                f'the id "{item_id}" is used twice in {field}',
                "give each one its own id: references like SHEET/ID must point at one thing",
            )


def _check_hotline_caveat(
    read: _Reader, at: FieldPath, source: Source, caveat: Translatable | None
) -> None:
    names = " ".join(text for _, text in source.name.values).lower()
    if caveat is None and any(word in names for word in HOTLINE_WORDS):
        read.problems.warning(
            read.document.at(at),
            "a figure from hotline data has no caveat",
            "add caveat: saying it counts contacts to the hotline, not how common trafficking is",
        )
