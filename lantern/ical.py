"""Calendar files (.ics, RFC 5545) of events and campaign key dates, written with icalendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

from lantern.model import Event

PRODID = "-//Lantern//Lantern//EN"

KeyDateItem = tuple[str, dt.date, str]  # (uid_suffix, day, summary): one all-day item


def event_calendar(
    events: Sequence[Event],
    *,
    title: str,
    lang: str,
    default_lang: str,
    base_url: str,
    dtstamp: dt.datetime,
    url_of: Callable[[Event], str],
    key_date_items: Sequence[KeyDateItem] = (),
) -> bytes:
    """A complete VCALENDAR: one VEVENT per event and per key date, a VTIMEZONE per zone used.

    `dtstamp` is the build's today at 00:00 UTC, never the clock, so the same input gives the same
    bytes; UIDs are ID@host, so a calendar that subscribed updates the items instead of doubling them.
    """
    host = urlsplit(base_url).hostname or ""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.calendar_name = title  # NAME (RFC 7986) and X-WR-CALNAME, which more clients read
    for event in events:
        item = _item(f"{event.id}@{host}", dtstamp, event.title.text_in(lang, default_lang).text)
        _add_when(item, event)
        if event.description:
            item.add("description", event.description.text_in(lang, default_lang).text)
        where = _where(event, lang, default_lang)
        if where:
            item.add("location", where)
        item.add("url", url_of(event))
        calendar.add_component(item)
    for uid_suffix, day, summary in key_date_items:
        item = _item(f"{uid_suffix}@{host}", dtstamp, summary)
        item.add("dtstart", day)
        item.add("dtend", day + dt.timedelta(days=1))
        calendar.add_component(item)
    _add_timezones(calendar, events)
    ical: bytes = calendar.to_ical()
    return ical


def _item(uid: str, dtstamp: dt.datetime, summary: str) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", uid)
    item.add("dtstamp", dtstamp.astimezone(dt.UTC))
    item.add("summary", summary)
    return item


def _add_when(item: CalendarEvent, event: Event) -> None:
    """DTSTART and DTEND: TZID=the event's zone, or VALUE=DATE for a whole day."""
    item.add("dtstart", event.starts)
    if event.is_all_day:
        item.add(
            "dtend", event.last_day + dt.timedelta(days=1)
        )  # RFC 5545 3.6.1: DTEND is exclusive
    elif event.ends is not None:
        item.add("dtend", event.ends)


def _where(event: Event, lang: str, default_lang: str) -> str:
    """The place as one line (name, address, city, region), else the link to join online."""
    location = event.location
    if location is None:
        return ""
    name = location.name.text_in(lang, default_lang).text if location.name else ""
    parts = (name, location.address, location.city, location.region)
    return ", ".join(part for part in parts if part) or location.online_url


def _add_timezones(calendar: Calendar, events: Sequence[Event]) -> None:
    """A VTIMEZONE for every TZID used, first and sorted, so the bytes never depend on set order.

    Each covers only the years the events span: the full 1970-2038 history would be most of the file.
    """
    years = [m.year for e in events if not e.is_all_day for m in (e.starts, e.ends) if m]
    for index, tzid in enumerate(sorted(calendar.get_missing_tzids())):
        timezone = Timezone.from_tzid(
            tzid, first_date=dt.date(min(years), 1, 1), last_date=dt.date(max(years) + 1, 1, 1)
        )
        calendar.subcomponents.insert(index, timezone)
