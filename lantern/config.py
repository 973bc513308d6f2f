"""site.yaml -> SiteConfig: the shape through its schema, the meanings checked here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lantern.errors import Position, Problem, Problems, ProblemsFound
from lantern.i18n import is_known_language, translatable
from lantern.model import Announcement, MenuItem, Organization, SiteConfig, Translatable
from lantern.schema import check_shape
from lantern.yamlfile import YamlDocument, load_yaml

CONFIG_FILES = ("site.yaml", "site.yml")


def config_file(site_dir: Path) -> Path | None:
    """The site's settings file: site.yaml, or site.yml."""
    return next((site_dir / n for n in CONFIG_FILES if (site_dir / n).is_file()), None)


def load_config(site_dir: Path) -> SiteConfig:
    """Read and check site.yaml; raises ProblemsFound with every problem in it."""
    path = config_file(site_dir)
    if path is None:
        raise ProblemsFound(
            (
                Problem(
                    Position("site.yaml"),
                    f"no site.yaml in {site_dir}",
                    "run the command in a site folder, or pass --site PATH",
                ),
            )
        )
    document = load_yaml(path, path.name)
    problems = Problems()
    if not isinstance(document.data, dict):
        problems.error(document.at(()), "site.yaml must be a mapping of settings such as title:")
        problems.stop_if_errors()
    problems.extend(check_shape(document, "site"))
    problems.stop_if_errors()
    config = _config(document, problems)
    problems.stop_if_errors()
    assert config is not None
    return config


def _config(document: YamlDocument, problems: Problems) -> SiteConfig | None:
    data: dict[str, Any] = document.data
    languages = _languages(document, problems)
    if not languages:
        return None
    check_timezone(document, ("timezone",), problems)
    title = translatable(document, ("title",), languages, problems)
    assert title is not None  # required by the schema
    return SiteConfig(
        title=title,
        base_url=data["base_url"],
        languages=languages,
        description=translatable(document, ("description",), languages, problems),
        timezone=data.get("timezone", "UTC"),
        quick_exit_url=data.get("quick_exit_url", SiteConfig.quick_exit_url),
        organization=_organization(document, languages, problems),
        announcement=_announcement(document, languages, problems),
        help=tuple(data.get("help", ())),
        help_at=tuple(document.at(("help", i)) for i in range(len(data.get("help", ())))),
        featured_campaign=data.get("featured_campaign", ""),
        featured_campaign_at=document.at(("featured_campaign",)),
        menu=_menu(document, languages, problems),
        output_dir=data.get("output_dir", "_site"),
        at=document.at(()),
    )


def _languages(document: YamlDocument, problems: Problems) -> tuple[str, ...]:
    tags: list[str] = document.data["languages"]
    for index, tag in enumerate(tags):
        if not is_known_language(tag):
            problems.error(
                document.at(("languages", index)),
                f'"{tag}" is not a language known to CLDR',
                "use a BCP 47 tag such as en, es, pt-BR, ar or zh-Hant",
            )
        elif tags.index(tag) != index:
            problems.error(document.at(("languages", index)), f'"{tag}" is listed twice')
    return tuple(tags) if not problems.errors else ()


def check_date(document: YamlDocument, at: tuple[Any, ...], problems: Problems) -> dt.date | None:
    """A YYYY-MM-DD field (shape already checked) as a date, or a problem if no such day exists."""
    value = document.get(at)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        field_name = ".".join(str(part) for part in at)
        problems.error(document.at(at), f'"{field_name}" is not a real date: {value}')
        return None


def check_timezone(document: YamlDocument, at: tuple[Any, ...], problems: Problems) -> str | None:
    """An IANA time-zone field as its name; None when it is absent, or wrong (then a problem)."""
    name = document.get(at)
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.error(
            document.at(at),
            f'"{name}" is not a time zone name',
            "use an IANA name such as America/New_York or Europe/Madrid",
        )
        return None
    return str(name)


def _organization(
    document: YamlDocument, languages: tuple[str, ...], problems: Problems
) -> Organization:
    data = document.data.get("organization") or {}
    return Organization(
        name=translatable(document, ("organization", "name"), languages, problems),
        url=data.get("url", ""),
        email=data.get("email", ""),
        donate_url=data.get("donate_url", ""),
        newsletter_url=data.get("newsletter_url", ""),
        logo=data.get("logo", ""),
        social=tuple((data.get("social") or {}).items()),
        logo_at=document.at(("organization", "logo")),
    )


def _announcement(
    document: YamlDocument, languages: tuple[str, ...], problems: Problems
) -> Announcement | None:
    data = document.data.get("announcement")
    if data is None:
        return None
    text = translatable(document, ("announcement", "text"), languages, problems)
    until = check_date(document, ("announcement", "until"), problems)
    return Announcement(text or Translatable.same(""), data.get("link", ""), until)


def _menu(
    document: YamlDocument, languages: tuple[str, ...], problems: Problems
) -> tuple[MenuItem, ...]:
    items = []
    for index, entry in enumerate(document.data.get("menu") or []):
        targets = [kind for kind in ("page", "section", "url") if kind in entry]
        title = translatable(document, ("menu", index, "title"), languages, problems)
        if len(targets) != 1:
            problems.error(
                document.at(("menu", index)),
                "a menu item needs exactly one of page:, section: or url:",
                "for example '- page: about' or '- url: https://example.org/ with a title:'",
            )
            continue
        kind = targets[0]
        if kind == "url" and title is None:
            problems.error(
                document.at(("menu", index)),
                "a menu item with url: needs a title:",
                "add title: with the text of the link",
            )
            continue
        at = document.at(("menu", index, kind))
        items.append(MenuItem(kind, entry[kind], title, at))  # type: ignore[arg-type]
    return tuple(items)
