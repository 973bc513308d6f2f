"""Rendering: one Jinja environment; each route becomes bytes, as a pure function of its inputs.

Templates see their Route and a few site-wide values. Everything a template shows is computed
here or in routes.py; templates only loop and choose.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import traceback
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from lantern import assets, bidi, charts, event_views, i18n, linked_data, memo, views
from lantern.areas import area_label
from lantern.artifacts import import_libraries, render_file
from lantern.charts import Bar
from lantern.errors import Position, Problem, ProblemsFound
from lantern.hours import hours_for_script, hours_in_words
from lantern.menu import menu_entries, safety_path
from lantern.model import (
    Announcement,
    Article,
    Chart,
    Hotline,
    LocalText,
    Page,
    Site,
    Translatable,
)
from lantern.routes import (
    Route,
    Routes,
    article_path,
    asset_path,
    home_path,
    list_path,
    media_path,
    page_path,
    record_path,
    search_path,
    section_path,
    tag_path,
)
from lantern.search import INDEXED_KINDS, search_parts
from lantern.shortcodes import find_shortcodes


def environment(theme_dirs: list[Path], compiled: Path | None = None) -> jinja2.Environment:
    """Templates from the site's own templates/ first, then the default theme's.

    `compiled` keeps each template's compiled code between builds (keyed by its source).
    """
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(d) for d in reversed(theme_dirs)])
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=loader,
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(compiled)) if compiled else None,
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build never sees a template change; the preview makes a new one
    )
    env.filters.update(
        isodate=lambda day: day.isoformat(),
        endonym=i18n.endonym,
    )
    return env


def prepare_for_workers(env: jinja2.Environment) -> None:
    """Compile every template now, partials included, and import what calendars and images
    need: once, rather than in each worker process on its first page. A template's own mistakes
    are reported when a page uses it: one that fails here is compiled again then (Jinja keeps
    only what compiled)."""
    import_libraries()
    for name in env.list_templates(filter_func=_is_template):
        with contextlib.suppress(Exception):
            env.get_template(name)


def _is_template(name: str) -> bool:
    return not name.startswith(("static/", "i18n/")) and name.endswith(_TEMPLATE_ENDINGS)


_TEMPLATE_ENDINGS = (".html", ".xml", ".txt", ".json", "_headers")


def render_route(site: Site, routes: Routes, route: Route, env: jinja2.Environment) -> bytes:
    """The route's bytes; a mistake in a template is a Problem at the template's line."""
    try:
        return _render(site, routes, route, env)
    except jinja2.TemplateSyntaxError as error:
        where = _template_position(env, error.filename or "", error.lineno)
        raise ProblemsFound((Problem(where, error.message or str(error), TEMPLATE_HINT),)) from None
    except Exception as error:
        found = _template_frame(env, error)
        if found is None:
            raise  # not a template's mistake: Lantern's own
        raise ProblemsFound(
            (Problem(found, f"the template failed: {error}", TEMPLATE_HINT),)
        ) from None


# One policy for the pages' meta tag and the hosts' _headers file (SITE-REQUIREMENTS 13): no
# inline script or style anywhere, nothing from another site. A meta tag cannot carry
# frame-ancestors (CSP Level 3, section 6.4), so only the headers file adds it.
CONTENT_SECURITY_POLICY = Markup(
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " object-src 'none'; base-uri 'none'; form-action 'self'"
)

# Pagefind's search runs in WebAssembly, which a policy allows only with 'wasm-unsafe-eval'
# (CSP Level 3): the search pages alone get it; it still allows no inline script and no eval().
SEARCH_CONTENT_SECURITY_POLICY = Markup(
    str(CONTENT_SECURITY_POLICY).replace(
        "script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"
    )
)


TEMPLATE_HINT = (
    "check the template's {% %} and {{ }} tags against the default theme's; delete your copy in"
    " templates/ to use the default again"
)


def _template_frame(env: jinja2.Environment, error: Exception) -> Position | None:
    """Where in a template an error happened: Jinja gives template frames their file and line."""
    found = None
    for frame, line in traceback.walk_tb(error.__traceback__):
        position = _template_position(env, frame.f_code.co_filename, line)
        if position.line:
            found = position
    return found


def _template_position(env: jinja2.Environment, filename: str, line: int) -> Position:
    assert isinstance(env.loader, jinja2.ChoiceLoader)
    for loader in env.loader.loaders:
        assert isinstance(loader, jinja2.FileSystemLoader)
        for folder in loader.searchpath:
            try:
                relative = Path(filename).resolve().relative_to(Path(folder).resolve())
            except ValueError:
                continue
            return Position(f"templates/{relative.as_posix()}", line)
    return Position(filename)


def _render(site: Site, routes: Routes, route: Route, env: jinja2.Environment) -> bytes:
    if not route.template:
        return render_file(site, route)
    template = env.get_template(route.template)
    context = _context(site, routes, route)
    context.update(event_views.values(site, context["lang"], site.strings[context["lang"]]))
    context.update(_record_values(site, route, context, env))
    page = template.render(context)
    if context["dir"] == "rtl" and route.file.endswith(".html"):
        page = bidi.isolate_ltr_runs(page)
    return page.encode("utf-8")


def _context(site: Site, routes: Routes, route: Route) -> dict[str, Any]:
    config = site.config
    lang = route.lang or config.default_lang
    strings = site.strings[lang]

    def other_lang(tag: str) -> Markup:
        """` lang="en" dir="ltr"` for a text in another language than the page's, else nothing."""
        return Markup("") if tag == lang else bidi.language_attributes(tag, lang)

    def text(key: str, **values: object) -> Markup:
        """An interface string in the page's language; a fallback carries its own lang and dir."""
        found = strings[key]
        escaped = (
            escape(found.text).format(**_numbers(values, lang)) if values else escape(found.text)
        )
        if found.lang != lang:
            return Markup(f"<span{other_lang(found.lang)}>{escaped}</span>")
        return Markup(escaped)

    def plain(key: str, **values: object) -> str:
        found = strings[key].text
        return found.format(**_numbers(values, lang)) if values else found

    def local(value: Translatable | None) -> LocalText:
        return value.text_in(lang, config.default_lang) if value else LocalText("", lang)

    def marked(value: Translatable | LocalText | None) -> Markup:
        shown = value if isinstance(value, LocalText) else local(value)
        if shown.lang != lang:
            return Markup(f"<span{other_lang(shown.lang)}>{escape(shown.text)}</span>")
        return Markup(escape(shown.text))

    published = routes.assets

    def url(path: str) -> str:
        """A path of the site as linked: a file named by its bytes under that name."""
        return config.base_path + published.get(path, path)

    return {
        "site": site,
        "config": config,
        "route": route,
        "lang": lang,
        "dir": i18n.direction(lang),
        "numbering": i18n.locale_of(lang).default_numbering_system,
        "_": text,
        "_plain": plain,
        "local": local,
        "marked": marked,
        "other_lang": other_lang,
        "isolated": lambda value: Markup("<bdi>{}</bdi>").format(value),
        "tag_name": lambda tag, tag_lang: (
            Markup("<span{}>{}</span>").format(other_lang(tag_lang), tag)
            if tag_lang != lang
            else tag
        ),
        "lang_of": lambda tag: bidi.language_attributes(tag, lang),
        "url": url,
        "content_security_policy": (
            SEARCH_CONTENT_SECURITY_POLICY if route.kind == "search" else CONTENT_SECURITY_POLICY
        ),
        "search_content_security_policy": SEARCH_CONTENT_SECURITY_POLICY,
        "is_indexed": route.kind in INDEXED_KINDS,
        "search_path": search_path(lang),
        "search_parts": [
            url(part) for part in search_parts(routes) if part.startswith(f"pagefind/{lang}-")
        ]
        if route.kind == "search"
        else [],
        "absolute": lambda path: config.base_url + path,
        "date": lambda day, style="long": i18n.format_date(day, lang, style),
        "language_name": lambda tag: i18n.language_name(tag, lang),
        "href": lambda link: url(link[1:]) if link.startswith("/") and link[1:2] != "/" else link,
        "path_of": _path_of,
        "tag_path": lambda tag, in_lang=lang: tag_path(in_lang, tag),
        "home_path": home_path(lang),
        "list_path": list_path,
        "media_url": lambda relative: url(media_path(relative)),
        "static_url": lambda name: url(asset_path(routes, name)),
        "menu": menu_entries(site, route, lang, plain),
        "help_hotlines": _help_hotlines(site),
        "announcement": _announcement(site.config.announcement, site.today),
        "safety_path": safety_path(site, lang),
        "rel": _rel,
        "build_date": site.today,
        "cache_paths": assets.short_cache_paths(routes) if route.kind == "headers" else (),
        "sitemap": [r for r in routes if r.file.endswith(".html") and r.kind != "404"]
        if route.kind == "sitemap"
        else [],
    }


