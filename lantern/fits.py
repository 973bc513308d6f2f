"""Whether a value fits one of lantern/schemas/, without jsonschema: the answer for the common
case, a file with no mistake of shape.

A cold build checks the shape of every file, and most fit: jsonschema took 64 µs a front matter
and 50 ms to import before the first one. These checks know only the keywords Lantern's schemas
use, and answer exactly as a Draft 2020-12 validator would; a schema with any other keyword is
left to jsonschema (`compiled` gives None), and so is every value that does not fit, for the
messages.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]
Load = Callable[[str], Any]  # a schema file's name -> its contents

# Keywords that say something about a schema but nothing of what fits it.
_NOTES = {"$schema", "$comment", "$defs", "title", "description", "x-message", "x-hint"}


class _Unknown(Exception):
    """A keyword these checks do not know: jsonschema decides."""


def compiled(file: str, load: Load) -> Check | None:
    """The check of the schema in `file`, or None when it uses a keyword this module does not
    know; `load` reads it and the files it refers to."""
    try:
        return _Compiler(load).reference(file, "#")
    except _Unknown:
        return None


class _Compiler:
    def __init__(self, load: Load) -> None:
        self.load = load
        self.done: dict[tuple[str, str], Check] = {}

    def reference(self, file: str, ref: str) -> Check:
        """The check of the schema at `ref`, written in `file` ("other.json#/$defs/x", "#/...")."""
        target, _, pointer = ref.partition("#")
        where = (target or file, pointer)
        if where not in self.done:
            found: list[Check] = []
            self.done[where] = lambda value: found[0](value)  # a schema may refer to itself
            schema = self.load(where[0])
            for part in filter(None, pointer.split("/")):
                schema = schema[part.replace("~1", "/").replace("~0", "~")]
            found.append(self.schema(schema, where[0]))
        return self.done[where]

    def schema(self, schema: Any, file: str) -> Check:
        if isinstance(schema, bool):
            return lambda value: schema
        checks = [
            self.keyword(keyword, argument, schema, file)
            for keyword, argument in schema.items()
            if keyword not in _NOTES
        ]
        return lambda value: all(check(value) for check in checks)

    def keyword(self, keyword: str, argument: Any, schema: dict[str, Any], file: str) -> Check:
        sub = self.schema
        if keyword == "$ref":
            return self.reference(file, argument)
        if keyword == "type":
            kinds = [
                _TYPES[kind] for kind in ([argument] if isinstance(argument, str) else argument)
            ]
            return lambda value: any(kind(value) for kind in kinds)
        if keyword in ("enum", "const"):
            allowed = argument if keyword == "enum" else [argument]
            if not all(isinstance(choice, str) for choice in allowed):
                raise _Unknown(keyword)  # jsonschema's equality of numbers and booleans differs
            return lambda value: value in allowed
        if keyword in _LIMITS:
            kind, size, too_far = _LIMITS[keyword]
            return lambda value: not kind(value) or not too_far(size(value), argument)
        if keyword == "pattern":
            pattern = re.compile(argument)
            return lambda value: not isinstance(value, str) or pattern.search(value) is not None
        if keyword == "required":
            return lambda value: (
                not isinstance(value, dict) or all(key in value for key in argument)
            )
        if keyword == "properties":
            fields = {key: sub(each, file) for key, each in argument.items()}
            return lambda value: (
                not isinstance(value, dict)
                or all(check(value[key]) for key, check in fields.items() if key in value)
            )
        if keyword == "additionalProperties":
            if "patternProperties" in schema:
                raise _Unknown(keyword)
            known, other = set(schema.get("properties", ())), sub(argument, file)
            return lambda value: (
                not isinstance(value, dict)
                or all(other(item) for key, item in value.items() if key not in known)
            )
        if keyword == "propertyNames":
            name = sub(argument, file)
            return lambda value: not isinstance(value, dict) or all(map(name, value))
        if keyword == "items":
            if "prefixItems" in schema:
                raise _Unknown(keyword)
            item = sub(argument, file)
            return lambda value: not isinstance(value, list) or all(map(item, value))
        if keyword in ("anyOf", "allOf"):
            branches = [sub(branch, file) for branch in argument]
            either = any if keyword == "anyOf" else all
            return lambda value: either(branch(value) for branch in branches)
        if keyword == "if":
            condition = sub(argument, file)
            then, otherwise = (sub(schema.get(key, True), file) for key in ("then", "else"))
            return lambda value: then(value) if condition(value) else otherwise(value)
        if keyword in ("then", "else"):
            return lambda value: True  # with "if"
        raise _Unknown(keyword)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# As jsonschema's Draft 2020-12 type checker: a boolean is no number, 3.0 is an integer.
_TYPES: dict[str, Check] = {
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: _is_number(value) and (isinstance(value, int) or value.is_integer()),
    "number": _is_number,
    "boolean": lambda value: isinstance(value, bool),
    "array": lambda value: isinstance(value, list),
    "object": lambda value: isinstance(value, dict),
    "null": lambda value: value is None,
}


def _identity(value: Any) -> Any:
    return value


# keyword: (the values it applies to, what it measures of one, whether that is past the limit)
_LIMITS: dict[str, tuple[Check, Callable[[Any], Any], Callable[[Any, Any], bool]]] = {
    "minLength": (_TYPES["string"], len, operator.lt),
    "maxLength": (_TYPES["string"], len, operator.gt),
    "minItems": (_TYPES["array"], len, operator.lt),
    "maxItems": (_TYPES["array"], len, operator.gt),
    "minProperties": (_TYPES["object"], len, operator.lt),
    "maxProperties": (_TYPES["object"], len, operator.gt),
    "minimum": (_is_number, _identity, operator.lt),
    "maximum": (_is_number, _identity, operator.gt),
}
