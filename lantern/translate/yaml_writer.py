"""Translations written into YAML with ruamel.yaml's round trip.

Only the values that change are new: comments, key order, quoting and folded or literal blocks
of every other line are written back as the editor wrote them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, ScalarString

from lantern.yamlfile import FieldPath


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap an editor's long line
    # The layout of every content file and of `build.py new`: lists indented under their key.
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def with_translations(text: str, changes: Iterable[tuple[FieldPath, str, str]]) -> str:
    """The YAML `text` with each (field, language, translation) written into the field's mapping."""
    yaml = _yaml()
    data = yaml.load(text)
    for path, lang, translation in changes:
        mapping = _at(data, path)
        assert isinstance(mapping, dict), f"{path} is a language mapping (sources.py checked)"
        mapping[lang] = _scalar(translation)
    return _dumped(yaml, data)


def with_entries(text: str, entries: dict[str, str], header: str = "") -> str:
    """A YAML mapping of text (strings file, record file) with keys set; new keys come last."""
    yaml = _yaml()
    data = yaml.load(text) if text.strip() else None
    if not isinstance(data, dict):
        data = CommentedMap()
    for key, value in entries.items():
        data[key] = _scalar(value)
    dumped = _dumped(yaml, data)
    return dumped if text.strip() else header + dumped


def with_fields(text: str, fields: dict[str, str]) -> str:
    """Front matter YAML with fields set, the others kept as they were."""
    return with_entries(text, fields)


def _at(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data


def quoted(text: str) -> str:
    """A text written in quotes whatever it holds: a digest such as 0b10110101 or 123456789012
    would otherwise be read back as a number by YAML 1.1 readers."""
    written: str = DoubleQuotedScalarString(text)
    return written


def _scalar(text: str) -> Any:
    """A text as YAML writes it most readably: a block when it has several lines."""
    if isinstance(text, ScalarString):
        return text
    if "\n" in text.strip("\n"):
        return LiteralScalarString(text)  # ends as the text ends: `|-` without a final newline
    return text


def _dumped(yaml: YAML, data: Any) -> str:
    output = io.StringIO()
    yaml.dump(data, output)
    return output.getvalue()
