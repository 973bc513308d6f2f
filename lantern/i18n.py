"""Languages: tags known to CLDR, translatable values, interface strings, dates and direction."""

from __future__ import annotations

import datetime as dt
import string
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

from lantern.errors import Position, Problems, ProblemsFound, did_you_mean
from lantern.model import LocalText, Translatable
from lantern.yamlfile import FieldPath, YamlDocument, load_yaml

THEME_BASE_LANG = "en"  # the default theme's complete set of interface strings

# What a reader in danger must understand at once: these never fall back to another language.
SAFETY_STRINGS = (
    "skip_to_content",
    "quick_exit",
    "quick_exit_notice",
    "quick_exit_two_left",
    "quick_exit_one_left",
    "stay_safe_online",
    "help_now",
    "call",
    "text",
    "text_keyword_to",
    "chat",
    "hours_always",
    "open_now",
    "closed_now",
    "closed_opens_at",
)
REVIEWED = "_reviewed"  # in a strings file: the keys a native speaker has reviewed


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


@cache  # a date shows on its article's page, in lists and on tag pages: formatted once
def format_date(day: dt.date, lang: str, style: str = "long") -> str:
    """A date as the language writes it: "September 26, 2025", "26 de septiembre de 2025"."""
    return babel_format_date(day, format=style, locale=locale_of(lang))


@cache
def format_number(number: int, lang: str) -> str:
    """A whole number as the language writes it: 1234 -> "1,234" (en), "1234" (es)."""
    return str(format_decimal(number, locale=locale_of(lang)))


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
    theme = _strings_of(theme_dirs[:1], THEME_BASE_LANG, problems)  # what the templates fill in
    raw = {
        lang: _strings_of(theme_dirs, lang, problems, theme)
        for lang in {THEME_BASE_LANG, *languages}
    }
    default_lang = languages[0]
    complete = set(raw[THEME_BASE_LANG]) | set(raw[default_lang])
    strings: dict[str, dict[str, LocalText]] = {}
    for lang in languages:
        chain = [lang, default_lang, THEME_BASE_LANG]
        categories = locale_of(lang).plural_form.tags | {"other"}
        # A language's own plural forms (Arabic's "few"), and none it has no use for (Korean's "one").
        wanted = {key for key in complete if _plural_category(key) in (None, *categories)}
        wanted |= {key for key in raw[lang] if _plural_category(key) in categories}
        strings[lang] = {
            key: next(LocalText(raw[source][key], source) for source in chain if key in raw[source])
            for key in sorted(wanted)
        }
        missing = sorted(wanted - set(raw[lang]))
        unsafe = [key for key in SAFETY_STRINGS if key in missing]
        if unsafe:
            problems.error(
                Position(f"templates/i18n/{lang}.yaml"),
                f"the safety string(s) {', '.join(unsafe)} are missing in {lang}: a reader in"
                f" danger would be shown them in another language",
                f"write them in templates/i18n/{lang}.yaml in your site folder"
                " (the default theme has no such text in this language)",
            )
            missing = [key for key in missing if key not in unsafe]
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


def _strings_of(
    theme_dirs: list[Path], lang: str, problems: Problems, theme: dict[str, str] | None = None
) -> dict[str, str]:
    """One language's strings: the default theme's, overridden string by string by the site's.

    With `theme` (the default theme's English strings), each override is checked against it.
    """
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
        if not isinstance(document.data, dict):
            problems.error(document.at(()), "interface strings must be lines of key: text")
            continue
        strings = {key: text for key, text in document.data.items() if key != REVIEWED}
        if theme is not None and theme_dir != theme_dirs[0]:
            _check_overrides(document, lang, strings, theme, theme_dirs[1:], problems)
        merged.update(strings)
    return merged


PLURAL_KEYS = ("campaign_upcoming_",)  # strings with one key per CLDR plural category


def _plural_category(key: str) -> str | None:
    for prefix in PLURAL_KEYS:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return None


