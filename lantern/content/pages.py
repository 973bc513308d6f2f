"""Standalone pages: content/pages/KEY.LANG.md (about, get-help, stay-safe-online…)."""

from __future__ import annotations

from pathlib import Path

from lantern.content.documents import read_documents
from lantern.errors import Position, Problems
from lantern.model import SAFETY_PAGE, BuildOptions, Page, SiteConfig


def load_pages(
    site_dir: Path, config: SiteConfig, options: BuildOptions, problems: Problems
) -> tuple[Page, ...]:
    """Every published page in every language it is written in."""
    grouped = read_documents(site_dir, "pages", "page", config.languages, problems)
    pages = []
    for versions in grouped.values():
        source = versions.get(config.default_lang)
        inherited = source.front_matter.data if source else {}
        for document in versions.values():
            menu = document.get("menu", inherited)
            page = Page(
                key=document.key,
                lang=document.lang,
                slug=str(document.get("slug") or document.key),
                title=str(document.get("title")),
                body=document.file.body,
                summary=str(document.get("summary") or ""),
                menu=menu if isinstance(menu, int) else None,
                is_draft=bool(document.get("draft", inherited)),
                at=document.at(""),
                body_line=document.file.body_line,
            )
            if not page.is_draft or options.drafts:
                pages.append(page)
    # A safety page left out for its own (reported) mistakes is not missing as well.
    is_left_out = SAFETY_PAGE not in grouped and any(
        (site_dir / "content" / "pages").rglob(f"{SAFETY_PAGE}.*.md")
    )
    if not any(page.key == SAFETY_PAGE for page in pages) and not is_left_out:
        problems.error(
            Position(f"content/pages/{SAFETY_PAGE}.{config.default_lang}.md"),
            f'the "{SAFETY_PAGE}" page is missing',
            "every page links to it from the quick-exit area: write how to browse safely, "
            "that quick exit does not erase history, and that Shift pressed three times leaves",
        )
    return tuple(sorted(pages, key=lambda p: (p.key, p.lang)))
