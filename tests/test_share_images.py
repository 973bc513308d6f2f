"""Share images: the right size, the same bytes every run, readable colours, every letter drawn."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
from dataclasses import replace

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from lantern.share_images import (
    FONTS,
    HEIGHT,
    PALETTE,
    TEXT_PAIRS,
    WIDTH,
    ShareCard,
    contrast_ratio,
    preview,
    share_image,
)
from tests.conftest import REPO

Colour = tuple[int, int, int]

CARD = ShareCard(
    figure="44%",
    text="of sex-trafficking victims were exploited by a family member",
    source="Source: National Human Trafficking Hotline data, 2020–2022",
    caveat="Counts contacts to the hotline, not how common trafficking is.",
    site_name="Lantern Example Coalition",
    hashtags="#WearBlueDay #EndTrafficking",
)
SPANISH = "¿Sabía que…? niñas, acción, útil"
LONG_CARD = ShareCard(
    figure="14,500–17,500 people a year",
    text=("Trafficking hides in plain sight in farms, kitchens and homes. " * 10)[:600],
    source="Source: " + "a long citation of a government report, " * 8,
    caveat="Counts contacts to the hotline, not how common trafficking is. " * 6,
    site_name="A coalition with a remarkably long name " * 3,
    hashtags="#WearBlueDay #EndTrafficking #KnowTheSigns " * 3,
)
STRIPE_WIDTH = 12  # the amber stripe along the left edge, the one thing drawn in the margin
MARGIN = 40


def rgb(colour: str) -> Colour:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def opened(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def colours_in(image: Image.Image, box: tuple[int, int, int, int]) -> dict[Colour, int]:
    """How many pixels of each colour the box holds."""
    counts = image.convert("RGB").crop(box).getcolors(maxcolors=box[2] * box[3])
    assert counts is not None
    return {colour: count for count, colour in counts}


def test_the_image_is_a_1200_by_630_png() -> None:
    image = opened(share_image(CARD))
    assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT)) == ("PNG", (1200, 630))


@pytest.mark.parametrize("width", [600, 300])
def test_the_preview_is_narrower_with_the_same_aspect_ratio(width: int) -> None:
    image = opened(preview(share_image(CARD), width=width))
    assert image.format == "PNG"
    assert image.width == width
    assert image.height == pytest.approx(width * HEIGHT / WIDTH, abs=0.5)


def test_the_default_preview_is_600_px_wide() -> None:
    assert opened(preview(share_image(CARD))).size == (600, 315)


def test_files_stay_small() -> None:
    png = share_image(CARD)
    assert len(png) < 40 * 1024
    assert len(preview(png)) < 15 * 1024


def test_the_same_card_gives_the_same_bytes() -> None:
    assert share_image(CARD) == share_image(replace(CARD))


def test_the_same_card_gives_the_same_bytes_in_a_new_process() -> None:
    program = (
        "import hashlib, sys; from tests.test_share_images import CARD; "
        "from lantern.share_images import share_image; "
        "sys.stdout.write(hashlib.sha256(share_image(CARD)).hexdigest())"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout == hashlib.sha256(share_image(CARD)).hexdigest()


def test_a_different_figure_gives_different_bytes() -> None:
    assert share_image(CARD) != share_image(replace(CARD, figure="45%"))


def test_png_has_no_metadata_chunks() -> None:
    assert opened(share_image(CARD)).info == {}


@pytest.mark.parametrize(("foreground", "background"), TEXT_PAIRS)
def test_every_text_colour_reaches_wcag_aa(foreground: str, background: str) -> None:
    # WCAG 2.2 SC 1.4.3: 4.5:1 for text, which the big figure meets too.
    assert contrast_ratio(PALETTE[foreground], PALETTE[background]) >= 4.5


def test_text_pairs_cover_figure_text_and_muted() -> None:
    assert {"figure", "text", "muted"} <= {foreground for foreground, _ in TEXT_PAIRS}
    assert {name for pair in TEXT_PAIRS for name in pair} <= PALETTE.keys()


def test_the_palette_is_the_sites_own() -> None:
    css = (REPO / "templates/static/lantern.css").read_text(encoding="utf-8")
    site_colours = {colour.lower() for colour in re.findall(r"--[\w-]+:\s*(#[0-9a-fA-F]{6})", css)}
    assert set(PALETTE.values()) <= site_colours


@pytest.mark.parametrize(
    ("foreground", "background", "expected"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#000000", 21.0),
        ("#0b5563", "#0b5563", 1.0),
        ("#767676", "#ffffff", 4.54),
    ],
)
def test_contrast_ratio_known_values(foreground: str, background: str, expected: float) -> None:
    assert contrast_ratio(foreground, background) == pytest.approx(expected, abs=0.005)


def test_the_image_is_drawn_in_the_checked_colours() -> None:
    image = opened(share_image(CARD))
    whole = colours_in(image, (0, 0, WIDTH, HEIGHT))
    figure_area = colours_in(image, (MARGIN, MARGIN, WIDTH - MARGIN, 200))
    text_area = colours_in(image, (MARGIN, 220, WIDTH - MARGIN, 420))
    notes_area = colours_in(image, (MARGIN, 440, WIDTH - MARGIN, HEIGHT - MARGIN))
    assert max(whole, key=whole.__getitem__) == rgb(PALETTE["background"])
    assert {rgb(PALETTE["figure"]), rgb(PALETTE["background"])} <= figure_area.keys()
    assert rgb(PALETTE["text"]) in text_area
    assert rgb(PALETTE["muted"]) in notes_area
    assert rgb(PALETTE["accent"]) in colours_in(image, (0, 0, STRIPE_WIDTH, HEIGHT))


def drawn(font: ImageFont.FreeTypeFont, character: str) -> bytes:
    image = Image.new("L", (80, 80))
    ImageDraw.Draw(image).text((10, 10), character, font=font, fill=255)
    return image.tobytes()


def has_glyph(font: ImageFont.FreeTypeFont, character: str) -> bool:
    """Whether the font draws the character itself, not nothing and not its .notdef box."""
    nothing, missing = drawn(font, " "), drawn(font, "\ue000")  # DejaVu leaves U+E000 empty
    return drawn(font, character) not in (nothing, missing)


@pytest.mark.parametrize("file", ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"])
def test_the_fonts_have_every_spanish_letter(file: str) -> None:
    font = ImageFont.truetype(FONTS / file, 40)
    assert not has_glyph(font, "\ue001"), "the check must tell a missing glyph apart"
    letters = set(SPANISH.replace(" ", "") + "áéíóúñüÁÉÍÓÚÑÜ¡")
    assert [letter for letter in sorted(letters) if not has_glyph(font, letter)] == []


def test_spanish_text_renders_its_accents() -> None:
    spanish = share_image(ShareCard("44\u00a0%", SPANISH, "Fuente: datos de la línea, 2020–2022"))
    plain = share_image(ShareCard("44\u00a0%", "Sabia que...? ninas, accion, util", "Fuente: x"))
    assert opened(spanish).size == (WIDTH, HEIGHT)
    assert spanish != plain


def test_long_text_and_figure_stay_inside_the_margins() -> None:
    image = opened(share_image(LONG_CARD))
    assert image.size == (WIDTH, HEIGHT)
    background, accent = rgb(PALETTE["background"]), rgb(PALETTE["accent"])
    bands = [
        (STRIPE_WIDTH, 0, WIDTH, MARGIN),  # top
        (STRIPE_WIDTH, HEIGHT - MARGIN, WIDTH, HEIGHT),  # bottom
        (STRIPE_WIDTH, 0, MARGIN, HEIGHT),  # left, inside the stripe
        (WIDTH - MARGIN, 0, WIDTH, HEIGHT),  # right
    ]
    for band in bands:
        assert colours_in(image, band).keys() == {background}, band
    assert colours_in(image, (0, 0, STRIPE_WIDTH, HEIGHT)).keys() == {accent}


def ink_rows(card: ShareCard) -> tuple[int, int]:
    """The first row holding anything but background right of the stripe, and the row past the last."""
    image = opened(share_image(card)).convert("RGB").crop((STRIPE_WIDTH, 0, WIDTH, HEIGHT))
    box = ImageChops.difference(
        image, Image.new("RGB", image.size, PALETTE["background"])
    ).getbbox()
    assert box is not None
    return box[1], box[3]


def test_long_text_runs_into_neither_the_figure_nor_the_source() -> None:
    _, figure_bottom = ink_rows(ShareCard(figure=LONG_CARD.figure, text="", source=""))
    notes_top, _ = ink_rows(replace(LONG_CARD, figure="", text=""))
    full = opened(share_image(LONG_CARD)).convert("RGB")
    without_text = opened(share_image(replace(LONG_CARD, text=""))).convert("RGB")
    text_box = ImageChops.difference(full, without_text).getbbox()
    assert text_box is not None
    assert figure_bottom < text_box[1] < text_box[3] < notes_top


def test_empty_caveat_hashtags_and_site_name_are_fine() -> None:
    bare = ShareCard(figure="241", text="cases reported in the state", source="Source: Polaris")
    image = opened(share_image(bare))
    assert image.size == (WIDTH, HEIGHT)
    assert share_image(bare) != share_image(replace(bare, caveat="Not all"))


ARABIC = ShareCard(
    figure="42%",
    text="من ضحايا الاتجار بالجنس استغلهم أحد أفراد العائلة",
    source="المصدر: بيانات الخط الساخن الوطني لمكافحة الاتجار بالبشر، 2020–2022",
    caveat="تعدّ هذه الأرقام من تواصلوا مع الخط، لا مدى انتشار الاتجار.",
    site_name="تحالف لانترن النموذجي",
    hashtags="#WearBlueDay #EndTrafficking",
    lang="ar",
    is_rtl=True,
)


@pytest.mark.parametrize("file", ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"])
def test_the_fonts_have_every_arabic_letter(file: str) -> None:
    font = ImageFont.truetype(FONTS / file, 40)
    letters = set(
        ARABIC.text + ARABIC.source + ARABIC.caveat + "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
    )
    letters -= set(" ،:.%–0123456789")
    assert [letter for letter in sorted(letters) if not has_glyph(font, letter)] == []


def test_a_right_to_left_card_is_mirrored_inside_its_margins() -> None:
    image = opened(share_image(ARABIC)).convert("RGB")
    background, accent = rgb(PALETTE["background"]), rgb(PALETTE["accent"])
    assert colours_in(image, (WIDTH - STRIPE_WIDTH, 0, WIDTH, HEIGHT)).keys() == {accent}
    for band in (
        (0, 0, WIDTH - STRIPE_WIDTH, MARGIN),  # top
        (0, HEIGHT - MARGIN, WIDTH - STRIPE_WIDTH, HEIGHT),  # bottom
        (0, 0, MARGIN, HEIGHT),  # left
        (WIDTH - MARGIN, 0, WIDTH - STRIPE_WIDTH, HEIGHT),  # right, inside the stripe
    ):
        assert colours_in(image, band).keys() == {background}, band
    # The sentence starts at the right edge: its ink ends there, and leaves room on the left.
    without_text = opened(share_image(replace(ARABIC, text=""))).convert("RGB")
    text_box = ImageChops.difference(image, without_text).getbbox()
    assert text_box is not None
    assert text_box[2] > WIDTH - 72 - 8 and text_box[0] > 84 + 100


def test_arabic_letters_are_joined_not_drawn_apart() -> None:
    """Shaped, a word's letters take their joined forms: not the isolated letters side by side."""
    shaped = share_image(replace(ARABIC, text="بالجنس"))
    apart = share_image(replace(ARABIC, text=" ".join("بالجنس")))
    joined_box = ImageChops.difference(
        opened(shaped).convert("RGB"), opened(share_image(replace(ARABIC, text=""))).convert("RGB")
    ).getbbox()
    apart_box = ImageChops.difference(
        opened(apart).convert("RGB"), opened(share_image(replace(ARABIC, text=""))).convert("RGB")
    ).getbbox()
    assert joined_box is not None and apart_box is not None
    assert joined_box[2] - joined_box[0] < (apart_box[2] - apart_box[0]) * 0.7
