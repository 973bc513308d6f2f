"""Markdown files with front matter named KEY.LANG.md, grouped by KEY into translations."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lantern.content.records import ID
from lantern.errors import Position, Problems, ProblemsFound
from lantern.schema import check_shape
from lantern.yamlfile import FrontMatterFile, YamlDocument, load_front_matter

_NAME = re.compile(r"^(?P<key>[^.]+)\.(?P<lang>[^.]+)\.md$")


@dataclass(frozen=True)
class Document:
    """One checked KEY.LANG.md file."""

    key: str
    lang: str
    shown_as: str  # path relative to the site folder
    file: FrontMatterFile

    @property
    def front_matter(self) -> YamlDocument:
        return self.file.front_matter

    def get(self, field: str, inherited: dict[str, object] | None = None) -> object:
        """A front-matter value, else the default language's (for inherited fields)."""
        data = self.front_matter.data
        if field in data:
            return data[field]
        return (inherited or {}).get(field)

    def at(self, field: str) -> Position:
        return self.front_matter.at((field,))


def read_documents(
    site_dir: Path, folder: str, schema: str, languages: tuple[str, ...], problems: Problems
) -> dict[str, dict[str, Document]]:
    """Every KEY.LANG.md file in content/FOLDER/, checked against `schema`: key -> lang -> file.

    When the default language's file of a KEY has problems, its translations are left out too:
    what they inherit is unknown until it is fixed, and guessing would only add false alarms.
    """
    grouped: dict[str, dict[str, Document]] = {}
    broken_sources = set()
    for path, shown_as in markdown_files(site_dir / "content" / folder, site_dir):
        document = _read(path, shown_as, schema, languages, problems)
        earlier = grouped.get(document.key, {}).get(document.lang) if document else None
        if earlier:  # the same KEY.LANG.md in two subfolders: neither may silently win
            problems.error(
                Position(shown_as),
                f"{path.name} is also at {earlier.shown_as}",
                f"rename one of them: a KEY.LANG.md name is used once in content/{folder}/,"
                " subfolders included",
            )
        elif document:
            grouped.setdefault(document.key, {})[document.lang] = document
        elif path.name.endswith(f".{languages[0]}.md"):
            broken_sources.add(path.name.split(".")[0])
    return {
        key: dict(sorted(versions.items(), key=lambda item: languages.index(item[0])))
        for key, versions in sorted(grouped.items())
        if key not in broken_sources
    }


def markdown_files(folder: Path, site_dir: Path) -> Iterator[tuple[Path, str]]:
    """Every file below `folder` but hidden ones, in a stable order, with its name for messages."""
    prefix = folder.relative_to(site_dir).as_posix()
    found = []
    for root, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        relative = os.path.relpath(root, folder).replace(os.sep, "/")
        for name in names:
            if not name.startswith("."):
                inside = name if relative == "." else f"{relative}/{name}"
                found.append((f"{prefix}/{inside}", Path(root, name)))
    for shown_as, path in sorted(found):
        yield path, shown_as


def _read(
    path: Path, shown_as: str, schema: str, languages: tuple[str, ...], problems: Problems
) -> Document | None:
    at = Position(shown_as)
    match = _NAME.match(path.name)
    if path.suffix != ".md" or not match:
        problems.error(
            at,
            "the file name must be KEY.LANG.md",
            f"for example {path.stem.split('.')[0] or 'signs'}.{languages[0]}.md",
        )
        return None
    key, lang = match["key"], match["lang"]
    if not ID.match(key):
        problems.error(
            at,
            f'"{key}" is not a valid key',
            "use lowercase letters, digits and hyphens: signs-of-trafficking",
        )
        return None
    if lang not in languages:
        problems.error(
            at,
            f'"{lang}" is not one of the site\'s languages ({", ".join(languages)})',
            "rename the file with a language listed in site.yaml, or add the language there",
        )
        return None
    try:
        file = load_front_matter(path, shown_as)
    except ProblemsFound as found:
        problems.extend(found.problems)
        return None
    if not isinstance(file.front_matter.data, dict):
        problems.error(
            Position(shown_as, 2, 1),
            "the front matter must be fields such as title: and date:",
            "write one 'field: value' per line between the --- lines",
        )
        return None
    shape = check_shape(file.front_matter, schema)
    problems.extend(shape)
    return None if shape else Document(key, lang, shown_as, file)
