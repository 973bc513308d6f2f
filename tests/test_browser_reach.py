"""Accessibility and reach in headless Chromium: axe-core and SITE-REQUIREMENTS 26-32, 34."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import PAGE_TYPES, PAGES, covered

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TAB_STOPS_CHECKED = 40  # past the header and help bar, well into the content
LANDMARKS = (
    ".quick-exit, header.site-header, nav.main-nav, aside.help-bar, main, footer.site-footer"
)


def expected_lang(path: str) -> str:
    return path.split("/")[0] if path else "en"


@pytest.mark.parametrize("path", PAGES)
def test_26_html_lang_and_direction(path: str, loaded_page: Callable[[str], Any]) -> None:
    page = loaded_page(path)
    root = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    lang = expected_lang(path)
    assert root == [lang, "rtl" if lang in ("ar", "fa", "he", "ur") else "ltr"]
    # A download's title is in the page's language; its hreflang names the file's language.
    unmarked = page.evaluate(
        """() => [...document.querySelectorAll('[hreflang]:not([download])')]
            .filter(a => a.closest('[lang]').lang !== a.hreflang && !a.closest('head'))
            .map(a => a.outerHTML)"""
    )
    assert unmarked == [], "a link to a page in another language sits in text not marked with it"


@pytest.mark.parametrize("path", PAGES)
def test_27_axe_finds_no_wcag_violation(path: str, loaded_page: Callable[[str], Any]) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = loaded_page(path)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    covered(f"axe-core {results.response['testEngine']['version']}", path or "/")
    assert violations == []


def landmark_order(page: Any) -> list[str]:
    return list(
        page.evaluate(
            f"""() => [...document.querySelectorAll({LANDMARKS!r})]
                .map(e => e.tagName.toLowerCase() + '.' + (e.classList[0] || ''))"""
        )
    )


def test_28_help_bar_has_the_same_place_on_every_page_type(
    loaded_page: Callable[[str], Any],
) -> None:
    orders = {param.values[0]: landmark_order(loaded_page(str(param.values[0]))) for param in PAGES}
    first = next(iter(orders.values()))
    assert "aside.help-bar" in first
    assert first.index("aside.help-bar") < first.index("main.")
    for path, order in orders.items():
        assert order == first, f"{path or '/'}: {order}"


@pytest.mark.parametrize("path", PAGES)
def test_29_no_focused_element_hides_under_the_sticky_bar(
    path: str, open_page: Callable[..., Any]
) -> None:
    page = open_page(path, viewport={"width": 360, "height": 640})
    # Each focus is checked in the page as it happens: visible if any of nine points of its box
    # hit-tests to it rather than to a sticky bar above it.
    page.evaluate(
        """() => {
            window.hiddenFocus = [];
            document.addEventListener('focusin', () => requestAnimationFrame(() => {
                const e = document.activeElement;
                if (!e || e === document.body || e === document.querySelector('main')) return;
                const r = e.getBoundingClientRect();
                for (const fx of [0.1, 0.5, 0.9]) for (const fy of [0.1, 0.5, 0.9]) {
                    const x = r.left + r.width * fx, y = r.top + r.height * fy;
                    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
                    const hit = document.elementFromPoint(x, y);
                    if (hit && (e === hit || e.contains(hit))) return;
                }
                window.hiddenFocus.push(e.outerHTML.slice(0, 80));
            }));
        }"""
    )
    for _ in range(TAB_STOPS_CHECKED):
        page.keyboard.press("Tab")
    # Going back up, the browser scrolls each element in at the top edge: under a sticky bar,
    # unless the page keeps room for it (scroll-padding).
    for _ in range(TAB_STOPS_CHECKED // 2):
        page.keyboard.press("Shift+Tab")
    page.wait_for_timeout(50)
    assert page.evaluate("window.hiddenFocus") == []


@pytest.mark.parametrize("path", PAGES)
def test_30_help_bar_links_are_at_least_44_px_square(
    path: str, open_page: Callable[..., Any]
) -> None:
    page = open_page(path, viewport={"width": 360, "height": 640})
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.help-bar a, .hotline a')].map(a => {
            const r = a.getBoundingClientRect(); return [a.href, r.width, r.height];
        })"""
    )
    assert sizes
    small = [(href, w, h) for href, w, h in sizes if w < 44 or h < 44]
    assert small == []


@pytest.mark.parametrize("path", PAGES)
def test_31_nothing_is_cut_off_on_a_narrow_screen_or_with_large_text(
    path: str, open_page: Callable[..., Any]
) -> None:
    page = open_page(path)
    # WCAG 1.4.10 (reflow at 320 CSS px) and 1.4.4 (text at 200 %, also on a 640 px phone).
    for width, text_zoom in ((320, "100%"), (1280, "200%"), (640, "200%")):
        page.set_viewport_size({"width": width, "height": 800})
        # CSSOM changes are allowed by the page's CSP, unlike an inline style attribute.
        page.evaluate(f"document.documentElement.style.fontSize = '{text_zoom}'")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{width}px at {text_zoom}: {scroll_width}px wide"


@pytest.mark.parametrize("path", PAGES)
def test_32_reduced_motion_means_no_animation(path: str, open_page: Callable[..., Any]) -> None:
    page = open_page(path, reduced_motion="reduce")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.getAnimations().length") == 0


def pdf_text(page: Any) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    # NFKC undoes the typographic ligatures ("ﬃ") that the PDF's fonts use.
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))


ARTICLES = PAGE_TYPES["article"]


@pytest.mark.parametrize("path", ARTICLES)
def test_34_printed_article_keeps_help_and_link_targets_but_no_chrome(
    path: str, open_page: Callable[..., Any]
) -> None:
    page = open_page(path)
    text = " ".join(pdf_text(page).split())
    exit_label = page.locator("#quick-exit").inner_text()
    menu = page.locator(".main-nav a").all_inner_texts()
    numbers = page.locator(".help-bar .channel__number").all_inner_texts()
    outside = page.evaluate(
        """() => [...document.querySelectorAll('.prose a[href^="http"]')].map(a => a.href)"""
    )
    assert exit_label not in text
    assert " ".join(menu) not in text and "English español" not in text  # no navigation
    assert numbers and all(number in text for number in numbers)
    assert outside and all(url.rstrip("/") in text.replace(" ", "") for url in outside)


FACT_SHEET_PRINT_PAGES = 2  # a handout: both sides of one Letter sheet


@pytest.mark.parametrize("path", PAGE_TYPES["fact sheet"])
def test_34_printed_fact_sheet_fits_two_pages_with_every_source_and_help_number(
    path: str, open_page: Callable[..., Any]
) -> None:
    from pypdf import PdfReader

    page = open_page(path)
    reader = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    text = " ".join(
        unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages)).split()
    )
    sources = [" ".join(s.split()) for s in page.locator("main .source").all_inner_texts()]
    numbers = page.locator(".help-bar .channel__number").all_inner_texts()
    assert len(reader.pages) <= FACT_SHEET_PRINT_PAGES
    if page.locator("html").get_attribute("dir") == "rtl":
        # A PDF keeps right-to-left text in the order of its printed lines: look for each word.
        sources = [word.strip("،:") for source in sources for word in source.split()]
    assert sources and all(source in text for source in sources)
    assert numbers and all(number in text for number in numbers)
    assert page.locator("#quick-exit").inner_text() not in text
