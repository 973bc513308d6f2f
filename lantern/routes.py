"""plan(site) -> Routes: every file the build writes, with its URL. The only place URLs are made.

A URL path here is relative to the site's base path and never starts with "/": "en/articles/x/".
Templates turn it into a link with the `url` filter (base path + path) or `absolute`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from lantern.model import Article, Campaign, Event, FactSheet, Hotline, Page, Site

ARTICLES_PER_PAGE = 8  # a list a phone can scroll; the example site shows two pages
HOME_ARTICLES = 5
FEED_ENTRIES = 20


@dataclass(frozen=True)
class Link:
    """A page in one language: for hreflang alternates and the language switcher."""

    lang: str
    path: str
    is_translation: bool = True  # False when it is only that language's home page


@dataclass(frozen=True)
class Route:
    """One output file: where it goes, what it shows and how it relates to its translations."""

    path: str  # URL path, "" for the root, "en/articles/slug/" or "en/feed.xml"
    kind: str  # chooser, home, article, articles, tag, page, search, 404, feed, ...
    template: str
    lang: str = ""  # "" for language-neutral files
    alternates: tuple[Link, ...] = ()  # real translations, this route included, in site order
    x_default: str = ""
    switcher: tuple[Link, ...] = ()  # one link per site language
    item: Article | Page | Hotline | FactSheet | Event | Campaign | None = None
    listing: tuple[Article, ...] = ()  # articles a list, home, tag page or feed shows
    tag: str = ""
    page_number: int = 1
    page_count: int = 1
    noindex: bool = False
    index: int = 0  # which social post a share image shows

    @property
    def file(self) -> str:
        """The output file, relative to the output folder."""
        return self.path if not self.path.endswith("/") and self.path else self.path + "index.html"


@dataclass(frozen=True)
class Routes:
    pages: tuple[Route, ...]
    static: tuple[tuple[str, Path], ...]  # (URL path, source file)
    paths: dict[str, Route] = field(default_factory=dict)
    assets: dict[str, str] = field(default_factory=dict)  # "static/x.css" -> its published path

    def __iter__(self) -> Iterator[Route]:
        return iter(self.pages)


def article_path(article: Article) -> str:
    return f"{article.lang}/articles/{article.slug}/"


def page_path(page: Page) -> str:
    return f"{page.lang}/{page.slug}/"


def home_path(lang: str) -> str:
    return f"{lang}/"


def list_path(lang: str, number: int) -> str:
    return f"{lang}/articles/" if number == 1 else f"{lang}/articles/page/{number}/"


def tag_path(lang: str, tag: str) -> str:
    return f"{lang}/tags/{tag_slug(tag)}/"


@cache
def tag_slug(tag: str) -> str:
    """A tag as a URL segment: "Trabajo forzado" -> "trabajo-forzado"."""
    ascii_text = unicodedata.normalize("NFKD", tag).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "tag-" + hashlib.sha1(tag.encode()).hexdigest()[:8]


def search_path(lang: str) -> str:
    return f"{lang}/search/"


# Pagefind's bundles, written after the pages (lantern/search.py) and loaded by the search page.
SEARCH_BUNDLE = "pagefind/"


def section_path(lang: str, section: str) -> str:
    return f"{lang}/{section}/"


def record_path(lang: str, section: str, record_id: str) -> str:
    """A hotline or fact sheet: one record, a page in every language."""
    return f"{lang}/{section}/{record_id}/"


def calendar_path(section: str, record_id: str) -> str:
    """An event's or campaign's .ics: one file for every language."""
    return f"{section}/{record_id}.ics"


def share_image_path(lang: str, campaign_id: str, index: int, digest: str = "") -> str:
    """A share image (a stable address, to link to and share), or with the `digest` of what it
    draws, the smaller one the campaign page shows: under static/, named by it, kept a year."""
    if digest:
        return f"{ASSETS}share/{lang}/{campaign_id}-{index + 1}.{digest}.png"
    return f"{lang}/campaigns/{campaign_id}/share-{index + 1}.png"


def is_share_preview(path: str) -> bool:
    return path.startswith(f"{ASSETS}share/")


def media_path(relative: str) -> str:
    return f"media/{relative}"


ASSETS = "static/"  # the theme's files, each named by its digest; nothing else goes there


def fingerprinted_path(path: str, digest: str) -> str:
    """ "static/lantern.css" with the digest of its bytes: "static/lantern.3f9a1c2b.css"."""
    folder, slash, name = path.rpartition("/")
    stem, dot, ending = name.rpartition(".")
    renamed = f"{stem}.{digest}.{ending}" if dot and stem else f"{name}.{digest}"
    return folder + slash + renamed


def asset_path(routes: Routes, name: str) -> str:
    """The published path of the theme's file static/NAME."""
    try:
        return routes.assets[ASSETS + name]
    except KeyError:
        raise LookupError(f"there is no file {ASSETS}{name} in the theme") from None


