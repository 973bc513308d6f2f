"""YAML and front matter -> plain values, with the line and column each value was written at.

Only plain data is accepted: mappings with text keys, lists, text, numbers, true/false and null.
Anchors, aliases and tags that construct objects are refused, so no file can expand into gigabytes
or run code. Dates and times stay text (`2027-01-11`, `13:00`): their meaning is checked later,
against the field that holds them, and YAML 1.1's surprises (`13:00` read as 780, `no` as false)
never reach an editor.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lantern import memo
from lantern.errors import Position, Problem, ProblemsFound

MAX_FILE_BYTES = 2_000_000  # a content file larger than this is a mistake (a pasted binary, a log)
MAX_DEPTH = 40  # deeper nesting than any content type needs; stops recursion bombs early

FieldPath = tuple[str | int, ...]

_YAML = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_YAML + name for name in ("str", "int", "float", "null", "seq", "map")}
_TEXT_TAGS = {_YAML + "bool", _YAML + "timestamp"}  # kept as the text the editor wrote
_TRUE_FALSE = {"true": True, "false": False}
_TOO_DEEP = "the YAML is nested too deeply to be content"
_TOO_DEEP_HINT = (
    "no content type needs more than a few levels; look for a [ or { that is never closed"
)
_BRACKETS = re.compile(r"[\[\]{}]")


@dataclass(frozen=True)
class YamlDocument:
    """Plain values of one YAML document, and where each value and each key was written."""

    data: Any
    path: str
    values: dict[FieldPath, Position] = field(default_factory=dict)
    keys: dict[FieldPath, Position] = field(default_factory=dict)
    source: str = ""  # a digest of the file it came from: the key of its shape check in the memo

    def get(self, field_path: FieldPath) -> Any:
        """The value at `field_path` (keys and list indexes), or None where there is none."""
        value = self.data
        for part in field_path:
            if isinstance(value, dict) and isinstance(part, str):
                value = value.get(part)
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                return None
        return value

    def at(self, field_path: FieldPath) -> Position:
        """Where the value at `field_path` was written, or the nearest enclosing value."""
        for length in range(len(field_path), -1, -1):
            found = self.values.get(field_path[:length])
            if found:
                return found
        return Position(self.path, 1, 1)

    def key_at(self, field_path: FieldPath) -> Position:
        """Where the key of `field_path` was written (for unknown or misplaced fields)."""
        return self.keys.get(field_path) or self.at(field_path)


class _Loader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases instead of expanding them, and stops at MAX_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, AliasEvent):
            raise yaml.MarkedYAMLError(
                problem="YAML aliases (*name) are not allowed",
                problem_mark=event.start_mark,  # type: ignore[arg-type]
            )
        if getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="YAML anchors (&name) are not allowed", problem_mark=event.start_mark
            )
        if self.depth > MAX_DEPTH:
            raise yaml.MarkedYAMLError(problem=_TOO_DEEP, problem_mark=event.start_mark)
        self.depth += 1
        try:
            return Composer.compose_node(self, parent, index)  # type: ignore[arg-type]
        finally:
            self.depth -= 1

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:  # noqa: N803 (PyYAML's name)
        # Stop at the bracket that goes too deep: scanning costs time in the square of the depth.
        if self.flow_level >= MAX_DEPTH:
            raise yaml.MarkedYAMLError(problem=_TOO_DEEP, problem_mark=self.get_mark())
        super().fetch_flow_collection_start(TokenClass)


def read_text(path: Path, shown_as: str) -> str:
    """Read an editor's file as UTF-8 text (a byte-order mark is dropped)."""
    return _decode(_read_bytes(path, shown_as), shown_as)


def _read_bytes(path: Path, shown_as: str) -> bytes:
    """The file's bytes; one too large is refused after reading no more than the limit."""
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            # Asked for as many bytes as it has: a read of the limit makes a 2 MB buffer first.
            raw = file.read(min(size, MAX_FILE_BYTES) + 1)
            if len(raw) > size:  # it grew since: read on, up to the limit
                raw += file.read(MAX_FILE_BYTES + 1 - len(raw))
            size = max(size, len(raw))
    except OSError as error:
        raise _problem(Position(shown_as), f"cannot read the file: {error.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _problem(
            Position(shown_as),
            f"the file is {size / 1_000_000:.1f} MB, larger than the "
            f"{MAX_FILE_BYTES // 1_000_000} MB a content file may be",
            "split it, or move large media to content/media/",
        )
    return raw


