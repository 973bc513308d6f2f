"""The options of build.py translate: light to import, as every command builds the whole parser."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_translate_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`translate export` and `translate import`, with their options."""
    parser = commands.add_parser(
        "translate",
        help="export the texts a language still needs as a PO file, or import one",
        description=(
            "Hand the texts of a language to translators as one PO file (Poedit, Weblate and"
            " other gettext tools), and write their translations back into the site's files."
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="write a PO file of every text LANG lacks or whose source changed",
        description=(
            "Write one PO file with every text that has no LANG version yet, or whose source"
            " changed since it was translated (those marked fuzzy, with the old translation)."
        ),
    )
    export.add_argument("--lang", required=True, help="the language to translate into")
    export.add_argument(
        "--out",
        metavar="FILE",
        help="where to write the PO file (default: LANG.po in the current folder; - for"
        " standard output)",
    )
    importing = actions.add_parser(
        "import",
        help="write the translations of a PO file into the site's files",
        description=(
            "Write the translations of a PO file back into the YAML fields, interface strings"
            " and KEY.LANG.md files they came from. Empty and fuzzy entries are skipped; a text"
            " a person already wrote is replaced only when its entry has the flag"
            " `#, overwrite`. On any error nothing is written."
        ),
    )
    importing.add_argument("file", type=Path, help="the PO file, as Poedit or Weblate saved it")
    for action in (export, importing):
        action.add_argument(
            "--site",
            type=Path,
            default=Path(),
            metavar="DIR",
            help="the site folder (default: the current folder)",
        )
