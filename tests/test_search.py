"""Search: Pagefind's index of each language, the search page and the header's search field."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lantern.render import SEARCH_CONTENT_SECURITY_POLICY
from lantern.search import INDEXED_KINDS
from tests.conftest import Built, require_tool
from tests.test_publishing import meta_policy, parsed_headers

HAS_PAGEFIND = importlib.util.find_spec("pagefind_bin") is not None
LANGUAGES = ("en", "es", "ar")
NATIONAL_HOTLINE = "hotlines/national-human-trafficking-hotline/"


def needs_pagefind() -> None:
    require_tool(HAS_PAGEFIND, "pagefind missing: pip install -r requirements.txt")


def entries(out: Path) -> list[Path]:
    """The entry file of each part of the index (pagefind/en-0/pagefind-entry.json...)."""
    return sorted((out / "pagefind").glob("*/pagefind-entry.json"))


def entry(out: Path) -> dict[str, Any]:
    """What the parts index together: the pages of each language."""
    languages: dict[str, dict[str, int]] = {}
    for path in entries(out):
        for lang, index in json.loads(path.read_text())["languages"].items():
            languages.setdefault(lang, {"page_count": 0})["page_count"] += index["page_count"]
    return {"languages": languages}


def parts_of(out: Path) -> dict[str, tuple[str, ...]]:
    """The parts a small site's index has, one a language, with the pages it indexes."""
    parts: dict[str, list[str]] = {}
    for page in sorted(out.rglob("*.html")):
        if b"data-pagefind-body" in page.read_bytes():
            file = page.relative_to(out).as_posix()
            parts.setdefault(f"pagefind/{file.split('/')[0]}-0/", []).append(file)
    return {part: tuple(files) for part, files in parts.items()}


# ------------------------------------------------------------------ the built site


def test_each_language_is_indexed_apart_with_one_entry_per_document(example: Built) -> None:
    needs_pagefind()
    indexed = entry(example.out)["languages"]
    assert set(indexed) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert indexed[lang]["page_count"] == len(documents_in(example, lang)) > 0


def test_only_the_main_content_of_documents_is_marked_for_the_index(example: Built) -> None:
    for path, is_document in (
        ("en/articles/what-is-human-trafficking/", True),
        (f"en/{NATIONAL_HOTLINE}", True),
        ("es/facts/nhth-2020-2022/", True),
        ("ar/get-help/", True),
        ("en/hotlines/", False),
        ("en/articles/", False),
        ("en/", False),
        ("en/search/", False),
        ("en/404.html", False),
    ):
        page = example.page(path)
        marked = page.xpath("//*[@data-pagefind-body]")
        assert [element.tag for element in marked] == (["main"] if is_document else []), path
    assert {"article", "page", "hotline", "fact-sheet"} <= set(INDEXED_KINDS)


@pytest.mark.parametrize("path", ["en/", "es/articles/", "ar/hotlines/", "en/search/", ""])
def test_every_page_has_a_search_field_that_gets_the_search_page(path: str, example: Built) -> None:
    page = example.page(path)
    lang = page.get("lang")
    (form,) = page.xpath("//header//form[@role='search']")
    assert form.get("method") == "get" and form.get("action") == f"/{lang}/search/"
    (field,) = form.xpath(".//input[@type='search']")
    assert field.get("name") == "q"
    assert form.xpath(f".//label[@for='{field.get('id')}']")


def test_only_the_search_page_allows_webassembly(example: Built) -> None:
    def policy(path: str) -> str:
        page = example.page(path)
        (meta,) = page.xpath("//meta[@http-equiv='Content-Security-Policy']")
        return str(meta.get("content"))

    for lang in LANGUAGES:
        assert policy(f"{lang}/search/") == SEARCH_CONTENT_SECURITY_POLICY
        assert "'wasm-unsafe-eval'" in policy(f"{lang}/search/")
        assert "unsafe-inline" not in policy(f"{lang}/search/")
    assert "wasm" not in policy("en/") + policy(f"en/{NATIONAL_HOTLINE}")