ShareDigest = Callable[[Campaign, int, str], str]  # (campaign, post, lang) -> what it draws


def plan(
    site: Site,
    static: tuple[tuple[str, Path], ...],
    assets: dict[str, str] | None = None,
    share_digest: ShareDigest | None = None,
) -> Routes:
    """The complete list of output files; `assets`, the theme files' fingerprinted paths;
    `share_digest`, the digest of what a share image draws (lantern.artifacts)."""
    languages = site.config.languages
    routes: list[Route] = [_chooser(site)]
    for lang in languages:
        routes += _language_routes(site, lang)
    routes += _translated(site, site.articles, article_path, "article", "article.html")
    routes += _translated(site, site.pages, page_path, "page", "page.html")
    routes += _records(site, "hotlines", site.hotlines, "hotline", "hotline.html")
    routes += _records(site, "facts", site.fact_sheets, "fact-sheet", "fact-sheet.html")
    routes += _records(site, "events", site.events, "event", "event.html")
    routes += _records(site, "campaigns", site.campaigns, "campaign", "campaign.html")
    routes += [Route(calendar_path("events", e.id), "ics", "", item=e) for e in site.events]
    routes += [Route(calendar_path("campaigns", c.id), "ics", "", item=c) for c in site.campaigns]
    routes += _share_images(site, share_digest or (lambda campaign, index, lang: "small"))
    if site.hotlines:
        routes.append(Route("hotlines.json", "hsds", "hotlines.json"))
    routes.append(_not_found(site, "", "404.html"))
    routes.append(Route("sitemap.xml", "sitemap", "sitemap.xml"))
    routes.append(Route("robots.txt", "robots", "robots.txt"))
    if site.config.headers_file:
        routes.append(Route("_headers", "headers", "_headers"))
    ordered = tuple(sorted(routes, key=lambda route: route.path))
    return Routes(ordered, static, {route.path: route for route in ordered}, assets or {})


def listing_in(site: Site, lang: str) -> tuple[Article, ...]:
    """Every article as `lang` lists it: its own version, else the default language's, else the first."""
    by_key: dict[str, dict[str, Article]] = {}
    for article in site.articles:
        by_key.setdefault(article.key, {})[article.lang] = article
    shown = []
    for versions in by_key.values():
        preferred = (lang, site.config.default_lang, *site.config.languages)
        shown.append(next(versions[choice] for choice in preferred if choice in versions))
    return tuple(sorted(shown, key=lambda a: (-a.date.toordinal(), a.key)))


def _chooser(site: Site) -> Route:
    homes = tuple(Link(lang, home_path(lang)) for lang in site.config.languages)
    return Route("", "chooser", "chooser.html", alternates=homes, x_default="", switcher=homes)


def _language_routes(site: Site, lang: str) -> list[Route]:
    languages = site.config.languages
    listing = listing_in(site, lang)
    everywhere = tuple(Link(other, home_path(other)) for other in languages)
    routes = [
        Route(
            home_path(lang),
            "home",
            "home.html",
            lang,
            everywhere,
            "",
            everywhere,
            listing=listing[:HOME_ARTICLES],
        ),
        _not_found(site, lang, f"{lang}/404.html"),
    ]
    pages = [
        listing[i : i + ARTICLES_PER_PAGE] for i in range(0, len(listing), ARTICLES_PER_PAGE)
    ] or [()]
    for number, chunk in enumerate(pages, start=1):
        links = tuple(Link(other, list_path(other, number)) for other in languages)
        routes.append(
            Route(
                list_path(lang, number),
                "articles",
                "articles.html",
                lang,
                links,
                list_path(languages[0], number),
                links,
                listing=chunk,
                page_number=number,
                page_count=len(pages),
            )
        )
    tags: dict[str, str] = {}
    for article in listing:
        for tag in article.tags:
            tags.setdefault(tag_slug(tag), tag)
    for tag in tags.values():
        path = tag_path(lang, tag)
        tagged = tuple(a for a in listing if tag_slug(tag) in map(tag_slug, a.tags))
        routes.append(
            Route(
                path,
                "tag",
                "tag.html",
                lang,
                (Link(lang, path),),
                path,
                _homes(site, lang, path),
                listing=tagged,
                tag=tag,
            )
        )
    for section, kind, records in (
        ("hotlines", "hotlines", site.hotlines),
        ("facts", "facts", site.fact_sheets),
        ("resources", "resources", site.resources),
        ("events", "events", site.events),
        ("campaigns", "campaigns", site.campaigns),
    ):
        if records:
            links = tuple(Link(other, section_path(other, section)) for other in languages)
            path = section_path(lang, section)
            routes.append(Route(path, kind, f"{kind}.html", lang, links, links[0].path, links))
    search_links = tuple(Link(other, search_path(other)) for other in languages)
    routes.append(
        Route(
            search_path(lang),
            "search",
            "search.html",
            lang,
            search_links,
            search_links[0].path,
            search_links,
            listing=listing,  # the list shown without JavaScript
        )
    )
    own = tuple(a for a in site.articles if a.lang == lang)
    routes.append(Route(f"{lang}/feed.xml", "feed", "feed.xml", lang, listing=own[:FEED_ENTRIES]))
    return routes


