"""Nothing leaks: every text an editor writes, however hostile, stays text in every output.

One fixture site puts the same attack into every text field of site.yaml, front matter and each
content type; the output is read back with parsers (lxml, json, feedparser, icalendar) and compared
with the same site built from harmless text of the same shape.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import pytest
from lxml import etree, html

from lantern.cli import main
from lantern.routes import fingerprinted_path, tag_slug
from tests.conftest import REPO, SITES, TODAY, Built

ATTACK = (
    "\"><script>alert(1)</script><img src=x onerror=alert(2)> & ' "
    "</script><script>alert(3)</script> ]]>"
)
HARMLESS = re.sub(r"\S", "x", ATTACK)  # the same words, so text wraps and sorts alike
EMAIL = 'a"onmouseover="alert(4)@example.org'  # fits the schema's pattern for an address
HASHTAG = '"><svg/onload=alert(6)>&amp;'  # a hashtag has no spaces
BASE = "https://minimal.example.org/"
OWN_SCRIPTS = {  # the theme's scripts, named by the digest of their bytes
    "/"
    + fingerprinted_path(f"static/{path.name}", hashlib.sha256(path.read_bytes()).hexdigest()[:8])
    for path in (REPO / "templates/static").glob("*.js")
}


def attack(field: str) -> str:
    """The hostile text of one field, named so each can be found where it belongs."""
    return f"{field} {ATTACK}"


def site_files(text: Callable[[str], str], email: str, hashtag: str) -> dict[str, str]:
    """A site with every text field written by `text(field)`; Markdown fields hold it as code."""

    def say(field: str) -> str:  # a YAML scalar: JSON strings are YAML's double-quoted ones
        return json.dumps(text(field))

    def code(field: str) -> str:  # Markdown: the text shown as code, so it must stay text
        return json.dumps(f"`{text(field)}`")

    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>'
    return {
        "site.yaml": f"""title:
  en: {say("site-title-en")}
  es: {say("site-title-es")}
description:
  en: {say("site-description-en")}
  es: {say("site-description-es")}
base_url: {BASE}
languages: [en, es]
timezone: America/New_York
organization:
  name: {say("organization-name")}
  url: https://example.org/
  email: {json.dumps(email)}
  social:
    {say("social-network")}: https://social.example.org/@us
announcement:
  text: {say("announcement-text")}
  link: https://example.org/news
menu:
  - page: stay-safe-online
  - section: hotlines
  - section: facts
  - section: events
  - section: campaigns
  - section: resources
  - section: articles
  - url: https://example.org/partner
    title: {say("menu-title")}
featured_campaign: hostile-campaign
help: [national, hostile-line]
""",
        "content/media/photo.svg": svg,
        "content/media/flyer.pdf": "%PDF-1.4\n",
        "content/articles/hostile.en.md": f"""---
title: {say("article-title")}
date: 2026-03-01
summary: {say("article-summary")}
tags: [{say("article-tag")}]
author: {say("article-author")}
image: photo.svg
image_alt: {say("article-image-alt")}
---
Body text.
""",
        "content/articles/hostile.es.md": f"""---
title: {say("articulo-titulo")}
summary: {say("articulo-resumen")}
image_alt: {say("articulo-imagen")}
---
Texto.
""",
        "content/pages/stay-safe-online.en.md": f"""---
title: {say("page-title")}
summary: {say("page-summary")}
---
Quick exit does not erase your browsing history. Press Shift three times to leave.
""",
        "content/hotlines/hostile-line.yaml": f"""name: {say("hotline-name")}
operator: {say("hotline-operator")}
description: {say("hotline-description")}
area: US-CT
topics: [{say("topic")}]
languages: [en]
hours: 24/7
last_verified: 2026-11-01
channels:
  - type: call
    number: 1-888-373-7888
    label: {say("channel-label")}
  - type: text
    number: "233733"
    keyword: {say("channel-keyword")}
  - type: email
    address: {json.dumps("b" + email)}
  - type: web
    url: https://example.org/help
    label: {say("web-label")}
