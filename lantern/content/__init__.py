"""Reading a site folder: one loader per content type, and the checks that span them."""

from __future__ import annotations

from pathlib import Path

from lantern.content.articles import load_articles
from lantern.content.hotlines import load_hotlines
from lantern.content.media import list_media
from lantern.content.pages import load_pages
from lantern.errors import Position, Problems
from lantern.i18n import load_strings
from lantern.model import Article, BuildOptions, Page, Site, SiteConfig

# URL segments under /LANG/ that belong to sections: no page slug may take one.
SECTIONS = ("articles", "tags", "facts", "hotlines", "resources", "events", "campaigns")
BUILT_SECTIONS = ("articles",)  # sections this version of Lantern builds pages for


def read_all(
    site_dir: Path,
    config: SiteConfig,
    options: BuildOptions,
    theme_dirs: list[Path],
    problems: Problems,
) -> Site:
    """Every content file of the site, checked; problems are collected, not raised."""
    assert options.today is not None, "the command line decides today"
    media = list_media(site_dir, problems)
    site = Site(
        config=config,
        today=options.today,
        articles=load_articles(site_dir, config, options, options.today, media, problems),
        pages=load_pages(site_dir, config, options, problems),
        hotlines=load_hotlines(site_dir, config, options.today, problems),
        media=media,
        strings=load_strings(theme_dirs, config.languages, problems),
    )
    _check_slugs(site, problems)
    _check_references(site, site_dir, problems)
    _report_missing_translations(site, problems)
    return site


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
    hotlines = site_dir / "content" / "hotlines"
    for hotline_id, at in zip(config.help, config.help_at, strict=True):
        written = any((hotlines / f"{hotline_id}{ext}").is_file() for ext in (".yaml", ".yml"))
        if not written:  # a listing with mistakes of its own is reported where they are
            problems.error(
                at,
                f'help lists "{hotline_id}", but there is no content/hotlines/{hotline_id}.yaml',
                "use the file name (without .yaml) of a hotline listing",
            )
    logo = config.organization.logo
    if logo and logo not in site.media:
        problems.error(
            config.organization.logo_at,
            f'the logo "{logo}" is not in content/media/',
            "put the file in content/media/ and give its path relative to that folder",
        )
    page_keys = {page.key for page in site.pages}
    for item in config.menu:
        if item.kind == "page" and item.target not in page_keys:
            problems.error(
                item.at, f'the menu names the page "{item.target}", which does not exist'
            )
        if item.kind == "section" and item.target not in BUILT_SECTIONS:
            problems.error(
                item.at,
                f'the section "{item.target}" has no pages yet',
                f"sections with pages: {', '.join(BUILT_SECTIONS)}",
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
