"""Languages: CLDR names and direction, dates, and interface strings that fall back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from lantern import i18n
from tests.conftest import Built


def test_languages_are_named_in_their_own_language() -> None:
    assert [i18n.endonym(t) for t in ("en", "es", "pt-BR", "ar")] == [
        "English",
        "español",
        "português (Brasil)",
        "العربية",
    ]


def test_right_to_left_languages() -> None:
    assert [i18n.direction(t) for t in ("ar", "he", "fa", "ur", "es")] == [
        "rtl",
        "rtl",
        "rtl",
        "rtl",
        "ltr",
    ]


def test_dates_follow_cldr() -> None:
    day = dt.date(2025, 9, 26)
    assert i18n.format_date(day, "en") == "September 26, 2025"
    assert i18n.format_date(day, "es") == "26 de septiembre de 2025"


def test_unknown_languages_are_recognised() -> None:
    assert i18n.is_known_language("zh-Hant")
    assert not i18n.is_known_language("xx")


def test_a_missing_interface_string_falls_back_marked_and_reported(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site()
    (site / "site.yaml").write_text(
        (site / "site.yaml").read_text().replace("[en, es]", "[en, es, fa]")
    )
    built = build(site)
    assert built.status == 0
    assert any(
        line.startswith("templates/i18n/fa.yaml: warning:") and "interface string(s) missing in fa"
        for line in built.stderr.splitlines()
    )
    page = built.page("fa/")
    assert page.getroottree().getroot().get("dir") == "rtl"
    (skip,) = page.xpath("//a[@class='skip-link']/span")
    assert (skip.get("lang"), skip.text) == ("en", "Skip to main content")


def test_right_to_left_pages_isolate_numbers_addresses_and_links(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site()
    config = site / "site.yaml"
    config.write_text(
        config.read_text().replace("[en, es]", "[ar, en, es]")
        + "organization:\n  email: info@example.org\n"
    )
    (site / "content/articles/hello.ar.md").write_text(
        "---\ntitle: مرحبا\ndate: 2026-01-05\nslug: marhaba\n---\nنص.\n", encoding="utf-8"
    )
    built = build(site)
    page = built.page("ar/")
    assert page.getroottree().getroot().get("dir") == "rtl"
    for value in ("1-888-373-7888", "233733", "info@example.org"):
        (element,) = page.xpath(f"//*[normalize-space(text())='{value}']")
        isolated = element.tag == "bdi" or element.get("dir") == "ltr"
        assert isolated, f"{value} is not isolated from the right-to-left text"
