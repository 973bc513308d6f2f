"""Properties, for any input: an editor's text gives a value or a reported problem, never a crash.

Hypothesis writes the input: random text and bytes, and YAML-ish text made from YAML's own
punctuation. What it once found stays as an `@example`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lantern import memo
from lantern.content.records import ID
from lantern.errors import Problems, ProblemsFound
from lantern.i18n import translatable
from lantern.links import unsafe_links
from lantern.model import Translatable
from lantern.routes import tag_slug
from lantern.schema import check_shape
from lantern.shortcodes import LINE, NAMES, find_shortcodes, has_shortcodes
from lantern.yamlfile import YamlDocument, load_front_matter, load_yaml, parse_yaml

MODEST = settings(max_examples=200, deadline=None)
SAFE_SEGMENT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANGUAGES = ("en", "es")

# Pieces of YAML, so that random input reaches past the first character of the parser.
YAML_PIECES = [
    "title", "en", "es", ":", ": ", " ", "  ", "\n", "\r\n", "\t", "- ", "-", "? ", ",",
    "[", "]", "{", "}", "'", '"', "\\", "#", "|", "|-", ">", "&a ", "*a", "<<: ", "!!str ",
    "!!int ", "!!binary ", "!!set ", "!!python/object:os.system ", "!local ", "%YAML 1.1\n",
    "---\n", "...\n", "0b_", "0x_", "0o7", "1_000", "._", ".inf", ".nan", "1e1000", "13:00",
    "1:2:3", "2027-02-30", "2027-01-01T09:00", "yes", "No", "~", "null", "@", "`", "%",
    "\ufeff", "\x85", "\u2028", "é", "\x00", "\x07", "\ud7ff", "\ufffe",
]  # fmt: skip
yaml_ish = st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=3), max_size=40).map("".join)


@pytest.fixture(autouse=True)
def fresh_memo() -> Iterator[None]:
    """Loaders remember what they parsed; each test starts from an empty memo and leaves it."""
    before = memo.current()
    memo.use(memo.Memo())
    yield
    memo.use(before)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def is_plain(value: Any) -> bool:
    """Only what YAML content may hold: text-keyed mappings, lists, text, numbers, booleans."""
    if isinstance(value, dict):
        return all(isinstance(key, str) and is_plain(item) for key, item in value.items())
    if isinstance(value, list):
        return all(is_plain(item) for item in value)
    return value is None or isinstance(value, str | int | float | bool)


def field_paths(value: Any, at: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield at
    if isinstance(value, dict | list):
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            yield from field_paths(item, (*at, key))


# ------------------------------------------------------------------ YAML


@MODEST
@given(yaml_ish)
@example("a: 0b_")  # YAML 1.1 reads it as a number, Python's int() refused it: a traceback
@example("- 0x_\n- -0b_")
@example("a: !!int\nb: !!float")  # an explicit tag on nothing: int("") was an IndexError
@example("&a [*a]")
@example("!!python/object:os.system x")
@example("title: a\x07b")  # PyYAML refused it while making its loader, outside the try: a traceback
def test_any_yaml_text_is_plain_values_or_a_problem(text: str) -> None:
    try:
        document = parse_yaml(text, "content/x.yaml")
    except ProblemsFound as found:
        assert found.problems and all(p.at.path == "content/x.yaml" for p in found.problems)
        return
    assert is_plain(document.data)
    for path in field_paths(document.data):
        assert document.at(path).path == "content/x.yaml"
        assert document.at(path).line >= 1


@MODEST
@given(st.binary(max_size=200) | yaml_ish.map(lambda text: text.encode("utf-8", "replace")))
@example(b"\xef\xbb\xbftitle: x")
@example(b"title: \xff")
@example(b"\x01")
def test_any_yaml_file_is_plain_values_or_a_problem(folder: Path, raw: bytes) -> None:
    path = folder / "file.yaml"
    path.write_bytes(raw)
    try:
        document = load_yaml(path, "content/file.yaml")
    except ProblemsFound as found:
        assert all(p.at.path == "content/file.yaml" for p in found.problems)
        return
    assert is_plain(document.data)


# ------------------------------------------------------------------ front matter

front_matter_values = st.dictionaries(
    st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True),
    st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20)
    | st.integers(-(10**6), 10**6)
    | st.booleans(),
    max_size=5,
)
bodies = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00\r"), max_size=120
)


@MODEST
@given(front_matter_values, bodies)
@example({"title": "---"}, "---\nbody with a fence\n---\n")
@example({}, "")
def test_front_matter_and_body_split_as_they_were_joined(
    folder: Path, fields: dict[str, Any], body: str
) -> None:
    head = "---\n" + (yaml.safe_dump(fields, allow_unicode=True) if fields else "") + "---\n"
    path = folder / "article.en.md"
    path.write_text(head + body, encoding="utf-8")
    file = load_front_matter(path, "content/articles/article.en.md")
    assert (file.front_matter.data or {}) == fields
    assert file.body == body
    assert file.body_line == head.count("\n") + 1


@MODEST
@given(st.binary(max_size=160) | yaml_ish.map(lambda text: ("---\n" + text).encode()))
@example(b"---")
@example(b"---\n---")
@example(b"---\r\n---\r\nbody")
@example(b"---\ntitle: a\n--- \t\nbody")
def test_any_markdown_file_splits_or_is_a_problem(folder: Path, raw: bytes) -> None:
    path = folder / "any.en.md"
    path.write_bytes(raw)
    try:
        file = load_front_matter(path, "content/articles/any.en.md")
    except ProblemsFound as found:
        assert found.problems
        return
    text = raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    assert text.endswith(file.body)
    assert file.body_line == text[: len(text) - len(file.body)].count("\n") + 1
    assert is_plain(file.front_matter.data)


# ------------------------------------------------------------------ translatable values

language_keys = st.sampled_from(["en", "es", "fr", "pt-BR", "x", "EN", "", "1"])
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(language_keys | st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)


@MODEST
@given(yaml_values)
@example({"en": "Hotline", "fr": "Ligne"})
@example({"es": "Línea"})
@example({})
def test_a_translatable_field_is_text_in_every_language_or_a_problem(value: Any) -> None:
    document = parse_yaml(yaml.safe_dump({"title": value}), "content/resources/r.yaml")
    if check_shape(document, "resources"):
        return  # the shape is reported; the field is never read
    problems = Problems()
    text = translatable(document, ("title",), LANGUAGES, problems)
    if text is None:
        assert problems.errors  # every language key was one the site does not have
        return
    assert all(lang in ("", *LANGUAGES) for lang, _ in text.values)
    for lang in LANGUAGES:
        shown = text.text_in(lang, LANGUAGES[0])
        assert isinstance(shown.text, str) and shown.lang in LANGUAGES


@MODEST
@given(
    st.dictionaries(st.sampled_from(["", "en", "es", "fr"]), st.text(max_size=5), min_size=1),
    st.sampled_from(["en", "es", "fr"]),
)
def test_text_in_a_language_is_its_own_or_marked_with_the_language_it_is_in(
    values: dict[str, str], lang: str
) -> None:
    text = Translatable(tuple(values.items()))
    shown = text.text_in(lang, "en")
    assert shown.text in values.values()
    assert (shown.lang == lang) == text.has(lang)


# ------------------------------------------------------------------ slugs


def is_one_safe_segment(slug: str) -> bool:
    return (
        bool(slug)
        and not {"/", "\\", "\x00", "\n"} & set(slug)
        and ".." not in slug
        and bool(SAFE_SEGMENT.fullmatch(slug))
    )


@MODEST
@given(st.text())
@example("")
@example("..")
@example("../../etc/passwd")
@example("Trabajo forzado")
@example("人身売買")
def test_a_tag_is_always_one_safe_path_segment(tag: str) -> None:
    slug = tag_slug(tag)
    assert is_one_safe_segment(slug), slug
    assert tag_slug(tag) == slug


@MODEST
@given(st.text(max_size=12) | st.from_regex(SAFE_SEGMENT, fullmatch=True))
@example("hello\n")  # Python's $ matched before a final newline: "slug: |" gave "hello\n/"
@example("../up")
@example("a/b")
def test_a_slug_the_schema_accepts_is_one_safe_path_segment(slug: str) -> None:
    for schema in ("article", "page"):
        document = parse_yaml(f"title: T\nslug: {json.dumps(slug)}\n", "content/x.en.md")
        if not check_shape(document, schema):
            assert is_one_safe_segment(slug), (schema, slug)


@MODEST
@given(st.text(max_size=12))
@example("id\n")
def test_a_file_id_that_is_accepted_is_one_safe_path_segment(stem: str) -> None:
    if ID.match(stem):
        assert is_one_safe_segment(stem)


# ------------------------------------------------------------------ shortcodes and links

MARKDOWN_PIECES = [
    "{{<", ">}}", "{{< ", " >}}", " ", "hotline", "fact", "a/b", "x", "```", "~~~", "````",
    "\n", "    ", "   ", "\t", "`", "<", ">", "[", "](", ")", "javascript:", "&#106;", "=",
    "href", "src", '"', "'", "]:", "\r\n", "\u2028", "\x0c",
]  # fmt: skip
markdown_pieces = st.sampled_from(MARKDOWN_PIECES)
markdown_ish = st.lists(markdown_pieces | st.text(max_size=3), max_size=40).map("".join)


@MODEST
@given(markdown_ish)
@example("```\n{{< hotline x >}}\n```\n{{< fact a/b >}}")
@example("a\u2028{{< hotline x >}}")
def test_any_text_gives_shortcodes_that_are_lines_of_it(text: str) -> None:
    found = list(find_shortcodes(text))
    lines = text.splitlines()
    for shortcode in found:
        assert lines[shortcode.line - 1] == shortcode.source
        assert LINE.match(shortcode.source)
        assert not re.search(r"[\s>]", shortcode.name + shortcode.argument)
    assert has_shortcodes(text) == bool(found)


@MODEST
@given(
    st.lists(
        st.text(st.characters(exclude_characters="`~{\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"))
    ),
    st.sampled_from(sorted(NAMES)),
    st.from_regex(r"[a-z0-9-]{1,10}(/[a-z0-9-]{1,10})?", fullmatch=True),
    st.integers(0, 5),
)
def test_a_shortcode_on_its_own_line_is_found_with_its_name_and_argument(
    lines: list[str], name: str, argument: str, where: int
) -> None:
    lines = [line for line in lines if not LINE.match(line)]
    where = min(where, len(lines))
    text = "\n".join([*lines[:where], f"{{{{< {name} {argument} >}}}}", *lines[where:]])
    (shortcode,) = find_shortcodes(text)
    assert (shortcode.name, shortcode.argument, shortcode.line) == (name, argument, where + 1)


@MODEST
@given(markdown_ish)
@example("[x](javascript:alert(1))")
@example("<a href='jav&#x09;ascript:x'>")
@example("=" * 50)
def test_any_text_gives_unsafe_links_on_lines_of_it(text: str) -> None:
    count = text.count("\n") + 1
    for line, written, scheme in unsafe_links(text):
        assert 1 <= line <= count
        assert scheme and scheme not in ("http", "https", "mailto", "tel", "sms")
        assert isinstance(written, str)


def test_a_control_character_is_a_problem_at_its_place() -> None:
    with pytest.raises(ProblemsFound) as found:
        parse_yaml("title: Hotlines\nsummary: Call \x1b[1mnow\n", "content/facts/x.yaml")
    assert [str(problem) for problem in found.value.problems] == [
        "content/facts/x.yaml:2:15: error: the file contains an invisible control character"
        " (U+001B) (hint: delete it: such characters come with text pasted from other programs)"
    ]


def test_a_slug_written_as_a_block_is_refused() -> None:
    document = parse_yaml("title: T\nslug: |\n  hello\n", "content/articles/x.en.md")
    assert [problem.message for problem in check_shape(document, "article")] == [
        '"slug" must be lowercase letters, digits and hyphens, like "get-help"'
    ]


def test_numbers_yaml_reads_are_python_numbers() -> None:
    """The loader keeps YAML 1.1's numbers, and text where YAML 1.1 sees a number Python cannot."""
    document = parse_yaml("a: 1_000\nb: 0x1F\nc: .inf\nd: 0b_\ne: 13:00\n", "x.yaml")
    assert document.data["a"] == 1000 and document.data["b"] == 31
    assert math.isinf(document.data["c"])
    assert (document.data["d"], document.data["e"]) == ("0b_", "13:00")
    assert isinstance(document, YamlDocument)
