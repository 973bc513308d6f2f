"""Safety and privacy in headless Chromium: SITE-REQUIREMENTS 1-13, on every page type and language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import EXIT_URL, PAGES

pytestmark = pytest.mark.browser

EXIT_LABEL = {"en": "Exit this page", "es": "Salir de esta página", "ar": "اخرج من هذه الصفحة"}
# What the safety page says in each language: quick exit does not erase history; Shift three times.
SAFETY_PAGE_WORDS = {
    "en": ("does not erase", "shift", "three times"),
    "es": ("no borra", "mayús", "tres veces"),
    "ar": ("لا يمسح سجل التصفح", "shift", "ثلاث مرات"),
}
FOCUSED = "() => { const e = document.activeElement; return [e.tagName, e.getAttribute('href')] }"


def lang_of(page: Any) -> str:
    return str(page.evaluate("document.documentElement.lang"))


@pytest.mark.parametrize("path", PAGES)
def test_1_skip_link_then_quick_exit_are_the_first_two_tab_stops(
    path: str, open_page: Callable[..., Any]
) -> None:
    page = open_page(path)
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == ["A", "#main"]
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == ["A", EXIT_URL]
    rel = page.evaluate("document.activeElement.rel").split()
    assert {"noreferrer", "nofollow"} <= set(rel)


@pytest.mark.parametrize("path", PAGES)
def test_2_quick_exit_is_a_translated_link_before_main_that_works_without_javascript(
    path: str, open_page: Callable[..., Any]
) -> None:
    page = open_page(path, java_script_enabled=False)
    control = page.get_by_role("link", name=EXIT_LABEL[lang_of(page)], exact=True)
    assert control.get_attribute("href") == EXIT_URL
    assert page.evaluate(
        "document.querySelector('#quick-exit').compareDocumentPosition(document.querySelector('main'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    with page.expect_navigation(url=EXIT_URL):
        control.click()


@pytest.mark.parametrize("path", PAGES)
def test_3_quick_exit_stays_in_view_and_uncovered_at_the_bottom(
    path: str, open_page: Callable[..., Any]
) -> None:
    page = open_page(path)
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 640})
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        box = page.locator("#quick-exit").bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 640, width
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, width
        centre_is_control = page.evaluate(
            """([x, y]) => {
                const hit = document.elementFromPoint(x, y);
                return hit !== null && document.querySelector('#quick-exit').contains(hit);
            }""",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert centre_is_control, width


@pytest.mark.parametrize("path", PAGES)
def test_4_click_exit_replaces_the_history_entry(path: str, open_page: Callable[..., Any]) -> None:
    page = open_page(path)
    before = page.evaluate("history.length")
    with page.expect_navigation(url=EXIT_URL):
        page.click("#quick-exit")
    assert page.evaluate("history.length") == before
    page.go_back()
    assert page.url != "" and not page.url.startswith("http://127.0.0.1")


@pytest.mark.parametrize("path", PAGES)
def test_4_shift_three_times_exits_with_replace(path: str, open_page: Callable[..., Any]) -> None:
    page = open_page(path)
    before = page.evaluate("history.length")
    with page.expect_navigation(url=EXIT_URL):
        for _ in range(3):
            page.keyboard.press("Shift")
    assert page.evaluate("history.length") == before


@pytest.mark.parametrize("path", PAGES)
def test_5_shift_as_a_modifier_does_not_count_and_presses_are_announced(
    path: str, open_page: Callable[..., Any]
) -> None:
    page = open_page(path)
    status = page.locator("#quick-exit-status")
    assert status.get_attribute("role") == "status"
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift+B")
    assert status.text_content() == ""
    area = page.locator("#quick-exit-area")
    page.keyboard.press("Shift")
    assert status.text_content() == area.get_attribute("data-two-left")
    page.keyboard.press("Shift")
    assert status.text_content() == area.get_attribute("data-one-left")
    page.keyboard.press("a")  # any other key starts the count again
    page.keyboard.press("Shift")
    assert status.text_content() == area.get_attribute("data-two-left")
    assert page.url.startswith("http://127.0.0.1")
    words = {"en": "Press Shift", "es": "Pulse Mayús", "ar": "اضغط على Shift"}[lang_of(page)]
    assert words in (area.get_attribute("data-two-left") or "")


@pytest.mark.parametrize("path", PAGES)
def test_6_main_is_hidden_between_activation_and_navigation(
    path: str, open_page: Callable[..., Any]
) -> None:
    page = open_page(path)
    # The exit address answers "204 No Content": the browser stays on this document, so what it
    # shows once the exit has started can be read without racing the next page's arrival.
    requested: list[str] = []

    def no_content(route: Any) -> None:
        requested.append(route.request.url)
        route.fulfill(status=204)

    page.route(EXIT_URL + "**", no_content)
    page.click("#quick-exit")
    page.wait_for_function("document.documentElement.classList.contains('is-exiting')")
    assert page.evaluate("getComputedStyle(document.querySelector('main')).display") == "none"
    for _ in range(100):  # the request reaches the route handler a moment later
        if requested:
            break
        page.wait_for_timeout(50)
    assert requested == [EXIT_URL]


@pytest.mark.parametrize("path", PAGES)
def test_7_page_restored_from_back_forward_cache_shows_main_again(
    path: str, open_page: Callable[..., Any]
) -> None:
    page = open_page(path)
    page.evaluate("document.documentElement.classList.add('is-exiting')")
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert not page.evaluate("document.documentElement.classList.contains('is-exiting')")
    assert page.evaluate("getComputedStyle(document.querySelector('main')).display") != "none"


@pytest.mark.parametrize("path", PAGES[:3])
def test_8_escape_never_exits(path: str, open_page: Callable[..., Any]) -> None:
    page = open_page(path)
    for _ in range(3):
        page.keyboard.press("Escape")
    page.wait_for_timeout(100)
    assert page.url.startswith("http://127.0.0.1")


@pytest.mark.parametrize("path", PAGES)
def test_9_safety_notice_links_to_the_safety_page_that_explains_the_limits(
    path: str, open_page: Callable[..., Any]
) -> None:
    page = open_page(path)
    lang = lang_of(page)
    with page.expect_navigation():  # the whole safety page, not the one it leaves
        page.click(".quick-exit__notice a")
    assert page.evaluate("document.documentElement.lang") == lang
    text = page.locator("main").inner_text().lower()
    assert [words for words in SAFETY_PAGE_WORDS[lang] if words not in text] == []


@pytest.mark.parametrize("path", PAGES)
def test_10_no_request_leaves_the_site(path: str, shared_context: Any, served_example: str) -> None:
    page = shared_context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served_example + path, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.close()
    assert requests and all(url.startswith(served_example) for url in requests), requests


@pytest.mark.parametrize("path", PAGES)
def test_11_nothing_is_stored_in_the_browser(path: str, loaded_page: Callable[[str], Any]) -> None:
    page = loaded_page(path)
    page.keyboard.press("Shift")  # the quick-exit counter must not be kept anywhere
    stored = page.evaluate(
        """async () => ({
            cookies: document.cookie,
            local: localStorage.length,
            session: sessionStorage.length,
            databases: (await indexedDB.databases()).length,
            workers: (await navigator.serviceWorker.getRegistrations()).length,
        })"""
    )
    assert stored == {"cookies": "", "local": 0, "session": 0, "databases": 0, "workers": 0}
    assert page.context.cookies() == []


@pytest.mark.parametrize("path", PAGES)
def test_12_no_referrer_ever_leaves(path: str, loaded_page: Callable[[str], Any]) -> None:
    page = loaded_page(path)
    assert page.evaluate("document.querySelector('meta[name=referrer]').content") == "no-referrer"
    outside = page.evaluate(
        """() => [...document.querySelectorAll('a[href]')]
            .filter(a => a.origin !== location.origin && a.protocol.startsWith('http'))
            .map(a => [a.href, a.relList.contains('noreferrer')])"""
    )
    assert outside, "every page links out at least to the quick-exit site"
    assert all(has_noreferrer for _, has_noreferrer in outside), outside


@pytest.mark.parametrize("path", PAGES)
def test_13_content_security_policy_holds_and_there_is_no_inline_script(
    path: str, loaded_page: Callable[[str], Any]
) -> None:
    page = loaded_page(path)
    policy = page.evaluate(
        "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content"
    )
    directives = {
        words[0]: words[1:] for words in (part.split() for part in policy.split(";")) if words
    }
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives.get("script-src", [])
    assert not {"frame-ancestors", "report-uri", "sandbox"} & set(directives)
    inline = page.evaluate(
        """() => [...document.scripts].filter(s => !s.src && s.type !== 'application/ld+json').length"""
    )
    handlers = page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(
            e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))"""
    )
    assert (inline, handlers) == (0, [])
