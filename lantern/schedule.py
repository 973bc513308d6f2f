"""What is on when: event times in words, upcoming or past, a campaign's state and month calendar.

Everything is computed from the build's today; the campaign page's script redoes the state and
the highlighted day in the visitor's browser, from the same data attributes.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.core import get_global
from babel.dates import (
    format_date,
    format_interval,
    format_skeleton,
    format_time,
    get_timezone_name,
)

from lantern.i18n import locale_of
from lantern.model import Action, Campaign, Event

BANNER_DAYS = 45  # how long before its start a featured campaign is promoted on the home page


def is_past(event: Event, today: dt.date) -> bool:
    return event.last_day < today


def split_events(events: tuple[Event, ...], today: dt.date) -> tuple[list[Event], list[Event]]:
    """(upcoming, the soonest first; past, the most recent first): today's events are upcoming."""
    upcoming = [e for e in events if not is_past(e, today)]
    past = [e for e in events if is_past(e, today)]
    return upcoming, past[::-1]


def when_text(event: Event, lang: str) -> str:
    """ "Thursday, January 14, 2027, 10:00 AM – 12:30 PM Central Standard Time", in `lang`."""
    locale = locale_of(lang)
    if not isinstance(event.starts, dt.datetime):
        end = event.ends if isinstance(event.ends, dt.date) else None
        if end is None or end == event.starts:
            return format_date(event.starts, "full", locale=locale)
        return format_interval(event.starts, end, "yMMMEd", locale=locale)
    zone = ZoneInfo(event.timezone)
    start = event.starts
    end_time = event.ends if isinstance(event.ends, dt.datetime) else None
    zone_name = get_timezone_name(start, "long", locale=locale)
    if end_time is None:
        times = format_time(start, "short", tzinfo=zone, locale=locale)
    elif end_time.date() == start.date():
        times = format_interval(start, end_time, _hour_skeleton(lang), tzinfo=zone, locale=locale)
    else:
        first = f"{format_skeleton('yMMMEd', start, locale=locale)}, {format_time(start, 'short', tzinfo=zone, locale=locale)}"
        then = f"{format_skeleton('yMMMEd', end_time, locale=locale)}, {format_time(end_time, 'short', tzinfo=zone, locale=locale)}"
        return f"{first} – {then} ({zone_name})"
    return f"{format_date(start.date(), 'full', locale=locale)}, {times} ({zone_name})"


def _hour_skeleton(lang: str) -> str:
    """ "hm" where the language writes 2:00 PM, "Hm" where it writes 14:00."""
    pattern = str(locale_of(lang).time_formats["short"].pattern)
    return "hm" if "h" in pattern.replace("'", "") else "Hm"


def date_range_text(first: dt.date, last: dt.date, lang: str) -> str:
    """ "January 1 – 31, 2027", "1–31 de enero de 2027"."""
    if first == last:
        return format_date(first, "long", locale=locale_of(lang))
    return format_interval(first, last, "yMMMd", locale=locale_of(lang))


@dataclass(frozen=True)
class CampaignState:
    """Where today falls: before (days until it starts), during (day N of total), or after."""

    phase: Literal["upcoming", "live", "past"]
    days_until: int = 0
    day: int = 0
    total: int = 0


def campaign_state(campaign: Campaign, today: dt.date) -> CampaignState:
    total = campaign.length_in_days
    if today < campaign.starts:
        return CampaignState("upcoming", (campaign.starts - today).days, total=total)
    if today > campaign.ends:
        return CampaignState("past", total=total)
    return CampaignState("live", day=(today - campaign.starts).days + 1, total=total)


def shows_banner(state: CampaignState) -> bool:
    """A featured campaign is promoted while live, and in the weeks before it starts."""
    return state.phase == "live" or (state.phase == "upcoming" and state.days_until <= BANNER_DAYS)


def plural_category(count: int, lang: str) -> str:
    """CLDR's plural category of a count in `lang`: "one", "few", "many", "other"…"""
    category: str = locale_of(lang).plural_form(count)
    return category


@dataclass(frozen=True)
class Day:
    """A cell of the month calendar: a day of the month, with its actions; None outside the month."""

    date: dt.date
    actions: tuple[Action, ...]
    is_in_campaign: bool


@dataclass(frozen=True)
class Month:
    caption: str  # "January 2027"
    weekdays: tuple[tuple[str, str], ...]  # (abbreviated, full) names, in the locale's week order
    weeks: tuple[tuple[Day | None, ...], ...]


def months(campaign: Campaign, lang: str) -> tuple[Month, ...]:
    """One calendar per month the campaign touches, weeks starting on the locale's first day."""
    locale = locale_of(lang)
    first_weekday = _first_week_day(lang)
    grid = calendar.Calendar(firstweekday=first_weekday)
    by_day: dict[dt.date, list[Action]] = {}
    for action in campaign.actions:
        by_day.setdefault(action.date, []).append(action)
    order = [(first_weekday + i) % 7 for i in range(7)]
    weekdays = tuple(
        (locale.days["stand-alone"]["abbreviated"][d], locale.days["stand-alone"]["wide"][d])
        for d in order
    )
    found = []
    year, month = campaign.starts.year, campaign.starts.month
    while (year, month) <= (campaign.ends.year, campaign.ends.month):
        weeks = tuple(
            tuple(_day(day, month, by_day, campaign) for day in week)
            for week in grid.monthdatescalendar(year, month)
        )
        caption = format_skeleton("yMMMM", dt.date(year, month, 1), locale=locale)
        found.append(Month(caption[:1].upper() + caption[1:], weekdays, weeks))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(found)


def _day(
    day: dt.date, month: int, by_day: dict[dt.date, list[Action]], campaign: Campaign
) -> Day | None:
    if day.month != month:
        return None
    return Day(day, tuple(by_day.get(day, ())), campaign.starts <= day <= campaign.ends)


def _first_week_day(lang: str) -> int:
    """0 = Monday. A language without a region takes its likely one: en is en_US, weeks from Sunday."""
    locale = locale_of(lang)
    if locale.territory is None:
        likely = get_global("likely_subtags").get(locale.language)
        if likely:
            locale = Locale.parse(likely)
    first: int = locale.first_week_day
    return first
