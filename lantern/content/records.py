"""YAML records named ID.yaml (hotlines, fact sheets, resources…): read and shape-checked."""

from __future__ import annotations

import re
from pathlib import Path

from lantern.errors import Position, Problems, ProblemsFound
from lantern.schema import check_shape
from lantern.yamlfile import YamlDocument, load_yaml

MarkdownSources = tuple[tuple[str, Position], ...]  # (Markdown text, where it starts)
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")  # as common.schema.json#/$defs/id says


def markdown_at(document: YamlDocument, at: tuple[str | int, ...]) -> MarkdownSources:
    """Each text of a (TM) field with where it is written, so a shortcode in it can be placed."""
    value = document.get(at)
    if isinstance(value, str):
        return ((value, document.at(at)),)
    return tuple((text, document.at((*at, lang))) for lang, text in (value or {}).items())


def ids_on_disk(site_dir: Path, folder: str) -> set[str]:
    """The id of every ID.yaml (or .yml) in content/FOLDER/, loaded or left out for its mistakes:
    a reference to one of these is not reported again, its file's own problems are."""
    directory = site_dir / "content" / folder
    if not directory.is_dir():
        return set()
    return {path.stem for path in directory.iterdir() if path.suffix in (".yaml", ".yml")}


def read_records(
    site_dir: Path, folder: str, schema: str, problems: Problems
) -> list[tuple[str, YamlDocument]]:
    """(id, document) for each content/FOLDER/ID.yaml that fits `schema`; the rest are problems."""
    directory = site_dir / "content" / folder
    records = []
    taken: dict[str, str] = {}  # id -> the file that has it
    for path in sorted(directory.iterdir()) if directory.is_dir() else []:
        if path.name.startswith(".") or not path.is_file():
            continue
        shown_as = path.relative_to(site_dir).as_posix()
        is_yaml = path.suffix in (".yaml", ".yml")
        if is_yaml and path.stem in taken:  # ID.yaml and ID.yml: neither may silently win
            problems.error(
                Position(shown_as),
                f'the id "{path.stem}" is already taken by {taken[path.stem]}',
                "keep one of the two files: an id is the file name without .yaml or .yml",
            )
            continue
        if is_yaml:
            taken[path.stem] = shown_as
        document = _read(path, shown_as, schema, problems)
        if document is not None:
            records.append((path.stem, document))
    return records


def _read(path: Path, shown_as: str, schema: str, problems: Problems) -> YamlDocument | None:
    if path.suffix not in (".yaml", ".yml") or not ID.match(path.stem):
        problems.error(
            Position(shown_as),
            "the file must be named ID.yaml, the id in lowercase letters, digits and hyphens",
            f"for example {re.sub(r'[^a-z0-9]+', '-', path.stem.lower()).strip('-') or 'my-id'}.yaml",
        )
        return None
    try:
        document = load_yaml(path, shown_as)
    except ProblemsFound as found:
        problems.extend(found.problems)
        return None
    if document.data is None:
        problems.error(
            document.at(()),
            "the file is empty",
            "write its fields, one 'field: value' per line, or delete the file",
        )
        return None
    if not isinstance(document.data, dict):
        problems.error(
            document.at(()),
            "the file must be fields, one 'field: value' per line",
            "remove the '- ' in front of the fields, or the text outside any field",
        )
        return None
    shape = check_shape(document, schema)
    problems.extend(shape)
    return None if shape else document
