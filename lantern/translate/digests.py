"""Short digests of source texts: a translation records the one it was made from."""

from __future__ import annotations

import hashlib

DIGEST_LENGTH = 12  # hex digits: enough to tell edits apart, short enough to read in a file


def text_digest(text: str) -> str:
    """The digest of one source text (a YAML field, an interface string)."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def document_digest(title: str, summary: str, body: str) -> str:
    """The digest of an article's or page's text: its title, summary and body together.

    Surrounding blank lines do not count, so saving a file with another final newline does not
    make its translations stale.
    """
    return text_digest("\n\x00".join(part.strip() for part in (title, summary, body)))
