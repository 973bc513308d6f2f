"""Markdown: the extensions editors expect, and the site's link rules."""

from __future__ import annotations

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
