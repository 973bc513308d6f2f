"""Events: dates and times read in the event's time zone, and each mistake's exact message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from lantern.config import load_config
from lantern.content.events import load_events
from lantern.errors import Problems
from lantern.model import Event, Image, LocalText, Location, Translatable

FILE = "content/events/nurses-training.yaml"
GOOD = """\
title:
  en: Training for nurses
  es: Capacitación para enfermería
starts: 2027-01-14T10:00
ends: 2027-01-14T12:30
timezone: America/Chicago
kind: training
location:
  name: Hartford Public Library
  address: 500 Main St
  city: Hartford
  region: CT
registration_url: https://minimal.example.org/register
"""
MEDIA = ("walk.jpg",)

CASES = {
    "missing title": (
        GOOD.replace("title:\n  en: Training for nurses\n  es: Capacitación para enfermería\n", ""),
        f'{FILE}:1:1: error: the required field "title" is missing (hint: add a line "title: ...")',
    ),
    "date-time that does not exist": (
        GOOD.replace("starts: 2027-01-14", "starts: 2027-02-30"),
        f'{FILE}:4:9: error: "starts" is not a real date and time: 2027-02-30T10:00 '
        "(hint: check that the day exists in that month and the time is between 00:00 and 23:59)",
    ),
    "time skipped when the clocks go forward": (
        GOOD.replace("2027-01-14T10:00", "2027-03-14T02:30").replace("01-14T12", "03-14T12"),
        f'{FILE}:4:9: error: "starts" (2027-03-14T02:30) does not exist in America/Chicago: '
        "the clocks go forward then (hint: choose a time outside the skipped hour, e.g. one hour later)",
    ),
    "bad time zone": (
        GOOD.replace("America/Chicago", "Mars/Olympus_Mons"),
        f'{FILE}:6:11: error: "Mars/Olympus_Mons" is not a time zone name '
        "(hint: use an IANA name such as America/New_York or Europe/Madrid)",
    ),
    "ends before starts": (
        GOOD.replace("ends: 2027-01-14T12:30", "ends: 2027-01-14T09:00"),
        f'{FILE}:5:7: error: "ends" (2027-01-14T09:00) must come after "starts" (2027-01-14T10:00) '
        "(hint: check the day and the time; leave out ends: when there is no set end)",
    ),
    "all-day end of a timed event": (
        GOOD.replace("ends: 2027-01-14T12:30", "ends: 2027-01-15"),
        f'{FILE}:5:7: error: "starts" and "ends" must both be dates, or both dates and times '
        "(hint: write a time in both (2027-01-14T10:00) or in neither (2027-01-14) for all day)",
    ),
    "unknown kind": (
        GOOD.replace("kind: training", "kind: webinar"),
        f'{FILE}:7:7: error: "kind" must be one of: training, fundraiser, awareness, meeting, other',
    ),
    "registration_url without https://": (
        GOOD.replace("https://minimal.example.org/register", "minimal.example.org/register"),
        f'{FILE}:13:19: error: "registration_url" must be a full web address starting with https://'
        " (hint: copy the whole address from the browser's address bar, such as"
        " https://example.org/help)",
    ),
    "image without alt": (
        GOOD + "image: walk.jpg\n",
        f'{FILE}:14:8: error: the image "walk.jpg" has no image_alt '
        "(hint: describe what the image shows in image_alt:)",
    ),
    "image not in content/media/": (
        GOOD + "image: missing.jpg\nimage_alt: Nurses in a training room\n",
        f'{FILE}:14:8: error: the image "missing.jpg" is not in content/media/ '
        "(hint: put the file in content/media/ and give its path relative to that folder)",
    ),
}


@pytest.fixture
def load(make_site: Callable[..., Path]) -> Callable[..., tuple[tuple[Event, ...], list[str]]]:
    """Write event files into a copy of the minimal site and load them: (events, problems)."""

    def run(files: dict[str, str]) -> tuple[tuple[Event, ...], list[str]]:
        site = make_site({f"content/events/{name}.yaml": text for name, text in files.items()})
        problems = Problems()
        events = load_events(site, load_config(site), MEDIA, problems)
        return events, [str(problem) for problem in problems.found]

    return run


@pytest.mark.parametrize("case", CASES)
def test_bad_event_gives_one_clear_error(
    case: str, load: Callable[..., tuple[Any, list[str]]]
) -> None:
    text, expected = CASES[case]
    events, problems = load({"nurses-training": text})
    assert (events, problems) == ((), [expected])


def test_times_are_aware_and_as_written_in_the_events_zone(load: Callable[..., Any]) -> None:
    (event,), problems = load({"nurses-training": GOOD})
    chicago = ZoneInfo("America/Chicago")
    assert problems == []
    assert event.starts == dt.datetime(2027, 1, 14, 10, 0, tzinfo=chicago)
    assert event.starts.tzinfo is chicago and event.ends.tzinfo is chicago
    assert event.ends.replace(tzinfo=None) == dt.datetime(2027, 1, 14, 12, 30)
    assert (event.timezone, event.is_all_day, event.kind) == ("America/Chicago", False, "training")
    assert event.title.text_in("es", "en").text == "Capacitación para enfermería"
    assert event.location == Location(
        Translatable.same("Hartford Public Library"), "500 Main St", "Hartford", "CT"
    )


def test_written_offset_fixes_the_instant_and_the_zone_stays_for_display(
    load: Callable[..., Any],
) -> None:
    text = GOOD.replace("2027-01-14T10:00", "2027-01-14T10:00-05:00")
    (event,), _ = load({"nurses-training": text})
    assert event.starts == dt.datetime(2027, 1, 14, 15, 0, tzinfo=dt.UTC)
    assert (event.starts.tzinfo, event.starts.hour) == (ZoneInfo("America/Chicago"), 9)


def test_without_timezone_the_sites_is_used(load: Callable[..., Any]) -> None:
    (event,), _ = load({"nurses-training": GOOD.replace("timezone: America/Chicago\n", "")})
    assert event.timezone == "America/New_York"
    assert event.starts.utcoffset() == dt.timedelta(hours=-5)


def test_date_only_event_is_all_day(load: Callable[..., Any]) -> None:
    text = GOOD.replace("starts: 2027-01-14T10:00\nends: 2027-01-14T12:30", "starts: 2027-01-11")
    (event,), problems = load({"nurses-training": text})
    assert problems == []
    assert (event.starts, event.ends, event.is_all_day) == (dt.date(2027, 1, 11), None, True)
    assert not isinstance(event.starts, dt.datetime)


def test_event_without_place_or_link_is_allowed(load: Callable[..., Any]) -> None:
    text = GOOD.split("location:")[0]
    (event,), problems = load({"nurses-training": text})
    assert (event.location, problems) == (None, [])


def test_image_with_alt_is_kept_in_the_default_language(load: Callable[..., Any]) -> None:
    text = GOOD + "image: walk.jpg\nimage_alt: Nurses in a training room\n"
    (event,), _ = load({"nurses-training": text})
    assert event.image == Image("walk.jpg", LocalText("Nurses in a training room", "en"))


def test_events_are_sorted_by_start_across_zones(load: Callable[..., Any]) -> None:
    later = GOOD.replace("America/Chicago", "America/Los_Angeles")  # 10:00 there is 12:00 Chicago
    earlier = GOOD.replace("starts: 2027-01-14T10:00", "starts: 2027-01-14T11:00")
    all_day = GOOD.replace("starts: 2027-01-14T10:00\nends: 2027-01-14T12:30", "starts: 2027-01-14")
    events, problems = load({"a-later": later, "b-earlier": earlier, "c-all-day": all_day})
    assert problems == []
    assert [event.id for event in events] == ["c-all-day", "b-earlier", "a-later"]
