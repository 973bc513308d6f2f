"""Fact-sheet charts drawn at build time as inline SVG: no JavaScript, no styles, any width.

The drawing scales in width only (bar widths are percentages, there is no viewBox), so text keeps
its size in px from a 280 px phone to a 1200 px desktop (SITE-REQUIREMENTS 38-40).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup, escape

# WCAG 2.2 SC 1.4.11 (non-text contrast): every fill is at least 3:1 against the white background;
# SC 1.4.3: every text at least 4.5:1 against what it sits on. Ratios below are against #ffffff.
BACKGROUND = "#ffffff"
INK = "#1a1a1a"  # 17.4:1 on white
INK_ON_FILL = "#ffffff"  # on any palette colour: 4.87:1 or more
# Neighbours in this cycle stay apart under simulated protan, deutan and tritan vision; the 2 px
# white gaps and the position markers mean no reader has to match a colour to a label.
PALETTE = (
    "#0b5563",  # deep teal, 8.42:1
    "#b35806",  # burnt orange, 4.87:1
    "#5b3f8c",  # purple, 8.29:1
    "#8c510a",  # brown, 6.37:1
)
TRACK = "#767676"  # 4.54:1
KINDS = ("bar", "stacked-bar")

FONT_SIZE = 15  # px; SITE-REQUIREMENTS 39 asks for 12 px or more
LINE_HEIGHT = 20
ASCENT = 15  # from the top of a line to its baseline
# SVG text does not wrap: a label is broken into lines that fit a 280 px wide chart at 15 px.
CHARACTERS_PER_LINE = 28
BAR_HEIGHT = 28
MARKER_HEIGHT = 8
GAP_BELOW_LABEL = 4
GAP_BETWEEN_ROWS = 16
EDGE = 4  # above and below the drawing: room for accents on capitals and for descenders
VALUE_PADDING = 6
# At 50 % of a 280 px chart, a bar holds its own value; a shorter bar has as much room after it.
VALUE_INSIDE_FROM = 0.5


@dataclass(frozen=True)
class Bar:
    """One bar, or one segment of a stacked bar."""

    label: str
    """Already in the page's language, or a fallback in another one (then label_lang says which)."""
    value: float
    """Not negative; a percentage when the chart's unit is "%"."""
    label_lang: str = ""
    """BCP 47 tag of the label when it is a fallback in another language; empty otherwise."""


def chart_svg(
    *,
    chart_id: str,
    title: str,
    kind: str,
    unit: str,
    bars: Sequence[Bar],
    lang: str,
    title_lang: str = "",
) -> Markup:
    """Draw a chart as an inline, labelled SVG with a one-sentence text summary.

    `title_lang` and each bar's `label_lang` name the language of a text that is not the
    page's (a fallback); the summary takes the labels' language when they all share one.
    """
    if kind not in KINDS:
        raise ValueError(f"chart kind {kind!r} is not one of {KINDS}")
    if not bars or any(bar.value < 0 for bar in bars):
        raise ValueError("a chart needs at least one bar, and no negative values")
    values = [number_text(bar.value, unit, lang) for bar in bars]
    if kind == "bar":
        parts, height = _bar_rows(bars, values)
    else:
        parts, height = _stacked_bar(bars, values)
    summary = "; ".join(f"{bar.label}: {value}" for bar, value in zip(bars, values, strict=True))
    label_langs = {bar.label_lang for bar in bars}
    summary_lang = label_langs.pop() if len(label_langs) == 1 else ""
    return _svg(chart_id, (title, title_lang), (summary + ".", summary_lang), parts, height)


def number_text(value: float, unit: str, lang: str) -> str:
    """Format a chart value in the page's locale: 44 -> "44%" (en), "44 %" (es); 1234 -> "1,234"."""
    locale = _locale(lang)
    number = Decimal(repr(float(value)))
    if unit != "%":
        return str(format_decimal(number, locale=locale))
    # One decimal at most, and only when the data has it: "44.5%" and "44%", never "44.0%".
    rounded = number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
    return str(format_percent(rounded.scaleb(-2), locale=locale, decimal_quantization=False))


def _lang(tag: str) -> str:
    return f' lang="{escape(tag)}"' if tag else ""


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang, sep="-")


def _svg(
    chart_id: str,
    title: tuple[str, str],
    summary: tuple[str, str],
    parts: list[str],
    height: int,
) -> Markup:
    """The drawing; `title` and `summary` are (text, its language when not the page's)."""
    # direction="ltr": the drawing is not mirrored on right-to-left pages, and an inherited rtl
    # would anchor each label by its right end at x=0, outside the box.
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" width="100%" '
        f'height="{height}" display="block" direction="ltr">',
        f'<title id="{escape(chart_id)}-title"{_lang(title[1])}>{escape(title[0])}</title>',
        f'<desc id="{escape(chart_id)}-desc"{_lang(summary[1])}>{escape(summary[0])}</desc>',
        f'<rect class="chart-background" width="100%" height="100%" fill="{BACKGROUND}"/>',
    )
    return Markup("\n".join([*head, *parts, "</svg>"]))


def _bar_rows(bars: Sequence[Bar], values: list[str]) -> tuple[list[str], int]:
    """One row per bar, in the order given: the label on its own lines, the bar below it."""
    longest = max(bar.value for bar in bars) or 1.0
    parts: list[str] = []
    top = EDGE
    for bar, value in zip(bars, values, strict=True):
        lines = _wrapped(bar.label)
        parts.append(_label(bar, lines, top))
        bar_top = top + len(lines) * LINE_HEIGHT + GAP_BELOW_LABEL
        parts.extend(_bar(bar.value / longest, value, bar_top))
        top = bar_top + BAR_HEIGHT + GAP_BETWEEN_ROWS
    return parts, top - GAP_BETWEEN_ROWS + EDGE


