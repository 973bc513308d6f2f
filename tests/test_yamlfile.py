"""YAML and front matter: plain values, positions, and the refusals that keep files safe."""

from __future__ import annotations

from pathlib import Path

import pytest

from lantern.errors import ProblemsFound
from lantern.yamlfile import load_front_matter, load_yaml, parse_yaml


def problem_of(text: str) -> str:
    with pytest.raises(ProblemsFound) as caught:
        parse_yaml(text, "x.yaml")
    (problem,) = caught.value.problems
    return str(problem)


def test_values_keep_the_line_and_column_they_were_written_at() -> None:
    document = parse_yaml("title: Hello\nchannels:\n  - type: call\n    number: 123\n", "h.yaml")
    assert document.data == {"title": "Hello", "channels": [{"type": "call", "number": 123}]}
    assert str(document.at(("channels", 0, "number"))) == "h.yaml:4:13"
    assert str(document.key_at(("channels", 0, "number"))) == "h.yaml:4:5"


def test_times_dates_and_yes_no_stay_as_written() -> None:
    document = parse_yaml("opens: 13:00\nclosing: 9:30\nday: 2027-01-11\nlang: no\nok: true\n", "x")
    assert document.data == {
        "opens": "13:00",
        "closing": "9:30",
        "day": "2027-01-11",
        "lang": "no",
        "ok": True,
    }


def test_quoted_numbers_stay_text_and_plain_numbers_are_numbers() -> None:
    assert parse_yaml('a: "233733"\nb: 233733\nc: 1.5\nd:\n', "x").data == {
        "a": "233733",
        "b": 233733,
        "c": 1.5,
        "d": None,
    }


def test_aliases_are_refused() -> None:
    assert problem_of("a: &x [1, 2]\nb: *x\n") == (
        "x.yaml:1:4: error: not valid YAML: YAML anchors (&name) are not allowed "
        "(hint: write the value out in full instead of referring to another part of the file)"
    )


def test_billion_laughs_is_refused_before_it_expands() -> None:
    bomb = 'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: &d [*c,*c]\n'
    assert "anchors (&name) are not allowed" in problem_of(bomb)


def test_tags_that_construct_objects_are_refused() -> None:
    assert problem_of("a: !!python/object:os.system ls\n") == (
        "x.yaml:1:4: error: the YAML tag !!python/object:os.system is not allowed "
        "(hint: write plain values; remove the tag that starts with '!')"
    )


def test_a_key_written_twice_is_an_error() -> None:
    assert problem_of("title: A\ntitle: B\n") == (
        'x.yaml:2:1: error: the key "title" appears twice '
        "(hint: keep one of them; YAML would silently use only the last)"
    )


def test_syntax_error_names_the_line() -> None:
    assert problem_of("title: a: b\n") == (
        "x.yaml:1:9: error: not valid YAML: mapping values are not allowed here "
        "(hint: check the indentation and that text containing ': ' is in quotes)"
    )


def test_deep_nesting_is_refused() -> None:
    assert "nested too deeply" in problem_of("a: " + "[" * 60 + "]" * 60 + "\n")


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"title: ok\nname: caf\xe9\n")
    with pytest.raises(ProblemsFound) as caught:
        load_yaml(path, "content/hotlines/bad.yaml")
    assert str(caught.value.problems[0]) == (
        "content/hotlines/bad.yaml:2: error: the file is not UTF-8 text "
        '(hint: save it as UTF-8 in your editor ("Save with encoding" -> UTF-8))'
    )


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufefftitle: ok\n".encode())
    assert load_yaml(path, "bom.yaml").data == {"title": "ok"}


def test_front_matter_positions_count_from_the_top_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.en.md"
    path.write_text("---\ntitle: A\ndate: 2026-01-01\n---\nBody\n", encoding="utf-8")
    file = load_front_matter(path, "a.en.md")
    assert file.front_matter.data == {"title": "A", "date": "2026-01-01"}
    assert str(file.front_matter.at(("date",))) == "a.en.md:3:7"
    assert (file.body, file.body_line) == ("Body\n", 5)


def test_unclosed_front_matter_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.en.md"
    path.write_text("---\ntitle: A\nBody\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_front_matter(path, "a.en.md")
    assert str(caught.value.problems[0]) == (
        "a.en.md:1:1: error: the front matter is not closed "
        "(hint: end the front matter with a line of three dashes: ---)"
    )
