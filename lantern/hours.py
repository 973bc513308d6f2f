"""Opening hours in words for readers, and in a compact form for the "open now" script.

The HTML never says "open" or "closed": only the reader's clock knows (SITE-REQUIREMENTS 17).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_time, get_day_names, get_timezone_name
from babel.lists import format_list

from lantern.i18n import locale_of
from lantern.model import DAYS, Hours, OpeningRange


def hours_in_words(hours: Hours, lang: str, always_open: str) -> str:
    """ "Monday–Friday 9:00 AM–5:00 PM; Saturday 10:00 AM–2:00 PM (Eastern Time)"."""
    if hours.is_always_open:
        return always_open
    parts = [f"{_days_in_words(r.days, lang)} {_time_span(r, lang)}" for r in hours.ranges]
    zone = get_timezone_name(
        ZoneInfo(hours.timezone), "long", locale=locale_of(lang), zone_variant="generic"
    )
    return f"{'; '.join(parts)} ({zone})"


def hours_for_script(hours: Hours) -> str:
    """ "24/7", or "mo,tu,we,th,fr 09:00-17:00;sa 10:00-14:00" for quick-exit's sibling script."""
    if hours.is_always_open:
        return "24/7"
    return ";".join(f"{','.join(r.days)} {r.opens}-{r.closes}" for r in hours.ranges)


def _days_in_words(days: tuple[str, ...], lang: str) -> str:
    names = get_day_names("wide", locale=locale_of(lang))  # 0 = Monday
    indexes = sorted(DAYS.index(day) for day in days)
    # A run of three or more days reads as a range, also across the week's end: "Sunday–Thursday".
    for start in indexes:
        run = [(start + offset) % 7 for offset in range(len(indexes))]
        if len(indexes) >= 3 and sorted(run) == indexes:
            return f"{names[run[0]]}–{names[run[-1]]}"
    return format_list([names[i] for i in indexes], locale=locale_of(lang))


def _time_span(opening: OpeningRange, lang: str) -> str:
    locale = locale_of(lang)
    opens, closes = (dt.time.fromisoformat(t) for t in (opening.opens, opening.closes))
    return f"{format_time(opens, 'short', locale=locale)}–{format_time(closes, 'short', locale=locale)}"
