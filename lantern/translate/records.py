"""Which source text each YAML translation was made from: content/translations/LANG.yaml.

One file per language, written by `build.py translate import`: each line maps a PO entry's
msgctxt (`content/facts/nhth-2020-2022.yaml:facts[3].text`, `templates/i18n:quick_exit`) to the
digest of the source text translated. No loader reads content/translations/, so the build never
sees it; `build.py check` compares it with today's sources to find stale translations. Articles
and pages need no record here: they carry `translated_from:` in their own front matter.
"""

from __future__ import annotations

from pathlib import Path

from lantern.errors import Position, Problems, ProblemsFound
from lantern.yamlfile import load_yaml

RECORDS_FOLDER = "content/translations"


def records_name(lang: str) -> str:
    """The record file of a language, as messages show it."""
    return f"{RECORDS_FOLDER}/{lang}.yaml"


def read_records(site_dir: Path, lang: str, problems: Problems) -> dict[str, str]:
    """msgctxt -> digest of the source a translation was made from; {} when nothing is recorded."""
    shown_as = records_name(lang)
    path = site_dir / shown_as
    if not path.is_file():
        return {}
    try:
        data = load_yaml(path, shown_as).data
    except ProblemsFound as found:
        problems.extend(found.problems)
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        problems.error(
            Position(shown_as, 1, 1),
            "the translation record must be lines of 'file:field: digest'",
            "build.py translate import writes this file; restore it from version control",
        )
        return {}
    return {str(key): value for key, value in data.items()}


def check_records(site_dir: Path, lang: str) -> None:
    """Raise ProblemsFound when the language's record file is damaged: without it, stale
    translations would pass for fresh ones and an import would write over it."""
    problems = Problems()
    read_records(site_dir, lang, problems)
    problems.stop_if_errors()
