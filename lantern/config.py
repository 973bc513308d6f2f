"""site.yaml -> SiteConfig: the shape through its schema, the meanings checked here."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lantern.errors import Position, Problem, Problems, ProblemsFound
from lantern.i18n import is_known_language, translatable
from lantern.model import Announcement, MenuItem, Organization, SiteConfig, Translatable
from lantern.schema import check_shape
from lantern.yamlfile import YamlDocument, load_yaml

CONFIG_FILES = ("site.yaml", "site.yml")
# What the site folder already holds: a build replaces its output folder whole, so that may be
# none of these, nor a hidden folder (the build cache, .git), nor the site folder or one around it.
_SOURCES = ("content", "templates", "static", *CONFIG_FILES)
_DRIVE = re.compile(r"^[A-Za-z]:")


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
        output_dir=_output_dir(document, problems),
        headers_file=data.get("headers_file", True),
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


def _output_dir(document: YamlDocument, problems: Problems) -> str:
    """output_dir when it names a folder of its own inside the site folder; else a problem."""
    written = document.get(("output_dir",))
    if written is None:
        return "_site"
    parts = [part for part in written.split("/") if part not in ("", ".")]
    quoted, use_instead = f'output_dir "{written}"', "use a folder of its own, such as _site"
    if "\\" in written or "\x00" in written:
        message = "output_dir may only hold folder names and /, not \\ or a NUL character"
    elif written.startswith("/") or _DRIVE.match(written) or ".." in parts:
        message = f"{quoted} leaves the site folder"
        use_instead += ", or pass --out DIR to build elsewhere"
    elif not parts:
        message = f"{quoted} is the site folder itself: a build would replace the whole site"
    elif parts[0] in _SOURCES or parts[0].startswith("."):
        message = f"{quoted} would mix the built site into {parts[0]}, which the site already uses"
    else:
        return "/".join(parts)
    problems.error(document.at(("output_dir",)), message, use_instead)
    return "_site"


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
