"""Where today falls in a campaign, the banner's window, and event times in words."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from lantern.model import Campaign, Event, Translatable
from lantern.schedule import (
    BANNER_DAYS,
    CampaignState,
    campaign_state,
    months,
    shows_banner,
    when_text,
)

JANUARY = Campaign("month", Translatable.same("Month"), dt.date(2027, 1, 1), dt.date(2027, 1, 31))


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (dt.date(2026, 12, 31), CampaignState("upcoming", days_until=1, total=31)),
        (dt.date(2027, 1, 1), CampaignState("live", day=1, total=31)),
        (dt.date(2027, 1, 31), CampaignState("live", day=31, total=31)),
        (dt.date(2027, 2, 1), CampaignState("past", total=31)),
    ],
)
def test_campaign_state_at_its_edges(today: dt.date, state: CampaignState) -> None:
    assert campaign_state(JANUARY, today) == state


def test_the_banner_shows_from_45_days_before_until_the_last_day() -> None:
    def banner_on(today: dt.date) -> bool:
        return shows_banner(campaign_state(JANUARY, today))

    first_day = JANUARY.starts - dt.timedelta(days=BANNER_DAYS)
    assert (banner_on(first_day - dt.timedelta(days=1)), banner_on(first_day)) == (False, True)
    assert (banner_on(JANUARY.ends), banner_on(JANUARY.ends + dt.timedelta(days=1))) == (
        True,
        False,
    )


def test_weeks_start_on_the_languages_first_day() -> None:
    (english,) = months(JANUARY, "en")
    (spanish,) = months(JANUARY, "es")
    assert english.weekdays[0] == ("Sun", "Sunday")  # en is en_US
    assert spanish.weekdays[0] == ("lun", "lunes")
    assert (english.caption, spanish.caption) == ("January 2027", "Enero de 2027")
    first_week = [day.date.day if day else None for day in english.weeks[0]]
    assert first_week == [None, None, None, None, None, 1, 2]  # January 1, 2027 is a Friday
    assert sum(1 for week in spanish.weeks for day in week if day) == 31


def test_times_read_in_the_events_zone_and_the_languages_clock() -> None:
    chicago = ZoneInfo("America/Chicago")
    event = Event(
        "ems",
        Translatable.same("EMS"),
        dt.datetime(2027, 1, 20, 14, tzinfo=chicago),
        dt.datetime(2027, 1, 20, 16, tzinfo=chicago),
        timezone="America/Chicago",
    )
    assert when_text(event, "en") == (
        "Wednesday, January 20, 2027, 2:00\u2009–\u20094:00\u202fPM (Central Standard Time)"
    )
    assert when_text(event, "es") == (
        "miércoles, 20 de enero de 2027, 14:00–16:00 (hora estándar central)"
    )
    two_days = Event(
        "tables", Translatable.same("Tables"), dt.date(2027, 1, 19), dt.date(2027, 1, 22)
    )
    assert when_text(two_days, "en") == "Tue, Jan 19\u2009–\u2009Fri, Jan 22, 2027"
