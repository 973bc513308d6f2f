"""Translations of articles and pages: KEY.LANG.md files, made from their source or updated.

A new translation takes its front matter from the source: the translated title, summary and
image alt text, `translated_from:` with the digest of the source's text, and the source's other
fields that a translation does not inherit (such as `slug`). The fields it inherits (date, tags,
image, author, draft, menu...) are left out, so they keep following the source: in particular a
translation is published exactly when its source is, with no `draft:` of its own to surprise.
"""

from __future__ import annotations

import re

from lantern.content.articles import INHERITED
from lantern.translate.sources import DOCUMENT_FIELDS
from lantern.translate.yaml_writer import with_entries, with_fields

_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_NOT_COPIED = {*INHERITED, "menu", *DOCUMENT_FIELDS, "translated_from"}


def new_translation(source_text: str, source_name: str, fields: dict[str, str], body: str) -> str:
    """The text of a new KEY.LANG.md translated from the file `source_text`."""
    front_matter, _ = split(source_text)
    copied = _plain_fields(front_matter)
    header = (
        f"# Translated from {source_name} (build.py translate import).\n"
        "# Date, tags, image and draft come from that file; translated_from: records which text\n"
        "# of it this translation was made from, so that build.py check can tell when it changed.\n"
    )
    ordered = {key: fields[key] for key in DOCUMENT_FIELDS if key in fields}
    ordered |= copied
    ordered["translated_from"] = fields["translated_from"]
    return "---\n" + with_entries("", ordered, header) + "---\n" + _body(body)


def updated_translation(text: str, fields: dict[str, str], body: str | None) -> str:
    """An existing KEY.LANG.md with fields (and the body, when given) replaced."""
    front_matter, old_body = split(text)
    new_body = _body(body) if body is not None else old_body
    return "---\n" + with_fields(front_matter, fields) + "---\n" + new_body


def split(text: str) -> tuple[str, str]:
    """A Markdown file's front matter YAML and body (the file was read and checked before)."""
    text = text.replace("\r\n", "\n")
    opening = _FENCE.match(text)
    closing = _FENCE.search(text, opening.end()) if opening else None
    assert opening and closing, "the build checked the front matter"
    return text[opening.end() + 1 : closing.start()], text[closing.end() + 1 :]


def _plain_fields(front_matter: str) -> dict[str, str]:
    """The source's own fields a translation does not inherit, as text (`slug`, mostly)."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(front_matter) or {}
    return {
        str(key): str(value)
        for key, value in data.items()
        if key not in _NOT_COPIED and isinstance(value, str)
    }


def _body(body: str) -> str:
    return body.strip("\n") + "\n"
