"""build.py translate import: a translated PO file written back into the site, all or nothing.

Every entry is checked before anything is written: an unreadable PO file, an entry whose
msgctxt names no text of the site, or a translation whose HTML the build would refuse stops the
import with nothing written. Empty and fuzzy entries are skipped, and so is a text a person has
already written, unless its entry carries the flag `#, overwrite`.
"""

from __future__ import annotations

import datetime as dt
import string
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from lantern.errors import Position, Problems
from lantern.i18n import locale_of
from lantern.links import unsafe_links_of
from lantern.model import SiteConfig
from lantern.raw_html import html_problems
from lantern.shortcodes import find_shortcodes
from lantern.translate.files import planned_files, write_all
from lantern.translate.po_export import OVERWRITE
from lantern.translate.po_reader import read_catalog
from lantern.translate.records import RECORDS_FOLDER, check_records
from lantern.translate.sources import Unit, read_site, units_of
from lantern.translate.trial import trial_errors

_RERUN = "export again with build.py translate export --lang {lang}, and translate that file"


@dataclass(frozen=True)
class ImportResult:
    po_file: str
    lang: str
    written: tuple[tuple[str, int], ...]  # (file, how many texts or records it got)
    skipped: tuple[str, ...]  # why entries were left out, one line each


def import_po(
    site_dir: Path, po_path: Path, config: SiteConfig, today: dt.date, theme_dirs: list[Path]
) -> ImportResult:
    """Write the translations of a PO file; raises ProblemsFound, writing nothing, on an error."""
    shown = str(po_path)
    catalog = read_catalog(po_path, shown)
    lang = _language_of(catalog, config, shown)
    check_records(site_dir, lang)
    site = read_site(site_dir, config, today, theme_dirs)
    units = {unit.context: unit for unit in units_of(site, site_dir, theme_dirs, lang)}
    problems = Problems()
    taken, notes, counted = _sorted_entries(catalog, units, shown, lang, problems)
    files, written, left_out = planned_files(site_dir, lang, taken, problems)
    problems.stop_if_errors()
    problems.extend(trial_errors(site_dir, files, config, today, theme_dirs))
    problems.stop_if_errors()
    write_all(site_dir, files)
    notes += left_out
    notes += [
        f"Skipped {count} entr{'y' if count == 1 else 'ies'} {why}"
        for why, count in sorted(counted.items())
    ]
    return ImportResult(shown, lang, tuple(written), tuple(notes))


def _sorted_entries(
    catalog: Catalog, units: dict[str, Unit], shown: str, lang: str, problems: Problems
) -> tuple[list[tuple[Unit, str]], list[str], Counter[str]]:
    """The entries to write, the skipped ones named line by line, and those only counted."""
    taken: list[tuple[Unit, str]] = []
    notes: list[str] = []
    counted: Counter[str] = Counter()
    for message in catalog:
        if not message.id:
            continue  # the header
        unit = _unit_of(message, units, shown, lang, problems)
        if unit is None:
            continue
        why = _why_skipped(message, unit, lang)
        if why.startswith("("):
            counted[why] += 1
        elif why:
            notes.append(f"{shown}:{message.lineno}: skipped {unit.context}: {why}")
        elif _is_safe(message, unit, shown, problems):
            taken.append((unit, str(message.string)))
    return taken, notes, counted


def report_lines(result: ImportResult) -> tuple[str, ...]:
    """What an import wrote, one line per file, then what it skipped and why."""
    lines = [f"Wrote {file}: {count} {what}" for file, count, what in _described(result.written)]
    if not result.written:
        lines.append(f"Nothing to write from {result.po_file} into {result.lang}.")
    return (*lines, *result.skipped)


def _described(written: tuple[tuple[str, int], ...]) -> list[tuple[str, int, str]]:
    return [
        (file, count, "record(s)" if file.startswith(f"{RECORDS_FOLDER}/") else "translation(s)")
        for file, count in written
    ]


