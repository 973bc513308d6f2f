"""The JSON Schemas in lantern/schemas/: one source of truth for the build and for editors' YAML
language servers. They accept every file of the example site, and reject every mistake of shape
in the bad-input cases of the loaders' tests; the rest need what no schema sees. The quick check
that spares most files jsonschema (lantern/fits.py) agrees with it on each of them, and on random
changes to the example site's files."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lantern.errors import ProblemsFound
from lantern.schema import SCHEMA_DIR, _quick_check, fits, validator_for
from lantern.yamlfile import parse_yaml
from tests import test_campaigns, test_config, test_events, test_facts, test_hotlines, test_videos
from tests.conftest import REPO

SCHEMA_OF_FOLDER = {
    "articles": "article",
    "pages": "page",
    "events": "event",
    "campaigns": "campaign",
    "hotlines": "hotline",
    "facts": "facts",
    "resources": "resources",
    "videos": "video",
}

# Mistakes no JSON Schema can see, by why: a calendar (days that do not exist, clocks that
# change), another file (media, facts, hotlines, pages), the site's languages or CLDR's, a time
# zone database, a phone numbering plan, or two fields compared with each other.
BEYOND_SCHEMA = {
    "event": {
        "date-time that does not exist",  # calendar
        "time skipped when the clocks go forward",  # time zone database
        "bad time zone",  # time zone database
        "ends before starts",  # two fields
        "all-day end of a timed event",  # two fields
        "image without alt",  # image_alt is needed only with an image that is not decorative
        "image not in content/media/",  # another file
    },
    "campaign": {
        "a day that does not exist",
        "ends before starts",
        "an action outside the campaign",
        "a featured fact that does not exist",
        "a post's fact that does not exist",
        "a post's image without alt text",
        "a post's image not in media",
        "a download not in media",
        "a download in an unknown language",  # CLDR
        "a title in a language the site does not have",  # site.yaml
    },
    "hotline": {
        "invalid phone number",  # numbering plan
        "short code on a call line",  # numbering plan, with the channel's type
        "hours without a time zone",  # two fields
        "time zone that does not exist",
    },
    "facts": {
        "two facts with one id",
        "unknown shortcode",  # Markdown
        "a fact reference that does not exist",
        "a hotline shortcode for a missing hotline",
        "a resource link in a language CLDR does not know",
    },
    "site": {
        "unknown language",
        "bad time zone",
        "translation in a language the site does not have",
        "help names a hotline that does not exist",
        "menu item with two targets",  # a menu item's three kinds share one list of fields
        "menu url without a title",
        "menu names a missing page",
        "menu section without content",
        "announcement date that does not exist",
    },
    "video": {
        "a shortcode naming no video",  # another file
        "a shortcode without an id",  # Markdown
        "a still that is not in content/media/",  # another file
        "a language CLDR does not know",  # CLDR
    },
}
CASES: list[tuple[ModuleType, str]] = [
    (test_events, "event"),
    (test_campaigns, "campaign"),
    (test_hotlines, "hotline"),
    (test_facts, "facts"),
    (test_config, "site"),
    (test_videos, "video"),
]


def shape_errors(schema: str, data: Any) -> list[str]:
    """jsonschema's messages; the quick check must give the same verdict."""
    errors = [error.message for error in validator_for(schema).iter_errors(data)]
    assert fits(data, schema) == (not errors), (schema, data, errors)
    return errors


def front_matter(text: str) -> Any:
    return parse_yaml(text.split("---", 2)[1], "front matter").data


def test_the_schemas_accept_every_file_of_the_example_site() -> None:
    checked = 0
    for path in sorted((REPO / "content").rglob("*")):
        folder = path.relative_to(REPO / "content").parts[0]
        if folder not in SCHEMA_OF_FOLDER or not path.is_file():
            continue
        schema = SCHEMA_OF_FOLDER[folder]
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            data = front_matter(text)
        else:
            data = parse_yaml(text, path.name).data
            comment = text.splitlines()[0]  # what gives VS Code and others the schema
            assert comment.startswith("# yaml-language-server: $schema="), path
            named = (path.parent / comment.split("=", 1)[1]).resolve()
            assert named == SCHEMA_DIR / f"{schema}.schema.json", path
        assert shape_errors(schema, data) == [], path
        checked += 1
    site = (REPO / "site.yaml").read_text(encoding="utf-8")
    assert site.startswith("# yaml-language-server: $schema=lantern/schemas/site.schema.json\n")
    assert shape_errors("site", parse_yaml(site, "site.yaml").data) == []
    assert checked >= 40


def rejected(schema: str, case: Any) -> bool | None:
    """Whether the schemas reject a bad-input case; None when it is not YAML at all."""
    files = case if isinstance(case, dict) else {"file.yaml": case}
    found = False
    for name, text in files.items():
        if text is None or not name.endswith((".yaml", ".md")):
            continue
        folder = Path(name).parts[1] if name.startswith("content/") else ""
        kind = SCHEMA_OF_FOLDER.get(folder, schema)
        try:
            data = front_matter(text) if name.endswith(".md") else parse_yaml(text, name).data
        except ProblemsFound:
            return None
        found = found or bool(shape_errors(kind, data))
    return found


