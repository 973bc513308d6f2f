"""Hotline listings: content/hotlines/ID.yaml, with phone numbers checked by phonenumbers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import phonenumbers

from lantern.config import check_date, check_timezone
from lantern.content.records import read_records
from lantern.errors import Problems
from lantern.i18n import check_language_tags, translatable
from lantern.model import ALWAYS_OPEN, Channel, Hotline, Hours, OpeningRange, SiteConfig
from lantern.yamlfile import YamlDocument

STALE_AFTER_DAYS = 180  # a wrong number in a crisis is worse than none: re-check twice a year
_SHORT_CODE = re.compile(r"^\d{5,6}$")


def load_hotlines(
    site_dir: Path, config: SiteConfig, today: dt.date, problems: Problems
) -> tuple[Hotline, ...]:
    records = read_records(site_dir, "hotlines", "hotline", problems)
    checked = (_checked(id_, document, config, today, problems) for id_, document in records)
    return tuple(hotline for hotline in checked if hotline)


def _checked(
    hotline_id: str, document: YamlDocument, config: SiteConfig, today: dt.date, problems: Problems
) -> Hotline | None:
    data: dict[str, Any] = document.data
    count = len(problems.errors)
    name = translatable(document, ("name",), config.languages, problems)
    operator, description = (
        translatable(document, (field,), config.languages, problems)
        for field in ("operator", "description")
    )
    check_timezone(document, ("timezone",), problems)
    _check_hours_have_a_zone(document, (), problems)
    check_language_tags(document, ("languages",), problems)
    last_verified = check_date(document, ("last_verified",), problems)
    region = (data.get("area") or "").split("-")[0] or None
    channels = tuple(
        _channel(document, index, region, config, problems)
        for index in range(len(data["channels"]))
    )
    if len(problems.errors) > count or name is None or last_verified is None:
        return None
    age = (today - last_verified).days
    if age > STALE_AFTER_DAYS:
        problems.warning(
            document.at(("last_verified",)),
            f"this listing was last verified {age} days ago (more than {STALE_AFTER_DAYS})",
            "call or check every channel, then set last_verified to that day",
        )
    return Hotline(
        id=hotline_id,
        name=name,
        channels=channels,
        last_verified=last_verified,
        area=data.get("area", ""),
        operator=operator,
        description=description,
        topics=tuple(data.get("topics", ())),
        languages=tuple(data.get("languages", ())),
        has_interpretation=bool(data.get("interpretation")),
        hours=_hours(data.get("hours"), data.get("timezone", "")),
        at=document.at(()),
    )


def _hours(value: Any, timezone: str) -> Hours | None:
    """Hours as written (shape and time zone already checked)."""
    if value is None:
        return None
    if value == "24/7":
        return ALWAYS_OPEN
    ranges = tuple(
        OpeningRange(tuple(r["days"]), _hhmm(r["opens"]), _hhmm(r["closes"])) for r in value
    )
    return Hours(False, ranges, timezone)


def _hhmm(time: str) -> str:
    """ "9:00" -> "09:00", so times compare and print alike."""
    hours, minutes = time.split(":")
    return f"{int(hours):02d}:{minutes}"


def _channel(
    document: YamlDocument, index: int, region: str | None, config: SiteConfig, problems: Problems
) -> Channel:
    at = ("channels", index)
    data: dict[str, Any] = document.data["channels"][index]
    _check_hours_have_a_zone(document, at, problems)
    check_language_tags(document, (*at, "languages"), problems)
    number = str(data.get("number", ""))
    e164 = _e164(document, at, number, data["type"], region, problems) if number else ""
    zone = document.data.get("timezone", "")
    return Channel(
        type=data["type"],
        label=translatable(document, (*at, "label"), config.languages, problems),
        number=number,
        e164=e164,
        keyword=data.get("keyword", ""),
        url=data.get("url", ""),
        address=data.get("address", ""),
        is_tty=bool(data.get("tty")),
        is_toll_free=bool(e164) and _is_toll_free(e164),
        hours=_hours(data.get("hours"), zone),
        languages=tuple(data.get("languages", ())),
    )


def _is_toll_free(e164: str) -> bool:
    number = phonenumbers.parse(e164)
    return bool(phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.TOLL_FREE)


# North American numbers set aside for fiction and examples: no one answers them.
_FICTIONAL = re.compile(r"^\+1\d{3}55501\d{2}$")


def _e164(
    document: YamlDocument,
    at: tuple[str, int],
    number: str,
    kind: str,
    region: str | None,
    problems: Problems,
) -> str:
    """The number in E.164 (+18883737888); "" for a text short code."""
    if kind == "text" and _SHORT_CODE.match(number):
        return ""
    where = document.at((*at, "number"))
    region_name = region or "international"
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        hint = (
            "10 digits, e.g. 1-888-373-7888"
            if region == "US"
            else "include the country code, e.g. +1 888 373 7888"
        )
        if kind == "call" and _SHORT_CODE.match(number):
            hint = "a short code can only be used for a text channel"
        problems.error(where, f'"{number}" is not a valid {region_name} phone number', hint)
        return ""
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if _FICTIONAL.match(e164):  # `build.py new hotline` writes one, and the example site's
        problems.warning(  # illustrative listings use them; a real site must not publish one
            where,
            f'"{number}" is a number reserved for examples (555-0100 to 555-0199): no one answers it',
            "write the hotline's real number, and call it before you publish",
        )
    return e164


def _check_hours_have_a_zone(
    document: YamlDocument, at: tuple[Any, ...], problems: Problems
) -> None:
    """Weekly hours mean nothing without the hotline's time zone (channels share it)."""
    hours = document.get((*at, "hours"))
    if hours not in (None, "24/7") and document.get(("timezone",)) is None:
        problems.error(
            document.at((*at, "hours")),
            "hours need a timezone",
            "add a line such as 'timezone: America/New_York' to the hotline",
        )
