"""What a language can translate: every text of the site, its source and its translation.

A unit is one PO entry: a (T) field of a YAML record, an interface string, or the title,
summary, image alt text or body of an article or page. Its context (the PO msgctxt) names the
file and field, `content/facts/nhth-2020-2022.yaml:facts[3].text`,
`content/articles/signs-of-trafficking.en.md:body`, `templates/i18n:quick_exit`, and is how an
imported translation finds its way back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from lantern.content import read_all
from lantern.content.documents import Document, read_documents
from lantern.errors import Position, Problems, ProblemsFound
from lantern.model import BuildOptions, Site, SiteConfig, Translatable
from lantern.schema import field_text
from lantern.translate.digests import document_digest, text_digest
from lantern.translate.records import read_records
from lantern.yamlfile import FieldPath, YamlDocument, load_yaml

STRINGS_CONTEXT = "templates/i18n:"  # + the key of an interface string
DOCUMENT_FIELDS = ("title", "summary", "image_alt")  # the front matter a translation writes
TargetKind = Literal["yaml", "strings", "document"]


@dataclass(frozen=True)
class Target:
    """Where a translation is written."""

    kind: TargetKind
    file: str  # relative to the site folder: the YAML file, strings file or KEY.LANG.md
    field: FieldPath  # the field in it (the YAML path, the string's key, or title/body...)
    source_file: str = ""  # for a document: the KEY.LANG.md it is translated from


@dataclass(frozen=True)
class Unit:
    """One text to translate, with what the language has of it today."""

    kind: str  # as the translation report counts: article, page, fact sheet ... interface string
    context: str  # the PO msgctxt
    at: Position  # where the source text is written
    source: str  # the text in the default language: the PO msgid
    translation: str | None  # the text in the language today; None when there is none
    recorded: str | None  # the digest of the source it was translated from, when recorded
    source_digest: str  # the digest of the source today
    target: Target

    @property
    def is_stale(self) -> bool:
        """Translated from a source that has changed since (a translation with no record is not)."""
        return (
            self.translation is not None
            and self.recorded is not None
            and self.recorded != self.source_digest
        )

    @property
    def is_wanted(self) -> bool:
        return self.translation is None or self.is_stale


def units_of(site: Site, site_dir: Path, theme_dirs: list[Path], lang: str) -> tuple[Unit, ...]:
    """Every translatable text of the site for `lang`, wanted or not, in file order."""
    problems = Problems()  # the site was read and checked already; nothing new is found here
    records = read_records(site_dir, lang, problems)
    return (
        *_document_units(site, site_dir, lang),
        *_record_units(site, site_dir, lang, records),
        *_string_units(site, theme_dirs, lang, records),
    )


def read_site(site_dir: Path, config: SiteConfig, today: dt.date, theme_dirs: list[Path]) -> Site:
    """The whole site, as a plain build reads it; raises ProblemsFound on any error in it.

    Articles and pages are translated from their files (_document_units), so an article dated
    in the future can be translated before it appears.
    """
    problems = Problems()
    options = BuildOptions(today=today)
    site = read_all(site_dir, config, options, theme_dirs, problems)
    if problems.errors:
        raise ProblemsFound(tuple(problems.errors))
    return site


# ------------------------------------------------------------------ YAML records

# The records whose (T) fields are translated, as check's report counts them.
RECORD_KINDS = (
    ("fact sheet", "fact_sheets"),
    ("hotline", "hotlines"),
    ("event", "events"),
    ("campaign", "campaigns"),
    ("resource", "resources"),
    ("video", "videos"),
)


def translatables(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[FieldPath, Translatable]]:
    """Every (T) value inside a record, with its field path as the YAML file has it."""
    if isinstance(value, Translatable):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name not in ("at", "markdown_at"):
                yield from translatables(getattr(value, field.name), (*path, field.name))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from translatables(item, (*path, index))


def _record_units(site: Site, site_dir: Path, lang: str, records: dict[str, str]) -> Iterator[Unit]:
    default_lang = site.config.default_lang
    for kind, attribute in RECORD_KINDS:
        for record in getattr(site, attribute):
            document = yaml_of(site_dir, record.at.path)
            if document is None:
                continue
            for path, value in translatables(record, ()):
                by_lang = dict(value.values)
                source = by_lang.get(default_lang)
                written = document.get(path)
                # A text written once for every language needs no translation; one whose YAML
                # is not a language mapping holding the same source cannot be written back.
                if "" in by_lang or source is None or not isinstance(written, dict):
                    continue
                if written.get(default_lang) != source:
                    continue
                context = f"{record.at.path}:{field_text(path)}"
                yield Unit(
                    kind=kind,
                    context=context,
                    at=document.at((*path, default_lang)),
                    source=source,
                    translation=by_lang.get(lang),
                    recorded=records.get(context),
                    source_digest=text_digest(source),
                    target=Target("yaml", record.at.path, path),
                )


def yaml_of(site_dir: Path, shown_as: str) -> YamlDocument | None:
    """A site file as YAML, or None when it is not (the build reports why)."""
    try:
        return load_yaml(site_dir / shown_as, shown_as)
    except ProblemsFound:  # the build reports it
        return None


# ------------------------------------------------------------------ interface strings


def _string_units(
    site: Site, theme_dirs: list[Path], lang: str, records: dict[str, str]
) -> Iterator[Unit]:
    own = f"templates/i18n/{lang}.yaml"  # the site's own strings file, which overrides the theme's
    for key, text in sorted(site.strings[lang].items()):
        context = STRINGS_CONTEXT + key
        source = site.strings[site.config.default_lang].get(key, text)
        yield Unit(
            kind="interface string",
            context=context,
            at=_string_at(theme_dirs, source.lang, key),
            source=source.text,
            translation=text.text if text.lang == lang else None,
            recorded=records.get(context),
            source_digest=text_digest(source.text),
            target=Target("strings", own, (key,)),
        )


def _string_at(theme_dirs: list[Path], lang: str, key: str) -> Position:
    """Where the source of an interface string is written: the last theme folder that has it."""
    for theme_dir in reversed(theme_dirs):
        path = theme_dir / "i18n" / f"{lang}.yaml"
        if path.is_file():
            document = yaml_of(theme_dir.parent, f"{theme_dir.name}/i18n/{lang}.yaml")
            if document is not None and isinstance(document.data, dict) and key in document.data:
                return document.at((key,))
    return Position(f"templates/i18n/{lang}.yaml")


# ------------------------------------------------------------------ articles and pages


def _document_units(site: Site, site_dir: Path, lang: str) -> Iterator[Unit]:
    languages = site.config.languages
    for kind, folder in (("article", "articles"), ("page", "pages")):
        problems = Problems()  # the site was read already: its problems were reported then
        for versions in read_documents(site_dir, folder, kind, languages, problems).values():
            source = versions.get(site.config.default_lang)
            # A draft is not ready to translate; a document with no default-language file has
            # no source to translate from.
            if source is None or source.front_matter.data.get("draft") is True:
                continue
            yield from _units_of_document(kind, source, versions.get(lang), lang)


def source_digest_of(document: Document) -> str:
    """The digest a translation of `document` records in its `translated_from:` field."""
    data = document.front_matter.data
    return document_digest(
        str(data.get("title") or ""), str(data.get("summary") or ""), document.file.body
    )


def _units_of_document(
    kind: str, source: Document, translation: Document | None, lang: str
) -> Iterator[Unit]:
    data = source.front_matter.data
    folder = Path(source.shown_as).parent.as_posix()
    file = translation.shown_as if translation else f"{folder}/{source.key}.{lang}.md"
    recorded = translation.front_matter.data.get("translated_from") if translation else None
    digest = source_digest_of(source)
    texts = [(field, source.at(field), data.get(field)) for field in DOCUMENT_FIELDS]
    texts.append(("body", Position(source.shown_as, source.file.body_line), source.file.body))
    for field, at, text in texts:
        if not isinstance(text, str) or not text.strip():
            continue
        if translation is None:
            now = None
        elif field == "body":
            now = translation.file.body.strip("\n")
        else:  # a translation without this field has nothing a person wrote in it
            now = str(translation.front_matter.data.get(field) or "")
        yield Unit(
            kind=kind,
            context=f"{source.shown_as}:{field}",
            at=at,
            source=text.strip("\n") if field == "body" else text,
            translation=now,
            recorded=str(recorded) if recorded is not None else None,
            source_digest=digest,
            target=Target("document", file, (field,), source.shown_as),
        )
