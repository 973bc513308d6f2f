"""End to end: the example site, built once, read back as parsed HTML, feeds and sitemap."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from lxml import etree, html

from tests.conftest import REPO, Built, covered

BASE = "https://lantern.example.org/"
FOCUSABLE = "//a[@href] | //button | //input | //select | //textarea | //*[@tabindex >= 0]"


def pages(example: Built) -> list[tuple[str, html.HtmlElement]]:
    return [
        (path.relative_to(example.out).as_posix(), html.fromstring(path.read_bytes()))
        for path in example.html_files()
    ]


def test_every_language_has_every_kind_of_page(example: Built) -> None:
    for lang in ("en", "es", "ar"):
        for path in ("", "articles/", "404.html", "feed.xml"):
            assert (example.out / lang / (path or "index.html")).is_file() or (
                example.out / lang / path / "index.html"
            ).is_file(), f"{lang}/{path}"
    assert (example.out / "es/articles/que-es-la-trata-de-personas/index.html").is_file()
    assert (example.out / "es/navegar-seguro/index.html").is_file()
    assert (example.out / "ar/get-help/index.html").is_file()
    assert (example.out / "ar/stay-safe-online/index.html").is_file()
    assert (example.out / "index.html").is_file()


def test_every_page_has_language_title_one_h1_quick_exit_and_help_bar(example: Built) -> None:
    for path, page in pages(example):
        root = page.getroottree().getroot()
        assert root.get("lang") in ("en", "es", "ar"), path
        assert root.get("dir") == ("rtl" if root.get("lang") == "ar" else "ltr"), path
        assert page.findtext(".//title").strip(), path
        assert len(page.xpath("//h1")) == 1, path
        first, second = page.xpath(FOCUSABLE)[:2]
        assert first.get("href") == "#main" and page.xpath("//main[@id='main']"), path
        assert second.get("href") == "https://weather.com/", path
        assert set(second.get("rel").split()) >= {"noreferrer", "nofollow"}, path
        assert page.xpath("//aside[contains(@class, 'help-bar')]//a[starts-with(@href, 'tel:+')]")
        assert page.xpath("//meta[@name='referrer']/@content") == ["no-referrer"], path


def test_safety_notice_links_to_the_safety_page_in_the_same_language(example: Built) -> None:
    for path, page in pages(example):
        lang = page.getroottree().getroot().get("lang")
        (link,) = page.xpath("//p[@class='quick-exit__notice']/a")
        expected = {
            "en": "/en/stay-safe-online/",
            "es": "/es/navegar-seguro/",
            "ar": "/ar/stay-safe-online/",
        }[lang]
        assert link.get("href") == expected, path


def internal_targets(page: html.HtmlElement) -> list[str]:
    found = []
    for value in page.xpath("//@href | //@src"):
        parts = urlsplit(value)
        if not parts.scheme and not parts.netloc and parts.path.startswith("/"):
            found.append(parts.path)
        elif value.startswith(BASE):
            found.append("/" + value[len(BASE) :])
    return found


def test_every_internal_link_and_asset_resolves(example: Built) -> None:
    for path, page in pages(example):
        covered("internal links", path)
        for target in internal_targets(page):
            file = example.out / target.lstrip("/")
            if target.endswith("/"):
                file = file / "index.html"
            assert file.is_file(), f"{path} links to {target}, which was not built"


def alternates(page: html.HtmlElement) -> dict[str, str]:
    return {link.get("hreflang"): link.get("href") for link in page.xpath("//link[@hreflang]")}


def test_hreflang_includes_itself_and_x_default_and_is_reciprocal(example: Built) -> None:
    by_url = {}
    for path, page in pages(example):
        url = BASE + (path[: -len("index.html")] if path.endswith("index.html") else path)
        by_url[url] = alternates(page)
    for url, links in by_url.items():
        assert "x-default" in links, url
        assert url in links.values(), f"{url} does not list itself"
        for target in links.values():
            assert target.startswith(BASE), target
            assert target in by_url, f"{url} names {target}, which was not built"
            assert by_url[target] == links, f"{target} does not link back like {url}"


def test_hreflang_is_only_for_real_translations(example: Built) -> None:
    only_english = example.page("en/articles/connecticut-leave-law/")
    assert set(alternates(only_english)) == {"en", "x-default"}
    translated = example.page("en/articles/what-is-human-trafficking/")
    assert alternates(translated) == {
        "en": BASE + "en/articles/what-is-human-trafficking/",
        "es": BASE + "es/articles/que-es-la-trata-de-personas/",
        "x-default": BASE + "en/articles/what-is-human-trafficking/",
    }


def test_language_switcher_links_to_the_translation_or_that_languages_home(example: Built) -> None:
    for path, page in pages(example):
        switcher = page.xpath("//nav[contains(@class, 'language-switcher')]//a")
        assert [a.get("lang") for a in switcher] == ["en", "es", "ar"], path
        assert [a.text_content() for a in switcher] == ["English", "español", "العربية"], path
        assert all(a.get("hreflang") == a.get("lang") for a in switcher), path
        assert not page.xpath("//nav[contains(@class, 'language-switcher')]//img"), path
        for link in switcher:
            target = example.out / link.get("href").lstrip("/")
            assert (target / "index.html").is_file() or target.is_file(), path
    english_only = example.page("en/articles/connecticut-leave-law/")
    hrefs = english_only.xpath("//nav[contains(@class, 'language-switcher')]//a/@href")
    assert hrefs == ["/en/articles/connecticut-leave-law/", "/es/", "/ar/"]
    current = english_only.xpath("//nav[contains(@class, 'language-switcher')]//a[@aria-current]")
    assert [a.get("lang") for a in current] == ["en"]


def test_article_in_another_language_is_listed_and_marked(example: Built) -> None:
    listing = example.page("en/articles/")
    (item,) = listing.xpath("//li[.//a[@href='/es/articles/lenguaje-centrado-en-sobrevivientes/']]")
    (link,) = item.xpath(".//a")
    assert (link.get("hreflang"), link.get("lang")) == ("es", "es")
    assert item.xpath(".//p[@class='article-item__summary']/@lang") == ["es"]
    # The date and the note are in the page's language: nothing around them says otherwise.
    (meta,) = item.xpath(".//p[@class='article-item__meta']")
    assert not [e for e in (meta, *meta.iterancestors()) if e.get("lang") not in (None, "en")]
    assert "in Spanish" in meta.text_content()
    arabic = example.page("ar/articles/")
    (item,) = arabic.xpath("//li[.//a[@href='/en/articles/what-is-human-trafficking/']]")
    (link,) = item.xpath(".//a")
    assert (link.get("hreflang"), link.get("lang")) == ("en", "en")
    assert item.xpath(".//p[@class='article-item__summary']/@lang") == ["en"]
    (meta,) = item.xpath(".//p[@class='article-item__meta']")
    assert not [e for e in (meta, *meta.iterancestors()) if e.get("lang") not in (None, "ar")]
    (own,) = arabic.xpath("//li[.//a[@href='/ar/articles/signs-of-trafficking/']]")
    (link,) = own.xpath(".//a")
    assert (link.get("hreflang"), link.get("lang")) == (None, None)
    assert own.xpath(".//p[@class='article-item__summary']/@lang") == []


def test_dates_are_written_the_way_each_language_writes_them(example: Built) -> None:
    english = example.page("en/articles/illinois-training-recap/")
    spanish = example.page("es/articles/" + spanish_slug(example, "illinois-training-recap"))
    assert english.xpath("string(//main//time)") == "March 29, 2019"
    assert spanish.xpath("string(//main//time)") == "29 de marzo de 2019"


def spanish_slug(example: Built, key: str) -> str:
    english = example.page(f"en/articles/{key}/")
    return english.xpath("string(//link[@hreflang='es']/@href)").split("/articles/")[1]


def test_drafts_and_future_articles_are_not_published(example: Built) -> None:
    assert not (example.out / "en/articles/board-meeting-notes").exists()
    assert not (example.out / "en/articles/wear-blue-day-2027").exists()


def test_feeds_parse_and_link_absolutely(example: Built) -> None:
    for lang in ("en", "es", "ar"):
        feed = feedparser.parse((example.out / lang / "feed.xml").read_bytes())
        assert feed.bozo == 0, feed.get("bozo_exception")
        assert feed.version == "atom10"
        assert feed.entries, lang
        covered("feedparser (Atom)", f"{lang}/feed.xml")
        for entry in feed.entries:
            assert entry.link.startswith(BASE + lang + "/articles/")
            assert entry.id and entry.updated and entry.title
            assert (example.out / entry.link[len(BASE) :] / "index.html").is_file()


def test_sitemap_lists_exactly_the_built_pages(example: Built) -> None:
    tree = etree.parse(str(example.out / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc[len(BASE) :] for loc in tree.xpath("//s:loc/text()", namespaces=ns)}
    built = {
        p.relative_to(example.out).as_posix().removesuffix("index.html")
        for p in example.html_files()
        if p.name != "404.html"
    }
    assert listed == built
    robots = (example.out / "robots.txt").read_text()
    assert f"Sitemap: {BASE}sitemap.xml" in robots


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(build: Callable[..., Built], tmp_path: Path) -> None:
    first = build(REPO, out=tmp_path / "one")
    second = build(REPO, out=tmp_path / "two")
    assert first.status == second.status == 0
    assert digest(first.out) == digest(second.out)


@pytest.mark.parametrize(
    "broken",
    [
        {"content/articles/hello.en.md": "---\ntitle: [unclosed\n---\n"},
        {"site.yaml": "title: x\nlanguages: [en, tlh-Latn-QQ]\nbase_url: https://x.org/\n"},
        {"content/articles/other.en.md": "---\ntitle: Other\ndate: 2026-01-01\nslug: hello\n---\n"},
        {"content/articles/hello.en.md": "---\ndate: 2026-01-05\n---\n"},
        {
            "content/events/gala.yaml": "title: Gala\nstarts: 2027-04-24T18:00\nends: 2027-04-24T17:00\n"
        },
        {"content/campaigns/month.yaml": "title: Month\nstarts: 2027-01-01\nends: 2026-12-31\n"},
        {"templates/partials/footer.html": "<footer>\n{% if %}\n</footer>\n"},
        {"templates/partials/footer.html": "<footer>{{ no_such_value }}</footer>\n"},
    ],
    ids=[
        "broken front matter",
        "unknown language",
        "duplicate slug",
        "missing title",
        "event ending before it starts",
        "campaign ending before it starts",
        "template syntax error",
        "template naming an unknown value",
    ],
)
def test_a_failed_build_leaves_the_previous_site_untouched(
    broken: dict[str, str], make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site()
    good = build(site)
    assert good.status == 0
    before = digest(good.out)
    for relative, text in broken.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(text, encoding="utf-8")
    bad = build(site)
    assert bad.status == 1
    assert len([line for line in bad.stderr.splitlines() if ": error: " in line]) == 1
    assert digest(bad.out) == before
    assert not [p for p in bad.out.parent.iterdir() if "staging" in p.name]


def test_a_site_without_templates_uses_the_default_theme(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    built = build(make_site())
    assert built.status == 0
    (stylesheet,) = built.page("en/").xpath('//link[@rel="stylesheet" and not(@media)]/@href')
    assert re.fullmatch(r"/static/lantern\.[0-9a-f]{8}\.css", stylesheet)
    assert (built.out / stylesheet.lstrip("/")).is_file()


def test_a_site_template_overrides_the_default_one_and_strings_one_by_one(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site(
        {
            "templates/404.html": "{% extends 'base.html' %}{% block title %}Lost{% endblock %}"
            "{% block main %}<h1>Lost</h1>{% endblock %}",
            "templates/i18n/es.yaml": "quick_exit: Salir ya\n",
        }
    )
    built = build(site)
    assert built.page("en/404.html").findtext(".//h1") == "Lost"
    assert built.page("es/").xpath("string(//a[@id='quick-exit'])") == "Salir ya"
    assert built.page("es/").xpath("string(//a[@class='skip-link'])") == (
        "Saltar al contenido principal"
    )


def test_base_url_with_a_path_prefixes_every_link(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site()
    config = site / "site.yaml"
    config.write_text(
        config.read_text().replace("https://minimal.example.org/", "https://example.org/network/")
    )
    page = build(site).page("en/articles/hello/")
    internal = [h for h in page.xpath("//@href | //@src") if h.startswith("/")]
    assert internal and all(h.startswith("/network/") for h in internal), internal
    assert page.xpath("string(//link[@rel='canonical']/@href)") == (
        "https://example.org/network/en/articles/hello/"
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "<footer>\n{% if %}\n</footer>\n",
            "templates/partials/footer.html:2: error: Expected an expression, got 'end of"
            " statement block'",
        ),
        (
            "<footer>\n\n{{ no_such_value }}</footer>\n",
            "templates/partials/footer.html:3: error: the template failed: 'no_such_value' is"
            " undefined",
        ),
    ],
    ids=["syntax", "unknown value"],
)
def test_a_mistake_in_a_template_is_reported_at_its_line(
    template: str, message: str, make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site({"templates/partials/footer.html": template})
    built = build(site)
    assert built.status == 1
    assert built.stderr.splitlines()[-2].startswith(message + " (hint: check the template's")
    assert "Traceback" not in built.stderr