def documents_in(example: Built, lang: str) -> set[str]:
    """The URLs of the pages whose main content goes into the index, in one language."""
    found = set()
    for file in example.html_files():
        relative = file.relative_to(example.out).as_posix()
        if relative.startswith(f"{lang}/") and example.page(relative).xpath(
            "//main[@data-pagefind-body]"
        ):
            found.add("/" + relative.removesuffix("index.html"))
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_the_search_page_lists_every_page_of_its_language(
    lang: str, example: Built
) -> None:
    page = example.page(f"{lang}/search/")
    listed = {link.get("href") for link in page.xpath("//main//section//a")}
    assert documents_in(example, lang) - listed == set()
    assert f"/{lang}/{NATIONAL_HOTLINE}" in listed
    assert page.xpath("//p[@id='search-no-js']")
    assert page.xpath("//main//form[@role='search' and @hidden]")  # shown by the script


def test_headers_give_the_search_pages_their_own_policy_alone(example: Built) -> None:
    rules = parsed_headers((example.out / "_headers").read_text(encoding="utf-8"))
    for path in [f"/{lang}/search/*" for lang in LANGUAGES] + ["/pagefind/*"]:
        rule = rules[path]
        # Hosts join the values of overlapping rules: the site-wide policy is detached first,
        # or the browser would enforce both, and the stricter one forbids WebAssembly.
        detached = ["! Content-Security-Policy", "Content-Security-Policy"]
        assert list(rule)[:2] == detached, path
        policy = meta_policy(example.page("en/search/")) + "; frame-ancestors 'none'"
        assert rule["Content-Security-Policy"] == policy
        assert list(rules).index("/*") < list(rules).index(path)
    assert "wasm" not in rules["/*"]["Content-Security-Policy"]


# ------------------------------------------------------------------ rebuilds


def index_time(out: Path) -> int:
    return max(path.stat().st_mtime_ns for path in entries(out))


def test_an_unchanged_rebuild_does_not_run_the_indexer(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    needs_pagefind()
    site = make_site()
    first = build(site)
    assert first.status == 0
    indexed_at = index_time(first.out)
    bundle = {path: path.stat().st_mtime_ns for path in (first.out / "pagefind").rglob("*")}
    again = build(site)
    assert again.status == 0
    assert index_time(again.out) == indexed_at
    assert {path: path.stat().st_mtime_ns for path in (again.out / "pagefind").rglob("*")} == bundle


def test_an_edited_page_is_indexed_again_and_a_build_reports_it(
    make_site: Callable[..., Path], build: Callable[..., Built], tmp_path: Path
) -> None:
    needs_pagefind()
    import datetime as dt

    from lantern.model import BuildOptions
    from lantern.pipeline import build as build_site

    site = make_site()
    options = BuildOptions(today=dt.date(2026, 11, 25))
    out = tmp_path / "direct"
    assert build_site(site, options, out).indexed
    assert not build_site(site, options, out).indexed  # the same pages: the same index
    article = site / "content" / "articles" / "hello.en.md"
    article.write_text(article.read_text() + "\nA sentence with zanzibarite in it.\n")
    assert build_site(site, options, out).indexed
    assert not build_site(site, options, out).indexed


# ------------------------------------------------------------------ in the browser


def search(open_page: Callable[..., Any], lang: str, words: str) -> tuple[Any, list[str]]:
    page = open_page(f"{lang}/search/?q={words}")
    page.locator("#search-results li a").first.wait_for(timeout=10_000)
    links = page.locator("#search-results li a")
    return page, [links.nth(i).get_attribute("href") for i in range(links.count())]


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "words"), [("en", "text"), ("es", "mensaje")])
def test_searching_finds_the_national_hotline(
    lang: str, words: str, open_page: Callable[..., Any]
) -> None:
    needs_pagefind()
    page, found = search(open_page, lang, words)
    assert f"/{lang}/{NATIONAL_HOTLINE}" in found, found
    assert all(href.startswith(f"/{lang}/") for href in found), found  # its own language only
    assert page.locator("#search-q").input_value() == words
    assert page.locator("#search-results mark").count() > 0  # the excerpts mark the words
    assert page.locator("#search-no-js").is_hidden()


@pytest.mark.browser
def test_arabic_search_stays_in_arabic(open_page: Callable[..., Any]) -> None:
    needs_pagefind()
    _, found = search(open_page, "ar", "الاتجار")
    assert found and all(href.startswith("/ar/") for href in found), found


