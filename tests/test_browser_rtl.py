"""A right-to-left page in headless Chromium at 320 px: mirrored, with numbers read left to right."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lantern.cli import main
from tests.conftest import REPO, SITES, TODAY, served

pytestmark = pytest.mark.browser

# Where each character of an element's text is drawn, [top, left], in the order it is written.
CHARACTER_EDGES = """element => {
    const text = element.textContent, node = element.firstChild, range = document.createRange();
    const edges = [];
    for (let i = 0; i < text.length; i++) {
        if (text[i].trim() === '') continue;
        range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getBoundingClientRect();
        edges.push([Math.round(box.top), box.left]);
    }
    return edges;
}"""


def reads_left_to_right(edges: list[list[float]]) -> bool:
    """Line after line downwards, and on each line every character right of the one before."""
    tops = [top for top, _ in edges]
    if tops != sorted(tops):
        return False
    return all(
        left < next_left
        for (top, left), (next_top, next_left) in itertools.pairwise(edges)
        if top == next_top
    )


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
        assert reads_left_to_right(edges), f"{number.text_content()!r}: {edges}"
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
        assert reads_left_to_right(edges), tags.nth(index).text_content()


def test_a_number_written_with_spaces_reads_left_to_right_in_arabic(
    tmp_path: Path, contexts: Callable[..., Any]
) -> None:
    """Unisolated, "+1 888 373 7888" would show its groups right to left: "7888 373 888 1+"."""
    site = tmp_path / "site"
    shutil.copytree(SITES / "minimal", site)
    config = site / "site.yaml"
    config.write_text(config.read_text().replace("[en, es]", "[en, es, ar]"))
    hotline = site / "content/hotlines/national.yaml"
    hotline.write_text(hotline.read_text().replace("1-888-373-7888", "+1 888 373 7888"))
    (site / "content/pages/stay-safe-online.ar.md").write_text(
        "---\ntitle: الأمان على الإنترنت\nslug: aman\n---\nاتصل على +1 888 373 7888.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["--site", str(site), "--out", str(out), "--today", TODAY, "--quiet"]) == 0
    with served(out) as url:
        page = contexts().new_page()
        page.set_viewport_size({"width": 320, "height": 640})
        page.goto(url + "ar/aman/")
        for selector in (".help-bar .channel__number", "main p span[dir='ltr']"):
            number = page.locator(selector).first
            assert number.text_content() == "+1 888 373 7888"
            assert reads_left_to_right(number.evaluate(CHARACTER_EDGES)), selector
        page.close()