def _numbers(values: dict[str, object], lang: str) -> dict[str, object]:
    """Counts in a string ("Page {n} of {m}") written with the language's digits (CLDR)."""
    return {
        name: i18n.format_number(value, lang) if isinstance(value, int) else value
        for name, value in values.items()
    }


def _record_values(
    site: Site, route: Route, context: dict[str, Any], env: jinja2.Environment
) -> dict[str, Any]:
    """Values for hotline, fact and resource blocks, and Markdown with its shortcodes in place."""
    config, lang = site.config, context["lang"]
    strings = site.strings[lang]
    local = context["local"]

    def markdown_text(text: str) -> Markup:
        blocks = tuple(
            (shortcode.key, _block(shortcode.name, shortcode.argument))
            for shortcode in find_shortcodes(text)
        )
        backlink = strings["footnote_back"].text
        return Markup(convert_markdown(text, config.base_path, backlink, blocks))

    def _block(name: str, argument: str) -> str:
        template = env.get_template(f"shortcodes/{name}.html")
        return template.render({**context, **values, "argument": argument})

    def chart_svg(chart: Chart) -> Markup:
        bars = []
        for item in chart.data:
            label = local(item.label)
            bars.append(Bar(label.text, item.value, "" if label.lang == lang else label.lang))
        chart_id = f"svg-{chart.sheet}-{chart.id}"
        title = local(chart.title)
        return charts.chart_svg(
            chart_id=chart_id,
            title=title.text,
            title_lang="" if title.lang == lang else title.lang,
            kind=chart.kind,
            unit=chart.unit,
            bars=bars,
            lang=lang,
        )

    def hotline_json_ld(hotline: Hotline) -> Markup:
        url = config.base_url + record_path(lang, "hotlines", hotline.id)
        return Markup(
            linked_data.script_json(
                linked_data.contact_points(hotline, local(hotline.name).text, url)
            )
        )

    def topic_name(topic: str) -> str:
        return views.topic_text(topic, strings)

    values: dict[str, Any] = {
        "markdown": lambda item: markdown_text(item.body),
        "markdown_text": markdown_text,
        "chart_svg": chart_svg,
        "number": lambda value, unit: charts.number_text(value, unit, lang),
        "hotline_json_ld": hotline_json_ld,
        "hotline_groups": lambda hotlines: views.hotline_groups(
            hotlines, lang, strings["area_other"].text
        ),
        "hotline_filters": lambda hotlines: views.hotline_filters(hotlines, lang, topic_name),
        "hotline_languages": views.hotline_languages,
        "topic_names": lambda topics: [topic_name(t) for t in topics],
        "day_names": lambda: views.day_names(lang),
        "area_name": lambda code: area_label(code, lang),
        "hours_text": lambda hours: hours_in_words(hours, lang, strings["hours_always"].text),
        "hours_data": hours_for_script,
        "record_path": record_path,
        "section_path": section_path,
        "fact_sheet": lambda sheet_id: next(s for s in site.fact_sheets if s.id == sheet_id),
        "resource_of": lambda resource_id: next(r for r in site.resources if r.id == resource_id),
        "video_of": lambda video_id: next(v for v in site.videos if v.id == video_id),
        "hsds_json": _hsds(site) if route.kind == "hsds" else "",
    }
    return values


