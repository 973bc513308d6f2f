"""Calendar files: parsed back with icalendar, as a calendar application would read them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from lantern.ical import event_calendar
from lantern.model import Event, Location, Translatable

BASE_URL = "https://minimal.example.org/"
DTSTAMP = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
CHICAGO, MADRID = ZoneInfo("America/Chicago"), ZoneInfo("Europe/Madrid")

EVENTS = (
    Event(
        id="nurses-training",
        title=Translatable((("en", "Training for nurses"), ("es", "Capacitación para enfermería"))),
        starts=dt.datetime(2027, 1, 14, 10, 0, tzinfo=CHICAGO),
        ends=dt.datetime(2027, 1, 14, 12, 30, tzinfo=CHICAGO),
        timezone="America/Chicago",
        description=Translatable((("en", "Learn the signs."),)),
        location=Location(Translatable.same("Public Library"), "500 Main St", "Hartford", "CT"),
    ),
    Event(
        id="awareness-walk",
        title=Translatable((("en", "Awareness walk"),)),  # no Spanish title: falls back to English
        starts=dt.date(2027, 1, 11),
        ends=dt.date(2027, 1, 12),
        timezone="America/New_York",
        is_all_day=True,
    ),
    Event(
        id="online-meeting",
        title=Translatable.same("Coalition meeting"),
        starts=dt.datetime(2027, 7, 1, 18, 0, tzinfo=MADRID),
        timezone="Europe/Madrid",
        location=Location(online_url="https://meet.example.org/coalition"),
    ),
)
KEY_DATES = (("campaign-blue-day", dt.date(2027, 1, 11), "Wear Blue Day"),)


def calendar_bytes(lang: str = "es", events: tuple[Event, ...] = EVENTS) -> bytes:
    return event_calendar(
        events,
        title="Minimal Coalition",
        lang=lang,
        default_lang="en",
        base_url=BASE_URL,
        dtstamp=DTSTAMP,
        url_of=lambda event: f"{BASE_URL}{lang}/events/{event.id}/",
        key_date_items=KEY_DATES,
    )


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return Calendar.from_ical(calendar_bytes())


def by_uid(calendar: Calendar) -> dict[str, object]:
    return {str(item["UID"]): item for item in calendar.walk("VEVENT")}


def test_calendar_names_itself_and_its_producer(calendar: Calendar) -> None:
    assert (calendar["PRODID"], calendar["VERSION"]) == ("-//Lantern//Lantern//EN", "2.0")
    assert calendar["X-WR-CALNAME"] == "Minimal Coalition"
    assert calendar.errors == []


def test_each_item_has_exactly_one_uid_and_one_dtstamp(calendar: Calendar) -> None:
    items = calendar.walk("VEVENT")
    assert len(items) == len(EVENTS) + len(KEY_DATES)
    for item in items:
        names = [name for name, _ in item.property_items(recursive=False)]
        assert (names.count("UID"), names.count("DTSTAMP"), item.errors) == (1, 1, [])
        assert item.decoded("DTSTAMP") == DTSTAMP


def test_uids_are_the_id_at_the_sites_host_and_stable(calendar: Calendar) -> None:
    expected = [f"{e.id}@minimal.example.org" for e in EVENTS] + [
        "campaign-blue-day@minimal.example.org"
    ]
    assert list(by_uid(calendar)) == expected
    assert list(by_uid(Calendar.from_ical(calendar_bytes()))) == expected


def test_every_tzid_used_has_a_vtimezone(calendar: Calendar) -> None:
    used = {
        value.params["TZID"]
        for item in calendar.walk("VEVENT")
        for name in ("DTSTART", "DTEND")
        if name in item and "TZID" in (value := item[name]).params
    }
    assert used == {"America/Chicago", "Europe/Madrid"}
    assert {zone["TZID"] for zone in calendar.walk("VTIMEZONE")} == used


def test_start_and_end_are_the_same_instants_as_the_source(calendar: Calendar) -> None:
    items = by_uid(calendar)
    for event in (EVENTS[0], EVENTS[2]):
        item = items[f"{event.id}@minimal.example.org"]
        assert item.decoded("DTSTART").astimezone(dt.UTC) == event.starts.astimezone(dt.UTC)
    training = items["nurses-training@minimal.example.org"]
    assert training.decoded("DTEND") == EVENTS[0].ends


def test_all_day_items_use_value_date_and_end_the_day_after(calendar: Calendar) -> None:
    items = by_uid(calendar)
    for uid, last_day in (
        ("awareness-walk@minimal.example.org", dt.date(2027, 1, 12)),
        ("campaign-blue-day@minimal.example.org", dt.date(2027, 1, 11)),
    ):
        item = items[uid]
        for name in ("DTSTART", "DTEND"):
            assert item[name].params["VALUE"] == "DATE"
            assert not isinstance(item.decoded(name), dt.datetime)
        assert item.decoded("DTEND") == last_day + dt.timedelta(days=1)  # exclusive, RFC 5545


def test_summary_is_in_the_requested_language_with_fallback(calendar: Calendar) -> None:
    summaries = {uid: str(item["SUMMARY"]) for uid, item in by_uid(calendar).items()}
    assert summaries["nurses-training@minimal.example.org"] == "Capacitación para enfermería"
    assert summaries["awareness-walk@minimal.example.org"] == "Awareness walk"
    english = by_uid(Calendar.from_ical(calendar_bytes("en")))
    assert str(english["nurses-training@minimal.example.org"]["SUMMARY"]) == "Training for nurses"


def test_location_is_the_place_or_the_link_to_join(calendar: Calendar) -> None:
    items = by_uid(calendar)
    training = items["nurses-training@minimal.example.org"]
    assert str(training["LOCATION"]) == "Public Library, 500 Main St, Hartford, CT"
    assert str(training["DESCRIPTION"]) == "Learn the signs."
    online = items["online-meeting@minimal.example.org"]
    assert str(online["LOCATION"]) == "https://meet.example.org/coalition"
    assert str(online["URL"]) == f"{BASE_URL}es/events/online-meeting/"
    assert "LOCATION" not in items["awareness-walk@minimal.example.org"]


def test_same_input_gives_the_same_bytes() -> None:
    assert calendar_bytes() == calendar_bytes()
    reordered = Calendar.from_ical(calendar_bytes(events=tuple(reversed(EVENTS))))
    zones = [str(zone["TZID"]) for zone in reordered.walk("VTIMEZONE")]
    assert zones == ["America/Chicago", "Europe/Madrid"]  # sorted, never in a set's order
