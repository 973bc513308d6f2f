"""Opening hours in words, in the reader's language, and in the compact form the badge reads."""

from __future__ import annotations

from lantern.hours import hours_for_script, hours_in_words
from lantern.model import ALWAYS_OPEN, Hours, OpeningRange

OFFICE = Hours(
    False,
    (
        OpeningRange(("mo", "tu", "we", "th", "fr"), "09:00", "17:00"),
        OpeningRange(("sa",), "10:00", "14:00"),
    ),
    "America/New_York",
)
EVENINGS = Hours(
    False,
    (
        OpeningRange(("su", "mo", "tu", "we", "th"), "15:00", "23:00"),
        OpeningRange(("fr", "sa"), "20:00", "02:00"),
    ),
    "America/New_York",
)


def words(hours: Hours, lang: str) -> str:
    return hours_in_words(hours, lang, "always").replace("\u202f", " ")


def test_weekday_ranges_read_as_ranges_with_the_time_zone() -> None:
    assert words(OFFICE, "en") == (
        "Monday–Friday 9:00 AM–5:00 PM; Saturday 10:00 AM–2:00 PM (Eastern Time)"
    )
    assert words(OFFICE, "es") == "lunes–viernes 9:00–17:00; sábado 10:00–14:00 (hora oriental)"


def test_a_run_across_the_end_of_the_week_and_two_days_read_naturally() -> None:
    assert words(EVENINGS, "en") == (
        "Sunday–Thursday 3:00 PM–11:00 PM; Friday and Saturday 8:00 PM–2:00 AM (Eastern Time)"
    )


def test_always_open_uses_the_given_words() -> None:
    assert (
        hours_in_words(ALWAYS_OPEN, "en", "Open 24 hours, every day") == "Open 24 hours, every day"
    )


def test_the_badge_reads_a_compact_form() -> None:
    assert hours_for_script(ALWAYS_OPEN) == "24/7"
    assert hours_for_script(OFFICE) == "mo,tu,we,th,fr 09:00-17:00;sa 10:00-14:00"
