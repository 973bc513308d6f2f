"""Reading a site folder: one loader per content type, and the checks that span them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from lantern.content.articles import load_articles
from lantern.content.campaigns import load_campaigns
from lantern.content.events import load_events
from lantern.content.facts import load_fact_sheets
from lantern.content.hotlines import load_hotlines
from lantern.content.media import check_in_media, check_static, list_media
from lantern.content.pages import load_pages
from lantern.content.records import ids_on_disk
from lantern.content.resources import load_resources
from lantern.content.videos import load_videos
from lantern.errors import Position, Problems, did_you_mean
from lantern.i18n import direction, load_strings
from lantern.links import check_link_addresses
from lantern.model import Article, BuildOptions, Campaign, Event, FactSheet, Page, Site, SiteConfig
from lantern.raw_html import check_raw_html
from lantern.shortcodes import NAMES, Shortcode, find_shortcodes

# URL segments under /LANG/ that belong to sections: no page slug may take one.
SECTIONS = ("articles", "tags", "facts", "hotlines", "resources", "events", "campaigns")


def read_all(
    site_dir: Path,
    config: SiteConfig,
    options: BuildOptions,
    theme_dirs: list[Path],
    problems: Problems,
    before_documents: Callable[[], None] = lambda: None,
) -> Site:
    """Every content file of the site, checked; problems are collected, not raised.

    Articles and pages are read last, once `before_documents` returns: other processes may be
    reading them ahead (lantern/warm.py) while this one reads the rest.
    """
    assert options.today is not None, "the command line decides today"
    media = list_media(site_dir, problems)
    check_static(site_dir, problems)
    fact_sheets = load_fact_sheets(site_dir, config, problems)
    campaign_ids = ids_on_disk(site_dir, "campaigns")
    hotlines = load_hotlines(site_dir, config, options.today, problems)
    resources = load_resources(site_dir, config, problems)
    videos = load_videos(site_dir, config, media, problems)
    events = load_events(site_dir, config, media, problems, campaign_ids)
    campaigns = load_campaigns(site_dir, config, media, fact_sheets, problems)
    strings = load_strings(theme_dirs, config.languages, problems)
    before_documents()
    site = Site(
        config=config,
        today=options.today,
        articles=load_articles(site_dir, config, options, options.today, media, problems),
        pages=load_pages(site_dir, config, options, problems),
        hotlines=hotlines,
        fact_sheets=fact_sheets,
        resources=resources,
        videos=videos,
        events=events,
        campaigns=campaigns,
        media=media,
        strings=strings,
        undrawn_languages=_undrawn_languages(config, campaigns, problems),
    )
    _check_slugs(site, problems)
    _check_references(site, site_dir, problems)
    _check_shortcodes(site, site_dir, problems)
    check_link_addresses(markdown_texts(site), problems)
    check_raw_html(markdown_texts(site), problems)
    _report_missing_translations(site, problems)
    return site


def _undrawn_languages(
    config: SiteConfig, campaigns: tuple[Campaign, ...], problems: Problems
) -> tuple[str, ...]:
    """The right-to-left languages share images cannot be drawn in here: said once, then skipped.

    Arabic letters join and lines run right to left only with libraqm (with FriBiDi and
    HarfBuzz); without it Pillow would draw a broken image.
    """
    right_to_left = [lang for lang in config.languages if direction(lang) == "rtl"]
    has_images = any(post.fact and not post.image for c in campaigns for post in c.social_posts)
    if not right_to_left or not has_images:
        return ()
    from PIL import features

    if features.check("raqm"):
        return ()
    problems.warning(
        Position("site.yaml"),
        f"share images are not drawn in {', '.join(right_to_left)}: right-to-left text needs"
        " libraqm, which Pillow does not find on this computer",
        "install it (Debian and Ubuntu: apt-get install libraqm0) and build again",
    )
    return tuple(right_to_left)


def _documents(site: Site) -> tuple[tuple[str, tuple[Article | Page, ...]], ...]:
    return (("article", site.articles), ("page", site.pages))


def _check_slugs(site: Site, problems: Problems) -> None:
    for kind, items in _documents(site):
        taken: dict[tuple[str, str], Position] = {}
        for item in sorted(items, key=lambda item: item.at.path):
            slot = (item.lang, item.slug)
            if kind == "page" and item.slug in SECTIONS:
                problems.error(
                    item.at,
                    f'the slug "{item.slug}" is the name of a section',
                    f"choose another slug; these are taken: {', '.join(SECTIONS)}",
                )
            elif slot in taken:
                problems.error(
                    item.at,
                    f'the {kind} slug "{item.slug}" is already used in {item.lang} by {taken[slot].path}',
                    "set a different slug: in the front matter of one of them",
                )
            else:
                taken[slot] = item.at


def _check_references(site: Site, site_dir: Path, problems: Problems) -> None:
    config = site.config
    hotlines = ids_on_disk(site_dir, "hotlines")
    for hotline_id, at in zip(config.help, config.help_at, strict=True):
        if hotline_id not in hotlines:  # a listing with mistakes of its own is reported there
            problems.error(
                at,
                f'help lists "{hotline_id}", but there is no content/hotlines/{hotline_id}.yaml',
                did_you_mean(hotline_id, hotlines)
                or "use the file name (without .yaml) of a hotline listing",
            )
    logo = config.organization.logo
    if logo:
        check_in_media(logo, site.media, config.organization.logo_at, problems, "logo")
    featured, campaigns = config.featured_campaign, ids_on_disk(site_dir, "campaigns")
    if featured and featured not in campaigns:
        problems.error(
            config.featured_campaign_at,
            f'featured_campaign names "{featured}", but there is no content/campaigns/{featured}.yaml',
            did_you_mean(featured, campaigns) or "use the file name (without .yaml) of a campaign",
        )
    page_keys = {page.key for page in site.pages}
    for item in config.menu:
        if item.kind == "page" and item.target not in page_keys:
            problems.error(
                item.at,
                f'the menu names the page "{item.target}", which does not exist',
                did_you_mean(item.target, page_keys)
                or "use a page's KEY: its file name in content/pages/ without .LANG.md",
            )
        if item.kind == "section" and not _has_pages(site, item.target):
            problems.error(
                item.at,
                f'the section "{item.target}" has no pages',
                f"add content to content/{item.target}/ first, or remove the menu item",
            )


def _report_missing_translations(site: Site, problems: Problems) -> None:
    for kind, items in _documents(site):
        by_key: dict[str, list[str]] = {}
        first: dict[str, Position] = {}
        for item in items:
            by_key.setdefault(item.key, []).append(item.lang)
            first.setdefault(item.key, item.at)
        for key, langs in by_key.items():
            missing = [lang for lang in site.config.languages if lang not in langs]
            if missing:
                problems.warning(
                    Position(first[key].path),
                    f'the {kind} "{key}" has no translation in {", ".join(missing)}',
                    f"readers in {', '.join(missing)} see it in {langs[0]}"
                    if kind == "article"
                    else f"the {', '.join(missing)} menu links to the {langs[0]} page",
                )


def _has_pages(site: Site, section: str) -> bool:
    """Whether a section's list page is built: it has content (articles: always, even empty)."""
    content = {
        "articles": (True,),
        "facts": site.fact_sheets,
        "hotlines": site.hotlines,
        "resources": site.resources,
        "events": site.events,
        "campaigns": site.campaigns,
    }
    return bool(content.get(section))


