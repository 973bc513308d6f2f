"""What the hotline, fact and resource pages show, computed for their templates."""

from __future__ import annotations

from collections.abc import Callable

from babel.dates import get_day_names

from lantern.areas import area_label, area_name
from lantern.i18n import endonym, locale_of
from lantern.model import Hotline, LocalText

Option = tuple[str, str, str]  # (value, label, lang of the label when it is not the page's)


def hotline_groups(
    hotlines: tuple[Hotline, ...], lang: str, other_areas: str
) -> list[tuple[LocalText, list[Hotline]]]:
    """Hotlines by area: national ones first, then each state by name, then those without one."""
    areas: dict[str, list[Hotline]] = {}
    for hotline in hotlines:
        areas.setdefault(hotline.area, []).append(hotline)
    ordered = sorted(areas, key=lambda code: (not code, "-" in code, area_name(code, lang)))
    return [
        (area_label(code, lang) if code else LocalText(other_areas, lang), areas[code])
        for code in ordered
    ]


def hotline_languages(hotline: Hotline) -> list[str]:
    """Every language any channel of the hotline serves."""
    tags = list(hotline.languages)
    for channel in hotline.channels:
        tags += [tag for tag in channel.languages if tag not in tags]
    return tags


def hotline_filters(
    hotlines: tuple[Hotline, ...], lang: str, topic_name: Callable[[str], str]
) -> list[tuple[str, list[Option]]]:
    """The choices of the directory's filters: area, language (by its own name) and topic."""
    areas = sorted({h.area for h in hotlines if h.area}, key=lambda code: ("-" in code, code))
    tags = sorted({tag for h in hotlines for tag in hotline_languages(h)})
    topics = sorted({topic for h in hotlines for topic in h.topics})
    return [
        ("area", [_option(code, area_label(code, lang), lang) for code in areas]),
        ("language", [(tag, endonym(tag), "" if tag == lang else tag) for tag in tags]),
        ("topic", [(topic, topic_name(topic), "") for topic in topics]),
    ]


def _option(value: str, label: LocalText, lang: str) -> Option:
    return value, label.text, "" if label.lang == lang else label.lang


def day_names(lang: str) -> list[str]:
    """Monday to Sunday in the page's language, for the "opens on" text of hotlines.js."""
    names = get_day_names("wide", locale=locale_of(lang))
    return [str(names[i]) for i in range(7)]


def topic_text(topic: str, strings: dict[str, LocalText]) -> str:
    """A topic in the page's language when the theme names it, else as written, unhyphenated."""
    found = strings.get(f"topic_{topic.replace('-', '_')}")
    return found.text if found else topic.replace("-", " ")
