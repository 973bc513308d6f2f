"""Charts as inline SVG: labelled, readable at any width, locale-formatted (SITE-REQUIREMENTS 38-40)."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import format_decimal, format_percent
from lxml import etree

from lantern.charts import Bar, chart_svg, number_text
from tests.conftest import VNU_JAR, require_tool

WHITE = "#ffffff"
ISOLATE_START, ISOLATE_END = "\u2066", "\u2069"  # LEFT-TO-RIGHT ISOLATE, POP DIRECTIONAL ISOLATE
RECRUITERS = (Bar("Family member", 44), Bar("Romantic partner", 39), Bar("Employer", 11))
CONTACTS = (Bar("Calls", 1234), Bar("Texts", 600), Bar("Web chat", 366))
LONG_LABEL = "Friend or acquaintance of the family who offered a job abroad"  # 61 characters


def chart(kind: str = "bar", bars: tuple[Bar, ...] = RECRUITERS, **options: str) -> etree._Element:
    """Draw a chart and parse it as XML, so that every assertion is on structure."""
    arguments = {"chart_id": "who", "title": "Who recruited", "unit": "%", "lang": "en"}
    return etree.fromstring(str(chart_svg(kind=kind, bars=bars, **(arguments | options))))


def name(element: etree._Element) -> str:
    """The tag without its namespace: the SVG may or may not declare xmlns."""
    return etree.QName(element).localname


def all_named(root: etree._Element, tag: str, css_class: str = "") -> list[etree._Element]:
    return [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and name(element) == tag
        and (not css_class or css_class in element.get("class", "").split())
    ]


def text_of(element: etree._Element) -> str:
    """The text as a reader sees it: without the invisible bidi isolates around a value."""
    return "".join(element.itertext()).replace(ISOLATE_START, "").replace(ISOLATE_END, "")


def percent(length: str) -> float:
    assert length.endswith("%"), length
    return float(length.removesuffix("%"))


def luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of an sRGB colour written #rrggbb."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def font_size_px(element: etree._Element) -> float:
    """The font size an element gets from itself or its nearest ancestor, in px."""
    while element is not None:
        size = element.get("font-size")
        if size is not None:
            assert size.removesuffix("px").replace(".", "").isdigit(), f"not in px: {size}"
            return float(size.removesuffix("px"))
        element = element.getparent()
    return 16.0  # the browser default: never reached, every text here sets its size


KINDS = pytest.mark.parametrize("kind", ["bar", "stacked-bar"])


# ------------------------------------------------------------------ requirement 38: labelled image
@KINDS
def test_svg_is_an_image_labelled_by_its_title_and_summary(kind: str) -> None:
    svg = chart(kind)
    assert name(svg) == "svg"
    assert svg.get("role") == "img"
    ids = {element.get("id"): element for element in svg.iter() if element.get("id")}
    assert svg.get("aria-labelledby", "").split() == ["who-title", "who-desc"]
    assert name(ids["who-title"]) == "title"
    assert text_of(ids["who-title"]) == "Who recruited"
    assert name(ids["who-desc"]) == "desc"
    assert text_of(ids["who-desc"]) == "Family member: 44%; Romantic partner: 39%; Employer: 11%."


@KINDS
def test_chart_has_no_styles_scripts_or_external_references(kind: str) -> None:
    svg = chart(kind)
    tags = {name(element) for element in svg.iter() if isinstance(element.tag, str)}
    assert not tags & {"style", "script", "foreignObject", "image", "a", "use"}
    attributes = {attribute for element in svg.iter() for attribute in element.attrib}
    assert "style" not in attributes
    assert not any("href" in attribute or attribute.startswith("on") for attribute in attributes)


def test_summary_uses_the_page_language_numbers() -> None:
    svg = chart(bars=(Bar("Familiar", 44), Bar("Pareja", 39.5)), lang="es")
    summary = text_of(all_named(svg, "desc")[0])
    one_decimal = format_percent(Decimal("0.395"), locale="es", decimal_quantization=False)
    assert summary == f"Familiar: {format_percent(0.44, locale='es')}; Pareja: {one_decimal}."


# ------------------------------------------------------------------ geometry
def test_bar_widths_are_proportional_to_the_largest_value() -> None:
    bars = all_named(chart(), "rect", "bar")
    assert len(bars) == len(RECRUITERS)
    widths = [percent(bar.get("width", "")) for bar in bars]
    assert widths == pytest.approx([100, 39 / 44 * 100, 11 / 44 * 100], abs=0.01)


def test_bars_keep_the_order_given_and_do_not_overlap() -> None:
    tops = [int(bar.get("y", "")) for bar in all_named(chart(), "rect", "bar")]
    assert tops == sorted(tops)
    assert all(lower - upper > 28 for upper, lower in pairwise(tops))


def test_stacked_segments_are_shares_of_the_total_side_by_side() -> None:
    svg = chart("stacked-bar", CONTACTS, unit="contacts")
    total = sum(bar.value for bar in CONTACTS)
    for css_class in ("segment", "marker"):
        rects = all_named(svg, "rect", css_class)
        assert len(rects) == len(CONTACTS)
        widths = [percent(rect.get("width", "")) for rect in rects]
        starts = [percent(rect.get("x", "")) for rect in rects]
        assert widths == pytest.approx([b.value / total * 100 for b in CONTACTS], abs=0.01)
        assert starts == pytest.approx([0, 1234 / total * 100, 1834 / total * 100], abs=0.01)


def test_neighbouring_segments_are_separated_by_a_white_gap() -> None:
    svg = chart("stacked-bar", CONTACTS, unit="contacts")
    starts = [rect.get("x") for rect in all_named(svg, "rect", "segment")]
    gaps = [line for line in all_named(svg, "line") if line.get("stroke") == WHITE]
    assert [gap.get("x1") for gap in gaps] == starts[1:]
    assert all(float(gap.get("stroke-width", "0")) >= 2 for gap in gaps)


@KINDS
def test_svg_is_fluid_and_never_scales_its_text(kind: str) -> None:
    svg = chart(kind)
    assert svg.get("width") == "100%"
    assert svg.get("viewBox") is None, "a viewBox would shrink the text on a phone"
    assert int(svg.get("height", "")) > 0


# ------------------------------------------------------------------ requirement 39: readable
@KINDS
def test_every_text_is_at_least_12px(kind: str) -> None:
    svg = chart(kind, (*RECRUITERS, Bar(LONG_LABEL, 3)))
    texts = all_named(svg, "text") + all_named(svg, "tspan")
    assert texts
    assert all(font_size_px(text) >= 12 for text in texts)


@KINDS
def test_each_bar_is_labelled_directly_with_its_label_and_value(kind: str) -> None:
    texts = [" ".join(text_of(text).split()) for text in all_named(chart(kind), "text")]
    for bar in RECRUITERS:
        value = number_text(bar.value, "%", "en")
        assert any(bar.label in text for text in texts), bar.label
        assert any(text.endswith(value) for text in texts), value


@KINDS
def test_a_long_label_wraps_into_lines_that_fit_a_phone(kind: str) -> None:
    svg = chart(kind, (Bar(LONG_LABEL, 30), Bar("Short", 70)))
    label = next(t for t in all_named(svg, "text", "label") if "Friend" in text_of(t))
    lines = [text_of(span) for span in all_named(label, "tspan") if span.get("x") == "0"]
    assert len(lines) >= 2
    assert " ".join(lines).startswith(LONG_LABEL)
    assert all(len(line) <= 30 for line in lines)


@KINDS
def test_every_fill_has_3_to_1_contrast_against_the_white_background(kind: str) -> None:
    svg = chart(kind, RECRUITERS * 3)
    backgrounds = all_named(svg, "rect", "chart-background")
    assert [rect.get("fill") for rect in backgrounds] == [WHITE]
    fills = [rect.get("fill", "") for rect in all_named(svg, "rect") if rect not in backgrounds]
    assert len(fills) >= 9
    assert all(contrast(fill, WHITE) >= 3 for fill in fills), fills


@KINDS
def test_every_text_has_4_5_to_1_contrast_against_what_it_sits_on(kind: str) -> None:
    svg = chart(kind)
    for text in all_named(svg, "text"):
        # A value drawn inside its bar is anchored at the bar's end, over the bar just before it.
        inside = text.get("text-anchor") == "end"
        under = text.getprevious().get("fill", "") if inside else WHITE
        assert contrast(text.get("fill", ""), under) >= 4.5, etree.tostring(text)


# ------------------------------------------------------------------ requirement 40: locale
def test_percentages_follow_the_page_locale() -> None:
    assert number_text(44, "%", "en") == "44%"
    spanish = number_text(44, "%", "es")
    assert spanish == format_percent(0.44, locale="es")
    assert spanish != "44%", "CLDR Spanish puts a space before the percent sign"
    values = [text_of(t) for t in all_named(chart(lang="es"), "text", "value")]
    assert spanish in values


def test_plain_numbers_are_grouped_per_locale() -> None:
    assert number_text(1234, "reports", "en") == "1,234"
    assert number_text(1234, "reports", "es") == format_decimal(1234, locale="es") == "1.234"
    assert number_text(1234, "", "pt-BR") == format_decimal(1234, locale="pt_BR")


@pytest.mark.parametrize(
    ("value", "expected"), [(44.0, "44%"), (44.5, "44.5%"), (33.25, "33.3%"), (0, "0%")]
)
def test_percentages_keep_one_decimal_only_when_the_data_has_it(
    value: float, expected: str
) -> None:
    assert number_text(value, "%", "en") == expected


# ------------------------------------------------------------------ text safety and language
@KINDS
def test_labels_and_title_are_escaped(kind: str) -> None:
    svg = chart(kind, (Bar("<b>&", 2), Bar("x", 1)), title="<script>&amp;")
    assert not all_named(svg, "b") and not all_named(svg, "script")
    assert text_of(all_named(svg, "title")[0]) == "<script>&amp;"
    assert any(text_of(text).startswith("<b>&") for text in all_named(svg, "text"))


@KINDS
def test_a_fallback_label_is_marked_with_its_language(kind: str) -> None:
    svg = chart(kind, (Bar("Familiar", 44), Bar("Stranger", 9, label_lang="en")), lang="es")
    marked = [element for element in svg.iter() if element.get("lang")]
    assert [(element.get("lang"), text_of(element)) for element in marked] == [("en", "Stranger")]


def test_a_value_after_a_right_to_left_label_keeps_its_place() -> None:
    svg = chart("stacked-bar", (Bar("أحد أفراد الأسرة", 44), Bar("شريك", 56)), lang="ar")
    values = [span for span in all_named(svg, "tspan") if span.get("font-weight") == "700"]
    expected = [number_text(44, "%", "ar"), number_text(56, "%", "ar")]
    assert [span.text for span in values] == [ISOLATE_START + v + ISOLATE_END for v in expected]


@KINDS
def test_same_input_gives_the_same_bytes(kind: str) -> None:
    def draw() -> str:
        return str(
            chart_svg(chart_id="a", title="t", kind=kind, unit="%", bars=RECRUITERS, lang="es")
        )

    assert draw() == draw()


@pytest.mark.parametrize(
    ("kind", "bars"), [("pie", RECRUITERS), ("bar", ()), ("bar", (Bar("Minus", -1),))]
)
def test_a_chart_lantern_cannot_draw_is_a_bug_not_a_picture(kind: str, bars: tuple[Bar]) -> None:
    with pytest.raises(ValueError):
        chart(kind, bars)


@KINDS
def test_all_zero_values_draw_empty_bars(kind: str) -> None:
    svg = chart(kind, (Bar("None", 0), Bar("Nothing", 0)))
    drawn = [rect for rect in all_named(svg, "rect") if rect.get("class") != "chart-background"]
    assert drawn
    assert {rect.get("width") for rect in drawn} == {"0%"}


# ------------------------------------------------------------------ real tools
def page_with_charts() -> str:
    """A tiny page as the site would serve it, with the theme's rule for svg."""
    bars = (*RECRUITERS, Bar(LONG_LABEL, 6), Bar("Desconocido", 2, label_lang="es"))
    one = chart_svg(chart_id="one", title="Who", kind="bar", unit="%", bars=bars, lang="en")
    two = chart_svg(chart_id="two", title="How", kind="stacked-bar", unit="", bars=bars, lang="en")
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Charts</title>'
        '<meta name="viewport" content="width=device-width">'
        "<style>svg{max-width:100%;height:auto}</style></head>"
        f"<body><main><figure>{one}</figure><figure>{two}</figure></main></body></html>"
    )