def _bar(fraction: float, value: str, top: int) -> list[str]:
    """A bar from the left edge, with its value inside its end or just after it."""
    width = _percent(fraction)
    baseline = top + (BAR_HEIGHT + FONT_SIZE) // 2 - 2
    if fraction >= VALUE_INSIDE_FROM:
        place = f'x="{width}" dx="-{VALUE_PADDING + 2}" text-anchor="end" fill="{INK_ON_FILL}"'
    else:
        place = f'x="{width}" dx="{VALUE_PADDING}" fill="{INK}"'
    return [
        f'<rect class="bar" y="{top}" width="{width}" height="{BAR_HEIGHT}" fill="{PALETTE[0]}"/>',
        f'<text class="value" {place} y="{baseline}" font-size="{FONT_SIZE}px" '
        f'font-weight="700">{escape(value)}</text>',
    ]


def _stacked_bar(bars: Sequence[Bar], values: list[str]) -> tuple[list[str], int]:
    """One bar split into segments; below it, each segment's label and value over a marker."""
    total = sum(bar.value for bar in bars) or 1.0
    starts = [sum(bar.value for bar in bars[:index]) / total for index in range(len(bars))]
    parts: list[str] = []
    for index, (bar, start) in enumerate(zip(bars, starts, strict=True)):
        parts.append(_segment("segment", start, bar.value / total, EDGE, BAR_HEIGHT, index))
    # Drawn over the segments: 2 px white gaps so that neighbours never touch (WCAG 1.4.1).
    parts.extend(_gap(start) for start in starts[1:])
    top = EDGE + BAR_HEIGHT + GAP_BETWEEN_ROWS
    for index, (bar, value, start) in enumerate(zip(bars, values, starts, strict=True)):
        lines = _wrapped(bar.label)
        parts.append(_label(bar, lines, top, value))
        top += _lines_needed(lines, value) * LINE_HEIGHT + GAP_BELOW_LABEL
        parts.append(_track(top + MARKER_HEIGHT // 2))
        parts.append(_segment("marker", start, bar.value / total, top, MARKER_HEIGHT, index))
        top += MARKER_HEIGHT + GAP_BETWEEN_ROWS
    return parts, top - GAP_BETWEEN_ROWS + EDGE


def _gap(start: float) -> str:
    x = _percent(start)
    return (
        f'<line class="gap" x1="{x}" x2="{x}" y1="{EDGE}" y2="{EDGE + BAR_HEIGHT}" '
        f'stroke="{BACKGROUND}" stroke-width="2"/>'
    )


def _track(middle: int) -> str:
    """A thin full-width line under a marker, so it reads as its part of the whole bar."""
    return (
        f'<line class="track" x1="0" x2="100%" y1="{middle}" y2="{middle}" '
        f'stroke="{TRACK}" stroke-width="1"/>'
    )


def _segment(kind: str, start: float, share: float, top: int, height: int, index: int) -> str:
    return (
        f'<rect class="{kind}" x="{_percent(start)}" y="{top}" width="{_percent(share)}" '
        f'height="{height}" fill="{PALETTE[index % len(PALETTE)]}"/>'
    )


def _label(bar: Bar, lines: list[str], top: int, value: str = "") -> str:
    """A label's lines, each marked with the label's language; then the value, if given."""
    lang = _lang(bar.label_lang)
    spans = [
        f'<tspan x="0" y="{top + ASCENT + number * LINE_HEIGHT}"{lang}>{escape(line)}</tspan>'
        for number, line in enumerate(lines)
    ]
    if value:
        spans.append(_value_after(lines, value, top))
    return f'<text class="label" font-size="{FONT_SIZE}px" fill="{INK}">{"".join(spans)}</text>'


def _value_after(lines: list[str], value: str, top: int) -> str:
    """The value in bold after the label's last line, or on a line of its own if it must."""
    if _lines_needed(lines, value) == len(lines):
        place = f'dx="{VALUE_PADDING + 2}"'
    else:
        place = f'x="0" y="{top + ASCENT + len(lines) * LINE_HEIGHT}"'
    # Unicode isolates (UAX 9): after a right-to-left label, "44%" would be split around it.
    return f'<tspan {place} font-weight="700">\u2066{escape(value)}\u2069</tspan>'


def _lines_needed(lines: list[str], value: str) -> int:
    """How many lines a label takes with its value after it (the value moves down if it must)."""
    fits = _display_width(f"{lines[-1]}  {value}") <= CHARACTERS_PER_LINE
    return len(lines) + (0 if fits else 1)


def _wrapped(label: str) -> list[str]:
    """Break a label at spaces into lines that fit; a word longer than a line is cut."""
    lines: list[str] = []
    line = ""
    for word in label.split():
        for piece in _pieces(word):
            joined = f"{line} {piece}" if line else piece
            if line and _display_width(joined) > CHARACTERS_PER_LINE:
                lines.append(line)
                joined = piece
            line = joined
    return [*lines, line]


def _pieces(word: str) -> list[str]:
    pieces = [""]
    for character in word:
        if _display_width(pieces[-1] + character) > CHARACTERS_PER_LINE:
            pieces.append("")
        pieces[-1] += character
    return pieces


def _display_width(text: str) -> int:
    # East Asian wide and full-width characters take about twice the room of Latin letters.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _percent(fraction: float) -> str:
    """An SVG length in percent, rounded so that the same data gives the same bytes."""
    return f"{fraction * 100:.2f}".rstrip("0").rstrip(".") + "%"
