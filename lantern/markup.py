"""Markdown -> HTML: Python-Markdown with the extensions editors expect, and the site's link rules.

Extensions: fenced code blocks, tables, footnotes, attribute lists, definition lists, heading ids
(toc) and sane lists.
No smart quotes: editors type their own language's quotation marks (« », “ ”), which the
`smarty` extension, made for English, would not know.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as etree
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

import markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.extensions.toc import TocExtension, TocTreeprocessor
from markdown.inlinepatterns import DelimiterProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor, UnescapeTreeprocessor
from markdown.util import AtomicString

from lantern.shortcodes import find_shortcodes

Blocks = tuple[tuple[str, str], ...]  # (shortcode "NAME ARGUMENT", its HTML), for one page

EXTENSIONS = [  # Python-Markdown's, by name (_converter gives them as objects; tests compare)
    "fenced_code",
    "tables",
    "footnotes",
    "attr_list",
    "def_list",
    "toc",
    "sane_lists",
]


class _SiteLinks(Treeprocessor):
    """Root-relative links get the site's base path; links to other sites get rel=noreferrer."""

    def __init__(self, md: markdown.Markdown, base_path: str) -> None:
        super().__init__(md)
        self.base_path = base_path

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is None:
                    continue
                if value.startswith("/") and not value.startswith("//"):
                    element.set(attribute, self.base_path + value[1:])
                elif attribute == "href" and value.startswith(("http://", "https://", "//")):
                    # SITE-REQUIREMENTS 12: no referrer ever tells another site who was reading.
                    element.set("rel", "noreferrer")
        _demote_headings(root)


