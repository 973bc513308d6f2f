"""The HTML an editor may write in Markdown: an allow-list, checked on what Markdown makes of it.

Python-Markdown passes raw HTML through as written. Each text is converted and its HTML read
with a real parser; every element or attribute outside the allow-list is a problem at its line,
saying what to do instead. The Ammonia sanitizer (nh3) then cleans the same HTML against the same
list: when its reading, a browser's (html5ever), keeps anything other than what the check read,
the text is refused too, so no trick of the parser (broken tags, entities, null bytes, SVG or
MathML) gets past the check by being read differently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser

import nh3

from lantern import memo
from lantern.errors import Position, Problems
from lantern.links import SAFE_SCHEMES, scheme_of, unsafe_links

# What editors legitimately write, and what Python-Markdown itself writes (footnotes, tables).
ELEMENTS = frozenset(
    [
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "code",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "small",
        "a",
        "img",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "colgroup",
        "col",
        "figure",
        "figcaption",
        "details",
        "summary",
        "abbr",
        "kbd",
        "samp",
        "var",
        "mark",
        "sup",
        "sub",
        "span",
        "div",
        "cite",
        "q",
        "dfn",
        "time",
        "bdi",
        "bdo",
        "wbr",
        "ruby",
        "rt",
        "rp",
    ]
)
EVERY_ELEMENT = frozenset({"lang", "dir", "id", "class", "title"})
ATTRIBUTES = {
    "a": frozenset({"href", "rel", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "th": frozenset({"scope", "colspan", "rowspan", "headers", "abbr"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
}
# The one style Markdown writes itself: a table column's alignment (`| :--- |`).
_ALIGNMENTS = frozenset(f"text-align: {side};" for side in ("left", "right", "center"))
_URLS = frozenset({"href", "src", "cite"})
_CLEANER = {
    "tags": set(ELEMENTS),
    "clean_content_tags": {"script", "style"},
    "attributes": {
        "*": set(EVERY_ELEMENT),
        **{tag: set(names) for tag, names in ATTRIBUTES.items()},
    },
    "tag_attribute_values": {"th": {"style": set(_ALIGNMENTS)}, "td": {"style": set(_ALIGNMENTS)}},
    "url_schemes": set(SAFE_SCHEMES),
    "link_rel": None,
    "strip_comments": False,
}
_CSP = "the site's Content-Security-Policy blocks"
_EMBED = (
    "third-party embeds are not allowed on a site for people in danger: link to the video or"
    " form instead, or show a video with {{< video ID >}}"
)
_ELEMENT_HINTS = {
    "script": f"{_CSP} scripts written in a page; scripts belong in the theme (templates/static/)",
    "style": f"{_CSP} styles written in a page; style pages in the theme's CSS (templates/static/)",
    "iframe": _EMBED,
    "object": _EMBED,
    "embed": _EMBED,
    "form": "link to the form on its own site instead: a form here sends what readers type"
    " to another site",
    "base": "it changes where every link of the page leads; remove it",
    "meta": "it can send readers to another page or change the page's settings; remove it",
}
_ATTRIBUTE_HINTS = {
    "style": f"{_CSP} styles written in a page; style pages in the theme's CSS (templates/static/)",
    "srcdoc": "it holds a whole page of HTML, scripts included; remove it",
    "formaction": "it sends a form to another address; remove it",
}
_ALLOWED_HINT = (
    "write it in Markdown, or use headings, lists, tables, figure, details/summary, abbr, kbd,"
    " mark, sup/sub, span, div, img and a"
)
Found = tuple[tuple[int, str, str], ...]  # (line in the text, message, hint)


def check_raw_html(texts: Iterable[tuple[str, Position]], problems: Problems) -> None:
    """Every Markdown text holds only allowed HTML; each thing that is not is reported."""
    for text, start in texts:
        for line, message, hint in html_problems(text):
            problems.error(Position(start.path, start.line + line - 1), message, hint)


def html_problems(text: str) -> Found:
    """What is not allowed in the HTML of `text`, read once per distinct text (the build cache)."""
    # Markdown writes HTML of its own accord only from "<" (raw HTML, autolinks), "{" (an
    # attribute list) and "![" (an image): without them, it writes nothing to refuse.
    if "<" not in text and "{" not in text and "![" not in text:
        return ()
    key = memo.digest("raw-html", text)
    return memo.current().get_or_make("raw-html", key, lambda: _problems(text))


def _problems(text: str) -> Found:
    from lantern.markup import to_html  # Python-Markdown loads only when a text is new

    html = to_html(text)
    reading = _Reading()
    reading.feed(html)
    reading.close()
    links_reported = any(unsafe_links(text))  # links.py reports those at their line
    found = [
        (message, hint, needle)
        for message, hint, needle in reading.problems
        if not (links_reported and needle.startswith("url:"))
    ]
    if not reading.problems and _shape(html) != _shape(nh3.clean(html, **_CLEANER)):  # type: ignore[arg-type]
        found.append(
            (
                "this HTML is read differently by a browser than it looks",
                "write it as plain Markdown, or as simple well-formed HTML with quoted attributes",
                "<",
            )
        )
    return tuple(_at_lines(text, found))


class _Reading(HTMLParser):
    """Every element and attribute of some HTML, each outside the allow-list a problem."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[str, str, str]] = []  # message, hint, what to find in the text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ELEMENTS:
            hint = _ELEMENT_HINTS.get(tag, _ALLOWED_HINT)
            message = f"<{_printable(tag)}> is not allowed in Markdown"
            self.problems.append((message, hint, f"<{tag}"))
            return
        for name, value in attrs:
            problem = _attribute_problem(tag, name, value or "")
            if problem:
                self.problems.append(problem)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _attribute_problem(tag: str, name: str, value: str) -> tuple[str, str, str] | None:
    where = f"the attribute {_printable(name)}= on <{tag}>"
    if name.startswith("on"):
        hint = f"an event handler runs a script, which {_CSP}; remove it"
        return f"{where} is not allowed", hint, name
    if name == "style" and tag in ("th", "td") and value in _ALIGNMENTS:
        return None
    if name not in EVERY_ELEMENT and name not in ATTRIBUTES.get(tag, ()):
        allowed = sorted(EVERY_ELEMENT | ATTRIBUTES.get(tag, frozenset()))
        hint = _ATTRIBUTE_HINTS.get(name, f"allowed on <{tag}>: {', '.join(allowed)}")
        return f"{where} is not allowed", hint, name
    if name in _URLS:
        return _address_problem(tag, name, value)
    return None


