"""The hotline directory in headless Chromium: one tap to call, filters, and the "open now" badge."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser

# Record where a tap would take the phone, without leaving the page (tel: has no handler here).
RECORD_TAPS = """document.addEventListener('click', e => {
    const a = e.target.closest('a');
    if (a && !e.defaultPrevented && a.protocol !== 'http:' && a.protocol !== 'https:') {
        e.preventDefault(); console.log('tap ' + a.href);
    }
});"""


def test_tapping_a_call_channel_opens_a_tel_url(open_page: Callable[..., Any]) -> None:
    page = open_page("en/hotlines/")
    page.add_init_script(RECORD_TAPS)
    page.reload()
    taps: list[str] = []
    page.on("console", lambda message: taps.append(message.text))
    page.locator("#hotline-national-human-trafficking-hotline a.channel--call").click()
    page.locator("#hotline-national-human-trafficking-hotline a.channel--text").click()
    assert taps == ["tap tel:+18883737888", "tap sms:233733?&body=BeFree"]


def visible_hotlines(page: Any) -> list[str]:
    return list(
        page.evaluate(
            "[...document.querySelectorAll('.hotline')].filter(h => !h.hidden).map(h => h.id)"
        )
    )


def test_filters_narrow_the_directory_and_restore_it(open_page: Callable[..., Any]) -> None:
    page = open_page("es/hotlines/")
    everything = visible_hotlines(page)
    assert len(everything) == 5
    page.select_option("#filter-area", "US-CT")
    connecticut = visible_hotlines(page)
    assert "hotline-national-human-trafficking-hotline" not in connecticut and connecticut
    page.select_option("#filter-language", "es")
    spanish_in_ct = visible_hotlines(page)
    assert "hotline-ct-sexual-assault-crisis-spanish" in spanish_in_ct
    assert "hotline-ct-sexual-assault-crisis-english" not in spanish_in_ct
    assert page.locator(".filters__count").inner_text() == f"Se muestran {len(spanish_in_ct)} de 5"
    page.click("button[type=reset]")
    page.wait_for_timeout(50)
    assert visible_hotlines(page) == everything


def test_without_javascript_the_directory_is_complete_and_has_no_filters(
    open_page: Callable[..., Any],
) -> None:
    page = open_page("en/hotlines/", java_script_enabled=False)
    assert len(visible_hotlines(page)) == 5
    assert page.locator("#hotline-filters").is_hidden()


# (instant in UTC, channel, expected badge): the office opens 09:00-17:00 Mon-Fri and 10-14 Sat,
# New York time; the youth text line runs Fri and Sat 20:00 to 02:00.
CLOCK_CASES = [
    ("2027-01-13T15:00:00Z", "office", "Open now"),  # Wed 10:00 EST (UTC-5)
    ("2027-01-13T23:00:00Z", "office", "Closed now — opens Thursday at 9:00 AM"),  # Wed 18:00 EST
    ("2027-07-14T13:30:00Z", "office", "Open now"),  # Wed 09:30 EDT (UTC-4)
    ("2027-07-14T12:30:00Z", "office", "Closed now — opens Wednesday at 9:00 AM"),  # Wed 08:30 EDT
    ("2027-01-16T20:00:00Z", "office", "Closed now — opens Monday at 9:00 AM"),  # Sat 15:00 EST
    ("2027-01-16T06:00:00Z", "youth text", "Open now"),  # Sat 01:00 EST, from Friday night
    # Sat 03:00: Friday night's range has closed; Saturday's starts at 20:00.
    ("2027-01-16T08:00:00Z", "youth text", "Closed now — opens Saturday at 8:00 PM"),
]
CHANNELS = {
    "office": "#hotline-example-survivor-programme .hotline__channel:first-child",
    "youth text": "#hotline-example-youth-textline .hotline__channel:nth-child(2)",
}


@pytest.mark.parametrize(("instant", "channel", "expected"), CLOCK_CASES)
def test_open_now_badge_follows_the_hotlines_time_zone(
    instant: str, channel: str, expected: str, chromium: Any, served_example: str
) -> None:
    context = chromium.new_context(timezone_id="Asia/Tokyo")  # the reader's zone must not matter
    try:
        context.clock.set_fixed_time(instant)
        page = context.new_page()
        page.goto(served_example + "en/hotlines/")
        status = page.locator(CHANNELS[channel] + " .channel__status")
        # ICU writes "9:00 AM" with a narrow no-break space in some versions, a space in others.
        assert status.inner_text().replace("\u202f", " ") == expected
    finally:
        context.close()


def test_always_open_lines_say_so_in_spanish(chromium: Any, served_example: str) -> None:
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(served_example + "es/hotlines/national-human-trafficking-hotline/")
        first = page.locator(".hotline__channel:first-child .channel__status")
        assert first.inner_text() == "Abierto ahora"
    finally:
        context.close()
