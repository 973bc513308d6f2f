"""The hotline directory: dialable links, hours in words, languages, JSON-LD and the HSDS export."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from pathlib import Path

import phonenumbers
from jsonschema import Draft202012Validator
from lxml import html

from tests.conftest import REPO, Built

E164 = re.compile(r"^\+[1-9]\d{1,14}$")

# The parts of Open Referral's HSDS 3.0 `service` schema (and the objects it nests) that the export
# fills: required fields, types and formats, written from the specification's schema reference.
HSDS_SERVICE = {
    "type": "object",
    "required": ["id", "name", "status"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name": {"type": "string"},
        "description": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "email": {"type": "string", "format": "email"},
        "status": {"enum": ["active", "inactive", "defunct", "temporarily closed"]},
        "interpretation_services": {"type": "string"},
        "assured_date": {"type": "string", "format": "date"},
        "phones": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "number"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "number": {"type": "string"},
                },
            },
        },
        "schedules": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "freq": {"enum": ["WEEKLY", "MONTHLY"]},
                    "byday": {
                        "type": "string",
                        "pattern": "^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$",
                    },
                    "opens_at": {"type": "string"},
                    "closes_at": {"type": "string"},
                },
            },
        },
        "languages": {"type": "array", "items": {"type": "object", "required": ["id"]}},
        "service_areas": {"type": "array", "items": {"type": "object", "required": ["id"]}},
    },
}


def test_every_call_link_is_e164_and_text_links_carry_the_keyword(example: Built) -> None:
    sources = {}
    for listing in (REPO / "content/hotlines").glob("*.yaml"):
        for number in re.findall(r"number: \"?([\d\- +]+)\"?", listing.read_text()):
            sources[number.strip()] = number
    page = example.page("en/hotlines/")
    calls = page.xpath("//a[starts-with(@href, 'tel:')]")
    texts = page.xpath("//a[starts-with(@href, 'sms:')]")
    assert len(calls) >= 5 and len(texts) >= 2
    for link in calls:
        number = link.get("href")[4:]
        assert E164.match(number), number
        shown = link.xpath("string(span[@class='channel__number'])")
        expected = phonenumbers.format_number(
            phonenumbers.parse(shown, "US"), phonenumbers.PhoneNumberFormat.E164
        )
        assert number == expected
        assert len(number) > 8, "a short code is never a tel: link"
    for link in texts:
        match = re.match(r"^sms:([^?]+)\?&body=(\S+)$", link.get("href"))
        assert match, link.get("href")
        assert "+" not in match.group(2)
        visible = link.text_content()
        assert match.group(2) in visible and link.xpath("string(span)") in visible


def test_hours_are_words_with_the_time_zone_and_never_a_static_open_claim(example: Built) -> None:
    for lang in ("en", "es"):
        for path in [
            f"{lang}/hotlines/",
            *(f"{lang}/hotlines/{h.stem}/" for h in (REPO / "content/hotlines").glob("*.yaml")),
        ]:
            page = example.page(path)
            statuses = page.xpath("//p[contains(@class, 'channel__status')]")
            assert all(s.get("hidden") is not None and not s.text_content() for s in statuses)
            main = page.xpath("string(//main)").lower()
            assert "open now" not in main and "abierto ahora" not in main
    office = example.page("en/hotlines/example-survivor-programme/")
    assert office.xpath("string(//span[@class='channel__hours'])").replace("\u202f", " ") == (
        "Monday–Friday 9:00 AM–5:00 PM; Saturday 10:00 AM–2:00 PM (Eastern Time)"
    )
    spanish = example.page("es/hotlines/example-survivor-programme/")
    assert spanish.xpath("string(//span[@class='channel__hours'])") == (
        "lunes–viernes 9:00–17:00; sábado 10:00–14:00 (hora oriental)"
    )
    always = example.page("es/hotlines/national-human-trafficking-hotline/")
    assert "Abierto las 24 horas, todos los días" in always.xpath("string(//main)")


def test_languages_are_named_in_their_own_language_per_channel(example: Built) -> None:
    page = example.page("en/hotlines/example-youth-textline/")
    channels = page.xpath("//li[@class='hotline__channel']")
    served = [
        [(s.get("lang"), s.text) for s in c.xpath(".//span[@class='channel__languages']/span")]
        for c in channels
    ]
    assert served == [[("en", "English"), ("es", "español")], [("en", "English")]]
    national = example.page("en/hotlines/national-human-trafficking-hotline/")
    assert "Interpreters are available" in national.xpath("string(//dl[@class='hotline__facts'])")


def test_directory_is_grouped_national_first_then_states(example: Built) -> None:
    page = example.page("es/hotlines/")
    assert page.xpath("//section[@class='hotline-group']/h2/text()") == [
        "Estados Unidos",
        "Connecticut",
    ]


def json_ld(page: html.HtmlElement) -> dict:  # type: ignore[type-arg]
    (script,) = page.xpath("//script[@type='application/ld+json']")
    return json.loads(script.text)  # type: ignore[no-any-return]


def test_hotline_pages_carry_contact_points(example: Built) -> None:
    national = json_ld(example.page("en/hotlines/national-human-trafficking-hotline/"))
    # The text line's 233733 is a short code: it has no E.164 form, so no ContactPoint.
    (call,) = national["contactPoint"]
    assert call["telephone"] == "+18883737888"
    assert call["contactOption"] == ["TollFree"]
    assert call["availableLanguage"] == ["en", "es"]
    assert call["areaServed"] == "US"
    (always,) = call["hoursAvailable"]
    assert (len(always["dayOfWeek"]), always["opens"], always["closes"]) == (7, "00:00", "23:59")
    youth = json_ld(example.page("es/hotlines/example-youth-textline/"))
    texting = youth["contactPoint"][1]
    assert texting["availableLanguage"] == ["en"]
    assert {"Friday", "Saturday"} <= {
        d for spec in texting["hoursAvailable"] for d in spec["dayOfWeek"]
    }


def test_json_ld_cannot_break_out_of_its_script(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    hotline = (Path(__file__).parent / "sites/minimal/content/hotlines/national.yaml").read_text()
    hostile = hotline.replace(
        "  en: National Human Trafficking Hotline", '  en: "</script><script>alert(1)</script>"'
    )
    built = build(make_site({"content/hotlines/national.yaml": hostile}))
    raw = (built.out / "en/hotlines/national/index.html").read_text()
    assert raw.count("</script>") == raw.count("<script")
    assert (
        json_ld(built.page("en/hotlines/national/"))["name"] == "</script><script>alert(1)</script>"
    )


def test_hsds_export_validates_and_keeps_its_ids(
    example: Built, build: Callable[..., Built], tmp_path: Path
) -> None:
    export = json.loads((example.out / "hotlines.json").read_text())
    validator = Draft202012Validator(
        HSDS_SERVICE, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    assert export["total_items"] == len(export["contents"]) == 5
    for service in export["contents"]:
        assert list(validator.iter_errors(service)) == []
        uuid.UUID(service["id"])
    again = build(REPO, out=tmp_path / "again")
    assert json.loads((again.out / "hotlines.json").read_text()) == export
