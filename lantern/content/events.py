"""Events: content/events/ID.yaml, their dates and times read in the event's own time zone."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Set
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from lantern.config import check_timezone
from lantern.content.media import check_in_media
from lantern.content.records import markdown_at, read_records
from lantern.errors import Problems
from lantern.i18n import translatable
from lantern.model import Event, Image, LocalText, Location, SiteConfig, Translatable
from lantern.yamlfile import YamlDocument

Moment = dt.datetime | dt.date  # a date alone is an all-day event
TextReader = Callable[..., Translatable | None]  # reads a (T) field at a field path

_ONE_DIGIT_HOUR = re.compile(r"([T ])(\d):")  # the schema allows 9:00; fromisoformat wants 09:00


def load_events(
    site_dir: Path,
    config: SiteConfig,
    media: tuple[str, ...],
    problems: Problems,
    campaign_ids: set[str] | frozenset[str] = frozenset(),
) -> tuple[Event, ...]:
    """Every event without errors, the earliest first; `campaign:` must name one of `campaign_ids`."""
    events = []
    for event_id, document in read_records(site_dir, "events", "event", problems):
        count = len(problems.errors)
        _check_campaign(document, campaign_ids, problems)
        event = _event(event_id, document, config, media, problems)
        if event is not None and len(problems.errors) == count:
            events.append(event)
    return tuple(sorted(events, key=lambda event: (event.first_moment, event.id)))


def _event(
    event_id: str,
    document: YamlDocument,
    config: SiteConfig,
    media: tuple[str, ...],
    problems: Problems,
) -> Event | None:
    data: dict[str, Any] = document.data
    zone = _zone(document, config.timezone, problems)
    starts = _moment(document, "starts", zone, problems)
    ends = _moment(document, "ends", zone, problems)
    if starts is None:
        return None
    _check_order(document, starts, ends, problems)

    def text(*at: str | int) -> Translatable | None:
        return translatable(document, at, config.languages, problems)

    return Event(
        id=event_id,
        title=text("title") or Translatable.same(""),  # the schema has made sure it is there
        starts=starts,
        ends=ends,
        timezone=zone.key,
        is_all_day=not isinstance(starts, dt.datetime),
        kind=data.get("kind", "other"),
        description=text("description"),
        location=_location(document, text),
        registration_url=data.get("registration_url", ""),
        cost=text("cost"),
        audience=text("audience"),
        image=_image(document, media, config.default_lang, problems),
        campaign=data.get("campaign", ""),
        at=document.at(()),
        markdown_at=markdown_at(document, ("description",)),
    )


def _check_campaign(document: YamlDocument, campaign_ids: Set[str], problems: Problems) -> None:
    campaign = document.get(("campaign",))
    if campaign is not None and campaign not in campaign_ids:
        problems.error(
            document.at(("campaign",)),
            f'there is no campaign "{campaign}"',
            "use the file name of content/campaigns/ID.yaml, without .yaml",
        )


def _zone(document: YamlDocument, site_zone: str, problems: Problems) -> ZoneInfo:
    """The event's time zone; the site's when none is written (or the one written is wrong)."""
    return ZoneInfo(check_timezone(document, ("timezone",), problems) or site_zone)


def _moment(
    document: YamlDocument, field: str, zone: ZoneInfo, problems: Problems
) -> Moment | None:
    """A date, or a date-time in `zone`; a written offset fixes the instant (shape checked)."""
    written = document.get((field,))
    if written is None:
        return None
    is_date = len(written) == len("2027-01-14")
    try:
        if is_date:
            return dt.date.fromisoformat(written)
        local = dt.datetime.fromisoformat(_ONE_DIGIT_HOUR.sub(r"\g<1>0\2:", written))
    except ValueError:
        problems.error(
            document.at((field,)),
            f'"{field}" is not a real date{"" if is_date else " and time"}: {written}',
            "check that the day exists in that month"
            + ("" if is_date else " and the time is between 00:00 and 23:59"),
        )
        return None
    if local.tzinfo is not None:
        return local.astimezone(zone)
    moment = local.replace(tzinfo=zone)
    if moment.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != local:
        problems.error(
            document.at((field,)),
            f'"{field}" ({written}) does not exist in {zone.key}: the clocks go forward then',
            "choose a time outside the skipped hour, e.g. one hour later",
        )
        return None
    return moment


def _check_order(
    document: YamlDocument, starts: Moment, ends: Moment | None, problems: Problems
) -> None:
    if ends is None:
        return
    at, shown = document.at(("ends",)), (document.get(("ends",)), document.get(("starts",)))
    if isinstance(starts, dt.datetime) != isinstance(ends, dt.datetime):
        problems.error(
            at,
            '"starts" and "ends" must both be dates, or both dates and times',
            "write a time in both (2027-01-14T10:00) or in neither (2027-01-14) for all day",
        )
    elif isinstance(starts, dt.datetime) and ends <= starts:
        problems.error(
            at,
            f'"ends" ({shown[0]}) must come after "starts" ({shown[1]})',
            "check the day and the time; leave out ends: when there is no set end",
        )
    elif ends < starts:
        problems.error(
            at,
            f'"ends" ({shown[0]}) must not come before "starts" ({shown[1]})',
            "for an all-day event, ends is its last day",
        )


def _location(document: YamlDocument, text: TextReader) -> Location | None:
    """The place or link; None is allowed: an event may be announced before its place is known."""
    data: dict[str, str] | None = document.data.get("location")
    if data is None:
        return None
    return Location(
        name=text("location", "name"),
        address=data.get("address", ""),
        city=data.get("city", ""),
        region=data.get("region", ""),
        online_url=data.get("online_url", ""),
    )


def _image(
    document: YamlDocument, media: tuple[str, ...], lang: str, problems: Problems
) -> Image | None:
    path = document.data.get("image")
    if path is None:
        return None
    if not check_in_media(path, media, document.at(("image",)), problems):
        return None
    alt = str(document.data.get("image_alt", "")).strip()
    if not alt:
        problems.error(
            document.at(("image",)),
            f'the image "{path}" has no image_alt',
            "describe what the image shows in image_alt:",
        )
        return None
    return Image(path, LocalText(alt, lang))
