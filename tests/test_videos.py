"""The video shortcode: a local still and a plain link, nothing loaded from the video's site."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Built, errors_in

VIDEO = "content/videos/intro.yaml"
GOOD_VIDEO = """\
# Our training, in two minutes.
title: {en: The training in two minutes, es: La capacitación en dos minutos}
url: https://www.vimeo.com/76979871
description: {en: Two trainers explain a session., es: Dos capacitadoras explican una sesión.}
poster: intro-still.svg
languages: [en, es]
"""
STILL = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 9"><rect width="16" height="9"/></svg>\n'
ARTICLE = "---\ntitle: Hola\nslug: hola\n---\nTexto.\n\n{{< video intro >}}\n"


def video_site(make_site: Callable[..., Path]) -> Path:
    return make_site(
        {
            VIDEO: GOOD_VIDEO,
            "content/media/intro-still.svg": STILL,
            "content/articles/hello.es.md": ARTICLE,
        }
    )


def test_a_video_is_a_local_still_and_a_plain_link_in_the_page_language(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    built = build(video_site(make_site))
    assert built.status == 0, built.stderr
    page = built.page("es/articles/hola/")
    (figure,) = page.xpath("//figure[@class='video']")
    (link,) = figure.xpath(".//a")
    assert (link.get("href"), link.get("rel")) == ("https://www.vimeo.com/76979871", "noreferrer")
    (still,) = link.xpath("img")
    assert still.get("alt") == ""
    assert still.get("src").startswith("/static/media/intro-still.")  # named by its bytes
    assert (built.out / still.get("src").lstrip("/")).read_text(encoding="utf-8") == STILL
    assert link.xpath("string(span[@class='video__title'])") == "La capacitación en dos minutos"
    assert link.xpath("string(span[@class='video__watch'])") == "Ver el video en vimeo.com"
    caption = figure.xpath("figcaption")[0]
    assert caption.xpath("string(p[1])") == "Dos capacitadoras explican una sesión."
    assert caption.xpath("string(p[@class='video__notice'])") == (
        "El video se reproduce en vimeo.com, otro sitio, que puede saber que usted lo visitó."
    )
    # Nothing on the page loads from the video's site: only the link goes there.
    loaded = page.xpath("//@src | //link/@href | //object/@data")
    assert [address for address in loaded if "vimeo" in address] == []
    assert page.xpath("//iframe | //video | //embed | //object") == []


def test_editing_a_video_rebuilds_the_pages_that_show_it(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = video_site(make_site)
    assert build(site).status == 0
    video = site / VIDEO
    video.write_text(
        video.read_text(encoding="utf-8").replace("en dos minutos", "en tres minutos"),
        encoding="utf-8",
    )
    built = build(site)
    title = built.page("es/articles/hola/").xpath("string(//span[@class='video__title'])")
    assert title == "La capacitación en tres minutos"


CASES = {
    "a shortcode naming no video": (
        {"content/articles/hello.es.md": ARTICLE.replace("video intro", "video intra")},
        'content/articles/hello.es.md:7:1: error: video shortcode: there is no video "intra"'
        ' (hint: did you mean "intro"?)',
    ),
    "a shortcode without an id": (
        {"content/articles/hello.es.md": ARTICLE.replace("video intro", "video")},
        "content/articles/hello.es.md:7:1: error: the video shortcode needs a video id"
        " (hint: for example {{< video ID >}})",
    ),
    "a still that is not in content/media/": (
        {"content/media/intro-still.svg": None},
        f'{VIDEO}:5:9: error: the poster "intro-still.svg" is not in content/media/'
        " (hint: put the file in content/media/ and give its path relative to that folder)",
    ),
    "an address that is not a web address": (
        {VIDEO: GOOD_VIDEO.replace("https://www.vimeo.com/76979871", "vimeo.com/76979871")},
        f'{VIDEO}:3:6: error: "url" must be a full web address starting with https://'
        " (hint: copy the whole address from the browser's address bar, such as"
        " https://example.org/help)",
    ),
    "an embed code in place of the address": (
        {VIDEO: GOOD_VIDEO + 'embed: "<iframe src=https://player.vimeo.com/video/1>"\n'},
        f'{VIDEO}:7:1: error: unknown field "embed"'
        " (hint: known fields: description, languages, poster, title, url)",
    ),
    "a language CLDR does not know": (
        {VIDEO: GOOD_VIDEO.replace("languages: [en, es]", "languages: [en, qq]")},
        f'{VIDEO}:6:17: error: "qq" is not a language known to CLDR'
        " (hint: use a BCP 47 tag such as en, es, pt-BR, ar or zh-Hant)",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_videos_give_one_clear_error_and_leave_the_site_as_it_was(
    case: str, make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    changes, expected = CASES[case]
    site = video_site(make_site)
    first = build(site)
    assert first.status == 0, first.stderr
    before = {path: path.read_bytes() for path in first.out.rglob("*") if path.is_file()}
    for relative, text in changes.items():
        if text is None:
            (site / relative).unlink()
        else:
            (site / relative).write_text(text, encoding="utf-8")
    built = build(site)
    assert (built.status, errors_in(built)) == (1, [expected])
    assert {path: path.read_bytes() for path in built.out.rglob("*") if path.is_file()} == before


def test_the_example_site_links_its_training_video_in_english_and_spanish(example: Built) -> None:
    for path in ("en/articles/facilitator-training/", "es/articles/capacitacion-en-facilitacion/"):
        (link,) = example.page(path).xpath("//figure[@class='video']/a")
        assert link.get("href") == "https://video.example.org/w/facilitator-training-introduction"
