"""Shape checks against the JSON Schemas in lantern/schemas/, reported at the editor's line.

The same schema files give editors autocompletion in any YAML language server, so a field's rules
are written once. A subschema may carry `x-message` (what to say when it fails, `{field}` is the
field's name) and `x-hint`, so the messages are in an editor's words, not a validator's.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jsonschema is imported only for a file whose shape has a mistake
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

from lantern import memo
from lantern.errors import Problem, did_you_mean
from lantern.fits import Check, compiled
from lantern.yamlfile import YamlDocument

SCHEMA_DIR = Path(__file__).parent / "schemas"

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "empty",
}


@cache
def validator_for(name: str) -> Draft202012Validator:
    """The validator for `lantern/schemas/NAME.schema.json` (loaded once)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_schema_file(f"{name}.schema.json"), registry=_registry())


def fits(value: Any, name: str) -> bool:
    """Whether `value` fits `lantern/schemas/NAME.schema.json`, told without jsonschema; False
    also when only jsonschema can tell."""
    check = _quick_check(name)
    return check is not None and check(value)


@cache
def _quick_check(name: str) -> Check | None:
    return compiled(f"{name}.schema.json", _schema_file)


@cache
def _schema_file(file: str) -> Any:
    return json.loads((SCHEMA_DIR / file).read_text(encoding="utf-8"))


def check_shape(document: YamlDocument, schema_name: str) -> list[Problem]:
    """Every way `document` does not fit its schema, one Problem per mistake."""
    if not document.source:
        return _shape_problems(document, schema_name)
    key = memo.digest("shape", schema_name, document.source)
    return memo.current().get_or_make("shape", key, lambda: _shape_problems(document, schema_name))


def _shape_problems(document: YamlDocument, schema_name: str) -> list[Problem]:
    if fits(document.data, schema_name):  # most files: no need to import jsonschema
        return []
    errors = validator_for(schema_name).iter_errors(document.data)
    problems: set[Problem] = set()
    for error in _precise(errors):
        if error.validator == "additionalProperties":
            problems.update(_unknown_fields(error, document))
        else:
            problems.add(_problem(error, document))
    return sorted(problems)


def _precise(errors: Any) -> list[ValidationError]:
    """Errors, with an anyOf failure replaced by its one plausible branch's errors.

    `hours` is "24/7" or a list of ranges: when the editor wrote a list, the problem is inside
    the list ("opens" is not HH:MM), not that it is not "24/7".
    """
    found = []
    for error in errors:
        branch = _plausible_branch(error) if error.validator == "anyOf" else None
        found.extend(_precise(branch) if branch else [error])
    return found


def _plausible_branch(error: ValidationError) -> list[ValidationError] | None:
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
    plausible = [
        subs
        for subs in branches.values()
        if not any(s.validator in ("type", "const") and not s.relative_path for s in subs)
    ]
    return plausible[0] if len(plausible) == 1 else None


def _problem(error: ValidationError, document: YamlDocument) -> Problem:
    at = tuple(error.absolute_path)
    name = _field_name(at)
    custom = error.schema.get("x-message") if isinstance(error.schema, dict) else None
    hint = error.schema.get("x-hint", "") if isinstance(error.schema, dict) else ""
    if custom:
        return Problem(document.at(at), custom.format(field=name), hint)
    if error.validator == "required":
        missing = str(error.message).split("'")[1]
        return Problem(
            document.key_at(at) if at else document.at(()),
            f'the required field "{missing}" is missing' + (f" in {name}" if at else ""),
            hint or f'add a line "{missing}: ..."',
        )
    if error.validator == "type":
        wanted = error.validator_value
        words = " or ".join(
            _TYPE_WORDS[t] for t in ([wanted] if isinstance(wanted, str) else wanted)
        )
        return Problem(document.at(at), f"{name} must be {words}", hint)
    if error.validator == "enum":
        choices = ", ".join(str(choice) for choice in error.validator_value)
        return Problem(document.at(at), f"{name} must be one of: {choices}", hint)
    if error.validator in ("minItems", "minLength"):
        return Problem(document.at(at), f"{name} must not be empty", hint)
    return Problem(document.at(at), f"{name}: {error.message}", hint)


def _unknown_fields(error: ValidationError, document: YamlDocument) -> list[Problem]:
    at = tuple(error.absolute_path)
    known = sorted(error.schema.get("properties", {}))
    where = f" in {_field_name(at)}" if at else ""
    problems = []
    for extra in sorted(set(error.instance) - set(known)):
        hint = did_you_mean(extra, known) or "known fields: " + ", ".join(known)
        message = f'unknown field "{extra}"{where}'
        problems.append(Problem(document.key_at((*at, extra)), message, hint))
    return problems


def field_text(at: tuple[Any, ...]) -> str:
    """`("channels", 0, "number")` -> `channels[1].number`, as an editor counts."""
    text = ""
    for part in at:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _field_name(at: tuple[Any, ...]) -> str:
    text = field_text(at)
    return f'"{text}"' if text else "the file"


@cache
def _registry() -> Any:
    from referencing import Registry, Resource

    files = sorted(path.name for path in SCHEMA_DIR.glob("*.schema.json"))
    return Registry().with_resources(
        (file, Resource.from_contents(_schema_file(file))) for file in files
    )