def _demote_headings(root: etree.Element) -> None:
    """The page title is the only h1: when a body uses '#' headings, every heading moves down one."""
    headings = [el for el in root.iter() if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
    if any(el.tag == "h1" for el in headings):
        for element in headings:
            element.tag = f"h{min(int(element.tag[1]) + 1, 6)}"


# Characters each inline pattern's expression cannot match without (Python-Markdown 3.11).
_NEEDS = {
    "backtick": ("`",),
    "escape": ("\\",),
    "footnote": ("[^",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
}


class _QuickInline(InlineProcessor):
    """Python-Markdown's inline stage, without trying a pattern on a text that lacks what the
    pattern needs: such a pattern cannot match, so the output is the same, in half the time."""

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        self._patterns = list(self.inlinePatterns)
        self._needs: list[frozenset[str] | None] = [None] * len(self._patterns)
        for index, pattern in enumerate(self._patterns):
            if isinstance(pattern, DelimiterProcessor):
                self._needs[index] = frozenset(pattern.tokens)
        for name, needs in _NEEDS.items():
            if name in self.inlinePatterns:
                self._needs[self.inlinePatterns.get_index_for_name(name)] = frozenset(needs)
        self._all_needs = frozenset().union(*(needs for needs in self._needs if needs))
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803 (Python-Markdown's names)
        """The original, which this replaces, with the skip."""
        if isinstance(data, AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        present = {need for need in self._all_needs if need in data}
        index, start = patternIndex, 0
        while index < len(self._patterns):
            needs = self._needs[index]
            if needs is not None and needs.isdisjoint(present):
                index, start = index + 1, 0
                continue
            data, matched, start = apply(self._patterns[index], data, index, start)
            if matched:
                present = {need for need in self._all_needs if need in data}
            else:
                index += 1
        return data


# What a block must contain for each block stage's test to pass (Python-Markdown 3.11): a stage
# whose test cannot pass is not asked. Paragraphs, most of every text, were asked by all fifteen.
_BLOCK_NEEDS = {
    "table": ("|",),  # its first row must split into cells
    "hashheader": ("#",),
    "setextheader": ("\n=", "\n-"),  # the second line underlines the first
    "hr": ("-", "_", "*"),
    "deflist": (": ",),  # "(^|\n)[ ]{0,3}:[ ]{1,3}"
    "quote": (">",),
    "footnote": ("[^",),  # its test passes always; its run gives up without "[^...]:"
    "reference": ("]:",),  # likewise, without "[...]:"
}


class _QuickBlocks:
    """Python-Markdown's block loop, without asking a stage whose test cannot pass (see
    _BLOCK_NEEDS) and without copying the list of stages for every block: the same output
    (the bench's 2,000 articles converted in 3.2 s instead of 4.15)."""

    def __init__(self, parser: BlockParser) -> None:
        self.parser = parser
        self.stages: list[tuple[BlockProcessor, tuple[str, ...]]] | None = None

    def parse_blocks(self, parent: etree.Element, blocks: list[str]) -> None:
        if self.stages is None:  # every extension has registered its stages by now
            registry = self.parser.blockprocessors
            wanted = {
                id(registry[name]): needs
                for name, needs in _BLOCK_NEEDS.items()
                if name in registry
            }
            self.stages = [(stage, wanted.get(id(stage), ())) for stage in registry]
        stages = self.stages
        while blocks:
            for stage, needs in stages:
                block = blocks[0]  # a stage whose run gave up may have put back another
                if needs and not any(map(block.__contains__, needs)):
                    continue
                if stage.test(parent, block) and stage.run(parent, blocks) is not False:
                    break


class _HeadingIds(TocTreeprocessor):
    """toc's heading ids; the table of contents it also builds only for a text that has the
    [TOC] marker to replace (no page shows `md.toc`, and building it cost a tenth of the time)."""

    marked = True  # whether the text being converted has the marker

    def notice(self, text: str) -> None:
        self.marked = self.marker in text

    def build_toc_div(self, toc_list: list[Any]) -> etree.Element:
        return super().build_toc_div(toc_list) if self.marked else etree.Element("div")

    def replace_marker(self, root: etree.Element, elem: etree.Element) -> None:
        if self.marked:
            super().replace_marker(root, elem)


class _HeadingIdsExtension(TocExtension):
    TreeProcessorClass = _HeadingIds


class _QuickAttributes(AttrListTreeprocessor):
    """attr_list, skipped for a text without "{": no attribute list can be written without."""

    braced = True  # whether the text being converted has a "{"

    def notice(self, text: str) -> None:
        self.braced = "{" in text

    def run(self, doc: etree.Element) -> None:
        if self.braced:
            super().run(doc)


Lines = Callable[[list[str]], list[str]]  # a preprocessor's run


class _QuickUnescape(UnescapeTreeprocessor):
    """Backslash escapes put back, skipped for a text without a backslash: only an escape
    (`\\*`) leaves what this stage puts back."""

    escaped = True  # whether the text being converted has a backslash

    def notice(self, text: str) -> None:
        self.escaped = "\\" in text

    def run(self, root: etree.Element) -> None:
        if self.escaped:
            super().run(root)


def _only_with(run: Lines, needs: tuple[str, ...]) -> Lines:
    """A preprocessor's run, skipped for a text without any of `needs`: it could not change it."""

    def quick(lines: list[str]) -> list[str]:
        return run(lines) if any(map("\n".join(lines).__contains__, needs)) else lines

    return quick


class _Survey(Preprocessor):
    """Before any other stage: notes what the text holds, for the stages that skip a text
    they cannot change."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        for stage in self.md.treeprocessors:
            if isinstance(stage, _HeadingIds | _QuickAttributes | _QuickUnescape):
                stage.notice(text)
        return lines


class _Shortcodes(Preprocessor):
    """Each shortcode line becomes its block's HTML, stashed so Markdown leaves it as it is."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.blocks: dict[str, str] = {}

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        found = {shortcode.line: shortcode for shortcode in find_shortcodes(text)}
        result = []
        for number, line in enumerate(lines, start=1):
            shortcode = found.get(number)
            if shortcode is None or shortcode.key not in self.blocks:
                result.append(line)
            else:
                result += ["", self.md.htmlStash.store(self.blocks[shortcode.key]), ""]
        return result


class _SiteExtension(Extension):
    def __init__(self, base_path: str) -> None:
        super().__init__()
        self.base_path = base_path

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After fenced_code (25) has stashed code blocks, so shortcodes shown in code stay text.
        md.preprocessors.register(_Survey(md), "lantern_survey", 100)  # normalize_whitespace: 30
        md.preprocessors.register(_Shortcodes(md), "lantern_shortcodes", 20)
        # After "inline" (links exist) and before "prettify".
        md.treeprocessors.register(_SiteLinks(md, self.base_path), "lantern_links", 5)
        md.treeprocessors.register(_QuickInline(md), "inline", 20)  # replaces the original
        md.treeprocessors.register(_QuickAttributes(md), "attr_list", 8)  # replaces attr_list's
        md.treeprocessors.register(_QuickUnescape(md), "unescape", 0)  # replaces the original
        fences = md.preprocessors["fenced_code_block"]  # a fence opens with ``` or ~~~
        fences.run = _only_with(fences.run, ("```", "~~~"))  # type: ignore[method-assign,assignment]
        # Raw HTML opens with "<"; this stage also ends a "&#65" with ";" (2% of the time)
        html = md.preprocessors["html_block"]
        html.run = _only_with(html.run, ("<", "&"))  # type: ignore[method-assign,assignment]
        # Python-Markdown looks a tag up in a list, tens of thousands of times per text.
        block_level = frozenset(md.block_level_elements)
        md.is_block_level = lambda tag: (  # type: ignore[method-assign]
            isinstance(tag, str) and tag.lower().rstrip("/") in block_level
        )
        md.parser.parseBlocks = _QuickBlocks(md.parser).parse_blocks  # type: ignore[method-assign]


BACKLINK_TITLE = "Jump back to footnote {} in the text"


@cache
def to_html(
    text: str, base_path: str = "/", backlink_title: str = BACKLINK_TITLE, blocks: Blocks = ()
) -> str:
    """Convert an editor's Markdown to HTML; converted once per distinct input.

    `backlink_title` is the footnote back-link's title in the page's language, "{}" the number;
    `blocks` the HTML of each shortcode the text uses, in the page's language.
    """
    converter = _converter(base_path, backlink_title)
    shortcodes = converter.preprocessors["lantern_shortcodes"]
    assert isinstance(shortcodes, _Shortcodes)
    shortcodes.blocks = dict(blocks)
    return converter.reset().convert(text)


def _fenced_code_without_pygments() -> Any:
    """Python-Markdown's fenced_code extension. It imports codehilite, which imports Pygments
    where it is installed (60 ms, in every process that converts Markdown: a one-page rebuild,
    each worker of a cold build), though no site of Lantern's highlights code: codehilite is
    kept from finding Pygments (it then never uses it), and Pygments stays importable."""
    if "markdown.extensions.fenced_code" in sys.modules or "pygments" in sys.modules:
        from markdown.extensions import fenced_code
    else:
        sys.modules["pygments"] = None  # type: ignore[assignment]  # an import of it fails
        try:
            from markdown.extensions import fenced_code
        finally:
            del sys.modules["pygments"]
    return fenced_code


def prepare(base_path: str, backlink_title: str) -> None:
    """Load Python-Markdown and make the converter `to_html` will use: before forking, so
    that every worker process has it without loading it again (50 ms each)."""
    _converter(base_path, backlink_title)


@lru_cache(maxsize=8)
def _converter(base_path: str, backlink_title: str) -> markdown.Markdown:
    # Extensions given as objects, not names: a name is looked up among every installed
    # package's entry points first, which costs a preview or a one-page rebuild 20 ms.
    from markdown.extensions import attr_list, def_list, footnotes, sane_lists, tables

    fenced_code = _fenced_code_without_pygments()
    extensions: list[Extension] = [
        fenced_code.FencedCodeExtension(),
        tables.TableExtension(),
        footnotes.FootnoteExtension(BACKLINK_TITLE=backlink_title),
        attr_list.AttrListExtension(),
        def_list.DefListExtension(),
        _HeadingIdsExtension(permalink=False),
        sane_lists.SaneListExtension(),
    ]
    return markdown.Markdown(
        extensions=[*extensions, _SiteExtension(base_path)], output_format="html"
    )
