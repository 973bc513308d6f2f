"""site.yaml: every rule, with the bad input and the exact message an editor sees."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lantern.config import load_config
from tests.conftest import SITES, Built, errors_in

GOOD = (SITES / "minimal" / "site.yaml").read_text(encoding="utf-8")

CASES = {
    "unknown language": (
        GOOD.replace("languages: [en, es]", "languages: [en, xx]"),
        'site.yaml:5:17: error: "xx" is not a language known to CLDR '
        "(hint: use a BCP 47 tag such as en, es, pt-BR, ar or zh-Hant)",
    ),
    "missing required field": (
        GOOD.replace("base_url: https://minimal.example.org/\n", ""),
        'site.yaml:1:1: error: the required field "base_url" is missing '
        '(hint: add a line "base_url: ...")',
    ),
    "unknown field with a suggestion": (
        GOOD + "timezon: UTC\n",
        'site.yaml:8:1: error: unknown field "timezon" (hint: did you mean "timezone"?)',
    ),
    "base_url without https": (
        GOOD.replace("https://minimal.example.org/", "http://minimal.example.org"),
        'site.yaml:4:11: error: "base_url" must be the full https:// address the site is '
        "published at, ending in / (hint: for example https://coalition.example.org/ or "
        "https://example.org/network/)",
    ),
    "bad time zone": (
        GOOD.replace("America/New_York", "America/Springfield"),
        'site.yaml:6:11: error: "America/Springfield" is not a time zone name '
        "(hint: use an IANA name such as America/New_York or Europe/Madrid)",
    ),
    "translation in a language the site does not have": (
        GOOD.replace("  es: Coalición Mínima", "  fr: Coalition minimale"),
        'site.yaml:3:3: error: "fr" is not one of the site\'s languages (en, es) '
        "(hint: use a language listed under languages: in site.yaml, or add it there)",
    ),
    "wrong type": (
        GOOD.replace("languages: [en, es]", "languages: en"),
        'site.yaml:5:12: error: "languages" must be a list',
    ),
    "help names a hotline that does not exist": (
        GOOD.replace("help: [national]", "help: [national, missing-line]"),
        'site.yaml:7:18: error: help lists "missing-line", but there is no '
        "content/hotlines/missing-line.yaml (hint: use the file name (without .yaml) "
        "of a hotline listing)",
    ),
    "menu item with two targets": (
        GOOD + "menu:\n  - page: stay-safe-online\n    section: articles\n",
        "site.yaml:9:5: error: a menu item needs exactly one of page:, section: or url: "
        "(hint: for example '- page: about' or '- url: https://example.org/ with a title:')",
    ),
    "menu url without a title": (
        GOOD + "menu:\n  - url: https://example.org/\n",
        "site.yaml:9:5: error: a menu item with url: needs a title: "
        "(hint: add title: with the text of the link)",
    ),
    "menu names a missing page": (
        GOOD + "menu:\n  - page: about\n",
        'site.yaml:9:11: error: the menu names the page "about", which does not exist'
        " (hint: use a page's KEY: its file name in content/pages/ without .LANG.md)",
    ),
    "menu section without content": (
        GOOD + "menu:\n  - section: resources\n",
        'site.yaml:9:14: error: the section "resources" has no pages '
        "(hint: add content to content/resources/ first, or remove the menu item)",
    ),
    "announcement date that does not exist": (
        GOOD + "announcement:\n  text: Hi\n  until: 2027-02-30\n",
        'site.yaml:10:10: error: "announcement.until" is not a real date: 2027-02-30',
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_site_yaml_gives_one_clear_error(
    case: str, make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    text, expected = CASES[case]
    built = build(make_site({"site.yaml": text}))
    assert built.status == 1
    assert errors_in(built) == [expected]
    assert "Traceback" not in built.stderr
    assert not built.out.exists()


def test_defaults_fill_what_site_yaml_leaves_out() -> None:
    config = load_config(SITES / "minimal")
    assert config.default_lang == "en"
    assert config.quick_exit_url == "https://weather.com/"
    assert config.output_dir == "_site"
    assert config.base_path == "/"


def test_base_url_may_carry_a_path(make_site: Callable[..., Path]) -> None:
    site = make_site({"site.yaml": GOOD.replace("minimal.example.org/", "example.org/network/")})
    assert load_config(site).base_path == "/network/"


def test_menu_items_link_pages_sections_and_urls_with_their_titles(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    menu = (
        "menu:\n"
        "  - page: stay-safe-online\n"
        "    title: {en: Stay safe, es: Seguridad}\n"
        "  - section: articles\n"
        "  - url: /en/articles/hello/\n"
        "    title: {en: Hello, es: Hola}\n"
        "  - url: https://example.org/donate\n"
        "    title: Donate\n"
    )
    text = GOOD.replace("minimal.example.org/", "example.org/network/") + menu
    built = build(make_site({"site.yaml": text}))
    assert built.status == 0, built.stderr
    links = built.page("es/articles/").xpath("//nav[contains(@class, 'main-nav')]//a")
    assert [(a.text_content(), a.get("href")) for a in links] == [
        ("Seguridad", "/network/es/navegar-seguro/"),
        ("Noticias y artículos", "/network/es/articles/"),
        ("Hola", "/network/en/articles/hello/"),
        ("Donate", "https://example.org/donate"),
    ]
    assert [a.get("aria-current") for a in links] == [None, "page", None, None]
    assert links[3].get("rel") == "noreferrer"


def test_a_title_in_a_language_the_site_lacks_is_found_inside_lists(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    text = GOOD + "menu:\n  - url: https://example.org/\n    title: {en: A, fr: B}\n"
    built = build(make_site({"site.yaml": text}))
    assert errors_in(built) == [
        'site.yaml:10:20: error: "fr" is not one of the site\'s languages (en, es) '
        "(hint: use a language listed under languages: in site.yaml, or add it there)"
    ]


def test_the_logo_must_be_in_media(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    built = build(make_site({"site.yaml": GOOD + "organization:\n  logo: logo.svg\n"}))
    assert errors_in(built) == [
        'site.yaml:9:9: error: the logo "logo.svg" is not in content/media/ '
        "(hint: put the file in content/media/ and give its path relative to that folder)"
    ]


def test_site_yml_is_accepted(make_site: Callable[..., Path], build: Callable[..., Built]) -> None:
    site = make_site()
    (site / "site.yaml").rename(site / "site.yml")
    assert build(site).status == 0


def test_the_announcement_shows_until_its_last_day(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    text = GOOD + "announcement:\n  text: {en: Trainings in January, es: Talleres en enero}\n"
    site = make_site({"site.yaml": text + "  link: /en/articles/hello/\n  until: 2026-11-25\n"})
    shown = build(site).page("es/").xpath("//div[@class='announcement']")
    assert [d.text_content().strip() for d in shown] == ["Talleres en enero Más información"]
    assert shown[0].xpath(".//a/@href") == ["/en/articles/hello/"]
    assert (
        not build(site, "--today", "2026-11-26").page("es/").xpath("//div[@class='announcement']")
    )