def _language_of(catalog: Catalog, config: SiteConfig, shown: str) -> str:
    """The site language the PO file's `Language:` header names."""
    problems = Problems()
    written = str(catalog.locale) if catalog.locale else ""
    for lang in config.languages[1:]:
        if written == str(locale_of(lang)):
            return lang
    others = ", ".join(config.languages[1:])
    if not written:
        problems.error(
            Position(shown, 1),
            "the PO file does not say its language",
            f'set "Language: {config.languages[-1]}" in its header (Poedit: Translation >'
            f" Properties), one of {others}",
        )
    else:
        problems.error(
            Position(shown, 1),
            f'the PO file is in "{written}", which is not one of the languages translated here',
            f"this site translates into {others}",
        )
    problems.stop_if_errors()
    raise AssertionError("unreachable")


def _unit_of(
    message: Message, units: dict[str, Unit], shown: str, lang: str, problems: Problems
) -> Unit | None:
    at = Position(shown, message.lineno or 0)
    if isinstance(message.string, (list, tuple)) or isinstance(message.id, (list, tuple)):
        problems.error(
            at,
            "the entry has plural forms, which no text of the site has",
            _RERUN.format(lang=lang),
        )
        return None
    unit = units.get(message.context or "")
    if unit is None:
        named = (
            f'msgctxt "{message.context}" names no text of this site'
            if message.context
            else "the entry has no msgctxt, which names the file and field it translates"
        )
        problems.error(
            at,
            named,
            "keep each entry's msgctxt as the export wrote it (file:field); if the file or field"
            f" was renamed since, {_RERUN.format(lang=lang)}",
        )
    return unit


def _why_skipped(message: Message, unit: Unit, lang: str) -> str:
    """Why an entry is not imported ("" when it is); counted reasons are in parentheses."""
    text = str(message.string or "")
    if message.fuzzy:
        return "(fuzzy: marked for review)"
    if not text.strip():
        return "(not translated: empty)"
    if message.id != unit.source:
        return f"its source text changed since the export ({_RERUN.format(lang=lang)})"
    if unit.translation == text and not unit.is_stale:
        return "(unchanged)"
    if unit.translation and OVERWRITE not in message.flags:
        return (
            f"already translated in {lang}; the entry needs the flag `#, {OVERWRITE}` to replace"
            " the text a person wrote"
        )
    return ""


def _is_safe(message: Message, unit: Unit, shown: str, problems: Problems) -> bool:
    """A translation holds nothing the build would refuse: no HTML outside the allow-list, no
    unsafe link, no shortcode its source lacks (its ID names a hotline or fact, the same in
    every language) and, in an interface string, the {placeholders} of its source."""
    text, at = str(message.string), Position(shown, message.lineno or 0)
    if unit.target.kind == "strings":
        found = _placeholder_problems(text, unit.source)
    else:
        found = _markdown_problems(text, unit.source)
    for problem, hint in found:
        problems.error(at, f"the translation of {unit.context}: {problem}", hint)
    return not found


def _placeholder_problems(text: str, source: str) -> list[tuple[str, str]]:
    """An interface string keeps the {placeholders} the templates fill in, and adds none."""
    wanted, written = _placeholders(source), _placeholders(text)
    if not wanted:  # the templates show the text as it is, braces and all
        return []
    names = ", ".join(f"{{{name}}}" for name in sorted(wanted))
    hint = f'use {names} as the source does: "{source}"; to show a brace, write it twice'
    if written is None:
        return [("it has a { or } without its pair", hint)]
    return [
        (f"it uses {{{name}}}, which the templates do not fill in", hint)
        for name in sorted(written - wanted)
    ]


def _placeholders(text: str) -> set[str] | None:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def _markdown_problems(text: str, source: str) -> list[tuple[str, str]]:
    """What the build would refuse in a Markdown text, or in any text shown on a page."""
    found = [(problem, hint) for _, problem, hint in html_problems(text)]
    found += [
        (
            f'the link "{written.strip()}" starts with "{scheme}:", which is not allowed',
            "a link starts with https://, http://, mailto:, tel: or sms:, or is a path of this"
            " site such as /ar/about/",
        )
        for _, written, scheme in unsafe_links_of(text)
    ]
    kept = {shortcode.key for shortcode in find_shortcodes(source)}
    found += [
        (
            f"the shortcode {shortcode.source.strip()} is not in the source text",
            "copy each shortcode line of the source as it is: the ID in it names a hotline, fact"
            " or event, which is the same in every language",
        )
        for shortcode in find_shortcodes(text)
        if shortcode.key not in kept
    ]
    return found
