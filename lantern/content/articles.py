"""Articles: content/articles/KEY.LANG.md, translations linked by KEY."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lantern.config import check_date
from lantern.content.documents import Document, read_documents
from lantern.content.media import check_in_media
from lantern.errors import Problems
from lantern.model import Article, BuildOptions, Image, LocalText, SiteConfig

# Fields a translation takes from the default language's file unless it sets them itself.
INHERITED = ("date", "updated", "tags", "image", "image_alt", "author", "draft", "decorative")


def load_articles(
    site_dir: Path,
    config: SiteConfig,
    options: BuildOptions,
    today: dt.date,
    media: tuple[str, ...],
    problems: Problems,
) -> tuple[Article, ...]:
    """Every published article in every language it is written in."""
    grouped = read_documents(site_dir, "articles", "article", config.languages, problems)
    articles = []
    for versions in grouped.values():
        source = versions.get(config.default_lang)
        for document in versions.values():
            article = _article(document, source, config.default_lang, media, problems)
            if article and _is_published(article, options, today):
                articles.append(article)
    return tuple(sorted(articles, key=lambda a: (-a.date.toordinal(), a.key, a.lang)))


def _article(
    document: Document,
    source: Document | None,
    default_lang: str,
    media: tuple[str, ...],
    problems: Problems,
) -> Article | None:
    inherited = source.front_matter.data if source and source is not document else {}
    owner = document if "date" in document.front_matter.data or not inherited else source
    assert owner is not None
    date = check_date(owner.front_matter, ("date",), problems)
    if date is None:
        if "date" not in owner.front_matter.data:
            problems.error(
                owner.at(""),
                'the required field "date" is missing',
                "add a line such as 'date: 2026-11-25'"
                + (
                    ""
                    if source
                    else f" (there is no {owner.key}.{default_lang}.md to inherit it from)"
                ),
            )
        return None
    updated_owner = document if "updated" in document.front_matter.data else (source or document)
    return Article(
        key=document.key,
        lang=document.lang,
        slug=str(document.get("slug") or document.key),
        title=str(document.get("title")),
        date=date,
        body=document.file.body,
        summary=str(document.get("summary") or ""),
        updated=check_date(updated_owner.front_matter, ("updated",), problems),
        tags=tuple(document.get("tags", inherited) or ()),  # type: ignore[arg-type]
        tags_lang=document.lang
        if "tags" in document.front_matter.data or not source
        else source.lang,
        image=_image(document, source, media, problems),
        author=str(document.get("author", inherited) or ""),
        is_draft=bool(document.get("draft", inherited)),
        at=document.at(""),
        body_line=document.file.body_line,
        # A translation inherits its source's front matter, not its text: an edit of that text
        # leaves the translation as it was.
        source=document.file.source
        + (source.front_matter.source if source and source is not document else ""),
        front=document.front_matter.source,
    )


def _image(
    document: Document, source: Document | None, media: tuple[str, ...], problems: Problems
) -> Image | None:
    own = document.front_matter.data
    owner = document if "image" in own or source is None else source
    path = owner.front_matter.data.get("image")
    if path is None:
        return None
    is_decorative = bool(own.get("decorative", owner.front_matter.data.get("decorative")))
    if not check_in_media(path, media, owner.at("image"), problems):
        return None
    if "image_alt" in own:
        alt = LocalText(str(own["image_alt"]), document.lang)
    elif "image_alt" in owner.front_matter.data:
        alt = LocalText(str(owner.front_matter.data["image_alt"]), owner.lang)
    else:
        alt = LocalText("", document.lang)
    if not alt.text.strip() and not is_decorative:
        problems.error(
            owner.at("image"),
            f'the image "{path}" has no image_alt',
            "describe what the image shows in image_alt:, or set decorative: true if it shows nothing",
        )
        return None
    return Image(path, alt if not is_decorative else LocalText("", document.lang), is_decorative)


def _is_published(article: Article, options: BuildOptions, today: dt.date) -> bool:
    if article.is_draft and not options.drafts:
        return False
    return article.date <= today or options.future
