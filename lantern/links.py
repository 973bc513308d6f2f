"""Where the links in editors' Markdown may lead: web, e-mail, phone and text-message addresses,
and paths of the site. A `javascript:`, `data:` or `vbscript:` link runs code or hides what it
shows, so it is a problem at its line, however it is disguised.

The Markdown is read as written, not converted: inline and reference links, images, and every
URL attribute of raw HTML or of an attribute list (`{: href=... }`), code included, so that no
way of writing a link is missed. The site's Content-Security-Policy stops what a check misses.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from lantern import memo
from lantern.errors import Position, Problems

SAFE_SCHEMES = ("https", "http", "mailto", "tel", "sms")

# Attributes whose value a browser follows or loads, in HTML and SVG (and SVG animation, which
# can set an href: <set attributeName="href" to="...">).
_URL_ATTRIBUTES = (
    "href|src|action|formaction|data|poster|background|cite|codebase|longdesc|lowsrc|dynsrc"
    "|usemap|icon|manifest|ping|archive|classid|profile|srcset|imagesrcset|xlink:href"
    "|to|from|values|by|content"
)
# [text](url), ![alt](url), [text](<url>); an address may hold balanced brackets: f(1)
_LINK = re.compile(r"\]\(\s*(?:<(?P<angle>[^>\n]*)>|(?P<url>(?:[^\s()<>]|\([^\s()]*\))*))")
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\[\]]*\]:[ \t]*\n?[ \t]*<?(?P<url>[^\s>]*)", re.M)
# Found from each "=", which prose rarely has: trying a name at every character is slow.
_NAME_BEFORE = re.compile(rf"(?<![\w:-])(?P<name>{_URL_ATTRIBUTES})\s*\Z", re.I)
_VALUE_AFTER = re.compile(
    r"""\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'=<>`]+))"""
)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_REFRESH = re.compile(r"^\d*[;,]url=['\"]?(?P<url>.*)$", re.I)  # <meta content="0; url=...">
# What a browser drops from a URL before reading its scheme (WHATWG URL: C0 controls and space
# at the ends, tab and newline anywhere), and Markdown's escaping backslash. Dropping every
# space and control character anywhere errs on the side of reporting.
_DROPPED = re.compile(r"[\x00-\x20\x7f-\x9f\s\\]+")


def check_link_addresses(texts: Iterable[tuple[str, Position]], problems: Problems) -> None:
    """Every link in each Markdown text leads somewhere safe; each one that does not is reported."""
    for text, start in texts:
        for line, written, scheme in unsafe_links_of(text):
            written = written.strip()
            shown = written if len(written) <= 60 else written[:59] + "…"
            problems.error(
                Position(start.path, start.line + line - 1),
                f'the link "{_printable(shown)}" starts with "{scheme}:", which is not allowed',
                "a link starts with https://, http://, mailto:, tel: or sms:, or is a path of"
                " this site such as /en/about/",
            )


def unsafe_links_of(text: str) -> tuple[tuple[int, str, str], ...]:
    """unsafe_links, read once per distinct text (the build cache), like its conversion."""
    key = memo.digest("links", text)
    return memo.current().get_or_make("links", key, lambda: tuple(unsafe_links(text)))


def unsafe_links(text: str) -> Iterator[tuple[int, str, str]]:
    """(line, address as written, its scheme) for each link in `text` with a scheme not allowed."""
    if ":" not in text and "&" not in text:
        return  # no scheme can be written without a colon or an entity for one
    for offset, written, attribute in _addresses(text):
        scheme = scheme_of(written, attribute)
        if scheme and scheme not in SAFE_SCHEMES:
            yield text.count("\n", 0, offset) + 1, written, scheme


def scheme_of(address: str, attribute: str = "href") -> str:
    """The scheme a browser would read in `address` ("javascript"), "" for a relative one."""
    value = _DROPPED.sub("", html.unescape(address))
    if attribute == "content":
        refresh = _REFRESH.match(value)
        if not refresh:
            return ""
        value = refresh["url"]
    found = _SCHEME.match(value)
    return found.group(1).lower() if found else ""


def _addresses(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, address, attribute) of every place in Markdown where an address is written."""
    for match in _LINK.finditer(text):
        group = "url" if match["url"] is not None else "angle"
        yield match.start(group), match[group], "href"
    for match in _REFERENCE.finditer(text) if "]:" in text else ():
        yield match.start("url"), match["url"], "href"
    equals = text.find("=")
    while equals != -1:
        yield from _attribute_addresses(text, equals)
        equals = text.find("=", equals + 1)


def _attribute_addresses(text: str, equals: int) -> Iterator[tuple[int, str, str]]:
    """The address of a URL attribute whose "=" is at `equals`, if that is one."""
    name = _NAME_BEFORE.search(text, max(0, equals - 40), equals)
    value = _VALUE_AFTER.match(text, equals + 1) if name else None
    if name is None or value is None:
        return
    group = next(group for group in ("double", "single", "bare") if value[group] is not None)
    attribute = name["name"].lower()
    separator = {"srcset": ",", "imagesrcset": ",", "values": ";"}.get(attribute)
    for candidate in value[group].split(separator) if separator else [value[group]]:
        yield value.start(group), candidate.strip(), attribute


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
