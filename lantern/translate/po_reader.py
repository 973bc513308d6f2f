"""Reading a translator's PO file with Babel, with every mistake at its line."""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from lantern.errors import Position, Problem, ProblemsFound

# A keyword line or a continuation line holds one text in double quotes, and nothing after it.
_TEXT_LINE = re.compile(r'^(?:#~\s*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"')
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"\s*$')
_HINT = (
    "open and save the file in Poedit, which shows the mistake, or compare the line with the"
    ' entries around it: msgctxt "...", msgid "...", msgstr "..."'
)


def read_catalog(path: Path, shown: str) -> Catalog:
    """The catalog in a PO file (obsolete `#~` entries left out); raises ProblemsFound."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise _refused(
            Position(shown),
            f"the PO file cannot be read ({error.strerror})",
            "check the file's name and folder",
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _refused(
            Position(shown, line),
            "the PO file is not UTF-8 text",
            "save it as UTF-8 (Poedit and Weblate always do)",
        ) from None
    _check_quotes(text, shown)
    try:
        return read_po(io.StringIO(text), abort_invalid=True, ignore_obsolete=True)
    except PoFileError as error:
        message = str(error).rsplit(" on ", 1)[0]
        raise _refused(
            Position(shown, error.lineno + 1), f"the PO file cannot be read: {message}", _HINT
        ) from None
    except (UnknownLocaleError, ValueError) as error:
        raise _refused(Position(shown, 1), f"the PO file cannot be read: {error}", _HINT) from None


def _check_quotes(text: str, shown: str) -> None:
    """Babel reads a text whose closing quote is missing as another text; refuse it instead."""
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        start = _TEXT_LINE.match(line)
        if start and not _QUOTED.fullmatch(line, start.end() - 1):
            raise _refused(
                Position(shown, number),
                "the PO file cannot be read: a text in quotes is not closed",
                'end the line with a closing ", and write a " inside a text as \\"',
            )


def _refused(at: Position, message: str, hint: str) -> ProblemsFound:
    return ProblemsFound((Problem(at, message, hint),))
