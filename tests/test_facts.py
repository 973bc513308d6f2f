"""Fact sheets, resources and shortcodes: every rule with its message, and what the pages show."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from babel.numbers import format_percent

from tests.conftest import Built, errors_in

SHEET = "content/facts/sheet.yaml"
GOOD_SHEET = """\
title: {en: Figures, es: Cifras}
facts:
  - id: family
    text: {en: Exploited by a family member, es: Explotadas por un familiar}
    value: 44
    unit: "%"
    source:
      name: National Human Trafficking Hotline data
      period: 2020–2022
    caveat: Counts contacts to the hotline, not prevalence.
charts:
  - id: placement
    title: {en: Where they lived, es: Dónde vivían}
    kind: stacked-bar
    unit: reports
    data:
      - label: {en: At home, es: En casa}
        value: 161
      - label: {en: Elsewhere, es: En otro lugar}
        value: 80
    source:
      name: Connecticut DCF
      year: 2021
signs:
  - group: {en: Behaviour, es: Conducta}
    items:
      - {en: Avoids eye contact, es: Evita mirar a los ojos}
"""

CASES = {
    "a fact without a source": (
        {
            SHEET: GOOD_SHEET.replace(
                "    source:\n      name: National Human Trafficking Hotline data\n      period: 2020–2022\n",
                "",
            )
        },
        f'{SHEET}:3:5: error: the required field "source" is missing in "facts[1]" '
        '(hint: add a line "source: ...")',
    ),
    "a source without year or period": (
        {SHEET: GOOD_SHEET.replace("      period: 2020–2022\n", "")},
        f"{SHEET}:8:7: error: a source needs a year or a period "
        "(hint: add 'year: 2021' or 'period: 2020–2022' under source:)",
    ),
    "a chart with a value that is not a number": (
        {SHEET: GOOD_SHEET.replace("value: 161", "value: many")},
        f'{SHEET}:18:16: error: "charts[1].data[1].value" must be a number of zero or more, '
        "like 44 or 12.5",
    ),
    "two facts with one id": (
        {
            SHEET: GOOD_SHEET.replace(
                "facts:\n",
                "facts:\n  - id: family\n    text: x\n    source: {name: y, year: 2020}\n",
            )
        },
        f'{SHEET}:6:9: error: the id "family" is used twice in facts '
        "(hint: give each one its own id: references like SHEET/ID must point at one thing)",
    ),
    "unknown chart kind": (
        {SHEET: GOOD_SHEET.replace("kind: stacked-bar", "kind: pie")},
        f'{SHEET}:14:11: error: "charts[1].kind" must be one of: bar, stacked-bar',
    ),
    "unknown shortcode": (
        {"content/articles/hello.en.md": "---\ntitle: A\ndate: 2026-01-05\n---\n\n{{< map x >}}\n"},
        'content/articles/hello.en.md:6:1: error: unknown shortcode "map" (hint: known shortcodes: '
        "hotline, fact, chart, signs, event, resources, video; to show one as text, put it in a code"
        " block)",
    ),
    "a fact reference that does not exist": (
        {
            SHEET: GOOD_SHEET,
            "content/articles/hello.en.md": "---\ntitle: A\ndate: 2026-01-05\n---\nText.\n\n{{< fact sheet/nope >}}\n",
        },
        "content/articles/hello.en.md:7:1: error: fact shortcode: there is no fact "
        '"sheet/nope" (hint: write SHEET/ID: the file name in content/facts/ and the id of one '
        "of its facts)",
    ),
    "a hotline shortcode for a missing hotline": (
        {
            "content/pages/stay-safe-online.en.md": "---\ntitle: Safe\n---\n{{< hotline nowhere >}}\n"
        },
        "content/pages/stay-safe-online.en.md:4:1: error: hotline shortcode: there is no hotline "
        '"nowhere" (hint: use the file name of content/hotlines/ID.yaml, without .yaml)',
    ),
    "a shortcode naming a listing that has its own mistake reports only that mistake": (
        {
            "content/hotlines/national.yaml": "name: X\nlast_verified: 2026-11-01\nchannels: []\n",
            "content/pages/stay-safe-online.en.md": "---\ntitle: Safe\n---\n{{< hotline national >}}\n",
        },
        'content/hotlines/national.yaml:3:11: error: "channels" must not be empty',
    ),
    "a resource link in a language CLDR does not know": (
        {
            "content/resources/parents.yaml": "title: For parents\nlinks:\n  - title: A\n    url: https://x.org/\n    languages: [en, qq]\n"
        },
        'content/resources/parents.yaml:5:21: error: "qq" is not a language known to CLDR '
        "(hint: use a BCP 47 tag such as en, es, pt-BR, ar or zh-Hant)",
    ),
    "a resource link that is not a web address": (
        {
            "content/resources/parents.yaml": "title: For parents\nlinks:\n  - title: A\n    url: ftp://x.org\n"
        },
        'content/resources/parents.yaml:4:10: error: "links[1].url" must be a full web address '
        "starting with https:// (hint: copy the whole address from the browser's address bar, "
        "such as https://example.org/help)",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_facts_resources_and_shortcodes_give_one_clear_error(
    case: str, make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    files, expected = CASES[case]
    built = build(make_site(files))
    assert (built.status, errors_in(built)) == (1, [expected])


def test_hotline_figures_without_a_caveat_are_warned_about(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    sheet = GOOD_SHEET.replace("    caveat: Counts contacts to the hotline, not prevalence.\n", "")
    built = build(make_site({SHEET: sheet}))
    assert built.status == 0
    assert (
        f"{SHEET}:3:5: warning: a figure from hotline data has no caveat (hint: add caveat: "
        "saying it counts contacts to the hotline, not how common trafficking is)"
    ) in built.stderr.splitlines()


def test_shortcodes_in_code_blocks_stay_text(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    body = "---\ntitle: A\ndate: 2026-01-05\n---\n```\n{{< map x >}}\n```\n"
    built = build(make_site({"content/articles/hello.en.md": body}))
    assert built.status == 0
    assert built.page("en/articles/hello/").xpath("string(//pre)") == "{{< map x >}}\n"


def test_fact_shortcode_shows_the_figure_with_its_source_in_the_page_language(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    article = "---\ntitle: Hola\nslug: hola\n---\nTexto.\n\n{{< fact sheet/family >}}\n"
    built = build(make_site({SHEET: GOOD_SHEET, "content/articles/hello.es.md": article}))
    (fact,) = built.page("es/articles/hola/").xpath("//div[@class='fact']")
    assert fact.xpath("string(p[@class='fact__value'])") == format_percent(0.44, locale="es")
    assert fact.xpath("string(p[@class='fact__text'])") == "Explotadas por un familiar"
    assert "National Human Trafficking Hotline data, 2020–2022" in fact.xpath(
        "string(p[@class='source'])"
    )
    assert (
        fact.xpath("string(p[@class='caveat'])")
        == "Counts contacts to the hotline, not prevalence."
    )


def test_chart_is_an_accessible_figure_with_its_data_table_and_source(example: Built) -> None:
    page = example.page("es/facts/ct-dcf-2021/")
    for block in page.xpath("//div[@class='chart']"):
        (svg,) = block.xpath("figure/svg")
        assert svg.get("role") == "img"
        for ref in svg.get("aria-labelledby").split():
            assert svg.xpath(f".//*[@id='{ref}']"), ref
        caption = block.xpath("figure/figcaption")[0]
        assert caption.xpath("p[@class='source']//cite")
        (table,) = block.xpath(".//table")
        assert table.xpath("caption") and table.xpath(".//th[@scope='col']")
        assert table.xpath(".//th[@scope='row']")
    values = page.xpath("//table//td/text()")
    assert "161" in values


def test_signs_and_myths_are_lists_and_questions(example: Built) -> None:
    page = example.page("en/facts/warning-signs/")
    groups = page.xpath("//div[@class='signs']/section")
    assert len(groups) == 3 and all(g.xpath("h3") and g.xpath("ul/li") for g in groups)
    assert len(page.xpath("//dl[@class='myths']/dt")) >= 4


def test_resources_mark_each_link_with_its_languages(example: Built) -> None:
    page = example.page("es/resources/")
    links = page.xpath("//ul[@class='resource__links']/li")
    assert len(links) >= 9
    for link in links:
        (anchor,) = link.xpath("a")
        assert anchor.get("rel") == "noreferrer"
        for name in link.xpath(".//p[@class='resource__languages']/span"):
            assert name.get("lang") and name.text