MEASURE = """() => {
    const svgs = [...document.querySelectorAll('svg')];
    return {
        page: document.documentElement.scrollWidth,
        svgs: svgs.map(svg => {
            const box = svg.getBoundingClientRect();
            return {
                box: [box.left, box.top, box.right, box.bottom],
                texts: [...svg.querySelectorAll('text')].map(text => {
                    const r = text.getBoundingClientRect();
                    return {
                        size: parseFloat(getComputedStyle(text).fontSize),
                        box: [r.left, r.top, r.right, r.bottom],
                        text: text.textContent,
                    };
                }),
            };
        }),
    };
}"""


def overlaps(one: list[float], other: list[float]) -> bool:
    return min(one[2], other[2]) - max(one[0], other[0]) > 0.5 and (
        min(one[3], other[3]) - max(one[1], other[1]) > 0.5
    )


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
def test_charts_stay_readable_and_inside_their_box_in_chromium(width: int, chromium: Any) -> None:
    page = chromium.new_page(viewport={"width": width, "height": 800})
    page.set_content(page_with_charts())
    measured = page.evaluate(MEASURE)
    page.close()
    assert measured["page"] <= width, "a chart makes the page scroll sideways"
    for svg in measured["svgs"]:
        left, top, right, bottom = svg["box"]
        assert right - left <= width
        for text in svg["texts"]:
            assert text["size"] >= 12, text
            x1, y1, x2, y2 = text["box"]
            assert left <= x1 and x2 <= right and top <= y1 and y2 <= bottom, text
        pairs = [(a, b) for i, a in enumerate(svg["texts"]) for b in svg["texts"][i + 1 :]]
        assert not [(a["text"], b["text"]) for a, b in pairs if overlaps(a["box"], b["box"])]


@pytest.mark.vnu
def test_charts_are_valid_html(tmp_path: Path) -> None:
    require_tool(
        shutil.which("java") is not None, "java missing: apt-get install default-jre-headless"
    )
    require_tool(VNU_JAR.is_file(), f"{VNU_JAR} missing: run bash .ci/install-tools.sh")
    page = tmp_path / "charts.html"
    page.write_text(page_with_charts(), encoding="utf-8")
    checked = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--stdout", "--format", "json", "--errors-only", str(page)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert [message["message"] for message in json.loads(checked.stdout)["messages"]] == []
