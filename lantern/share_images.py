"""Share images for a campaign's social posts: one statistic and its source, drawn at build time.

Typography only, in the site's colours, with the DejaVu fonts shipped beside this module so that
every machine draws the same pixels. Left-to-right languages are laid out with Pillow's basic
layout engine, so whether libraqm is installed changes no pixel of theirs; right-to-left ones
(Arabic, Hebrew) need libraqm for shaping and bidi, and are drawn mirrored, from the right edge.
Without libraqm, no image is drawn in those languages (`can_draw`).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow is imported when an image is made, not when a build starts
    from PIL import Image, ImageDraw, ImageFont

    Font = ImageFont.FreeTypeFont

FONTS = Path(__file__).parent / "fonts"
# In right-to-left text, "2020–2022" would show as "2022–2020": the dash between two numbers
# takes the paragraph's direction. Such runs are isolated left to right (LRI ... PDI).
_NUMBER_RUN = re.compile(r"\d[\d.,:]*(?:[\s\u00a0]?[–—/-][\s\u00a0]?\d[\d.,:]*)+")
WIDTH, HEIGHT = 1200, 630  # the Open Graph size Facebook, LinkedIn and X all crop least

# From templates/static/lantern.css. WCAG 2.2 SC 1.4.3 asks 4.5:1 for text; the ratios are
# against the background, and tests/test_share_images.py checks them through TEXT_PAIRS.
PALETTE: dict[str, str] = {
    "background": "#062e36",  # --teal-dd
    "figure": "#e0a030",  # --amber, 6.36:1
    "text": "#fbf7ef",  # --cream, 13.54:1
    "muted": "#e3eff0",  # --tint, 12.31:1: source, caveat, site name and hashtags
    "accent": "#e0a030",  # --amber: the stripe on the left edge, never text
}
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("figure", "background"),
    ("text", "background"),
    ("muted", "background"),
)

STRIPE = 12
LEFT, RIGHT, TOP, BOTTOM = 84, WIDTH - 72, 60, HEIGHT - 60
CONTENT_WIDTH = RIGHT - LEFT
GAP = 28
FIGURE_SIZES = tuple(range(180, 79, -10))
TEXT_SIZES = tuple(range(44, 25, -2))
SOURCE_SIZES = (26, 24)
SOURCE_LINES = 5  # at 24 px about 400 characters: any real citation fits whole
NOTE_SIZE = 22  # caveat, site name and hashtags: small, but still readable in a feed
CAVEAT_LINES = 3
ELLIPSIS = "…"
# Antialiased edges become one of this many steps between an ink and the background: 16 colours
# in all, so the PNG stores 4 bits a pixel.
BLEND_STEPS = 5


@dataclass(frozen=True)
class ShareCard:
    """What one share image says, every string already in the page's language."""

    figure: str
    """The number as the page prints it: "44%", "44 %" (with a no-break space), "1 in 6"."""
    text: str
    """The fact's sentence, e.g. "of sex-trafficking victims were exploited by a family member"."""
    source: str
    """The whole source line, e.g. "Source: National Human Trafficking Hotline data, 2020–2022"."""
    caveat: str = ""
    """What the number does not say, shown under the source; empty for none."""
    site_name: str = ""
    """The organisation's name, small at the bottom left; empty for none."""
    hashtags: str = ""
    """E.g. "#WearBlueDay #EndTrafficking", small at the bottom right; empty for none."""
    lang: str = "en"
    """The language of the texts: the shaping engine uses it (Arabic letters join by language)."""
    is_rtl: bool = False
    """Drawn right to left and mirrored: stripe, text and site name on the right."""


@lru_cache(maxsize=1)
def can_draw_right_to_left() -> bool:
    """Whether Pillow has libraqm (with FriBiDi and HarfBuzz), which right-to-left text needs."""
    from PIL import features

    return bool(features.check("raqm"))