def markdown_texts(site: Site) -> Iterator[tuple[str, Position]]:
    """Every Markdown text of the site, with where its first line is written."""
    documents: tuple[Article | Page, ...] = (*site.articles, *site.pages)
    for document in documents:
        yield document.body, Position(document.at.path, document.body_line, 1)
    records: tuple[FactSheet | Event | Campaign, ...] = (
        *site.fact_sheets,
        *site.events,
        *site.campaigns,
    )
    for record in records:
        yield from record.markdown_at


def _check_shortcodes(site: Site, site_dir: Path, problems: Problems) -> None:
    """Every shortcode names a known block and something that exists, reported at its line."""
    for text, start in markdown_texts(site):
        if "{{<" not in text:
            continue
        for shortcode in find_shortcodes(text):
            where = Position(start.path, start.line + shortcode.line - 1, start.column)
            _check_shortcode(site, site_dir, shortcode, where, problems)


def _check_shortcode(
    site: Site, site_dir: Path, shortcode: Shortcode, at: Position, problems: Problems
) -> None:
    name, argument = shortcode.name, shortcode.argument
    if name not in NAMES:
        problems.error(
            at,
            f'unknown shortcode "{name}"',
            did_you_mean(name, NAMES)
            or f"known shortcodes: {', '.join(NAMES)}; to show one as text, put it in a code block",
        )
        return
    if not argument:
        problems.error(
            at, f"the {name} shortcode needs {NAMES[name]}", f"for example {{{{< {name} ID >}}}}"
        )
        return
    known = _known(site, name)
    if argument not in known and not _has_own_problems(site, site_dir, name, argument):
        problems.error(
            at,
            f'{name} shortcode: there is no {_NOUNS[name]} "{argument}"',
            did_you_mean(argument, known) or _hint(name),
        )


def _has_own_problems(site: Site, site_dir: Path, name: str, argument: str) -> bool:
    """The file the shortcode names exists but was left out for its own (reported) mistakes."""
    folder = {"hotline": "hotlines", "fact": "facts", "chart": "facts", "signs": "facts"}
    folder |= {"resources": "resources", "event": "events", "video": "videos"}
    if name not in folder:
        return False
    loaded = {
        "hotlines": {h.id for h in site.hotlines},
        "facts": {s.id for s in site.fact_sheets},
        "resources": {r.id for r in site.resources},
        "events": {e.id for e in site.events},
        "videos": {v.id for v in site.videos},
    }
    stem = argument.split("/")[0]
    return stem not in loaded[folder[name]] and stem in ids_on_disk(site_dir, folder[name])


_NOUNS = {
    "hotline": "hotline",
    "fact": "fact",
    "chart": "chart",
    "signs": "fact sheet with signs",
    "event": "event",
    "resources": "resources list",
    "video": "video",
}


def _known(site: Site, name: str) -> list[str]:
    """Everything a shortcode of this name may name."""
    sheets = site.fact_sheets
    if name == "hotline":
        return [hotline.id for hotline in site.hotlines]
    if name == "fact":
        return [fact.reference for sheet in sheets for fact in sheet.facts]
    if name == "chart":
        return [chart.reference for sheet in sheets for chart in sheet.charts]
    if name == "signs":
        return [sheet.id for sheet in sheets if sheet.signs]
    if name == "event":
        return [event.id for event in site.events]
    if name == "video":
        return [video.id for video in site.videos]
    return [resource.id for resource in site.resources]


def _hint(name: str) -> str:
    return {
        "hotline": "use the file name of content/hotlines/ID.yaml, without .yaml",
        "fact": "write SHEET/ID: the file name in content/facts/ and the id of one of its facts",
        "chart": "write SHEET/ID: the file name in content/facts/ and the id of one of its charts",
        "signs": "use the file name of a fact sheet in content/facts/ that has signs:",
        "resources": "use the file name of content/resources/ID.yaml, without .yaml",
        "event": "use the file name of content/events/ID.yaml, without .yaml",
        "video": "use the file name of content/videos/ID.yaml, without .yaml",
    }[name]