""",
        "content/facts/hostile-sheet.yaml": f"""title: {say("sheet-title")}
summary: {say("sheet-summary")}
updated: 2026-11-02
body: {code("sheet-body")}
facts:
  - id: one
    text: {say("fact-text")}
    value: 44
    unit: "%"
    source:
      name: {say("source-name")}
      period: {say("source-period")}
      url: https://example.org/source
    caveat: {say("fact-caveat")}
charts:
  - id: chart
    title: {say("chart-title")}
    kind: bar
    unit: {say("chart-unit")}
    data:
      - label: {say("chart-label")}
        value: 10
    source:
      name: {say("chart-source-name")}
      year: 2021
    caption: {say("chart-caption")}
signs:
  - group: {say("signs-group")}
    items: [{say("signs-item")}]
myths:
  - myth: {say("myth")}
    fact: {say("myth-fact")}
""",
        "content/events/hostile-event.yaml": f"""title: {say("event-title")}
description: {code("event-description")}
starts: "2027-01-20T14:00"
ends: "2027-01-20T16:00"
kind: training
location:
  name: {say("location-name")}
  address: {say("location-address")}
  city: {say("location-city")}
  region: {say("location-region")}
  online_url: https://example.org/join
registration_url: https://example.org/register
cost: {say("event-cost")}
audience: {say("event-audience")}
image: photo.svg
image_alt: {say("event-image-alt")}
campaign: hostile-campaign
""",
        "content/campaigns/hostile-campaign.yaml": f"""title: {say("campaign-title")}
tagline: {say("campaign-tagline")}
description: {code("campaign-description")}
starts: 2027-01-01
ends: 2027-01-31
hashtags: [{json.dumps(hashtag)}]
key_dates:
  - date: 2027-01-11
    title: {say("key-date-title")}
    description: {say("key-date-description")}
actions:
  - date: 2027-01-02
    title: {say("action-title")}
    description: {code("action-description")}
    link: https://example.org/act
facts: [hostile-sheet/one]
social_posts:
  - text: {say("post-text")}
    fact: hostile-sheet/one
  - text: {say("post-text-image")}
    image: photo.svg
    image_alt: {say("post-image-alt")}
downloads:
  - title: {say("download-title")}
    file: flyer.pdf
    description: {say("download-description")}
""",
        "content/resources/hostile-resources.yaml": f"""title: {say("resources-title")}
audience: {say("resources-audience")}
description: {say("resources-description")}
links:
  - title: {say("link-title")}
    url: https://example.org/resource
    description: {say("link-description")}
    languages: [en]
