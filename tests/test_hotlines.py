"""Hotline listings: numbers checked by phonenumbers, links a phone can dial, stale listings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SITES, Built, errors_in

GOOD = (SITES / "minimal" / "content/hotlines/national.yaml").read_text(encoding="utf-8")
FILE = "content/hotlines/national.yaml"

CASES = {
    "invalid phone number": (
        GOOD.replace("1-888-373-7888", "1-888-373-788"),
        f'{FILE}:9:13: error: "1-888-373-788" is not a valid US phone number '
        "(hint: 10 digits, e.g. 1-888-373-7888)",
    ),
    "short code on a call line": (
        GOOD.replace("1-888-373-7888", "233733"),
        f'{FILE}:9:13: error: "233733" is not a valid US phone number '
        "(hint: a short code can only be used for a text channel)",
    ),
    "call channel without a number": (
        GOOD.replace("    number: 1-888-373-7888\n", ""),
        f'{FILE}:8:5: error: the required field "number" is missing in "channels[1]" '
        '(hint: add a line "number: ...")',
    ),
    "unknown channel type": (
        GOOD.replace("type: call", "type: fax"),
        f'{FILE}:8:11: error: "channels[1].type" must be one of: call, text, chat, email, web',
    ),
    "hours without a time zone": (
        GOOD.replace(
            "hours: 24/7", "hours:\n  - days: [mo, tu]\n    opens: 9:00\n    closes: 17:00"
        ),
        f"{FILE}:6:3: error: hours need a timezone "
        "(hint: add a line such as 'timezone: America/New_York' to the hotline)",
    ),
    "time not HH:MM": (
        GOOD.replace(
            "hours: 24/7",
            "timezone: America/New_York\nhours:\n  - days: [mo]\n    opens: 9am\n    closes: 17:00",
        ),
        f'{FILE}:8:12: error: "hours[1].opens" must be a time written HH:MM, like 09:00 or 17:30',
    ),
    "time zone that does not exist": (
        GOOD.replace("hours: 24/7", "timezone: America/Hartford\nhours: 24/7"),
        f'{FILE}:5:11: error: "America/Hartford" is not a time zone name '
        "(hint: use an IANA name such as America/New_York or Europe/Madrid)",
    ),
    "missing last_verified": (
        GOOD.replace("last_verified: 2026-11-01\n", ""),
        f'{FILE}:1:1: error: the required field "last_verified" is missing '
        '(hint: add a line "last_verified: ...")',
    ),
    "unknown language served": (
        GOOD.replace("area: US", "area: US\nlanguages: [en, klingon]"),
        f'{FILE}:5:17: error: "languages[2]" must be a language tag such as en, es, pt-BR or zh-Hant',
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_hotline_gives_one_clear_error(
    case: str, make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    text, expected = CASES[case]
    built = build(make_site({FILE: text}))
    assert (built.status, errors_in(built)) == (1, [expected])


def test_stale_listing_warns_but_builds(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site({FILE: GOOD.replace("2026-11-01", "2026-03-01")})
    built = build(site)
    assert built.status == 0
    assert (
        f"{FILE}:6:16: warning: this listing was last verified 269 days ago (more than 180) "
        "(hint: call or check every channel, then set last_verified to that day)"
    ) in built.stderr.splitlines()
    assert build(site, "--strict").status == 1


def test_help_bar_dials_e164_and_texts_the_keyword(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    page = build(make_site()).page("en/")
    links = page.xpath("//aside[contains(@class, 'help-bar')]//a")
    assert [link.get("href") for link in links] == ["tel:+18883737888", "sms:233733?&body=BeFree"]
    assert "233733" in links[1].text_content() and "BeFree" in links[1].text_content()
    assert "1-888-373-7888" in links[0].text_content()


def test_keyword_with_a_space_is_percent_encoded(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    page = build(make_site({FILE: GOOD.replace("keyword: BeFree", "keyword: BE FREE")})).page("en/")
    (text_link,) = page.xpath("//a[starts-with(@href, 'sms:')]")
    assert text_link.get("href") == "sms:233733?&body=BE%20FREE"
