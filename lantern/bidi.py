"""Direction in pages: text in another language marked with its direction, and on right-to-left
pages, phone numbers, URLs, e-mail addresses and hashtags isolated as left to right.

In a right-to-left paragraph, the Unicode bidirectional algorithm reorders the groups of
"+1 888 373 7888" (spaces between numbers take the paragraph's direction) and moves a URL's or
an address's trailing punctuation to the wrong side. Each such run is wrapped in
`<span dir="ltr">`, which HTML isolates (SITE-REQUIREMENTS 37). Runs already inside an element
with `dir="ltr"` or a `bdi` are left as they are, and so is text where an element may not go
(`title`, `script`, `style`, `option`, `textarea`, SVG).
"""

from __future__ import annotations

import re

from markupsafe import Markup

from lantern import i18n

_URL = r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]}،؛؟]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_DOMAIN = r"(?<![\w@./-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,}(?:/[^\s<>\"']*[^\s<>\"'.,;:!?)\]}،؛؟])?"
# A phone number: 7 digits or more, in groups joined by spaces, dots, hyphens or brackets.
_PHONE = r"(?<![\w+])\+?\(?\d[\d ().-]{5,}\d(?!\w)"
_HASHTAG = r"(?<![\w&])#[A-Za-z0-9_]+"
# A range or a time, "2020–2022", "9:00–17:00": the dash would take the paragraph's direction.
_RANGE = r"(?<![\w.,])\d[\d.,:]*(?:\s?[–—/]\s?\d[\d.,:]*)+(?![\w])"
# Words in Latin letters among right-to-left ones: a key's name ("Shift"), a brand, a name an
# editor kept in its own language. (A passage the build shows in another language carries its
# own lang and dir besides.)
_WORD = "[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f]*"  # Latin letters, accented ones too
_LATIN = rf"(?<![\w@#&/.:-])\.?{_WORD}(?:[ ]{_WORD})*(?![\w@/:-])"
_RUN = re.compile(
    f"{_URL}|{_EMAIL}|{_DOMAIN}|(?P<phone>{_PHONE})|{_RANGE}|{_HASHTAG}|(?P<latin>{_LATIN})"
)
_TAG = re.compile(r"<!--.*?-->|<![^>]*>|<(/?)([a-zA-Z][\w:-]*)([^>]*)>", re.DOTALL)
_LTR = re.compile(r"""\bdir\s*=\s*["']?ltr\b""")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)  # elements without an end tag
_NO_MARKUP = frozenset({"title", "script", "style", "option", "textarea", "svg", "head"})


def isolate_ltr_runs(html: str) -> str:
    """The page with each left-to-right run of its text (outside isolated parts) isolated."""
    pieces: list[str] = []
    open_elements: list[tuple[str, bool]] = []  # (name, whether its text is left alone)
    start = 0
    for tag in _TAG.finditer(html):
        pieces.append(_isolated(html[start : tag.start()], open_elements))
        pieces.append(tag.group(0))
        start = tag.end()
        name = (tag.group(2) or "").lower()
        if not name or name in _VOID or tag.group(3).endswith("/"):
            continue
        if tag.group(1):  # an end tag closes its element and any left open inside it
            for depth in range(len(open_elements) - 1, -1, -1):
                if open_elements[depth][0] == name:
                    del open_elements[depth:]
                    break
        else:
            is_left_alone = name in _NO_MARKUP or name == "bdi" or bool(_LTR.search(tag.group(3)))
            open_elements.append((name, is_left_alone))
    pieces.append(_isolated(html[start:], open_elements))
    return "".join(pieces)


def _isolated(text: str, open_elements: list[tuple[str, bool]]) -> str:
    if not text or any(is_left_alone for _, is_left_alone in open_elements):
        return text
    return _RUN.sub(_wrap, text)


def _wrap(run: re.Match[str]) -> str:
    found = run.group(0)
    if run.group("phone") and sum(character.isdigit() for character in found) < 7:
        return found  # a year range or a short figure, not a phone number
    return f'<span dir="ltr">{found}</span>'


def language_attributes(tag: str, page_lang: str) -> Markup:
    """` lang="ar" dir="rtl"` for a text in `tag`; `dir` only where it differs from the page's."""
    direction = i18n.direction(tag)
    if direction == i18n.direction(page_lang):
        return Markup(' lang="{}"').format(tag)
    return Markup(' lang="{}" dir="{}"').format(tag, direction)
