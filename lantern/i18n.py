"""Languages: tags known to CLDR, translatable values, interface strings, dates and direction."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date

from lantern.errors import Position, Problems, ProblemsFound
from lantern.model import LocalText, Translatable
from lantern.yamlfile import FieldPath, YamlDocument, load_yaml

THEME_BASE_LANG = "en"  # the default theme's complete set of interface strings


@cache
def locale_of(tag: str) -> Locale:
    """The Babel locale for a BCP 47 tag (`pt-BR` -> pt_BR); raises ValueError when unknown."""
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError, TypeError) as error:
        raise ValueError(f"{tag!r} is not a language known to CLDR") from error


def is_known_language(tag: str) -> bool:
    try:
        locale_of(tag)
    except ValueError:
        return False
    return True


@cache
def endonym(tag: str) -> str:
    """A language's name in that language: es -> "español", ar -> "العربية"."""
    locale = locale_of(tag)
    return locale.get_display_name(locale) or tag


@cache
def language_name(tag: str, in_lang: str) -> str:
    """A language's name in another language: ("en", "es") -> "inglés"."""
    return locale_of(tag).get_display_name(locale_of(in_lang)) or tag


@cache
def direction(tag: str) -> str:
    """`rtl` for right-to-left languages (ar, fa, he, ur…), else `ltr`."""
    return "rtl" if locale_of(tag).character_order == "right-to-left" else "ltr"


def format_date(day: dt.date, lang: str, style: str = "long") -> str:
    """A date as the language writes it: "September 26, 2025", "26 de septiembre de 2025"."""
    return babel_format_date(day, format=style, locale=locale_of(lang))


def check_language_tags(document: YamlDocument, at: FieldPath, problems: Problems) -> None:
    """Every tag in the list at `at` is a language CLDR knows (the schema checked the shape)."""
    for index, tag in enumerate(document.get(at) or []):
        if not is_known_language(tag):
            problems.error(
                document.at((*at, index)),
                f'"{tag}" is not a language known to CLDR',
                "use a BCP 47 tag such as en, es, pt-BR, ar or zh-Hant",
            )


def translatable(
    document: YamlDocument,
    at: FieldPath,
    languages: tuple[str, ...],
    problems: Problems,
) -> Translatable | None:
    """Read a (T) field already shaped by the schema; language keys must be site languages."""
    value = document.get(at)
    if value is None:
        return None
    if isinstance(value, str):
        return Translatable.same(value)
    kept = []
    for lang, text in value.items():
        if lang in languages:
            kept.append((lang, text))
        else:
            problems.error(
                document.key_at((*at, lang)),
                f'"{lang}" is not one of the site\'s languages ({", ".join(languages)})',
                "use a language listed under languages: in site.yaml, or add it there",
            )
    kept.sort(key=lambda pair: languages.index(pair[0]))
    return Translatable(tuple(kept)) if kept else None


def load_strings(
    theme_dirs: list[Path], languages: tuple[str, ...], problems: Problems
) -> dict[str, dict[str, LocalText]]:
    """Interface strings per language; each missing one falls back and is reported."""
    raw = {lang: _strings_of(theme_dirs, lang, problems) for lang in {THEME_BASE_LANG, *languages}}
    default_lang = languages[0]
    complete = set(raw[THEME_BASE_LANG]) | set(raw[default_lang])
    strings: dict[str, dict[str, LocalText]] = {}
    for lang in languages:
        chain = [lang, default_lang, THEME_BASE_LANG]
        strings[lang] = {
            key: next(LocalText(raw[source][key], source) for source in chain if key in raw[source])
            for key in sorted(complete)
        }
        missing = sorted(complete - set(raw[lang]))
        if missing:
            shown = ", ".join(missing[:8]) + (
                f" and {len(missing) - 8} more" if len(missing) > 8 else ""
            )
            problems.warning(
                Position(f"templates/i18n/{lang}.yaml"),
                f"{len(missing)} interface string(s) missing in {lang}, shown in "
                f"{default_lang if lang != default_lang else THEME_BASE_LANG}: {shown}",
                f"add them to templates/i18n/{lang}.yaml in your site folder",
            )
    return strings


def _strings_of(theme_dirs: list[Path], lang: str, problems: Problems) -> dict[str, str]:
    """One language's strings: the default theme's, overridden string by string by the site's."""
    merged: dict[str, str] = {}
    for theme_dir in theme_dirs:  # default theme first, then the site's own templates/
        path = theme_dir / "i18n" / f"{lang}.yaml"
        if not path.is_file():
            continue
        shown_as = _shown(path, theme_dir)
        try:
            document = load_yaml(path, shown_as)
        except ProblemsFound as found:
            problems.extend(found.problems)
            continue
        if not isinstance(document.data, dict) or not all(
            isinstance(v, str) for v in document.data.values()
        ):
            problems.error(document.at(()), "interface strings must be lines of key: text")
            continue
        merged.update(document.data)
    return merged


def _shown(path: Path, theme_dir: Path) -> str:
    return f"templates/{path.relative_to(theme_dir).as_posix()}"
