"""The example's events and campaign pages, built before, during and after January 2027.

SITE-REQUIREMENTS 21-24: Event JSON-LD, calendar files, the campaign page's parts, and a source
beside every figure.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from lxml import html
from PIL import Image

from lantern.cli import main
from lantern.config import load_config
from lantern.content.events import load_events
from lantern.errors import Problems
from tests.conftest import REPO, TODAY, Built, covered

CAMPAIGN = "campaigns/prevention-month-2027/"
_built: dict[str, Built] = {}


@pytest.fixture(scope="module")
def example_on(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Built]]:
    """The example built with a given --today, each day once per module."""

    def build_on(today: str) -> Built:
        if today not in _built:
            out = tmp_path_factory.mktemp(f"example-{today}") / "_site"
            status = main(["--site", str(REPO), "--out", str(out), "--today", today, "--quiet"])
            assert status == 0
            _built[today] = Built(status, out, "", "")
        return _built[today]

    yield build_on
    _built.clear()


def text_of(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


# ------------------------------------------------------------------ campaign state and banner
STATES = {
    "2026-11-01": ("upcoming", "Starts in 61 days", "Comienza en 61 días", False),
    "2026-11-25": ("upcoming", "Starts in 37 days", "Comienza en 37 días", True),
    "2027-01-11": ("live", "Day 11 of 31", "Día 11 de 31", True),
    "2027-02-01": ("past", "This campaign has ended.", "Esta campaña terminó.", False),
}


@pytest.mark.parametrize("today", STATES)
def test_campaign_state_and_home_banner_follow_today(
    today: str, example_on: Callable[[str], Built]
) -> None:
    phase, english, spanish, has_banner = STATES[today]
    built = example_on(today)
    for lang, expected in (("en", english), ("es", spanish)):
        page = built.page(f"{lang}/{CAMPAIGN}")
        (state,) = page.cssselect(".campaign-state")
        assert f"campaign-state--{phase}" in state.get("class")
        assert (
            text_of(state) == expected if phase != "past" else text_of(state).startswith(expected)
        )
        assert (state.get("data-starts"), state.get("data-ends")) == ("2027-01-01", "2027-01-31")
        banners = built.page(f"{lang}/").cssselect(".campaign-banner")
        assert len(banners) == has_banner
        if has_banner:
            assert expected in text_of(banners[0])
            link = banners[0].cssselect("a")[0].get("href")
            assert link == f"/{lang}/{CAMPAIGN}"


@pytest.mark.parametrize("today", ["2026-11-25", "2027-01-11", "2027-02-01"])
def test_todays_action_is_highlighted_only_while_live(
    today: str, example_on: Callable[[str], Built]
) -> None:
    page = example_on(today).page(f"es/{CAMPAIGN}")
    current = page.xpath("//*[@aria-current='date']")
    if STATES[today][0] != "live":
        assert current == [] and page.cssselect(".is-today") == []
        return
    cell, item = current
    assert (cell.tag, cell.get("data-date")) == ("td", today)
    assert (item.tag, item.get("id")) == ("li", f"action-{today}")
    assert "is-today" in cell.get("class") and "is-today" in item.get("class")
    assert "Hoy" in text_of(item)


def test_the_script_has_the_words_for_every_state(example_on: Callable[[str], Built]) -> None:
    (state,) = example_on(TODAY).page(f"es/{CAMPAIGN}").cssselect(".campaign-state")
    assert state.get("data-upcoming-one") == "Comienza en {n} día"
    assert state.get("data-upcoming-other") == "Comienza en {n} días"
    assert state.get("data-live") == "Día {n} de {total}"
    assert state.get("data-past").startswith("Esta campaña terminó.")


# ------------------------------------------------------------------ events
def event_titles(page: html.HtmlElement, which: str) -> list[str]:
    return [text_of(a) for a in page.cssselect(f".event-list--{which} .event-item__title a")]


@pytest.mark.parametrize(
    ("today", "upcoming", "past"),
    [
        ("2026-11-25", 6, 1),
        ("2027-01-11", 6, 1),  # the Wear Blue Day is today: still upcoming
        ("2027-02-01", 1, 6),
    ],
)
def test_events_split_into_upcoming_and_past_by_today(
    today: str, upcoming: int, past: list[str] | int, example_on: Callable[[str], Built]
) -> None:
    page = example_on(today).page("en/events/")
    soon, gone = event_titles(page, "upcoming"), event_titles(page, "past")
    assert len(soon) == upcoming
    assert gone == past if isinstance(past, list) else len(gone) == past
    if not soon:
        assert "No events are planned right now." in text_of(page)


def test_upcoming_events_come_soonest_first_and_past_ones_latest_first(
    example_on: Callable[[str], Built],
) -> None:
    page = example_on("2027-02-01").page("en/events/")
    (soon,) = event_titles(page, "upcoming")
    gone = event_titles(page, "past")
    assert soon == "Lantern Example Coalition Spring Gala 2027"
    assert gone[0].startswith("Community training: recognising")  # January 26
    assert "Aurora" in gone[-1]  # October 2026, the oldest


def test_an_ongoing_event_is_still_upcoming_until_its_last_day(
    example_on: Callable[[str], Built],
) -> None:
    page = example_on("2027-01-11").page("en/events/")  # the Wear Blue Day is all day today
    assert "Wear Blue Day" in event_titles(page, "upcoming")[0]
    assert "Wear Blue Day" not in " ".join(event_titles(page, "past"))


def test_event_pages_show_time_in_the_events_zone_and_language(example: Built) -> None:
    english = text_of(
        example.page("en/events/ems-introduction-2027/").cssselect(".event__facts")[0]
    )
    spanish = text_of(
        example.page("es/events/ems-introduction-2027/").cssselect(".event__facts")[0]
    )
    assert "Wednesday, January 20, 2027, 2:00" in english and "Central Standard Time" in english
    assert "miércoles, 20 de enero de 2027, 14:00–16:00" in spanish
    assert "hora estándar central" in spanish
    all_day = text_of(example.page("es/events/wear-blue-day-2027/").cssselect(".event__facts")[0])
    assert "lunes, 11 de enero de 2027" in all_day and ":" not in all_day.split("Dónde")[0][8:]


def test_every_event_page_has_event_json_ld(example: Built) -> None:
    """SITE-REQUIREMENTS 21."""
    pages = sorted(example.out.glob("*/events/*/index.html"))
    assert len(pages) == 21
    covered("Event JSON-LD", *(p.relative_to(example.out).as_posix() for p in pages))
    for file in pages:
        page = html.fromstring(file.read_bytes())
        (script,) = page.xpath("//script[@type='application/ld+json']")
        data = json.loads(script.text)
        assert data["@type"] == "Event" and data["name"]
        assert re.search(r"T\d\d:\d\d:\d\d[+-]\d\d:\d\d$", data["startDate"]), data["startDate"]
        places = data["location"] if isinstance(data["location"], list) else [data["location"]]
        for place in places:
            assert place["@type"] in ("Place", "VirtualLocation")
            assert place.get("address") or place.get("url")
        mode = data["eventAttendanceMode"].rsplit("/", 1)[1]
        types = {place["@type"] for place in places}
        assert mode == {
            frozenset({"Place"}): "OfflineEventAttendanceMode",
            frozenset({"VirtualLocation"}): "OnlineEventAttendanceMode",
        }.get(frozenset(types), "MixedEventAttendanceMode")
        assert data["eventStatus"] == "https://schema.org/EventScheduled"
        assert data["organizer"]["name"] and data["organizer"]["url"].startswith("https://")
        event_id = file.parent.name
        assert page.xpath(f"//a[@href='/events/{event_id}.ics']")


def test_online_event_json_ld_has_its_link_and_chicago_offset(example: Built) -> None:
    page = example.page("en/events/ems-introduction-2027/")
    data = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["startDate"] == "2027-01-20T14:00:00-06:00"
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


# ------------------------------------------------------------------ calendar files
def calendars(example: Built) -> list[Path]:
    return sorted([*example.out.glob("events/*.ics"), *example.out.glob("campaigns/*.ics")])


def test_every_calendar_file_is_well_formed(example: Built) -> None:
    """SITE-REQUIREMENTS 22."""
    files = calendars(example)
    assert len(files) == 8
    covered("icalendar", *(f.relative_to(example.out).as_posix() for f in files))
    for file in files:
        calendar = icalendar.Calendar.from_ical(file.read_bytes())
        zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
        events = calendar.walk("VEVENT")
        assert events, file
        for event in events:
            names = [name for name, _ in event.property_items(recursive=False)]
            assert (names.count("UID"), names.count("DTSTAMP")) == (1, 1)
            for name in ("DTSTART", "DTEND"):
                if name not in event:
                    continue
                prop = event[name]
                if isinstance(prop.dt, dt.datetime):
                    assert prop.params["TZID"] in zones
                else:
                    assert prop.params.get("VALUE") == "DATE"


def test_calendar_times_equal_the_source(example: Built) -> None:
    config = load_config(REPO)
    events = load_events(REPO, config, (), Problems(), {"prevention-month-2027"})
    assert len(events) == 7
    for event in events:
        data = (example.out / f"events/{event.id}.ics").read_bytes()
        (item,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
        assert item["DTSTART"].dt == event.starts
        assert str(item["UID"]) == f"{event.id}@lantern.example.org"
        if isinstance(event.starts, dt.datetime):
            assert item["DTSTART"].dt.tzinfo.key == event.timezone  # type: ignore[union-attr]
            assert item["DTEND"].dt == event.ends


def test_campaign_calendar_has_its_events_and_key_dates(example: Built) -> None:
    data = (example.out / "campaigns/prevention-month-2027.ics").read_bytes()
    items = icalendar.Calendar.from_ical(data).walk("VEVENT")
    uids = sorted(str(item["UID"]) for item in items)
    assert "prevention-month-2027-2027-01-11@lantern.example.org" in uids
    assert "ems-introduction-2027@lantern.example.org" in uids
    assert "spring-gala-2027@lantern.example.org" not in uids  # not part of the campaign
    wear_blue = next(
        i for i in items if str(i["UID"]).startswith("prevention-month-2027-2027-01-11")
    )
    assert wear_blue["DTSTART"].dt == dt.date(2027, 1, 11)
    assert {str(zone["TZID"]) for zone in icalendar.Calendar.from_ical(data).walk("VTIMEZONE")} == {
        "America/Chicago",
        "America/New_York",
    }


def test_calendar_bytes_do_not_depend_on_the_clock(
    example: Built, example_on: Callable[[str], Built]
) -> None:
    later = example_on("2026-12-20")
    ics = "events/spring-gala-2027.ics"
    assert (example.out / ics).read_bytes().replace(b"20261125", b"20261220") == (
        later.out / ics
    ).read_bytes()


# ------------------------------------------------------------------ the campaign page's parts
@pytest.mark.parametrize("lang", ["en", "es"])
def test_campaign_page_has_every_part_in_its_language(lang: str, example: Built) -> None:
    """SITE-REQUIREMENTS 23."""
    page = example.page(f"{lang}/{CAMPAIGN}")
    key_dates = page.cssselect(".timeline time[datetime]")
    assert "2027-01-11" in [t.get("datetime") for t in key_dates]
    (table,) = page.cssselect("table.month")
    assert (
        text_of(table.cssselect("caption")[0])
        == {"en": "January 2027", "es": "Enero de 2027"}[lang]
    )
    headers = table.cssselect("th")
    assert len(headers) == 7 and all(th.get("scope") == "col" for th in headers)
    assert len(table.cssselect("td[data-date]")) == 31
    assert len(page.cssselect(".actions__item")) == 31
    posts = page.cssselect(".post")
    assert len(posts) == 6
    for post in posts:
        text = text_of(post.cssselect(".post__text")[0])
        assert text.endswith("#HumanTraffickingPreventionMonth #WearBlueDay #EndTrafficking")
        assert post.cssselect(".post__text")[0].get("lang") is None  # written in this language
        (image,) = post.cssselect("img")
        assert image.get("alt") and image.get("lang") is None
        assert ("Fuente:" if lang == "es" else "Source:") in image.get("alt")
        assert post.xpath(".//button[@data-copy][@hidden]")  # shown by the script only
        links = [a.get("href") for a in post.cssselect(".post__share a")]
        assert links[0].startswith("mailto:?subject=")
        assert all(a.get("rel") == "noreferrer" for a in post.cssselect(".post__share a")[1:])
    downloads = page.cssselect(".downloads li")
    assert len(downloads) == 2
    english, spanish = (text_of(d.cssselect(".downloads__meta")[0]) for d in downloads)
    assert re.fullmatch(r"\(PDF, \d+ kB, (English|inglés)\)", english), english
    assert re.fullmatch(r"\(PDF, \d+ kB, (Spanish|español)\)", spanish), spanish
    assert [d.cssselect("a")[0].get("hreflang") for d in downloads] == ["en", "es"]


def test_every_figure_on_the_campaign_page_has_its_source(example: Built) -> None:
    """SITE-REQUIREMENTS 24: and hotline figures say they count contacts, not prevalence."""
    for lang in ("en", "es"):
        facts = example.page(f"{lang}/{CAMPAIGN}").cssselect(".fact")
        assert len(facts) == 4
        for fact in facts:
            source = text_of(fact.cssselect(".source")[0])
            assert re.search(r"\b(19|20)\d\d\b", source), source
            if "Hotline" in source or "Línea" in source:
                assert fact.cssselect(".caveat")


def test_share_images_are_1200_by_630_with_a_smaller_one_for_the_page(example: Built) -> None:
    images = sorted(example.out.glob(f"*/{CAMPAIGN}share-*.png"))
    shown = sorted(example.out.glob("static/share/*/prevention-month-2027-*.png"))
    assert len(images) == len(shown) == 18  # six posts, three languages
    for files, expected in ((images, (1200, 630)), (shown, (600, 315))):
        for file in files:
            with Image.open(io.BytesIO(file.read_bytes())) as image:
                assert (image.format, image.size) == ("PNG", expected)
    english = (example.out / f"en/{CAMPAIGN}share-2.png").read_bytes()
    assert english != (example.out / f"es/{CAMPAIGN}share-2.png").read_bytes()
    assert english != (example.out / f"ar/{CAMPAIGN}share-2.png").read_bytes()


def test_event_shortcode_shows_the_event(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    event = (
        "title: {en: Gala night, es: Noche de gala}\nstarts: 2027-04-24T18:00\nkind: fundraiser\n"
    )
    article = (REPO / "tests/sites/minimal/content/articles/hello.en.md").read_text()
    built = build(
        make_site(
            {
                "content/events/gala.yaml": event,
                "content/articles/hello.en.md": article + "\n{{< event gala >}}\n",
            }
        )
    )
    assert built.status == 0
    (item,) = built.page("en/articles/hello/").cssselect(".prose .event-item")
    assert text_of(item.cssselect("a")[0]) == "Gala night"
    assert item.cssselect("a")[0].get("href") == "/en/events/gala/"
    assert "Saturday, April 24, 2027, 6:00" in text_of(item)
    assert ZoneInfo("America/New_York")  # the minimal site's zone, named in the text:
    assert "Eastern Daylight Time" in text_of(item)
