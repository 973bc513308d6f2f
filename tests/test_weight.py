"""Page weight: what a reader on an old phone and a slow connection has to download."""

from __future__ import annotations

import gzip
from pathlib import Path

from lxml import html

from tests.conftest import Built, covered

# SITE-REQUIREMENTS 33. 60 KB is about 2 s on a 2G-class connection of 250 kbit/s.
ARTICLE_BUDGET_BYTES = 60 * 1024
# The first round trip of TCP's initial window (10 segments of ~1.4 KB) carries ~14 KB: the quick
# exit and the help bar must arrive in it, before anything else.
FIRST_ROUND_TRIP_BYTES = 14 * 1024
HELP_BAR_END = b"</aside>"
CODE_BUDGET_BYTES = 30 * 1024  # CSS and JS any one page loads
# A campaign page is a month's toolkit: its images are lazy, but a reader may scroll to them all.
CAMPAIGN_BUDGET_BYTES = 160 * 1024


def page_weight(example: Built, file: str) -> int:
    """The HTML plus every stylesheet, script, icon and image it loads, uncompressed."""
    page_bytes = (example.out / file).read_bytes()
    page = html.fromstring(page_bytes)
    loaded = set(
        page.xpath("//link[@rel='stylesheet' or @rel='icon']/@href | //script/@src | //img/@src")
    )
    return len(page_bytes) + sum((example.out / url.lstrip("/")).stat().st_size for url in loaded)


def test_article_pages_stay_within_the_budget(example: Built) -> None:
    articles = sorted(
        p.relative_to(example.out).as_posix()
        for p in example.out.glob("*/articles/*/index.html")
        if p.parent.name != "page"
    )
    weights = sorted(((page_weight(example, a), a) for a in articles), reverse=True)
    print("Heaviest article pages:", ", ".join(f"{a} {w / 1024:.1f} KB" for w, a in weights[:3]))
    covered("page weight (article budget)", *articles)
    assert len(articles) >= 10
    assert [a for w, a in weights if w > ARTICLE_BUDGET_BYTES] == []


def test_quick_exit_and_help_bar_arrive_in_the_first_round_trip(example: Built) -> None:
    sizes = []
    for file in example.html_files():
        page = file.read_bytes()
        end = page.index(HELP_BAR_END) + len(HELP_BAR_END)
        assert page.index(b'id="quick-exit"') < end
        sizes.append((len(gzip.compress(page[:end], 9)), file.relative_to(example.out).as_posix()))
    covered("page weight (first round trip)", *(f for _, f in sizes))
    sizes.sort(reverse=True)
    print("Largest first round trips:", ", ".join(f"{f} {s} B" for s, f in sizes[:3]))
    assert [f for s, f in sizes if s > FIRST_ROUND_TRIP_BYTES] == []


def loaded_code(example: Built, file: Path) -> int:
    """The CSS and JS a page loads: what it costs before any content."""
    page = html.fromstring(file.read_bytes())
    loaded = set(page.xpath("//link[@rel='stylesheet']/@href | //script/@src"))
    return sum((example.out / url.lstrip("/")).stat().st_size for url in loaded)


def test_no_page_loads_more_than_30_kb_of_css_and_js(example: Built) -> None:
    weights = sorted(
        (
            (loaded_code(example, f), f.relative_to(example.out).as_posix())
            for f in example.html_files()
        ),
        reverse=True,
    )
    print("Most CSS and JS on one page:", ", ".join(f"{f} {w} B" for w, f in weights[:3]))
    assert [f for w, f in weights if w > CODE_BUDGET_BYTES] == []


def test_campaign_pages_stay_within_their_budget(example: Built) -> None:
    """The longest page of the site: 31 actions, six posts with their images."""
    pages = sorted(
        p.relative_to(example.out).as_posix() for p in example.out.glob("*/campaigns/*/index.html")
    )
    assert pages
    covered("page weight (campaign budget)", *pages)
    for file in pages:
        weight = page_weight(example, file)
        print(f"{file}: {weight / 1024:.1f} KB with its images")
        assert weight <= CAMPAIGN_BUDGET_BYTES
