"""Markdown: the extensions editors expect, and the site's link rules."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.extensions.toc import TocTreeprocessor
from markdown.treeprocessors import InlineProcessor, UnescapeTreeprocessor

from lantern import markup
from lantern.markup import to_html


def test_tables_footnotes_attributes_and_heading_ids() -> None:
    text = (
        "## Signs {#signs}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee this.[^1]\n\n[^1]: A note.\n"
    )
    result = to_html(text)
    assert '<h2 id="signs">Signs</h2>' in result
    assert "<table>" in result and "<td>1</td>" in result
    assert 'class="footnote"' in result


def test_heading_ids_are_ascii() -> None:
    assert '<h2 id="senales-de-alerta">Señales de alerta</h2>' in to_html("## Señales de alerta\n")


def test_no_smart_quotes_editors_keep_their_own() -> None:
    assert to_html('«Hola» "hi" -- ok') == '<p>«Hola» "hi" -- ok</p>'


def test_a_body_h1_is_moved_down_so_the_title_stays_the_only_h1() -> None:
    assert to_html("# One\n\n## Two\n") == '<h2 id="one">One</h2>\n<h3 id="two">Two</h3>'


def test_links_to_other_sites_send_no_referrer_and_site_links_get_the_base_path() -> None:
    result = to_html("[a](https://polarisproject.org/) [b](/en/about/) [c](#x)", "/network/")
    assert '<a href="https://polarisproject.org/" rel="noreferrer">a</a>' in result
    assert '<a href="/network/en/about/">b</a>' in result
    assert '<a href="#x">c</a>' in result


# The inline stage skips a pattern whose text lacks what the pattern needs, and the block stage a
# block processor whose test cannot pass; the output must be exactly Python-Markdown's own.
# Compared on every Markdown file of the repository, on texts made to reach each pattern and
# block, on random texts of Markdown's special characters, and on random blocks.

TRICKY = [
    "a *b* __c__ ***d*** _e_ snake_case_word 2 * 3 * 4",
    "`code with *stars* and [brackets]` and \\`not code\\` and ``a ` b``",
    "\\*not em\\* \\[not link\\] \\\\`code`",
    "[a](/x) ![alt](/i.png) [ref][r] ![img][r] [r] ![r] [^1]\n\n[r]: /y\n[^1]: note",
    "!\\[x](y) ![[a](b)](c) [![i](j)](k)",
    "<https://example.org/> <me@example.org> <b>bold</b> <!-- c --> a < b > c",
    "plain <b>bold</b> and <span>inline</span> HTML",
    "&amp; &#169; &#xA9; & alone &nosemicolon",
    "no angle bracket: &#65 and &#x4f then &amp and &copy, not ; closed",
    "<div>\nraw *block*\n</div>\n\ntext\n\n<!-- note -->\n",
    "line one  \nline two\\\nthree",
    "* one\n* two\n\n1. a\n2. b\n\nTerm\n:   definition\n",
    "| a | *b* |\n|---|---|\n| `c` | [d](/e) |\n",
    "## Heading with *em* and `code` {#custom}\n\ntext {: .class }\n",
    "**strong *nested em* strong** *em **nested strong** em*",
    "a_b_c __init__ *a**b*c** ****",
    "[TOC]\n\n## One\n\n### Under one\n\n## One\n\n    [TOC]\n",
    "Title\n=====\ntext\n\nSub\n---\n\n- - -\n\n___\n\n* * *\n\ntext\n***\n",
    "> quote\n> more\n\n>not\n\n    > code\n\n1. a\n\n    > in a list\n",
    "Term\n: one\n:   two\n\n: lone\n\nno: colon space\n",
    'text [^n]\n\n[^n]: note\n    more\n[^m]: next\n\n[r]: /x "T"\nafter\n\n[s]:\n  /y\n',
    "a | b\n--|--\n1 | 2\n\n| one |\n| --- |\n\n|x\n|-\n\n`a|b` | c\n-|-\n",
]


@cache
def _stock_inline_converter() -> markdown.Markdown:
    converter = markdown.Markdown(
        extensions=[*markup.EXTENSIONS, markup._SiteExtension("/")],
        extension_configs={"toc": {"permalink": False}},
        output_format="html",
    )
    # Python-Markdown's own stages where Lantern has quicker ones.
    converter.treeprocessors.register(InlineProcessor(converter), "inline", 20)
    converter.treeprocessors.register(AttrListTreeprocessor(converter), "attr_list", 8)
    converter.treeprocessors.register(UnescapeTreeprocessor(converter), "unescape", 0)
    del converter.preprocessors["fenced_code_block"].run  # the class's own
    del converter.preprocessors["html_block"].run  # likewise
    del converter.is_block_level  # the class's own
    del converter.parser.parseBlocks  # likewise
    assert type(converter.treeprocessors["toc"]) is TocTreeprocessor
    return converter


def _both(text: str) -> tuple[str, str]:
    stock = _stock_inline_converter()
    ours = markup._converter("/", markup.BACKLINK_TITLE)
    assert not isinstance(stock.treeprocessors["inline"], type(ours.treeprocessors["inline"]))
    return ours.reset().convert(text), stock.reset().convert(text)


def test_the_quick_stages_give_python_markdowns_own_output_on_every_file() -> None:
    root = Path(__file__).resolve().parent.parent
    files = [*root.glob("content/**/*.md"), *root.glob("tests/sites/*/content/**/*.md")]
    texts = [path.read_text(encoding="utf-8") for path in sorted(files)]
    assert len(texts) >= 30
    for text in [*TRICKY, *texts]:
        ours, stock = _both(text)
        assert ours == stock, text[:200]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab _*`\\[]()!<>&#;:/@^{}.\n-|1=", max_size=120))
def test_the_quick_stages_give_python_markdowns_own_output_on_random_text(text: str) -> None:
    ours, stock = _both(text)
    assert ours == stock


# Lines that start, continue or end each kind of block, to be put together at random.
LINES = [
    "",
    "",
    "text",
    "more *text*",
    "# Head #",
    "Title",
    "=====",
    "---",
    "- - -",
    "___",
    "* * *",
    "> quote",
    ">",
    "* item",
    "- item",
    "1. item",
    "2) no",
    "    code",
    "    > in",
    "  lazy",
    ": definition",
    ":   more",
    "[^1]: note",
    "[^1]",
    "[r]: /x",
    "[r]: /y 'T'",
    "[r]",
    "| a | b |",
    "|---|:-:|",
    "a | b",
    "--|--",
    "|x|",
    "~~~",
    "```",
    "<div>",
    "</div>",
    "[TOC]",
    "{: .c }",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=14))
def test_the_quick_stages_give_python_markdowns_own_output_on_random_blocks(
    lines: list[str],
) -> None:
    ours, stock = _both("\n".join(lines))
    assert ours == stock