def convert_markdown(
    text: str, base_path: str, backlink: str, blocks: tuple[tuple[str, str], ...]
) -> str:
    """Markdown to HTML, converted once per distinct input, ever (the build cache)."""

    def convert() -> str:
        from lantern.markup import to_html  # Python-Markdown loads only when a text is new

        return to_html(text, base_path, backlink, blocks)

    key = memo.digest("markdown", text, base_path, backlink, repr(blocks))
    return memo.current().get_or_make("markdown", key, convert)


def _hsds(site: Site) -> str:
    config, lang = site.config, site.config.default_lang
    services = []
    for hotline in site.hotlines:
        name = hotline.name.text_in(lang, lang).text
        description = hotline.description.text_in(lang, lang).text if hotline.description else ""
        url = config.base_url + record_path(lang, "hotlines", hotline.id)
        services.append(linked_data.hsds_service(hotline, config.base_url, name, description, url))
    return linked_data.hsds_list(services)


def _rel(href: str) -> Markup:
    """` rel="noreferrer"` for a link to another site: it never learns who was reading."""
    return Markup(' rel="noreferrer"') if "://" in href or href.startswith("//") else Markup("")


def _path_of(item: Article | Page) -> str:
    return article_path(item) if isinstance(item, Article) else page_path(item)


def _help_hotlines(site: Site) -> list[Hotline]:
    return [hotline for hotline_id in site.config.help if (hotline := site.hotline(hotline_id))]


def _announcement(announcement: Announcement | None, today: dt.date) -> Announcement | None:
    if announcement is None or (announcement.until and announcement.until < today):
        return None
    return announcement
