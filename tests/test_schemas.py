"""The JSON Schemas in lantern/schemas/: one source of truth for the build and for editors' YAML
language servers. They accept every file of the example site, and reject every mistake of shape
in the bad-input cases of the loaders' tests; the rest need what no schema sees."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from lantern.errors import ProblemsFound
from lantern.schema import SCHEMA_DIR, validator_for
from lantern.yamlfile import parse_yaml
from tests import test_campaigns, test_config, test_events, test_facts, test_hotlines
from tests.conftest import REPO

SCHEMA_OF_FOLDER = {
    "articles": "article",
    "pages": "page",
    "events": "event",
    "campaigns": "campaign",
    "hotlines": "hotline",
    "facts": "facts",
    "resources": "resources",
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
}
CASES: list[tuple[ModuleType, str]] = [
    (test_events, "event"),
    (test_campaigns, "campaign"),
    (test_hotlines, "hotline"),
    (test_facts, "facts"),
    (test_config, "site"),
]


def shape_errors(schema: str, data: Any) -> list[str]:
    return [error.message for error in validator_for(schema).iter_errors(data)]


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
