"""The campaign page in headless Chromium: the state and today's action follow the reader's
clock (the example is built on 2026-11-25), and the copy buttons put a post on the clipboard."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.conftest import answer_exit_locally, covered

pytestmark = pytest.mark.browser

CAMPAIGN = "campaigns/prevention-month-2027/"


@pytest.fixture
def page_at(chromium: Any, served_example: str) -> Iterator[Callable[..., Any]]:
    """Open a page with the reader's clock fixed at `instant` (UTC), read in New York."""
    contexts: list[Any] = []

    def open_at(path: str, instant: str, **options: Any) -> Any:
        context = chromium.new_context(timezone_id="America/New_York", **options)
        contexts.append(context)
        answer_exit_locally(context)
        context.clock.set_fixed_time(instant)
        page = context.new_page()
        page.goto(served_example + path)
        covered("headless Chromium (campaign clock)", path)
        return page

    yield open_at
    for context in contexts:
        context.close()


@pytest.mark.parametrize(
    ("lang", "instant", "phase", "text"),
    [
        ("en", "2026-12-20T09:00:00", "upcoming", "Starts in 12 days"),
        ("es", "2026-12-31T23:30:00", "upcoming", "Comienza en 1 día"),
        ("en", "2027-01-05T08:00:00", "live", "Day 5 of 31"),
        ("es", "2027-01-31T12:00:00", "live", "Día 31 de 31"),
        ("en", "2027-02-01T12:00:00", "past", "This campaign has ended."),
    ],
)
def test_the_state_follows_the_readers_date(
    lang: str, instant: str, phase: str, text: str, page_at: Callable[..., Any]
) -> None:
    page = page_at(f"{lang}/{CAMPAIGN}", instant)
    state = page.locator(".campaign-state")
    shown = state.inner_text()
    assert shown == text if phase != "past" else shown.startswith(text)
    assert f"campaign-state--{phase}" in (state.get_attribute("class") or "")
    today = instant[:10]
    current = page.locator("[aria-current=date]")
    if phase != "live":
        assert current.count() == 0 and page.locator(".is-today").count() == 0
        return
    assert current.count() == 2  # the calendar's cell and the day in the list
    assert page.locator(f"td[data-date='{today}']").get_attribute("aria-current") == "date"
    item = page.locator(f"#action-{today}")
    assert "is-today" in (item.get_attribute("class") or "")
    assert ("Hoy" if lang == "es" else "Today") in item.inner_text()


def test_todays_action_is_visible_on_a_phone(page_at: Callable[..., Any]) -> None:
    page = page_at(f"en/{CAMPAIGN}", "2027-01-11T10:00:00", viewport={"width": 360, "height": 740})
    assert not page.locator("table.month").is_visible()  # phones get the list
    item = page.locator("#action-2027-01-11")
    assert item.is_visible() and "Wear blue" in item.inner_text()


def test_the_home_banner_hides_once_the_campaign_is_over(page_at: Callable[..., Any]) -> None:
    before = page_at("en/", "2026-12-01T10:00:00")
    assert before.locator(".campaign-banner").is_visible()
    assert "Starts in 31 days" in before.locator(".campaign-banner").inner_text()
    after = page_at("en/", "2027-02-02T10:00:00")
    assert after.locator(".campaign-banner").count() == 1
    assert not after.locator(".campaign-banner").is_visible()


def test_the_copy_button_puts_the_post_on_the_clipboard(page_at: Callable[..., Any]) -> None:
    page = page_at(
        f"es/{CAMPAIGN}", "2027-01-05T10:00:00", permissions=["clipboard-read", "clipboard-write"]
    )
    post = page.locator("#post-2")
    button = post.get_by_role("button", name="Copiar el texto")
    assert button.is_visible() and not post.locator(".post__by-hand").is_visible()
    button.click()
    status = post.get_by_role("status")
    status.filter(has_text="Copiado al portapapeles").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    expected = " ".join(post.locator(".post__text").inner_text().split())
    assert copied == expected
    assert copied.startswith("Entre las víctimas") or "44" in copied
    assert copied.endswith("#HumanTraffickingPreventionMonth #WearBlueDay #EndTrafficking")


def test_without_javascript_the_post_is_there_to_select(page_at: Callable[..., Any]) -> None:
    page = page_at(f"en/{CAMPAIGN}", "2027-01-05T10:00:00", java_script_enabled=False)
    post = page.locator("#post-1")
    assert not post.get_by_role("button").is_visible()
    assert post.locator(".post__by-hand").is_visible()
    assert post.locator(".post__text").inner_text().strip()
    assert page.locator(".campaign-state").inner_text().startswith("Starts in 37 days")
