"""ISO 3166 area codes as names: countries from CLDR (Babel), US states from their own table."""

from __future__ import annotations

from lantern.i18n import locale_of
from lantern.model import LocalText

# ISO 3166-2:US subdivisions; their names are the same in English and Spanish (STATE_NAME_LANGS).
STATE_NAME_LANGS = ("en", "es")
US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "U.S. Virgin Islands",
}  # fmt: skip


def area_name(code: str, lang: str) -> str:
    """ "US" -> "United States" / "Estados Unidos"; "US-CT" -> "Connecticut"; else the code."""
    country, _, subdivision = code.partition("-")
    if subdivision:
        return US_STATES.get(subdivision, code) if country == "US" else code
    return str(locale_of(lang).territories.get(country, code))


def area_label(code: str, lang: str) -> LocalText:
    """The area's name, marked English where the table's name is not the language's own."""
    name = area_name(code, lang)
    country, _, subdivision = code.partition("-")
    is_english = country == "US" and subdivision in US_STATES and lang not in STATE_NAME_LANGS
    return LocalText(name, "en" if is_english else lang)