_UTF_16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def _decode(raw: bytes, shown_as: str) -> str:
    save_as_utf8 = 'save it as UTF-8 in your editor ("Save with encoding" -> UTF-8)'
    if raw.startswith(_UTF_16_MARKS):  # Windows Notepad's "Unicode"
        raise _problem(
            Position(shown_as, 1), "the file is saved as UTF-16, not UTF-8", save_as_utf8
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _problem(
            Position(shown_as, line), "the file is not UTF-8 text", save_as_utf8
        ) from None
    if "\x00" in text:
        where = text.index("\x00")
        line, column = text.count("\n", 0, where) + 1, where - text.rfind("\n", 0, where)
        raise _problem(
            Position(shown_as, line, column),
            "the file contains a NUL character",
            "save it again as plain UTF-8 text",
        )
    return text.removeprefix("\ufeff")  # a UTF-8 byte-order mark says nothing more: dropped


def parse_yaml(text: str, shown_as: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document; `first_line` is the file line the text starts at."""
    if _FAST_COMPOSER and "&" not in text and "*" not in text and not _may_nest_deeply(text):
        # No anchor or alias can be in it: libyaml's C composer gives the same nodes, several
        # times faster. Any problem is found again by the Python one, for its exact message.
        try:
            fast = yaml.compose(text, Loader=_FAST_COMPOSER)
            return _document(fast, shown_as, first_line, text)
        except (yaml.YAMLError, ProblemsFound, RecursionError):
            pass
    try:
        loader = _Loader(text)  # a character YAML does not allow is refused here, before parsing
    except yaml.reader.ReaderError as error:
        raise _not_allowed(text, error, shown_as, first_line) from None
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise _yaml_problem(error, shown_as, first_line) from None
    except yaml.YAMLError as error:
        raise _problem(Position(shown_as, first_line), f"not valid YAML: {error}") from None
    except RecursionError:
        raise _problem(Position(shown_as, first_line), _TOO_DEEP, _TOO_DEEP_HINT) from None
    finally:
        loader.dispose()
    return _document(node, shown_as, first_line, text)


def _not_allowed(
    text: str, error: yaml.reader.ReaderError, shown_as: str, first_line: int
) -> ProblemsFound:
    where = error.position
    line = first_line + text.count("\n", 0, where)
    return _problem(
        Position(shown_as, line, where - text.rfind("\n", 0, where)),
        f"the file contains an invisible control character (U+{error.character:04X})",
        "delete it: such characters come with text pasted from other programs",
    )


def _may_nest_deeply(text: str) -> bool:
    """Whether brackets may open more than MAX_DEPTH levels, for libyaml takes time in the square
    of the depth. Quoted brackets count too: a false alarm only costs the slower parser."""
    depth = 0
    for bracket in _BRACKETS.finditer(text):
        depth = depth + 1 if bracket[0] in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            return True
    return False


def _document(node: Node | None, shown_as: str, first_line: int, text: str) -> YamlDocument:
    document = YamlDocument(None, shown_as)
    if node is None:
        return document
    data = _plain(node, (), document, first_line - 1, 0)
    lines = text.split("\n")
    for at, position in document.values.items():
        if position.line and not position.column:  # a block's text: at its indentation
            index = position.line - first_line
            line = lines[index] if 0 <= index < len(lines) else ""
            document.values[at] = replace(position, column=len(line) - len(line.lstrip(" ")) + 1)
    return YamlDocument(data, shown_as, document.values, document.keys)


def load_yaml(path: Path, shown_as: str) -> YamlDocument:
    """Read and parse a YAML file; parsed once per distinct content (the build cache)."""
    raw = _read_bytes(path, shown_as)
    key = memo.digest("yaml", shown_as, raw)
    parsed = _remembered(key, lambda: parse_yaml(_decode(raw, shown_as), shown_as))
    assert isinstance(parsed, YamlDocument)
    return replace(parsed, source=key)


def _remembered(key: str, parse: Callable[[], object]) -> object:
    """A parse result from the memo; a file's problems are remembered like its values."""

    def outcome() -> object:
        try:
            return parse()
        except ProblemsFound as found:
            return found.problems

    result = memo.current().get_or_make("parsed", key, outcome)
    if isinstance(result, tuple):
        raise ProblemsFound(result)
    return result


@dataclass(frozen=True)
class FrontMatterFile:
    """A Markdown file split into its front matter and its body."""

    front_matter: YamlDocument  # its source: a digest of the front matter alone
    body: str
    body_line: int  # file line of the body's first line
    source: str = ""  # a digest of the whole file


_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def load_front_matter(path: Path, shown_as: str) -> FrontMatterFile:
    """Read a Markdown file that starts with YAML front matter between `---` lines."""
    raw = _read_bytes(path, shown_as)
    key = memo.digest("front matter", shown_as, raw)
    parsed = _remembered(key, lambda: _split_front_matter(_decode(raw, shown_as), shown_as))
    assert isinstance(parsed, FrontMatterFile)
    return replace(parsed, source=key)


def _split_front_matter(text: str, shown_as: str) -> FrontMatterFile:
    text = text.replace("\r\n", "\n")
    if not text.startswith("---"):
        raise _problem(
            Position(shown_as, 1, 1),
            "the file does not start with front matter",
            "begin the file with a line '---', then 'title: ...', then a line '---'",
        )
    opening = _FENCE.match(text)
    closing = _FENCE.search(text, opening.end()) if opening else None
    if not opening or not closing:
        raise _problem(
            Position(shown_as, 1, 1),
            "the front matter is not closed",
            "end the front matter with a line of three dashes: ---",
        )
    yaml_text = text[opening.end() + 1 : closing.start()]
    front_matter = parse_yaml(yaml_text, shown_as, first_line=2)
    # Its shape is checked again only when the front matter changes, not for every edit below.
    front_matter = replace(front_matter, source=memo.digest("front matter", shown_as, yaml_text))
    body_start = min(closing.end() + 1, len(text))
    body_line = text.count("\n", 0, body_start) + 1
    return FrontMatterFile(front_matter, text[body_start:], body_line)


def _plain(node: Node, at: FieldPath, document: YamlDocument, line_offset: int, depth: int) -> Any:
    """Turn a composed node into plain values, noting positions on the way."""
    position = _position(node, document.path, line_offset)
    document.values[at] = position
    if depth > MAX_DEPTH:
        raise _problem(position, _TOO_DEEP, _TOO_DEEP_HINT)
    if node.tag not in _PLAIN_TAGS | _TEXT_TAGS:
        raise _problem(
            position,
            f"the YAML tag {node.tag.replace(_YAML, '!!')} is not allowed",
            "write plain values; remove the tag that starts with '!'",
        )
    if isinstance(node, MappingNode):
        return _mapping(node, at, document, line_offset, depth)
    if isinstance(node, SequenceNode):
        return [
            _plain(item, (*at, index), document, line_offset, depth + 1)
            for index, item in enumerate(node.value)
        ]
    assert isinstance(node, ScalarNode)
    return _scalar(node)


def _mapping(
    node: MappingNode, at: FieldPath, document: YamlDocument, line_offset: int, depth: int
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_position = _position(key_node, document.path, line_offset)
        if not isinstance(key_node, ScalarNode):
            raise _problem(
                key_position,
                "a key must be a plain word, not a list or mapping",
                "write a field name such as title: at the start of the line, then its value",
            )
        key = str(key_node.value)
        if key in result:
            raise _problem(
                key_position,
                f'the key "{key}" appears twice',
                "keep one of them; YAML would silently use only the last",
            )
        document.keys[(*at, key)] = key_position
        result[key] = _plain(value_node, (*at, key), document, line_offset, depth + 1)
    return result


def _scalar(node: ScalarNode) -> Any:
    text = str(node.value)
    # libyaml marks a plain scalar's style "", the Python composer None
    if node.style or (node.tag in _TEXT_TAGS and text.lower() not in _TRUE_FALSE):
        return text  # quoted, block text, a date or a YAML 1.1 yes/no/on/off: what was written
    if node.tag == _YAML + "bool":
        return _TRUE_FALSE[text.lower()]
    if ":" in text and node.tag in (_YAML + "int", _YAML + "float"):
        return text  # YAML 1.1 reads 13:00 as the number 780
    try:
        if node.tag == _YAML + "int":
            return _CONSTRUCTOR.construct_yaml_int(node)
        if node.tag == _YAML + "float":
            return _CONSTRUCTOR.construct_yaml_float(node)
    except (ValueError, IndexError):
        return text  # not a number after all: 0b_ and 0x_ fit YAML 1.1's pattern, !!int "" none
    return None if node.tag == _YAML + "null" else text


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_FAST_COMPOSER = getattr(yaml, "CSafeLoader", None)  # absent when PyYAML was built without libyaml


def _position(node: Node, path: str, line_offset: int) -> Position:
    mark = node.start_mark
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        # A block's text starts on the line after its "|": a problem in the text is counted
        # from there (_document finds its column).
        return Position(path, mark.line + 2 + line_offset)
    return Position(path, mark.line + 1 + line_offset, mark.column + 1)


def _yaml_problem(error: yaml.MarkedYAMLError, path: str, first_line: int) -> ProblemsFound:
    mark = error.problem_mark or error.context_mark
    line = mark.line + first_line if mark else first_line
    column = mark.column + 1 if mark else 0
    message = error.problem or "not valid YAML"
    hint = "check the indentation and that text containing ': ' is in quotes"
    if message == _TOO_DEEP:
        return _problem(Position(path, line, column), _TOO_DEEP, _TOO_DEEP_HINT)
    if "alias" in message or "anchor" in message:
        hint = "write the value out in full instead of referring to another part of the file"
    elif "'\\t'" in message:  # PyYAML: found character '\t' that cannot start any token
        message, hint = "a tab where YAML needs spaces", "indent with spaces, not tabs"
    elif "another document" in message:
        message = "a second document starts here"
        hint = "a file holds one set of fields: remove this '---' line, or the lines after it"
    return _problem(Position(path, line, column), f"not valid YAML: {message}", hint)


def _problem(at: Position, message: str, hint: str = "") -> ProblemsFound:
    return ProblemsFound((Problem(at, message, hint),))