@pytest.mark.browser
def test_searching_asks_nothing_of_another_site_and_breaks_no_policy(
    shared_context: Any, served_example: str
) -> None:
    needs_pagefind()
    page = shared_context.new_page()
    requested: list[str] = []
    refused: list[str] = []

    def record(route: Any) -> None:
        requested.append(route.request.url)
        if route.request.url.startswith(served_example):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", record)
    page.on("console", lambda message: refused.append(message.text))
    page.goto(served_example + "en/search/?q=hotline", wait_until="networkidle")
    page.locator("#search-results li a").first.wait_for(timeout=10_000)
    page.wait_for_load_state("networkidle")
    stored = page.evaluate(
        "async () => [localStorage.length, sessionStorage.length, document.cookie,"
        " (await indexedDB.databases()).length, (await caches.keys()).length]"
    )
    page.close()
    assert [url for url in requested if not url.startswith(served_example)] == []
    assert any("/pagefind/" in url for url in requested)  # the index came from the site itself
    assert [text for text in refused if "Content Security Policy" in text] == []
    assert stored == [0, 0, "", 0, 0]


@pytest.mark.browser
def test_the_header_field_takes_the_words_to_the_search_page(
    open_page: Callable[..., Any],
) -> None:
    needs_pagefind()
    page = open_page("es/")
    page.fill("#site-search-q", "mensaje")
    with page.expect_navigation():
        page.press("#site-search-q", "Enter")
    assert "/es/search/?q=mensaje" in page.url
    page.locator("#search-results li a").first.wait_for(timeout=10_000)


