"""Arabic on the example site: no English interface text, foreign passages marked, runs isolated."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import html

from lantern.bidi import isolate_ltr_runs
from lantern.cli import main
from tests.conftest import REPO, Built

TODAY = "2028-01-05"  # the date: the campaign is over, every event past
LATIN = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("arabic") / "_site"
    assert main(["--site", str(REPO), "--out", str(out), "--today", TODAY, "--quiet"]) == 0
    return Built(0, out, "", "")


def arabic_pages(built: Built) -> list[Path]:
    pages = sorted((built.out / "ar").rglob("*.html"))
    assert len(pages) > 20
    return pages


def nearest(element: html.HtmlElement, attribute: str) -> str | None:
    for ancestor in (element, *element.iterancestors()):
        if ancestor.get(attribute) is not None:
            return str(ancestor.get(attribute))
    return None


def direction_of(element: html.HtmlElement) -> str | None:
    """The direction an element's text is laid out in: its `dir`, or an SVG's `direction`."""
    for ancestor in (element, *element.iterancestors()):
        found = ancestor.get("dir") or ancestor.get("direction")
        if found is not None:
            return str(found)
    return None


def is_isolated(element: html.HtmlElement) -> bool:
    """Inside a `bdi` or an element with dir="ltr": laid out apart from the Arabic around it."""
    return any(
        ancestor.tag == "bdi" or "ltr" in (ancestor.get("dir"), ancestor.get("direction"))
        for ancestor in (element, *element.iterancestors())
    )


def texts(page: html.HtmlElement) -> list[tuple[html.HtmlElement, str]]:
    """Every piece of text the body shows, with the element it belongs to."""
    (body,) = page.xpath("//body")
    found = []
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        if element.text and element.text.strip():
            found.append((element, element.text))
        for child in element:
            if child.tail and child.tail.strip():
                found.append((element, child.tail))
    return found


def test_arabic_pages_show_no_latin_words_outside_a_marked_or_isolated_element(
    arabic: Built,
) -> None:
    """English interface text would show here; so would an unmarked English passage."""
    mistakes = []
    for path in arabic_pages(arabic):
        page = html.fromstring(path.read_bytes())
        assert page.get("lang") == "ar" and page.get("dir") == "rtl", path
        for element, text in texts(page):
            is_arabic = nearest(element, "lang") == "ar"
            if is_arabic and LATIN.search(text) and not is_isolated(element):
                mistakes.append(f"{path.relative_to(arabic.out)}: {text.strip()[:60]!r}")
    assert mistakes == []


def test_every_english_passage_in_an_arabic_page_is_marked_left_to_right(arabic: Built) -> None:
    marked = 0
    for path in arabic_pages(arabic):
        page = html.fromstring(path.read_bytes())
        for element in page.xpath("//body//*[@lang and @lang != 'ar']"):
            marked += 1
            assert direction_of(element) == "ltr", (path, html.tostring(element)[:120])
    assert marked > 0  # the Arabic article list shows the articles written in English


def test_an_english_article_in_the_arabic_list_says_so_in_arabic(arabic: Built) -> None:
    page = html.fromstring((arabic.out / "ar/articles/index.html").read_bytes())
    items = page.xpath("//li[@class='article-item'][.//a[@hreflang='en']]")
    assert items
    for item in items:
        (link,) = item.xpath(".//a[@hreflang='en']")
        assert (link.get("lang"), link.get("dir")) == ("en", "ltr")
        (meta,) = item.xpath(".//p[@class='article-item__meta']")
        assert "بالإنجليزية" in meta.text_content() or "الإنجليزية" in meta.text_content()
        assert nearest(meta, "lang") == "ar"


def test_arabic_pages_isolate_every_phone_number_and_address(arabic: Built) -> None:
    phone = re.compile(r"\+?\d[\d ().-]{5,}\d")
    for path in arabic_pages(arabic):
        page = html.fromstring(path.read_bytes())
        for element, text in texts(page):
            for found in phone.findall(text):
                if sum(c.isdigit() for c in found) >= 7:
                    assert is_isolated(element), (path, found)
        for link in page.xpath("//a[starts-with(@href, 'tel:') or starts-with(@href, 'sms:')]"):
            assert link.xpath(".//*[@dir='ltr']"), (path, html.tostring(link))
            number = link.get("href").split(":")[1].split("?")[0]
            assert number.lstrip("+").isascii() and number.lstrip("+").isdigit()  # Latin digits


@pytest.mark.parametrize(
    ("given", "isolated"),
    [
        ("اتصل على +1 888 373 7888", 'اتصل على <span dir="ltr">+1 888 373 7888</span>'),
        ("(888) 373-7888.", '<span dir="ltr">(888) 373-7888</span>.'),
        ("راسل info@example.org،", 'راسل <span dir="ltr">info@example.org</span>،'),
        ("زر https://example.org/help/.", 'زر <span dir="ltr">https://example.org/help/</span>.'),
        ("بين 2020–2022", 'بين <span dir="ltr">2020–2022</span>'),
        ("#WearBlueDay", '<span dir="ltr">#WearBlueDay</span>'),
        ("اضغط Shift ثلاث", 'اضغط <span dir="ltr">Shift</span> ثلاث'),
        ("(Polaris Project) هنا", '(<span dir="ltr">Polaris Project</span>) هنا'),
        ("&amp; &#39; سنة 2027", "&amp; &#39; سنة 2027"),  # entities, a lone year
    ],
)
def test_runs_are_isolated(given: str, isolated: str) -> None:
    assert isolate_ltr_runs(f"<p>{given}</p>") == f"<p>{isolated}</p>"


def test_isolated_or_unmarkable_places_are_left_alone() -> None:
    for page in (
        '<a dir="ltr">+1 888 373 7888</a>',
        "<bdi>+1 888 373 7888</bdi>",
        "<title>+1 888 373 7888</title>",
        "<!doctype html><!-- Shift +1 888 373 7888 -->",
        '<select><option value="1">+1 888 373 7888</option></select>',
        "<svg><text>+1 888 373 7888</text></svg>",
        '<script type="application/ld+json">{"telephone": "+18883737888 x"}</script>',
    ):
        assert isolate_ltr_runs(page) == page
    assert (
        isolate_ltr_runs('<img alt="Shift"><br>Shift')
        == '<img alt="Shift"><br><span dir="ltr">Shift</span>'
    )


def test_without_libraqm_no_arabic_share_image_is_drawn_and_the_build_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from PIL import features

    monkeypatch.setattr(features, "check", lambda name: name != "raqm")
    site = tmp_path / "site"  # a copy: the repository's build cache stays out of it
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "site.yaml", site / "site.yaml")
    out = tmp_path / "_site"
    status = main(["--site", str(site), "--out", str(out), "--today", TODAY])
    assert status == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "libraqm" in line]
    assert said == [
        "site.yaml: warning: share images are not drawn in ar: right-to-left text needs libraqm,"
        " which Pillow does not find on this computer (hint: install it (Debian and Ubuntu:"
        " apt-get install libraqm0) and build again)"
    ]
    assert not list((out / "ar/campaigns").rglob("*.png"))
    assert list((out / "en/campaigns").rglob("share-*.png"))
    campaign = html.fromstring((out / "ar/campaigns/prevention-month-2027/index.html").read_bytes())
    assert campaign.xpath("//li[@class='post']") and not campaign.xpath(
        "//img[@class='post__image']"
    )
