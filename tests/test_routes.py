"""Planning: every output file and URL, made in one place from the model."""

from __future__ import annotations

import datetime as dt

from lantern.model import Article, Page, Site, SiteConfig, Translatable
from lantern.routes import ARTICLES_PER_PAGE, listing_in, plan, tag_slug

CONFIG = SiteConfig(Translatable.same("T"), "https://x.example.org/", ("en", "es"))


def article(key: str, lang: str, day: int, slug: str = "", tags: tuple[str, ...] = ()) -> Article:
    return Article(key, lang, slug or key, key.title(), dt.date(2026, 1, day), "", tags=tags)


def site(*articles: Article) -> Site:
    safety = Page("stay-safe-online", "en", "stay-safe-online", "Safe", "")
    return Site(CONFIG, dt.date(2026, 11, 25), articles=articles, pages=(safety,))


def test_urls_are_lowercase_end_in_a_slash_and_sit_under_the_language() -> None:
    routes = plan(site(article("a", "en", 1), article("a", "es", 1, "uno")), ())
    paths = {r.path for r in routes}
    assert {"", "en/", "es/", "en/articles/", "en/articles/a/", "es/articles/uno/"} <= paths
    assert {"en/stay-safe-online/", "404.html", "en/404.html", "sitemap.xml", "robots.txt"} <= paths
    assert {"en/feed.xml", "es/feed.xml"} <= paths
    assert "_headers" in paths  # a file for hosts, without an extension
    pages = [p for p in paths if "." not in p.rsplit("/", 1)[-1] and p != "_headers"]
    assert all(p == p.lower() and (p == "" or p.endswith("/")) for p in pages)


def test_translations_are_alternates_and_the_switcher_falls_back_to_home() -> None:
    routes = plan(
        site(article("a", "en", 1), article("a", "es", 1, "uno"), article("b", "en", 2)), ()
    )
    a = routes.paths["es/articles/uno/"]
    assert [(link.lang, link.path) for link in a.alternates] == [
        ("en", "en/articles/a/"),
        ("es", "es/articles/uno/"),
    ]
    assert a.x_default == "en/articles/a/"
    b = routes.paths["en/articles/b/"]
    assert [(link.lang, link.path, link.is_translation) for link in b.switcher] == [
        ("en", "en/articles/b/", True),
        ("es", "es/", False),
    ]


def test_a_language_lists_articles_it_lacks_in_the_default_language() -> None:
    only_english = article("b", "en", 2)
    listed = listing_in(site(article("a", "es", 1, "uno"), only_english), "es")
    assert [(a.key, a.lang) for a in listed] == [("b", "en"), ("a", "es")]


def test_lists_are_paginated_in_every_language_alike() -> None:
    many = [article(f"a{i}", "en", i) for i in range(1, ARTICLES_PER_PAGE + 3)]
    routes = plan(site(*many), ())
    assert "en/articles/page/2/" in routes.paths and "es/articles/page/2/" in routes.paths
    second = routes.paths["en/articles/page/2/"]
    assert (second.page_number, second.page_count, len(second.listing)) == (2, 2, 2)
    assert {link.path for link in second.alternates} == {
        "en/articles/page/2/",
        "es/articles/page/2/",
    }


def test_tags_become_ascii_slugs() -> None:
    assert tag_slug("Trabajo forzado") == "trabajo-forzado"
    assert tag_slug("cómo ayudar") == "como-ayudar"
    assert tag_slug("عمل").startswith("tag-")
    routes = plan(site(article("a", "en", 1, tags=("How to help",))), ())
    assert routes.paths["en/tags/how-to-help/"].listing[0].key == "a"