def share_image(card: ShareCard) -> bytes:
    """Draw the card as a PNG, 1200×630, with the same bytes for the same card on every run."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), PALETTE["background"])
    draw = ImageDraw.Draw(image)
    stripe = (
        (WIDTH - STRIPE, 0, WIDTH - 1, HEIGHT - 1)
        if card.is_rtl
        else (0, 0, STRIPE - 1, HEIGHT - 1)
    )
    draw.rectangle(stripe, fill=PALETTE["accent"])
    pen = _Pen(draw, card.is_rtl, card.lang)
    text_bottom = _draw_notes(pen, card) - GAP
    # The figure gives way before the sentence does: at least two lines of text stay readable.
    figure_room = text_bottom - 2 * _line_height(pen.font(TEXT_SIZES[-1])) - GAP - TOP
    text_top = _draw_figure(pen, card.figure, figure_room) + GAP
    font, lines = _fit(pen, card.text, TEXT_SIZES, text_bottom - text_top)
    pen.lines(lines, font, text_top, PALETTE["text"])
    return _png(image)


@dataclass(frozen=True)
class _Pen:
    """Draws lines from the start edge: the left one, or the right one in a right-to-left card."""

    draw: ImageDraw.ImageDraw
    is_rtl: bool
    lang: str

    def font(self, size: int, *, is_bold: bool = False) -> Font:
        return _font(size, is_bold=is_bold, is_rtl=self.is_rtl)

    def text(self, top: float, line: str, font: Font, fill: str, *, at_end: bool = False) -> None:
        """A line at the start edge (or the end edge), its top at `top`."""
        on_right = self.is_rtl != at_end
        self._text(
            (RIGHT, top) if on_right else (LEFT, top), line, font, fill, "ra" if on_right else "la"
        )

    def baseline_text(self, baseline: float, line: str, font: Font, fill: str) -> None:
        x, anchor = (RIGHT, "rs") if self.is_rtl else (LEFT, "ls")
        self._text((x, baseline), line, font, fill, anchor)

    def _text(self, xy: tuple[float, float], line: str, font: Font, fill: str, anchor: str) -> None:
        if self.is_rtl:
            line = _NUMBER_RUN.sub(lambda run: f"\u2066{run.group(0)}\u2069", line)
            self.draw.text(
                xy, line, font=font, fill=fill, anchor=anchor, direction="rtl", language=self.lang
            )
        else:
            self.draw.text(xy, line, font=font, fill=fill, anchor=anchor)

    def lines(self, lines: list[str], font: Font, top: int, fill: str) -> None:
        for number, line in enumerate(lines):
            self.text(top + number * _line_height(font), line, font, fill)


def preview(png: bytes, width: int = 600) -> bytes:
    """Return a smaller PNG of the same image, for the page (the full one is the download)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        height = round(image.height * width / image.width)
        # reducing_gap: a fast box reduction first, then Lanczos for the last step; 30x faster,
        # and text scaled down by a whole factor looks the same.
        smaller = image.convert("RGB").resize(
            (width, height), Image.Resampling.LANCZOS, reducing_gap=2.0
        )
    return _png(smaller)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio of two "#rrggbb" colours, from 1.0 to 21.0."""
    darker, lighter = sorted((_luminance(foreground), _luminance(background)))
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    # WCAG 2.x relative luminance. The sRGB threshold is 0.04045 (WCAG 2.0 printed 0.03928;
    # no 8-bit value falls between the two).
    red, green, blue = (
        channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
        for channel in (value / 255 for value in _rgb(colour))
    )
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@lru_cache(maxsize=64)
@lru_cache(maxsize=128)
def _font(size: int, *, is_bold: bool = False, is_rtl: bool = False) -> Font:
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if is_bold else "DejaVuSans.ttf"
    # BASIC for left to right: whether libraqm is installed must not change a single pixel.
    engine = ImageFont.Layout.RAQM if is_rtl else ImageFont.Layout.BASIC
    return ImageFont.truetype(FONTS / name, size, layout_engine=engine)


def _line_height(font: Font) -> int:
    return round(font.size * 1.3)


def _draw_figure(pen: _Pen, figure: str, height: int) -> int:
    """Draw the figure as large as the box allows, its ink touching TOP; return its bottom."""
    font = _figure_font(pen, figure, height)
    figure = _ellipsize(figure, font)
    _, ink_top, _, ink_bottom = font.getbbox(figure, anchor="ls")
    pen.baseline_text(TOP - ink_top, figure, font, PALETTE["figure"])
    return round(TOP - ink_top + ink_bottom)


def _figure_font(pen: _Pen, figure: str, height: int) -> Font:
    """The largest bold size at which the figure fits the box (cut with "…" at the smallest)."""
    for size in FIGURE_SIZES:
        font = pen.font(size, is_bold=True)
        _, ink_top, _, ink_bottom = font.getbbox(figure, anchor="ls")
        if _fits(figure, font) and ink_bottom - ink_top <= height:
            return font
    return pen.font(FIGURE_SIZES[-1], is_bold=True)


def _draw_notes(pen: _Pen, card: ShareCard) -> int:
    """Draw the footer, caveat and source from the bottom up; return the top of the source."""
    note = pen.font(NOTE_SIZE)
    bottom = BOTTOM
    if card.site_name or card.hashtags:
        bottom -= _line_height(note)
        _draw_footer(pen, card, bottom)
        bottom -= GAP // 2
    if card.caveat:
        font, lines = _fit(pen, card.caveat, (NOTE_SIZE,), CAVEAT_LINES * _line_height(note))
        bottom -= len(lines) * _line_height(font)
        pen.lines(lines, font, bottom, PALETTE["muted"])
        bottom -= GAP // 4
    # A statistic is never shown without its source: it may take SOURCE_LINES lines, more than
    # any real citation needs, and only beyond that is it cut.
    room = SOURCE_LINES * _line_height(pen.font(SOURCE_SIZES[-1]))
    font, lines = _fit(pen, card.source, SOURCE_SIZES, room)
    bottom -= len(lines) * _line_height(font)
    pen.lines(lines, font, bottom, PALETTE["muted"])
    return bottom


def _draw_footer(pen: _Pen, card: ShareCard, top: int) -> None:
    font = pen.font(NOTE_SIZE)
    fill = PALETTE["muted"]
    # The site name keeps at most half the line; the hashtags get what is left of it.
    name = _ellipsize(
        card.site_name, font, (CONTENT_WIDTH - GAP) // 2 if card.hashtags else CONTENT_WIDTH
    )
    pen.text(top, name, font, fill)
    room = CONTENT_WIDTH - (font.getlength(name) + GAP if name else 0)
    # Hashtags are left-to-right words, drawn as such at the end edge.
    tags = _whole_tags(card.hashtags, _font(NOTE_SIZE), room)
    x, anchor = (LEFT, "la") if card.is_rtl else (RIGHT, "ra")
    pen.draw.text((x, top), tags, font=_font(NOTE_SIZE), fill=fill, anchor=anchor)


def _whole_tags(hashtags: str, font: Font, width: float) -> str:
    """As many hashtags as fit, each whole: a cut tag would be another tag."""
    kept: list[str] = []
    for tag in hashtags.split():
        if font.getlength(" ".join([*kept, tag])) > width:
            break
        kept.append(tag)
    return " ".join(kept)


def _fit(pen: _Pen, text: str, sizes: tuple[int, ...], height: int) -> tuple[Font, list[str]]:
    """Wrap text at the largest size whose lines fit the box; at the smallest, cut what is left."""
    for size in sizes:
        font = pen.font(size)
        lines = _wrap(text, font)
        if len(lines) * _line_height(font) <= height and all(_fits(line, font) for line in lines):
            return font, lines
    font = pen.font(sizes[-1])
    return font, _cut(_wrap(text, font), font, max(height, 0) // _line_height(font))


def _wrap(text: str, font: Font) -> list[str]:
    """Break text into lines at spaces; a word wider than a line keeps a line of its own."""
    lines: list[str] = []
    # Split on " " only: str.split() would also break at the no-break space of "44 %".
    for word in (word for word in text.split(" ") if word):
        if lines and _fits(f"{lines[-1]} {word}", font):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _cut(lines: list[str], font: Font, count: int) -> list[str]:
    """Keep the first count lines, each within the width, marking every cut with an ellipsis."""
    if count <= 0:
        return []
    kept = lines[:count]
    if len(lines) > count:
        kept[-1] += ELLIPSIS
    return [_ellipsize(line, font) for line in kept]


def _ellipsize(line: str, font: Font, width: int = CONTENT_WIDTH) -> str:
    if _fits(line, font, width):
        return line
    while line and not _fits(line.rstrip() + ELLIPSIS, font, width):
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def _fits(line: str, font: Font, width: int = CONTENT_WIDTH) -> bool:
    return font.getlength(line) <= width


@lru_cache(maxsize=1)
def _palette() -> Image.Image:
    """The background, then for each ink BLEND_STEPS steps from the background up to the ink."""
    from PIL import Image

    background = _rgb(PALETTE["background"])
    inks = dict.fromkeys(_rgb(c) for name, c in PALETTE.items() if name != "background")
    colours = [background] + [
        tuple(round(b + (i - b) * step / BLEND_STEPS) for b, i in zip(background, ink, strict=True))
        for ink in inks
        for step in range(1, BLEND_STEPS + 1)
    ]
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return palette


def _png(image: Image.Image) -> bytes:
    from PIL import Image

    # A fixed palette without dithering: flat areas keep the exact colours whose contrast is
    # checked, and the file stays small. Pillow writes no timestamp, so the bytes are stable.
    reduced = image.quantize(palette=_palette(), dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    reduced.save(buffer, format="PNG", compress_level=6)  # level 9 saves 9% and costs 7x the time
    return buffer.getvalue()