@pytest.mark.parametrize(("module", "schema"), CASES, ids=[schema for _, schema in CASES])
def test_the_schemas_reject_every_mistake_of_shape(module: ModuleType, schema: str) -> None:
    accepted = set()
    for name, (case, _message) in module.CASES.items():
        if rejected(schema, case) is False:
            accepted.add(name)
    assert accepted == BEYOND_SCHEMA[schema]
    assert len(module.CASES) > len(accepted)  # and some are mistakes of shape


def test_the_quick_check_knows_every_keyword_of_every_schema() -> None:
    names = [path.name.removesuffix(".schema.json") for path in SCHEMA_DIR.glob("*.schema.json")]
    assert len(names) == 10
    assert [name for name in names if _quick_check(name) is None] == []


def example_documents() -> list[tuple[str, Any]]:
    """(schema, data) of every YAML document of the example site."""
    found = [("site", parse_yaml((REPO / "site.yaml").read_text(encoding="utf-8"), "s").data)]
    for path in sorted((REPO / "content").rglob("*.*")):
        folder = path.relative_to(REPO / "content").parts[0]
        if folder in SCHEMA_OF_FOLDER and path.suffix in (".md", ".yaml"):
            text = path.read_text(encoding="utf-8")
            data = front_matter(text) if path.suffix == ".md" else parse_yaml(text, "f").data
            found.append((SCHEMA_OF_FOLDER[folder], data))
    return found


EXAMPLES = example_documents()
# Values that fit some fields and not others: types, limits, patterns and choices of the schemas.
ODD_VALUES = [
    *[None, True, False, 0, 1, -1, 1.0, 2.5, 1799, 1800, 2200, 2201, float("inf")],
    *["", " ", "x", "a b", "24/7", "2027-01-11", "2027-1-11", "09:00", "24:00", "7:05"],
    *["https://example.org/a", "http://x", "ftp://x", "/en/about/", "tel:+1", "mailto:a@b.org"],
    *["en", "es", "pt-BR", "e", "call", "text", "email", "chat", "web", "mo", "bar", "slug-2"],
    *["Slug", "slug\n", "2027-01-14T10:00", "2027-01-14 9:00+02:00", "America/New_York"],
    *[[], [""], ["a", "b"], [{}], {}, {"en": "x"}, {"en": ""}, {"xx-y": "z"}, {"en": 1}],
]


def _places(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside `value`, itself included."""
    inner: dict[Any, Any] | list[Any] = value if isinstance(value, dict | list) else []
    keys = inner.keys() if isinstance(inner, dict) else range(len(inner))
    return [at, *(place for key in keys for place in _places(inner[key], (*at, key)))]


FIELD_NAMES = sorted(
    {key for _, data in EXAMPLES for at in _places(data) for key in at if isinstance(key, str)}
)


REMOVED = object()


def _first_items(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _first_items(value) for key, value in data.items()}
    return [_first_items(item) for item in data[:1]] if isinstance(data, list) else data


def _at(data: Any, place: tuple[Any, ...]) -> Any:
    for key in place:
        data = data[key]
    return data


def _replaced(data: Any, place: tuple[Any, ...], value: Any) -> Any:
    """A copy of `data` with `value` at `place`, or without what is there when REMOVED."""
    if not place:
        return value
    data = json.loads(json.dumps(data))
    parent = _at(data, place[:-1])
    if value is not REMOVED:
        parent[place[-1]] = value
    elif place[-1] in parent or isinstance(parent, list):
        del parent[place[-1]]
    return data


def test_the_quick_check_agrees_with_jsonschema_on_every_field_changed() -> None:
    """Each field of each kind of file (as the first file to have it in the example site has
    it) removed, and replaced with each odd value."""
    seen: set[tuple[Any, ...]] = set()
    for schema, whole in EXAMPLES:
        data = _first_items(whole)  # a list's other items are checked as its first is
        for place in _places(data)[1:]:
            kind = (schema, *(key if isinstance(key, str) else 0 for key in place))
            if kind in seen:
                continue
            seen.add(kind)
            for value in [REMOVED, *ODD_VALUES]:
                shape_errors(schema, _replaced(data, place, value))  # compares the verdicts
    assert len(seen) > 150


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(EXAMPLES), st.integers(1, 4), st.data())
def test_the_quick_check_agrees_with_jsonschema_on_random_changes(
    example: tuple[str, Any], changes: int, data: st.DataObject
) -> None:
    schema, value = example
    for _ in range(changes):
        place = data.draw(st.sampled_from(_places(value)))
        if data.draw(st.booleans()) and isinstance(_at(value, place), dict):
            place = (*place, data.draw(st.sampled_from(FIELD_NAMES)))  # a field added
        value = _replaced(value, place, data.draw(st.sampled_from([REMOVED, *ODD_VALUES])))
    shape_errors(schema, value)