@pytest.mark.browser
def test_without_javascript_the_search_page_is_a_list(open_page: Callable[..., Any]) -> None:
    page = open_page("en/search/?q=text", java_script_enabled=False)
    assert page.locator("#search-no-js").is_visible()
    assert page.locator("#search-results").is_hidden()
    links = page.locator("main section a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "/en/articles/what-is-human-trafficking/" in hrefs
    assert f"/en/{NATIONAL_HOTLINE}" in hrefs


def test_the_preview_shows_pages_first_and_indexes_them_after(
    make_site: Callable[..., Path],
) -> None:
    needs_pagefind()
    import datetime as dt

    from lantern.model import BuildOptions
    from lantern.serve import Preview

    site = make_site()
    preview = Preview(site, BuildOptions(today=dt.date(2026, 11, 25)))
    assert not preview.build().problems
    assert entries(preview.out_dir) == []
    assert preview.index_search().has_run
    assert len(entries(preview.out_dir)) == 2  # en and es
    assert not preview.index_search().has_run  # the same pages
    article = site / "content" / "articles" / "hello.en.md"
    article.write_text(article.read_text() + "\nOne more sentence.\n")
    assert not preview.build(["content/articles/hello.en.md"]).problems
    assert preview.index_search().has_run


def indexed_text(out: Path) -> bytes:
    """Every word the index holds: Pagefind's fragments are gzipped JSON, one per page."""
    import gzip

    return b"".join(
        gzip.decompress(f.read_bytes()) for f in (out / "pagefind").rglob("*.pf_fragment")
    )


def test_the_frame_and_blocks_marked_no_search_stay_out_of_the_index(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    needs_pagefind()
    site = make_site()
    article = site / "content" / "articles" / "hello.en.md"
    article.write_text(
        article.read_text()
        + "\nA paragraph about quokkas.\n\nA note for the team alone: wombats.\n{.no-search}\n"
    )
    built = build(site)
    assert built.status == 0, built.stderr
    assert built.page("en/articles/hello/").xpath("//p[@class='no-search']")
    text = indexed_text(built.out)
    assert b"quokkas" in text
    assert b"wombats" not in text
    assert b"no trackers" not in text  # the footer's promise, on every page
    assert b"Skip to main content" not in text and b"Someone watching?" not in text
    assert b"Get help now" not in text  # the help bar


def test_a_stopped_indexer_leaves_the_old_index_and_runs_again_next_time(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    needs_pagefind()
    from lantern import memo
    from lantern.search import update_index
    from lantern.uptodate import output_stamps

    built = build(make_site())
    before = [path.read_bytes() for path in entries(built.out)]
    memo.use(memo.Memo())  # a cache that knows no index: the pages look new
    stamps = {name: (size, mtime) for name, (size, mtime) in output_stamps(built.out).items()}
    parts = parts_of(built.out)
    stopped = update_index(built.out, stamps, built.out, parts, lambda process: process.kill())
    assert not stopped.has_run and stopped.problems == ()
    assert [path.read_bytes() for path in entries(built.out)] == before
    assert [p for p in built.out.parent.iterdir() if ".search-" in p.name] == []
    assert update_index(built.out, stamps, built.out, parts).has_run


@pytest.mark.browser
def test_searching_finds_a_fact_sheet(open_page: Callable[..., Any]) -> None:
    needs_pagefind()
    _, found = search(open_page, "en", "Department of Children and Families")
    assert "/en/facts/ct-dcf-2021/" in found, found


# ------------------------------------------------------------------ an index in parts


def test_a_language_s_pages_are_split_into_parts_that_keep_their_pages() -> None:
    from lantern.routes import Route
    from lantern.search import PART_PAGES, search_parts

    def routes(count: int) -> list[Route]:
        made = [Route(f"en/articles/a{n}/", "article", "article.html", "en") for n in range(count)]
        return [*made, Route("es/articles/b/", "article", "article.html", "es")]

    few = search_parts(routes(PART_PAGES))
    assert list(few) == ["pagefind/en-0/", "pagefind/es-0/"]
    many = search_parts(routes(PART_PAGES * 3))
    assert len([part for part in many if part.startswith("pagefind/en-")]) == 4  # doubles
    assert all(len(files) <= 2 * PART_PAGES for files in many.values())
    files = [file for files in many.values() for file in files]
    assert sorted(files) == sorted(route.file for route in routes(PART_PAGES * 3))  # each once
    more = search_parts(routes(PART_PAGES * 3 + 1))  # a new page leaves the others where they were
    assert {part: set(files) for part, files in many.items()} == {
        part: set(files) - {f"en/articles/a{PART_PAGES * 3}/index.html"}
        for part, files in more.items()
    }


WOMBATS = 6  # articles that all speak of wombats, spread over the parts


@pytest.fixture
def in_parts(
    make_site: Callable[..., Path], build: Callable[..., Built], monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Built]:
    """A small site whose index comes in many parts, as a large site's does."""
    monkeypatch.setattr("lantern.search.PART_PAGES", 1)
    articles = {
        f"content/articles/wombat-{n}.en.md": f"---\ntitle: Wombat {n}\ndate: 2026-01-0{n + 1}\n---\nWombats dig, {n}.\n"
        for n in range(WOMBATS)
    }
    site = make_site(articles)
    built = build(site)
    assert built.status == 0, built.stderr
    return site, built


def test_an_edit_makes_again_only_the_part_its_page_is_in(
    in_parts: tuple[Path, Built], build: Callable[..., Built]
) -> None:
    needs_pagefind()
    site, built = in_parts
    parts = {path.parent.name: path.stat().st_mtime_ns for path in entries(built.out)}
    assert len([name for name in parts if name.startswith("en-")]) >= 4
    shown = built.page("en/search/").xpath("//div[@id='search']/@data-parts")[0].split()
    assert shown == [f"/pagefind/{name}/" for name in sorted(parts) if name.startswith("en-")]
    article = site / "content/articles/wombat-0.en.md"
    article.write_text(article.read_text() + "\nAnd they sleep.\n")
    again = build(site)
    assert again.status == 0, again.stderr
    after = {path.parent.name: path.stat().st_mtime_ns for path in entries(again.out)}
    assert after.keys() == parts.keys()
    assert len([name for name in parts if after[name] != parts[name]]) == 1


@pytest.mark.browser
def test_a_search_looks_through_every_part(
    in_parts: tuple[Path, Built], contexts: Callable[..., Any]
) -> None:
    needs_pagefind()
    from tests.conftest import served

    _, built = in_parts
    with served(built.out) as url:
        page = contexts().new_page()
        page.goto(url + "en/search/?q=wombats")
        links = page.locator("#search-results li a")
        links.nth(WOMBATS - 1).wait_for(timeout=10_000)
        found = sorted(links.nth(i).get_attribute("href") for i in range(links.count()))
        page.close()
    assert found == [f"/en/articles/wombat-{n}/" for n in range(WOMBATS)]
