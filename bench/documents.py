"""The articles and pages every tool is fed, and how they are written to disk."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Article:
    """One language's version of an article, as every tool is fed it."""

    key: str
    lang: str
    title: str
    date: datetime.date
    summary: str
    tags: tuple[str, ...]
    body: str  # Markdown


@dataclass(frozen=True)
class Page:
    """A standalone page (about, stay-safe-online) in one language."""

    key: str
    lang: str
    title: str
    body: str


def dump_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def front_matter(fields: dict[str, Any], body: str) -> str:
    return f"---\n{dump_yaml(fields)}---\n\n{body}"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
