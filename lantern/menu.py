"""The site's menu and the pages every page links to, found in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lantern.model import SAFETY_PAGE, LocalText, Page, Site
from lantern.routes import Route, list_path, page_path


@dataclass(frozen=True)
class MenuEntry:
    title: LocalText
    path: str  # "/en/about/" (the base path is added when linked) or an outside URL
    is_current: bool


def menu_entries(site: Site, route: Route, lang: str, plain: Any) -> list[MenuEntry]:
    config = site.config
    items = config.menu
    entries: list[MenuEntry] = []
    if items:
        for item in items:
            if item.kind == "page":
                page = page_in(site, item.target, lang)
                title = (
                    item.title.text_in(lang, config.default_lang)
                    if item.title
                    else LocalText(page.title, page.lang)
                )
                entries.append(MenuEntry(title, "/" + page_path(page), False))
            elif item.kind == "section":
                title = (
                    item.title.text_in(lang, config.default_lang)
                    if item.title
                    else LocalText(plain(f"section_{item.target}"), lang)
                )
                entries.append(MenuEntry(title, f"/{lang}/{item.target}/", False))
            else:
                assert item.title is not None
                entries.append(
                    MenuEntry(item.title.text_in(lang, config.default_lang), item.target, False)
                )
    else:
        keys = sorted(
            {p.key: p.menu for p in site.pages if p.menu is not None}.items(),
            key=lambda kv: (kv[1], kv[0]),
        )
        for key, _position in keys:
            page = page_in(site, key, lang)
            entries.append(
                MenuEntry(LocalText(page.title, page.lang), "/" + page_path(page), False)
            )
        entries.append(
            MenuEntry(LocalText(plain("section_articles"), lang), "/" + list_path(lang, 1), False)
        )
    return [MenuEntry(e.title, e.path, _is_within("/" + route.path, e.path)) for e in entries]


def _is_within(current: str, target: str) -> bool:
    """Whether the menu entry `target` ("/en/articles/") is the current page or its section."""
    return current == target or (target.endswith("/articles/") and current.startswith(target))


def page_in(site: Site, key: str, lang: str) -> Page:
    """A page in `lang`, else in the default language, else in any language it exists in."""
    versions = {p.lang: p for p in site.pages if p.key == key}
    for choice in (lang, site.config.default_lang, *site.config.languages):
        if choice in versions:
            return versions[choice]
    raise LookupError(key)  # content checks make sure every named page exists


def safety_path(site: Site, lang: str) -> str:
    return page_path(page_in(site, SAFETY_PAGE, lang))
