"""The files an import changes, made in memory first, then written all together.

Nothing is written until every new text is made and checked, so an import stops with nothing
written or writes all of it; each file is replaced whole (a temporary file, then a rename), so
no reader ever sees half a file.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from pathlib import Path

from ruamel.yaml.error import YAMLError

from lantern.errors import Position, Problems, ProblemsFound
from lantern.translate.documents import new_translation, split, updated_translation
from lantern.translate.records import read_records, records_name
from lantern.translate.sources import Unit
from lantern.translate.yaml_writer import quoted, with_entries, with_translations
from lantern.yamlfile import parse_yaml

Planned = dict[str, str]  # file relative to the site folder -> its new text


def planned_files(
    site_dir: Path, lang: str, taken: list[tuple[Unit, str]], problems: Problems
) -> tuple[Planned, list[tuple[str, int]], list[str]]:
    """The new text of every file the translations change, how many each got, and what was left."""
    by_file: dict[str, list[tuple[Unit, str]]] = defaultdict(list)
    for unit, text in taken:
        by_file[unit.target.file].append((unit, text))
    files: Planned = {}
    written: list[tuple[str, int]] = []
    left_out: list[str] = []
    records: dict[str, str] = {}
    for file, changes in sorted(by_file.items()):
        try:
            made = _made(site_dir, file, lang, changes, left_out)
        except YAMLError as error:  # the build read the file, but ruamel.yaml reads it otherwise
            _cannot_write(file, error, problems)
            continue
        if made is None:
            continue
        _check_yaml(made, file, problems)
        files[file] = made
        written.append((file, len(changes)))
        if changes[0][0].target.kind != "document":
            records |= {unit.context: quoted(unit.source_digest) for unit, _ in changes}
    if records:
        name = records_name(lang)
        read_records(site_dir, lang, problems)  # a damaged record file is an error, not rewritten
        if not problems.errors:
            files[name] = with_entries(_text_of(site_dir / name), records, _records_header(lang))
            _check_yaml(files[name], name, problems)
            written.append((name, len(records)))
    return files, written, left_out


def _made(
    site_dir: Path, file: str, lang: str, changes: list[tuple[Unit, str]], left_out: list[str]
) -> str | None:
    """The new text of one file, or None when its changes are left out."""
    kind = changes[0][0].target.kind
    old = _text_of(site_dir / file)
    if kind == "document":
        return _document(site_dir, file, old, changes, left_out)
    if kind == "strings":
        strings = {str(unit.target.field[0]): text for unit, text in changes}
        return with_entries(old, strings, _strings_header(lang))
    return with_translations(old, [(unit.target.field, lang, text) for unit, text in changes])


def _cannot_write(file: str, error: YAMLError, problems: Problems) -> None:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 0
    problems.error(
        Position(file, line),
        f"the translations cannot be written into this file: {getattr(error, 'problem', error)}",
        "write them by hand, or simplify the YAML at that line (quotes around the text) and import"
        " again",
    )


def _document(
    site_dir: Path, file: str, old: str, changes: list[tuple[Unit, str]], left_out: list[str]
) -> str | None:
    fields = {str(unit.target.field[0]): text for unit, text in changes}
    body = fields.pop("body", None)
    source = changes[0][0]
    if body is not None:  # the text is translated: the translation is made from today's source
        fields["translated_from"] = quoted(source.source_digest)
    if old:
        return updated_translation(old, fields, body)
    if body is None or "title" not in fields:
        left_out.append(
            f"skipped {file}: a new translation needs its title and body translated"
            f" ({source.target.source_file}:title and :body)"
        )
        return None
    source_file = source.target.source_file
    return new_translation(_text_of(site_dir / source_file), source_file, fields, body)


def _check_yaml(text: str, file: str, problems: Problems) -> None:
    """What is written reads back as the build reads it (a guard against a writer's bug)."""
    try:
        parse_yaml(split(text)[0] if file.endswith(".md") else text, file)
    except ProblemsFound as found:
        problems.extend(found.problems)


def _text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _strings_header(lang: str) -> str:
    return (
        f"# Interface strings in {lang}: this site's own, which override the theme's one by one.\n"
        "# Written by build.py translate import; edit them like any other text.\n"
    )


def _records_header(lang: str) -> str:
    return (
        f"# Which source text each translation into {lang} was made from (a digest per field),\n"
        "# written by build.py translate import so that build.py check can list stale ones.\n"
        "# No loader reads this folder; do not edit it by hand.\n"
    )


def write_all(site_dir: Path, files: Planned) -> None:
    """Write every planned file, each replaced whole."""
    for file, text in files.items():
        path = site_dir / file
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".translate-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as output:
            output.write(text)
        Path(temporary).replace(path)