def _translated(
    site: Site,
    items: tuple[Article, ...] | tuple[Page, ...],
    path_of: Callable[[Any], str],
    kind: str,
    template: str,
) -> list[Route]:
    """Articles or pages: each version is an alternate of its real translations only."""
    by_key: dict[str, list[Article | Page]] = {}
    for item in items:
        by_key.setdefault(item.key, []).append(item)
    routes = []
    languages = site.config.languages
    for versions in by_key.values():
        versions.sort(key=lambda item: languages.index(item.lang))
        links = tuple(Link(item.lang, path_of(item)) for item in versions)
        x_default = links[0].path  # the default language's when it exists, else the first
        for item in versions:
            switcher = tuple(
                next(
                    (link for link in links if link.lang == lang),
                    Link(lang, home_path(lang), False),
                )
                for lang in languages
            )
            routes.append(
                Route(
                    path_of(item), kind, template, item.lang, links, x_default, switcher, item=item
                )
            )
    return routes


def _records(
    site: Site,
    section: str,
    records: tuple[Hotline, ...] | tuple[FactSheet, ...] | tuple[Event, ...] | tuple[Campaign, ...],
    kind: str,
    template: str,
) -> list[Route]:
    """A record of a YAML content type has a page in every language, all alternates of each other."""
    routes = []
    languages = site.config.languages
    for record in records:
        links = tuple(Link(lang, record_path(lang, section, record.id)) for lang in languages)
        for link in links:
            routes.append(
                Route(
                    link.path, kind, template, link.lang, links, links[0].path, links, item=record
                )
            )
    return routes


def _share_images(site: Site, share_digest: ShareDigest) -> list[Route]:
    """A share image, and a smaller one for the page, per language of each post made from a fact."""
    routes = []
    for campaign in site.campaigns:
        for index, post in enumerate(campaign.social_posts):
            if not post.fact or post.image:
                continue
            for lang in site.config.languages:
                if lang in site.undrawn_languages:
                    continue
                for digest in ("", share_digest(campaign, index, lang)):
                    path = share_image_path(lang, campaign.id, index, digest)
                    routes.append(Route(path, "share-image", "", lang, item=campaign, index=index))
    return routes


def _not_found(site: Site, lang: str, path: str) -> Route:
    languages = site.config.languages
    links = tuple(Link(other, f"{other}/404.html") for other in languages)
    homes = tuple(Link(other, home_path(other)) for other in languages)
    return Route(
        path, "404", "404.html", lang or languages[0], links, "404.html", homes, noindex=True
    )


def _homes(site: Site, lang: str, own_path: str) -> tuple[Link, ...]:
    return tuple(
        Link(other, own_path) if other == lang else Link(other, home_path(other), False)
        for other in site.config.languages
    )


def collect_static(
    theme_dirs: list[Path], site_dir: Path, media: tuple[str, ...]
) -> tuple[tuple[str, Path], ...]:
    """Theme files under static/ (the site's own override the default theme's), site static/, media."""
    found: dict[str, Path] = {}
    for theme_dir in theme_dirs:
        for source in sorted((theme_dir / "static").rglob("*")):
            if source.is_file():
                found["static/" + source.relative_to(theme_dir / "static").as_posix()] = source
    site_static = site_dir / "static"
    if site_static.is_dir():
        for source in sorted(site_static.rglob("*")):
            if source.is_file():
                found[source.relative_to(site_static).as_posix()] = source
    for relative in media:
        found[media_path(relative)] = site_dir / "content" / "media" / relative
    return tuple(sorted(found.items()))