def _address_problem(tag: str, name: str, value: str) -> tuple[str, str, str] | None:
    scheme = scheme_of(value, name)
    if scheme and scheme not in SAFE_SCHEMES:
        return (
            f'the address in {name}= on <{tag}> starts with "{scheme}:", which is not allowed',
            "a link starts with https://, http://, mailto:, tel: or sms:, or is a path of"
            " this site such as /en/about/",
            f"url:{name}",
        )
    if name == "src" and (scheme or value.lstrip().startswith("//")):
        shown = value if len(value) <= 60 else value[:59] + "…"
        return (
            f'the image "{shown}" is on another site',
            "loading it is a third-party request, which tells that site who reads this page:"
            " copy the image into content/media/ and write its path, e.g. /media/NAME.jpg",
            f"url:{name}",
        )
    return None


def _printable(name: str) -> str:
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in name)


def _shape(html: str) -> tuple[tuple[str, ...], ...]:
    """The elements, attributes and text some HTML holds, as the check reads them; what a
    sanitizer writes differently but means the same (tbody it adds, entities, whitespace,
    the order of attributes) reads the same."""
    reading = _Shape()
    reading.feed(html)
    reading.close()
    return (*reading.elements, ("text", re.sub(r"\s+", "", "".join(reading.text))))


class _Shape(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, ...]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "tbody":
            pairs = sorted(f"{name}={value or ''}" for name, value in attrs)
            self.elements.append((tag, *pairs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _at_lines(text: str, found: list[tuple[str, str, str]]) -> Iterator[tuple[int, str, str]]:
    """Each problem with the line of the text it was written on: the first line, from the last
    problem's on, that holds what it names (the verdict comes from the parser; the line from
    the text, where raw HTML is written as it is)."""
    lines = text.lower().splitlines() or [""]
    fallback = next(
        (n for n, line in enumerate(lines, 1) if "<" in line or "{" in line or "![" in line), 1
    )
    last = 1
    for message, hint, needle in found:
        needle = needle.removeprefix("url:").lower()
        order = [*range(last, len(lines) + 1), *range(1, last)]
        line = next((n for n in order if needle in lines[n - 1]), fallback)
        last = line
        yield line, message, hint
