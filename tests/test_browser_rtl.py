"""A right-to-left page in headless Chromium at 320 px: mirrored, with numbers read left to right."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.browser

# The left edge of each character of an element's text, in the order the characters are written.
CHARACTER_EDGES = """element => {
    const text = element.textContent, node = element.firstChild, range = document.createRange();
    const edges = [];
    for (let i = 0; i < text.length; i++) {
        if (text[i].trim() === '') continue;
        range.setStart(node, i); range.setEnd(node, i + 1);
        edges.push(range.getBoundingClientRect().left);
    }
    return edges;
}"""


@pytest.mark.parametrize("path", ["ar/", "ar/hotlines/national-human-trafficking-hotline/"])
def test_a_right_to_left_page_at_320_px_reads_phone_numbers_left_to_right(
    path: str, open_page: Callable[..., Any]
) -> None:
    page = open_page(path, viewport={"width": 320, "height": 640})
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ar",
        "rtl",
    ]
    folder = REPO / "test-results"
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / f"rtl-320-{path.strip('/').replace('/', '-')}.png"))
    numbers = page.locator(".help-bar .channel__number")
    assert numbers.count() >= 3
    for index in range(numbers.count()):
        number = numbers.nth(index)
        edges = number.evaluate(CHARACTER_EDGES)
        assert len(edges) >= 5
        assert edges == sorted(edges) and len(set(edges)) == len(edges), (
            f"{number.text_content()!r} does not read left to right: {edges}"
        )
    # The page is mirrored: the help bar's title starts at the right edge, the quick exit too.
    title = page.locator(".help-bar__title").bounding_box()
    assert title is not None and title["x"] + title["width"] > 320 - 40
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_share_post_in_arabic_keeps_its_hashtags_whole(open_page: Callable[..., Any]) -> None:
    page = open_page("ar/campaigns/prevention-month-2027/", viewport={"width": 320, "height": 640})
    tags = page.locator(".post__text bdi")
    assert tags.count() >= 1
    for index in range(tags.count()):
        edges = tags.nth(index).evaluate(CHARACTER_EDGES)
        assert edges == sorted(edges), tags.nth(index).text_content()
