"""Articles and pages: every front-matter rule with its exact message, and what translations inherit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Built, errors_in

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2" width="2" height="2"></svg>\n'

CASES: dict[str, tuple[dict[str, str | None], str]] = {
    "broken front matter": (
        {"content/articles/hello.en.md": "---\ntitle: Hello: again\ndate: 2026-01-05\n---\nx\n"},
        "content/articles/hello.en.md:2:13: error: not valid YAML: mapping values are not "
        "allowed here (hint: check the indentation and that text containing ': ' is in quotes)",
    ),
    "missing title": (
        {"content/articles/hello.en.md": "---\ndate: 2026-01-05\n---\nx\n"},
        'content/articles/hello.en.md:2:1: error: the required field "title" is missing '
        '(hint: add a line "title: ...")',
    ),
    "unknown field": (
        {"content/articles/hello.en.md": "---\ntitle: A\ndate: 2026-01-05\nsumary: x\n---\nx\n"},
        'content/articles/hello.en.md:4:1: error: unknown field "sumary" '
        '(hint: did you mean "summary"?)',
    ),
    "wrong type": (
        {"content/articles/hello.en.md": "---\ntitle: A\ndate: 2026-01-05\ntags: news\n---\nx\n"},
        'content/articles/hello.en.md:4:7: error: "tags" must be a list',
    ),
    "date in the wrong form": (
        {"content/articles/hello.en.md": "---\ntitle: A\ndate: 5 January 2026\n---\nx\n"},
        'content/articles/hello.en.md:3:7: error: "date" must be a date written YYYY-MM-DD, '
        "like 2027-01-11",
    ),
    "date that does not exist": (
        {"content/articles/hello.en.md": "---\ntitle: A\ndate: 2026-02-30\n---\nx\n"},
        'content/articles/hello.en.md:3:7: error: "date" is not a real date: 2026-02-30',
    ),
    "missing date": (
        {"content/articles/hello.en.md": "---\ntitle: A\n---\nx\n"},
        'content/articles/hello.en.md:2:1: error: the required field "date" is missing '
        "(hint: add a line such as 'date: 2026-11-25')",
    ),
    "translation without a default-language file sets its own date": (
        {"content/articles/solo.es.md": "---\ntitle: Solo\n---\nx\n"},
        'content/articles/solo.es.md:2:1: error: the required field "date" is missing '
        "(hint: add a line such as 'date: 2026-11-25' (there is no solo.en.md to inherit it from))",
    ),
    "unknown language in the file name": (
        {"content/articles/hello.fr.md": "---\ntitle: Bonjour\n---\nx\n"},
        'content/articles/hello.fr.md: error: "fr" is not one of the site\'s languages (en, es) '
        "(hint: rename the file with a language listed in site.yaml, or add the language there)",
    ),
    "file name without a language": (
        {"content/articles/hello.md": "---\ntitle: Hi\n---\nx\n"},
        "content/articles/hello.md: error: the file name must be KEY.LANG.md "
        "(hint: for example hello.en.md)",
    ),
    "duplicate slug": (
        {"content/articles/other.en.md": "---\ntitle: B\ndate: 2026-01-06\nslug: hello\n---\nx\n"},
        'content/articles/other.en.md:2:1: error: the article slug "hello" is already used in '
        "en by content/articles/hello.en.md (hint: set a different slug: in the front matter "
        "of one of them)",
    ),
    "page slug that is a section name": (
        {"content/pages/news.en.md": "---\ntitle: News\nslug: articles\n---\nx\n"},
        'content/pages/news.en.md:2:1: error: the slug "articles" is the name of a section '
        "(hint: choose another slug; these are taken: articles, tags, facts, hotlines, "
        "resources, events, campaigns)",
    ),
    "slug with capitals": (
        {"content/pages/news.en.md": "---\ntitle: News\nslug: News\n---\nx\n"},
        'content/pages/news.en.md:3:7: error: "slug" must be lowercase letters, digits and '
        'hyphens, like "get-help"',
    ),
    "image that is not in media": (
        {
            "content/articles/hello.en.md": "---\ntitle: A\ndate: 2026-01-05\nimage: x.svg\nimage_alt: A\n---\n"
        },
        'content/articles/hello.en.md:4:8: error: the image "x.svg" is not in content/media/ '
        "(hint: put the file in content/media/ and give its path relative to that folder)",
    ),
    "image without alt text": (
        {
            "content/media/dot.svg": SVG,
            "content/articles/hello.en.md": "---\ntitle: A\ndate: 2026-01-05\nimage: dot.svg\n---\n",
        },
        'content/articles/hello.en.md:4:8: error: the image "dot.svg" has no image_alt '
        "(hint: describe what the image shows in image_alt:, or set decorative: true if it "
        "shows nothing)",
    ),
    "missing safety page": (
        {
            "content/pages/stay-safe-online.en.md": None,
            "content/pages/stay-safe-online.es.md": None,
        },
        'content/pages/stay-safe-online.en.md: error: the "stay-safe-online" page is missing '
        "(hint: every page links to it from the quick-exit area: write how to browse safely, "
        "that quick exit does not erase history, and that Shift pressed three times leaves)",
    ),
    "no front matter": (
        {"content/pages/about.en.md": "# About\n"},
        "content/pages/about.en.md:1:1: error: the file does not start with front matter "
        "(hint: begin the file with a line '---', then 'title: ...', then a line '---')",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_content_gives_one_clear_error(
    case: str, make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    files, expected = CASES[case]
    built = build(make_site(files))
    assert (built.status, errors_in(built)) == (1, [expected])
    assert "Traceback" not in built.stderr


def test_all_problems_are_reported_together(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site(
        {
            "content/articles/hello.en.md": "---\ntitle: A\n---\nx\n",
            "content/pages/about.en.md": "---\ntitel: About\n---\n",
        }
    )
    built = build(site)
    assert built.status == 1
    assert len(errors_in(built)) == 3  # missing date; unknown titel; missing title
    assert built.stderr.endswith(
        "3 error(s): nothing was written; the previous site is unchanged.\n"
    )


def test_drafts_are_left_out_unless_asked_for(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site(
        {"content/articles/wip.en.md": "---\ntitle: WIP\ndate: 2026-01-01\ndraft: true\n---\n"}
    )
    assert not (build(site).out / "en/articles/wip").exists()
    assert (build(site, "--drafts").out / "en/articles/wip/index.html").is_file()


def test_future_articles_wait_for_their_date(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site({"content/articles/soon.en.md": "---\ntitle: Soon\ndate: 2026-12-01\n---\n"})
    assert not (build(site).out / "en/articles/soon").exists()
    assert (build(site, "--future").out / "en/articles/soon/index.html").is_file()
    assert (build(site, "--today", "2026-12-01").out / "en/articles/soon/index.html").is_file()


def test_translation_inherits_language_neutral_fields(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site(
        {
            "content/media/dot.svg": SVG,
            "content/articles/hello.en.md": (
                "---\ntitle: Hello\ndate: 2026-01-05\nauthor: Outreach team\n"
                "image: dot.svg\nimage_alt: A small dot\n---\nx\n"
            ),
        }
    )
    page = build(site).page("es/articles/hola/")
    assert page.xpath("string(//main//time/@datetime)") == "2026-01-05"
    assert "Outreach team" in page.xpath("string(//main//p[@class='article__meta'])")
    (image,) = page.xpath("//main//img")
    # The Spanish file has no image_alt: the English one is shown, marked as English.
    assert (image.get("alt"), image.get("lang")) == ("A small dot", "en")
