"""The hotline directory as data: schema.org JSON-LD for pages, Open Referral HSDS 3.0 for partners.

Ids are UUIDs derived from the site address and the hotline's id, so they stay the same across
builds and partner directories can update their copy instead of duplicating it.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from lantern.model import DAYS, Channel, Event, Hotline, Hours

SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no "</script>" or "<!--" can be formed."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def contact_points(hotline: Hotline, name: str, url: str) -> dict[str, Any]:
    """schema.org Organization with a ContactPoint per call and text channel (SITE-REQUIREMENTS 16)."""
    points = []
    for channel in hotline.channels:
        if channel.type not in ("call", "text") or not channel.e164:
            continue
        options = [
            o
            for o, on in (
                ("TollFree", channel.is_toll_free),
                ("HearingImpairedSupported", channel.is_tty),
            )
            if on
        ]
        point: dict[str, Any] = {
            "@type": "ContactPoint",
            "telephone": channel.e164,
            "contactType": "crisis hotline" if channel.type == "call" else "text line",
            "availableLanguage": list(hotline.languages_of(channel)),
            "areaServed": hotline.area or "US",
        }
        hours = hotline.hours_of(channel)
        if hours:
            point["hoursAvailable"] = _opening_hours(hours)
        if options:
            point["contactOption"] = options
        points.append(point)
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": name,
        "url": url,
        "contactPoint": points,
    }


def _opening_hours(hours: Hours) -> list[dict[str, Any]]:
    if hours.is_always_open:
        return [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": list(SCHEMA_DAYS),
                "opens": "00:00",
                "closes": "23:59",
            }
        ]
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [SCHEMA_DAYS[DAYS.index(day)] for day in r.days],
            "opens": r.opens,
            "closes": r.closes,
        }
        for r in hours.ranges
    ]


def stable_id(base_url: str, *parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, base_url + "/".join(parts)))


def hsds_service(
    hotline: Hotline, base_url: str, name: str, description: str, page_url: str
) -> dict[str, Any]:
    """One hotline as an HSDS 3.0 service."""

    def sid(*parts: str) -> str:
        return stable_id(base_url, "hotlines", hotline.id, *parts)

    service: dict[str, Any] = {
        "id": sid(),
        "name": name,
        "description": description,
        "url": page_url,
        "status": "active",
        "assured_date": hotline.last_verified.isoformat(),
        "phones": [
            _hsds_phone(channel, index, sid)
            for index, channel in enumerate(hotline.channels)
            if channel.type in ("call", "text")
        ],
        "languages": [
            {"id": sid("language", tag), "name": tag, "code": tag} for tag in hotline.languages
        ],
        "service_areas": [{"id": sid("area"), "name": hotline.area, "extent_type": "other"}]
        if hotline.area
        else [],
        "schedules": _hsds_schedules(hotline.hours, sid) if hotline.hours else [],
    }
    email = next((c.address for c in hotline.channels if c.type == "email"), "")
    if email:
        service["email"] = email
    if hotline.has_interpretation:
        service["interpretation_services"] = "Interpreters are available for many more languages."
    return service


def _hsds_phone(channel: Channel, index: int, sid: Any) -> dict[str, Any]:
    phone = {
        "id": sid("phone", str(index)),
        "number": channel.e164 or channel.number,
        "type": "voice" if channel.type == "call" else "text",
    }
    if channel.keyword:
        phone["description"] = f"Text {channel.keyword} to {channel.number}"
    return phone


def _hsds_schedules(hours: Hours, sid: Any) -> list[dict[str, Any]]:
    if hours.is_always_open:
        return [
            {
                "id": sid("schedule", "0"),
                "freq": "WEEKLY",
                "byday": ",".join(RRULE_DAYS),
                "opens_at": "00:00",
                "closes_at": "23:59",
                "description": "24/7",
            }
        ]
    return [
        {
            "id": sid("schedule", str(index)),
            "freq": "WEEKLY",
            "byday": ",".join(RRULE_DAYS[DAYS.index(day)] for day in r.days),
            "opens_at": r.opens,
            "closes_at": r.closes,
            "description": f"{','.join(r.days)} {r.opens}-{r.closes} ({hours.timezone})",
        }
        for index, r in enumerate(hours.ranges)
    ]


def hsds_list(services: list[dict[str, Any]]) -> str:
    """The paginated list an HSDS API returns for /services, as one page."""
    page = {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }
    return json.dumps(page, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def event(
    item: Event,
    *,
    name: str,
    description: str,
    place_name: str,
    url: str,
    organizer: dict[str, str],
) -> dict[str, Any]:
    """schema.org Event (SITE-REQUIREMENTS 21): times with their UTC offset, where and how to attend."""
    start, end = _instants(item)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "startDate": start.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": {"@type": "Organization", **organizer},
        "url": url,
    }
    if end is not None:
        data["endDate"] = end.isoformat()
    if description:
        data["description"] = description
    if item.registration_url:
        data["offers"] = {"@type": "Offer", "url": item.registration_url}
    data.update(_where(item, place_name, url))
    return data


def _instants(item: Event) -> tuple[dt.datetime, dt.datetime | None]:
    """Aware start and end; an all-day event runs from 00:00 of its first day to the end of its last."""
    if isinstance(item.starts, dt.datetime):
        return item.first_moment, item.ends if isinstance(item.ends, dt.datetime) else None
    end = dt.datetime.combine(item.last_day, dt.time(23, 59), ZoneInfo(item.timezone))
    return item.first_moment, end


def _where(item: Event, place_name: str, page_url: str) -> dict[str, Any]:
    """location and eventAttendanceMode: a Place, a VirtualLocation, or both for a mixed event."""
    location = item.location
    places: list[dict[str, Any]] = []
    if location and (location.address or location.city):
        address = {
            "@type": "PostalAddress",
            "streetAddress": location.address,
            "addressLocality": location.city,
            "addressRegion": location.region,
        }
        place = {"@type": "Place", "address": {k: v for k, v in address.items() if v}}
        places.append({**place, "name": place_name} if place_name else place)
    if location and location.online_url:
        places.append({"@type": "VirtualLocation", "url": location.online_url})
    if not places:  # an awareness day kept wherever one is: its page is where to take part
        places.append({"@type": "VirtualLocation", "url": page_url})
    kinds = {place["@type"] for place in places}
    mode = "Mixed" if len(kinds) == 2 else ("Offline" if kinds == {"Place"} else "Online")
    return {
        "location": places[0] if len(places) == 1 else places,
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
    }