def unreviewed_safety_strings(
    theme_dirs: list[Path], languages: tuple[str, ...], problems: Problems
) -> None:
    """Warn, per language, of the safety strings no native speaker has reviewed yet.

    A strings file lists what was reviewed under `_reviewed:`; a site's own file that writes a
    safety string counts as reviewed for it (the site's people wrote it).
    """
    for lang in languages:
        if lang == THEME_BASE_LANG:
            continue
        reviewed: set[str] = set()
        for theme_dir in theme_dirs:
            path = theme_dir / "i18n" / f"{lang}.yaml"
            if not path.is_file():
                continue
            try:
                data = load_yaml(path, _shown(path, theme_dir)).data
            except ProblemsFound:
                continue  # the build reports it
            if not isinstance(data, dict):
                continue
            listed = data.get(REVIEWED)
            reviewed |= set(listed) if isinstance(listed, list) else set()
            if theme_dir != theme_dirs[0]:
                reviewed |= set(data) & set(SAFETY_STRINGS)
        unreviewed = [key for key in SAFETY_STRINGS if key not in reviewed]
        if unreviewed:
            problems.warning(
                Position(f"templates/i18n/{lang}.yaml"),
                f"{len(unreviewed)} safety string(s) in {lang} not yet reviewed by a native"
                f" speaker: {', '.join(unreviewed)}",
                f"have a native speaker read them, then list their keys under {REVIEWED}: in the"
                f" language's strings file",
            )


def _check_overrides(
    document: YamlDocument,
    lang: str,
    strings: dict[str, object],
    theme: dict[str, str],
    own_dirs: list[Path],
    problems: Problems,
) -> None:
    """A site's strings are text, fill in only what the templates give, and are not misspelt."""
    _check_reviewed(document, theme, problems)
    for key, text in strings.items():
        if not isinstance(text, str):
            problems.error(
                document.at((key,)),
                f'the interface string "{key}" must be text',
                "write the text after the key, in quotes when it contains ': '",
            )
        elif key in theme:
            _check_placeholders(document, key, theme[key], problems)
        elif (other := _other_form(key, lang)) in theme:  # Arabic's "few", which English lacks
            _check_placeholders(document, key, theme[other], problems)
        elif (close := did_you_mean(key, theme)) and not _is_used_by(key, own_dirs):
            problems.error(
                document.key_at((key,)), f'the theme has no interface string "{key}"', close
            )


def _other_form(key: str, lang: str) -> str:
    """The "other" form of a plural string in one of the language's own categories, else ""."""
    category = _plural_category(key)
    if category is None or category not in locale_of(lang).plural_form.tags:
        return ""
    return key.removesuffix(category) + "other"


def _check_reviewed(document: YamlDocument, theme: dict[str, str], problems: Problems) -> None:
    listed = document.data.get(REVIEWED)
    if listed is None:
        return
    if not isinstance(listed, list) or not all(isinstance(key, str) for key in listed):
        problems.error(
            document.at((REVIEWED,)),
            f"{REVIEWED} must be a list of interface string keys",
            f"write {REVIEWED}: [quick_exit, help_now], or leave it out",
        )
        return
    for index, key in enumerate(listed):
        if key not in theme:
            problems.error(
                document.at((REVIEWED, index)),
                f'{REVIEWED} names "{key}", which is no interface string of the theme',
                did_you_mean(key, theme) or "list keys of templates/i18n/en.yaml",
            )


def _check_placeholders(
    document: YamlDocument, key: str, theme_text: str, problems: Problems
) -> None:
    """A text that the templates fill in has the theme's {placeholders}, and no others."""
    wanted, written = _placeholders(theme_text), _placeholders(document.data[key])
    if not wanted:  # the templates show it as it is, braces and all
        return
    if written is None:
        mistakes = ["has a { or } without its pair"]
    else:
        mistakes = [
            f"uses {{{name}}}, which the templates do not fill in"
            for name in sorted(written - wanted)
        ]
    names = ", ".join(f"{{{name}}}" for name in sorted(wanted))
    hint = f'use {names} as the theme does: "{theme_text}"; to show a brace, write it twice'
    for mistake in mistakes:
        problems.error(document.at((key,)), f'the interface string "{key}" {mistake}', hint)


def _placeholders(text: str) -> set[str] | None:
    """The names in a text's {placeholders}; None when its braces do not pair up."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def _is_used_by(key: str, own_dirs: list[Path]) -> bool:
    """Whether a site's own template mentions the key (a string of its own, not a misspelling)."""
    return any(
        key in path.read_text(encoding="utf-8", errors="replace")
        for folder in own_dirs
        for path in folder.rglob("*.*")
        if path.is_file() and path.suffix != ".yaml"
    )


def _shown(path: Path, theme_dir: Path) -> str:
    return f"templates/{path.relative_to(theme_dir).as_posix()}"
