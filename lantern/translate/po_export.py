"""build.py translate export: every text a language still needs, as one PO file.

Written with Babel's catalog API, so Poedit, Weblate and every gettext tool read it. An entry's
msgctxt names the file and field, its `#:` reference the line of the source text, its msgid the
source text. A translation whose source changed since it was made (stale) is exported with its
old text as msgstr, marked `fuzzy` (so it is not imported unread) and `overwrite` (so that once
a translator has checked it, the import may replace the old text).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from lantern.i18n import locale_of
from lantern.translate.sources import Unit

OVERWRITE = "overwrite"  # the PO flag that lets an import replace a text a person wrote
FUZZY = "fuzzy"
HEADER = (
    "# Texts of this site that {lang} still needs (build.py translate export).\n"
    "# Translate each msgstr. Keep each msgctxt: it names the file and field.\n"
    "# Keep Markdown, links and shortcode lines ({{{{< hotline ID >}}}}) as\n"
    "# they are. Then: python build.py translate import FILE"
)
MARKDOWN_NOTE = "Markdown: keep headings, links, line breaks and shortcode lines as they are."
STALE_COMMENT = "The source changed since this was translated: check the old translation below."


def catalog_of(units: Iterable[Unit], lang: str, project: str, now: dt.datetime) -> Catalog:
    """A catalog of the wanted units, in the order they were found."""
    catalog = Catalog(
        locale=locale_of(lang),
        project=project,
        version=now.date().isoformat(),  # the day of the export, which tells exports apart
        header_comment=HEADER.format(lang=lang),
        creation_date=now,
        revision_date=now,
        fuzzy=False,
    )
    catalog.msgid_bugs_address = ""  # texts come from the site's own editors, not a bug tracker
    for unit in units:
        if not unit.is_wanted:
            continue
        stale = unit.is_stale
        catalog.add(
            unit.source,
            unit.translation if stale and unit.translation else "",
            locations=[(unit.at.path, unit.at.line)],
            flags=(FUZZY, OVERWRITE) if stale else (),
            auto_comments=[MARKDOWN_NOTE] if unit.context.endswith(":body") else [],
            user_comments=[STALE_COMMENT] if stale else [],
            context=unit.context,
        )
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    """The catalog as a PO file: UTF-8, lines wrapped as gettext's own tools wrap them."""
    output = io.BytesIO()
    write_po(output, catalog, width=76, sort_output=False, ignore_obsolete=True)
    return output.getvalue()