""",
    }


def build_site(folder: Path, files: dict[str, str]) -> Built:
    """tests/sites/minimal with `files` written over it, built through the command line.

    Built once per module, not per test (conftest's make_site and build are per test): each of
    the tests below only reads the output.
    """
    site = folder / "site"
    shutil.copytree(SITES / "minimal", site)
    for relative, text in files.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(text, encoding="utf-8")
    out = folder / "out"
    status = main(["--site", str(site), "--out", str(out), "--today", TODAY, "--quiet"])
    assert status == 0, "the site must build: hostile text is still text"
    return Built(status, out, "", "")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    files = site_files(attack, EMAIL, HASHTAG)
    return build_site(tmp_path_factory.mktemp("hostile"), files)


@pytest.fixture(scope="module")
def harmless(tmp_path_factory: pytest.TempPathFactory) -> Built:
    files = site_files(
        lambda field: f"{field} {HARMLESS}",
        re.sub(r"[^@.]", "x", EMAIL),
        re.sub(r".", "x", HASHTAG),
    )
    return build_site(tmp_path_factory.mktemp("harmless"), files)


def html_pages(built: Built) -> dict[str, html.HtmlElement]:
    return {
        path.relative_to(built.out).as_posix(): html.fromstring(path.read_bytes())
        for path in built.html_files()
    }


def elements(page: html.HtmlElement) -> list[html.HtmlElement]:
    return [element for element in page.iter() if isinstance(element.tag, str)]


# ------------------------------------------------------------------ HTML pages


def test_no_script_runs_but_the_sites_own(hostile: Built) -> None:
    pages = html_pages(hostile)
    assert len(pages) > 30
    for path, page in pages.items():
        for script in page.iter("script"):
            if script.get("type") == "application/ld+json":
                assert script.get("src") is None, path
                continue
            assert dict(script.attrib) == {"src": script.get("src"), "defer": "defer"}, path
            assert script.get("src") in OWN_SCRIPTS, path
            assert not (script.text or "").strip(), path


def test_no_element_has_an_event_handler(hostile: Built) -> None:
    for path, page in html_pages(hostile).items():
        handlers = [
            (element.tag, name)
            for element in elements(page)
            for name in element.attrib
            if name.lower().startswith("on")
        ]
        assert handlers == [], path


def test_the_content_security_policy_comes_first_in_every_page(hostile: Built) -> None:
    """A policy in a meta element holds only for what follows it: only charset and viewport
    may come first."""
    for path, page in html_pages(hostile).items():
        order = elements(page)
        (policy,) = page.xpath("//meta[@http-equiv='Content-Security-Policy']")
        assert policy.getparent().tag == "head", path
        before = [element.tag for element in order[: order.index(policy)]]
        assert before == ["html", "head", "meta", "meta"], path  # charset and viewport


def test_hostile_text_changes_no_element_and_no_attribute_name(
    hostile: Built, harmless: Built
) -> None:
    """Page by page, the same elements with the same attributes as with harmless text."""
    tag, harmless_tag = tag_slug(attack("article-tag")), tag_slug(f"article-tag {HARMLESS}")

    def shape(page: html.HtmlElement) -> list[tuple[str, tuple[str, ...]]]:
        return [(element.tag, tuple(sorted(element.attrib))) for element in elements(page)]

    hostile_pages = html_pages(hostile)
    harmless_pages = html_pages(harmless)
    for path, page in hostile_pages.items():
        assert shape(page) == shape(harmless_pages[path.replace(tag, harmless_tag)]), path
    assert len(hostile_pages) == len(harmless_pages)


# (field, page, the element it is text of)
TEXT_AT = [
    ("site-title-en", "en/", "//a[@class='site-title']"),
    ("site-title-en", "en/", "//title"),
    ("site-title-es", "es/", "//a[@class='site-title']"),
    ("site-title-en", "", "//h1"),
    ("site-description-en", "en/", "//main//p"),
    ("organization-name", "en/", "//p[@class='site-footer__name']"),
    ("social-network", "en/", "//ul[@class='site-footer__social']//a"),
    ("announcement-text", "en/articles/", "//div[@class='announcement']/p"),
    ("menu-title", "en/", "//header//nav//a"),
    ("page-title", "en/", "//header//nav//a"),
    ("page-title", "en/stay-safe-online/", "//h1"),
    ("page-summary", "en/stay-safe-online/", "//p[@class='article__summary']"),
    ("article-title", "en/articles/hostile/", "//h1"),
    ("article-title", "en/articles/", "//h2[@class='article-item__title']"),
    ("article-summary", "en/articles/hostile/", "//p[@class='article__summary']"),
    ("article-author", "en/articles/hostile/", "//p[@class='article__meta']/span"),
    ("article-tag", "en/articles/hostile/", "//a[@class='tag']"),
    ("article-tag", f"en/tags/{tag_slug(attack('article-tag'))}/", "//h1"),
    ("articulo-titulo", "es/articles/hostile/", "//h1"),
    ("articulo-resumen", "es/articles/", "//p[@class='article-item__summary']"),
    ("hotline-name", "en/articles/", "//span[@class='help-bar__name']"),
    ("hotline-name", "en/hotlines/hostile-line/", "//h1"),
    ("hotline-operator", "en/hotlines/hostile-line/", "//p[@class='hotline__operator']"),
    ("hotline-description", "en/hotlines/", "//p[@class='hotline__description']"),
    ("topic", "en/hotlines/hostile-line/", "//dd"),
    ("channel-label", "en/hotlines/hostile-line/", "//a[contains(@class, 'channel--call')]"),
    ("channel-keyword", "en/hotlines/hostile-line/", "//a[contains(@class, 'channel--text')]"),
    ("web-label", "en/hotlines/hostile-line/", "//a[contains(@class, 'channel--web')]"),
    ("sheet-title", "en/facts/hostile-sheet/", "//h1"),
    ("sheet-summary", "en/facts/", "//p[@class='article-item__summary']"),
    ("sheet-body", "en/facts/hostile-sheet/", "//div[@class='prose']//code"),
    ("fact-text", "en/facts/hostile-sheet/", "//p[@class='fact__text']"),
    ("fact-caveat", "en/facts/hostile-sheet/", "//p[@class='caveat']"),
    ("source-name", "en/facts/hostile-sheet/", "//p[@class='source']//a"),
    ("source-period", "en/facts/hostile-sheet/", "//p[@class='source']"),
    ("chart-title", "en/facts/hostile-sheet/", "//svg/title"),
    ("chart-title", "en/facts/hostile-sheet/", "//caption"),
    ("chart-label", "en/facts/hostile-sheet/", "//th"),
    ("chart-caption", "en/facts/hostile-sheet/", "//p[@class='chart__caption']"),
    ("chart-source-name", "en/facts/hostile-sheet/", "//cite"),
    ("signs-group", "en/facts/hostile-sheet/", "//h3"),
    ("signs-item", "en/facts/hostile-sheet/", "//li"),
    ("myth", "en/facts/hostile-sheet/", "//dl[@class='myths']/dt"),
    ("myth-fact", "en/facts/hostile-sheet/", "//dl[@class='myths']/dd"),
    ("event-title", "en/events/hostile-event/", "//h1"),
    ("event-title", "en/events/", "//h3[@class='event-item__title']"),
    ("event-description", "en/events/hostile-event/", "//div[@class='prose']//code"),
    ("location-name", "en/events/hostile-event/", "//dd"),
    ("location-address", "en/events/hostile-event/", "//dd"),
    ("location-city", "en/events/", "//p[@class='event-item__where']"),
    ("location-region", "en/events/hostile-event/", "//dd"),
    ("event-cost", "en/events/hostile-event/", "//dd"),
    ("event-audience", "en/events/hostile-event/", "//dd"),
    ("campaign-title", "en/campaigns/hostile-campaign/", "//h1"),
    ("campaign-title", "en/events/hostile-event/", "//dd"),
    ("campaign-tagline", "en/campaigns/hostile-campaign/", "//p[@class='campaign__tagline']"),
    ("campaign-description", "en/campaigns/hostile-campaign/", "//div[@class='prose']//code"),
    ("key-date-title", "en/campaigns/hostile-campaign/", "//p[@class='timeline__title']"),
    ("key-date-description", "en/campaigns/hostile-campaign/", "//li[@class='timeline__item']/p"),
    ("action-title", "en/campaigns/hostile-campaign/", "//h3[@class='actions__title']"),
    ("action-description", "en/campaigns/hostile-campaign/", "//div[@class='actions__text']//code"),
    ("post-text", "en/campaigns/hostile-campaign/", "//p[@class='post__text']"),
    ("post-text-image", "es/campaigns/hostile-campaign/", "//p[@class='post__text']"),
    ("download-title", "en/campaigns/hostile-campaign/", "//ul[@class='downloads']//a"),
    ("download-description", "en/campaigns/hostile-campaign/", "//ul[@class='downloads']/li"),
    ("resources-title", "en/resources/", "//h2"),
    ("resources-audience", "en/resources/", "//p[@class='resource__audience']"),
    ("resources-description", "en/resources/", "//section[@class='resource']/p"),
    ("link-title", "en/resources/", "//ul[@class='resource__links']//a"),
    ("link-description", "en/resources/", "//ul[@class='resource__links']//p"),
]


@pytest.mark.parametrize(("field", "path", "xpath"), TEXT_AT, ids=lambda v: str(v)[:40])
def test_hostile_text_is_shown_as_text_where_it_belongs(
    hostile: Built, field: str, path: str, xpath: str
) -> None:
    found = hostile.page(path).xpath(xpath)
    assert found, f"{xpath} on {path}"
    assert any(attack(field) in element.text_content() for element in found), [
        element.text_content() for element in found
    ]


# (field, page, element, attribute): the attribute's whole value is the field's text
ATTRIBUTES = [
    ("article-summary", "en/articles/hostile/", "//meta[@name='description']", "content"),
    ("page-summary", "en/stay-safe-online/", "//meta[@name='description']", "content"),
    ("site-description-en", "en/articles/", "//meta[@name='description']", "content"),
    ("sheet-summary", "en/facts/hostile-sheet/", "//meta[@name='description']", "content"),
    (
        "campaign-tagline",
        "en/campaigns/hostile-campaign/",
        "//meta[@name='description']",
        "content",
    ),
    ("article-image-alt", "en/articles/hostile/", "//main//img", "alt"),
    ("articulo-imagen", "es/articles/hostile/", "//main//img", "alt"),
    ("post-image-alt", "en/campaigns/hostile-campaign/", "//li[@class='post']//img", "alt"),
    ("event-image-alt", "es/events/hostile-event/", "//figure[@class='event__image']/img", "alt"),
    ("topic", "en/hotlines/", "//select//option[last()]", "value"),
    ("topic", "en/hotlines/hostile-line/", "//article[@data-topics]", "data-topics"),
]


@pytest.mark.parametrize(("field", "path", "xpath", "attribute"), ATTRIBUTES, ids=str)
def test_hostile_text_is_a_whole_attribute_value(
    hostile: Built, harmless: Built, field: str, path: str, xpath: str, attribute: str
) -> None:
    values = [element.get(attribute) for element in hostile.page(path).xpath(xpath)]
    assert attack(field) in values
    (element,) = [e for e in hostile.page(path).xpath(xpath) if e.get(attribute) == attack(field)]
    (same,) = [
        e for e in harmless.page(path).xpath(xpath) if e.get(attribute) == f"{field} {HARMLESS}"
    ]
    assert sorted(element.attrib) == sorted(same.attrib)  # no attribute more


def test_text_inside_attributes_of_feeds_and_links_stays_inside(hostile: Built) -> None:
    page = hostile.page("en/")
    (feed,) = page.xpath("//link[@type='application/atom+xml']")
    assert feed.get("title").startswith(attack("site-title-en"))
    (email,) = page.xpath("//footer//a[starts-with(@href, 'mailto:')]")
    assert dict(email.attrib) == {"href": f"mailto:{EMAIL}"}
    shares = hostile.page("en/campaigns/hostile-campaign/").xpath("//li[@class='post']//a/@href")
    assert shares and all("<" not in href and '"' not in href for href in shares)


# ------------------------------------------------------------------ JSON


def json_ld(built: Built, path: str) -> list[Any]:
    """Each JSON-LD block of a page: its raw text may not hold anything that ends a script."""
    blocks = []
    for script in built.page(path).xpath("//script[@type='application/ld+json']"):
        raw = script.text
        assert "<" not in raw and ">" not in raw, raw  # no "</script", no "<!--"
        blocks.append(json.loads(raw))
    return blocks


def test_json_ld_parses_and_keeps_hostile_text_whole(hostile: Built) -> None:
    (event,) = json_ld(hostile, "en/events/hostile-event/")
    assert event["name"] == attack("event-title")
    assert event["description"] == f"`{attack('event-description')}`"
    assert event["organizer"]["name"] == attack("organization-name")
    place = next(place for place in event["location"] if place["@type"] == "Place")
    assert place["name"] == attack("location-name")
    assert place["address"] == {
        "@type": "PostalAddress",
        "streetAddress": attack("location-address"),
        "addressLocality": attack("location-city"),
        "addressRegion": attack("location-region"),
    }
    (hotline,) = json_ld(hostile, "en/hotlines/hostile-line/")
    assert hotline["name"] == attack("hotline-name")
    for path in html_pages(hostile):  # every block of every page parses
        json_ld(hostile, path.removesuffix("index.html"))


def test_hotline_directory_json_keeps_hostile_text_whole(hostile: Built) -> None:
    directory = json.loads((hostile.out / "hotlines.json").read_text(encoding="utf-8"))
    (service,) = [s for s in directory["contents"] if s["name"] == attack("hotline-name")]
    assert service["description"] == attack("hotline-description")
    assert service["email"] == "b" + EMAIL


# ------------------------------------------------------------------ feeds, calendars, sitemap


@pytest.mark.parametrize(
    ("lang", "title", "summary"),
    [("en", "article-title", "article-summary"), ("es", "articulo-titulo", "articulo-resumen")],
)
def test_feeds_parse_and_carry_hostile_text_as_text(
    hostile: Built, lang: str, title: str, summary: str
) -> None:
    raw = (hostile.out / lang / "feed.xml").read_bytes()
    etree.fromstring(raw)  # well-formed XML, or this raises
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == attack(f"site-title-{lang}")
    assert feed.feed.subtitle == attack(f"site-description-{lang}")
    assert feed.feed.author == attack("organization-name")
    (entry,) = [e for e in feed.entries if e.title == attack(title)]
    assert entry.title_detail.type == "text/plain"
    assert entry.summary == attack(summary)
    assert entry.author == attack("article-author")
    assert [tag.term for tag in entry.tags] == [attack("article-tag")]


def test_calendars_parse_and_carry_hostile_text(hostile: Built) -> None:
    event_file = (hostile.out / "events/hostile-event.ics").read_bytes()
    (event,) = icalendar.Calendar.from_ical(event_file).walk("VEVENT")
    assert str(event["SUMMARY"]) == attack("event-title")
    assert str(event["DESCRIPTION"]) == f"`{attack('event-description')}`"
    assert str(event["LOCATION"]) == ", ".join(
        attack(f"location-{part}") for part in ("name", "address", "city", "region")
    )
    campaign = icalendar.Calendar.from_ical(
        (hostile.out / "campaigns/hostile-campaign.ics").read_bytes()
    )
    assert str(campaign["X-WR-CALNAME"]) == attack("campaign-title")
    summaries = {str(item["SUMMARY"]) for item in campaign.walk("VEVENT")}
    assert summaries == {attack("event-title"), attack("key-date-title")}


def test_sitemap_is_xml_that_lists_only_the_sites_pages(hostile: Built) -> None:
    sitemap = etree.fromstring((hostile.out / "sitemap.xml").read_bytes())
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = sitemap.xpath("//s:loc/text()", namespaces=names)
    pages = {
        BASE + path.removesuffix("index.html")
        for path in html_pages(hostile)
        if not path.endswith("404.html")
    }
    assert set(locations) == pages
    assert BASE + f"en/tags/{tag_slug(attack('article-tag'))}/" in locations
    alternates = sitemap.xpath("//*[local-name()='link']/@href")
    assert alternates and set(alternates) <= pages
