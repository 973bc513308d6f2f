"""The bench site's YAML records for Lantern: hotlines, fact sheets, events and one campaign.

Shapes follow the example site's content/ (CONTENT-FORMAT.md); texts are short and fixed, so only
the articles grow with the corpus size. Phone numbers other than the national hotline's are in the
555-0100..0199 range reserved for fiction.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

NATIONAL_HOTLINE = "national-human-trafficking-hotline"
CAMPAIGN = "prevention-month-2027"
VERIFIED = datetime.date(2026, 11, 2)

Record = dict[str, Any]


def both(english: str, spanish: str) -> dict[str, str]:
    return {"en": english, "es": spanish}


def hotlines() -> dict[str, Record]:
    """Three listings: national (24/7, four channels), a state line with hours, a youth line."""
    national: Record = {
        "name": both(
            "National Human Trafficking Hotline", "Línea Nacional contra la Trata de Personas"
        ),
        "operator": "Polaris",
        "description": both(
            "Free, confidential support for anyone affected by human trafficking, anywhere in the United States.",
            "Apoyo gratuito y confidencial para cualquier persona afectada por la trata de personas en Estados Unidos.",
        ),
        "area": "US",
        "topics": ["trafficking", "labor", "sex-trafficking"],
        "languages": ["en", "es"],
        "interpretation": True,
        "hours": "24/7",
        "last_verified": VERIFIED,
        "channels": [
            {"type": "call", "number": "1-888-373-7888", "label": both("Call", "Llamar")},
            {"type": "text", "number": "233733", "keyword": "BeFree"},
            {"type": "chat", "url": "https://humantraffickinghotline.org/en/chat"},
            {"type": "web", "url": "https://humantraffickinghotline.org/"},
        ],
    }
    state: Record = {
        "name": both("Example state crisis line", "Línea de crisis estatal de ejemplo"),
        "operator": both("Bench Coalition", "Coalición de Prueba"),
        "area": "US-CT",
        "topics": ["sexual-violence", "trafficking"],
        "languages": ["en", "es"],
        "hours": [
            {"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "17:00"},
            {"days": ["sa"], "opens": "10:00", "closes": "14:00"},
        ],
        "timezone": "America/New_York",
        "last_verified": VERIFIED,
        "channels": [
            {"type": "call", "number": "860-555-0100"},
            {"type": "email", "address": "help@example.org"},
        ],
    }
    youth: Record = {
        "name": both("Example youth text line", "Línea de mensajes para jóvenes de ejemplo"),
        "area": "US-CT",
        "topics": ["youth"],
        "languages": ["en"],
        "hours": "24/7",
        "timezone": "America/New_York",
        "last_verified": VERIFIED,
        "channels": [
            {"type": "call", "number": "860-555-0142"},
            {
                "type": "text",
                "number": "860-555-0143",
                "keyword": "HELLO",
                "hours": [
                    {"days": ["fr", "sa"], "opens": "20:00", "closes": "02:00"},
                ],
            },
        ],
    }
    return {NATIONAL_HOTLINE: national, "state-crisis-line": state, "youth-text-line": youth}


def _source(year: int) -> Record:
    return {
        "name": both("Bench Coalition survey", "Encuesta de la Coalición de Prueba"),
        "year": year,
        "url": "https://example.org/survey",
    }


def _fact(fact_id: str, value: int, english: str, spanish: str) -> Record:
    return {
        "id": fact_id,
        "text": both(f"{value}% {english}", f"El {value} % {spanish}"),
        "value": value,
        "unit": "%",
        "source": _source(2025),
        "caveat": both("A survey of our own clients, not a census.", "Una encuesta propia."),
    }


def fact_sheets() -> dict[str, Record]:
    """Two sheets: figures with a chart, and warning signs with myths."""
    figures: Record = {
        "title": both("What our clients told us, 2025", "Lo que nos contaron, 2025"),
        "summary": both("Figures from our yearly survey.", "Cifras de nuestra encuesta anual."),
        "updated": VERIFIED,
        "body": both(
            "These figures describe **our clients**.",
            "Estas cifras describen **a quienes atendemos**.",
        ),
        "facts": [
            _fact(
                "knew-trafficker",
                41,
                "knew the person who exploited them.",
                "conocía a quien la explotó.",
            ),
            _fact("minors", 22, "were minors when it began.", "eran menores al comenzar."),
            _fact("labour", 35, "were exploited for labour.", "sufrió explotación laboral."),
        ],
        "charts": [
            {
                "id": "where-it-happened",
                "title": both("Where it happened", "Dónde ocurrió"),
                "kind": "bar",
                "unit": "%",
                "data": [
                    {"label": both("Home", "Hogar"), "value": 38},
                    {"label": both("Work", "Trabajo"), "value": 35},
                    {"label": both("Online", "Internet"), "value": 27},
                ],
                "source": _source(2025),
                "caption": both("Shares of situations reported.", "Porcentaje de situaciones."),
            }
        ],
    }
    signs: Record = {
        "title": both("Warning signs", "Señales de alerta"),
        "summary": both("Signs to notice.", "Señales que conviene notar."),
        "updated": VERIFIED,
        "signs": [
            {
                "group": both("Behavioural", "De conducta"),
                "items": [
                    both("Seems fearful", "Parece temerosa"),
                    both("Answers sound rehearsed", "Respuestas ensayadas"),
                ],
            },
            {
                "group": both("Situational", "De situación"),
                "items": [
                    both("Works very long hours", "Jornadas muy largas"),
                    both("Is watched by another person", "Otra persona la vigila"),
                ],
            },
        ],
        "myths": [
            {
                "myth": both("It always involves strangers.", "Siempre la cometen desconocidos."),
                "fact": both("Most know the person.", "La mayoría conoce a quien la explota."),
                "source": _source(2024),
            },
        ],
        "facts": [
            _fact(
                "no-documents", 18, "had no control of their documents.", "no tenía sus documentos."
            )
        ],
    }
    return {"client-survey-2025": figures, "warning-signs": signs}


EVENT_TITLES = (
    ("Community training", "Capacitación comunitaria"),
    ("Information table at the library", "Mesa informativa en la biblioteca"),
    ("Online introduction for nurses", "Introducción en línea para enfermería"),
    ("Volunteer meeting", "Reunión de voluntariado"),
    ("Spring gala", "Gala de primavera"),
)
KINDS = {0: "training", 1: "awareness", 2: "training", 3: "meeting", 4: "fundraiser"}


def events(rng: random.Random) -> dict[str, Record]:
    """Ten events from October 2026 to spring 2027; four belong to the campaign."""
    found: dict[str, Record] = {}
    for number in range(10):
        kind = number % len(EVENT_TITLES)
        in_campaign = number < 4
        day = (
            datetime.date(2027, 1, 5 + 6 * number)
            if in_campaign
            else datetime.date(2026, 10, 1) + datetime.timedelta(days=rng.randrange(200))
        )
        hour = rng.choice((10, 14, 18))
        english, spanish = EVENT_TITLES[kind]
        event: Record = {
            "title": both(f"{english} {number + 1}", f"{spanish} {number + 1}"),
            "description": both(
                "A free session for anyone who wants to **learn the signs**.",
                "Una sesión gratuita para **conocer las señales**.",
            ),
            "starts": f"{day.isoformat()}T{hour:02d}:00",
            "ends": f"{day.isoformat()}T{hour + 2:02d}:00",
            "kind": KINDS[kind],
            "location": {
                "name": both("Public library", "Biblioteca pública"),
                "city": "Hartford",
                "region": "CT",
            },
            "registration_url": f"https://example.org/events/{number + 1}",
            "cost": both("Free", "Gratis"),
        }
        if in_campaign:
            event["campaign"] = CAMPAIGN
        found[f"event-{number + 1:02d}"] = event
    return found


ACTIONS = (
    (
        "Save the hotline number",
        "Guarde el número de la línea",
        f"/{{lang}}/hotlines/{NATIONAL_HOTLINE}/",
    ),
    ("Read about warning signs", "Lea sobre las señales de alerta", "/{lang}/facts/warning-signs/"),
    ("Share a post from the toolkit", "Comparta una publicación del kit", None),
    ("Sign up for a training", "Inscríbase en una capacitación", "/{lang}/events/"),
    ("Read an article", "Lea un artículo", "/{lang}/articles/"),
    ("Talk with a young person", "Hable con una persona joven", None),
)


def campaign(article_keys: list[str]) -> Record:
    """January 2027: one action a day, three key dates, two featured facts, four posts."""
    actions = []
    for day in range(1, 32):
        english, spanish, link = ACTIONS[day % len(ACTIONS)]
        action: Record = {
            "date": datetime.date(2027, 1, day),
            "title": both(f"{english} (day {day})", f"{spanish} (día {day})"),
            "description": both("It takes **ten minutes**.", "Toma **diez minutos**."),
        }
        if day % 7 == 0:
            link = f"/{{lang}}/articles/{article_keys[day % len(article_keys)]}/"
        if link:
            action["link"] = both(link.format(lang="en"), link.format(lang="es"))
        actions.append(action)
    posts = [
        {
            "text": both(
                f"Post {n}: call 1-888-373-7888.", f"Publicación {n}: llame al 1-888-373-7888."
            ),
            "fact": fact,
        }
        for n, fact in enumerate(
            (
                "client-survey-2025/knew-trafficker",
                "client-survey-2025/minors",
                "client-survey-2025/labour",
                "warning-signs/no-documents",
            ),
            start=1,
        )
    ]
    return {
        "title": both("Prevention Month 2027", "Mes de Prevención 2027"),
        "tagline": both("Learn the signs.", "Conozca las señales."),
        "description": both("One small action **every day**.", "Una acción pequeña **cada día**."),
        "starts": datetime.date(2027, 1, 1),
        "ends": datetime.date(2027, 1, 31),
        "hashtags": ["EndTrafficking", "WearBlueDay"],
        "key_dates": [
            {"date": datetime.date(2027, 1, d), "title": both(f"Key date {d}", f"Fecha clave {d}")}
            for d in (1, 11, 31)
        ],
        "actions": actions,
        "facts": ["client-survey-2025/knew-trafficker", "warning-signs/no-documents"],
        "social_posts": posts,
    }
