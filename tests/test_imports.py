"""The import direction of DESIGN.md: data flows one way, and a test keeps it so."""

from __future__ import annotations

import ast
import re
from pathlib import Path

LANTERN = Path(__file__).resolve().parent.parent / "lantern"

# module -> the Lantern modules it may import (DESIGN.md, "The engine's modules"; render's
# helpers charts, hours, linked_data, menu, views and areas sit beside it, downstream of the model).
ALLOWED = {
    "cli": {
        "check",
        "config",
        "content",
        "errors",
        "memo",
        "model",
        "new",
        "patch",
        "pipeline",
        "serve",
        "translate",
        "uptodate",
    },
    # translate/: the translator's round trip (PO files), downstream of the content loaders.
    "translate": {
        "config",
        "content",
        "errors",
        "i18n",
        "links",
        "memo",
        "model",
        "raw_html",
        "schema",
        "shortcodes",
        "yamlfile",
    },
    "new": {"errors", "model", "schema", "translate", "yamlfile"},
    "check": {
        "artifacts",
        "assets",
        "hosting",
        "config",
        "content",
        "errors",
        "i18n",
        "model",
        "routes",
        "schema",
        "translate",
        "yamlfile",
    },
    "serve": {"errors", "memo", "model", "patch", "pipeline", "preview_pages", "search", "watch"},
    "preview_pages": {"errors"},
    "patch": {
        "depends",
        "errors",
        "links",
        "memo",
        "model",
        "parallel",
        "raw_html",
        "routes",
        "shortcodes",
        "uptodate",
        "yamlfile",
    },
    "links": {"errors", "memo"},
    "watch": set(),
    "uptodate": {"memo"},
    "leftovers": set(),
    "pipeline": {
        "artifacts",
        "assets",
        "patch",
        "config",
        "content",
        "routes",
        "render",
        "output",
        "errors",
        "model",
        "memo",
        "depends",
        "parallel",
        "search",
        "warm",
    },
    "search": {"errors", "memo", "routes"},
    "warm": {
        "content",
        "errors",
        "i18n",
        "links",
        "markup",
        "memo",
        "model",
        "parallel",
        "raw_html",
        "render",
        "schema",
        "shortcodes",
        "yamlfile",
    },
    "depends": {"memo", "model", "routes", "shortcodes"},
    "parallel": {"memo", "model", "output", "render", "routes"},
    "config": {"errors", "i18n", "model", "schema", "yamlfile"},
    "content": {
        "content",
        "model",
        "yamlfile",
        "schema",
        "errors",
        "i18n",
        "config",
        "links",
        "raw_html",
        "shortcodes",
    },
    "raw_html": {"errors", "links", "markup", "memo"},
    "routes": {"model"},
    "assets": {"memo", "routes"},
    "hosting": {"errors"},
    "render": {
        "errors",
        "model",
        "routes",
        "markup",
        "i18n",
        "charts",
        "linked_data",
        "hours",
        "views",
        "areas",
        "shortcodes",
        "schedule",
        "bidi",
        "artifacts",
        "event_views",
        "memo",
        "menu",
        "assets",
        "search",
    },
    "menu": {"model", "routes"},
    "event_views": {
        "artifacts",
        "i18n",
        "linked_data",
        "model",
        "routes",
        "schedule",
        "share_images",
    },
    "schedule": {"i18n", "model"},
    "artifacts": {"charts", "i18n", "ical", "memo", "model", "routes", "share_images"},
    "views": {"areas", "i18n", "model"},
    "areas": {"i18n", "model"},
    "markup": {"shortcodes"},
    "memo": {"leftovers"},
    "shortcodes": set(),
    "charts": set(),
    "share_images": set(),
    "bidi": {"i18n"},
    "linked_data": {"model"},
    "ical": {"model"},
    "hours": {"i18n", "model"},
    "i18n": {"errors", "model", "yamlfile"},
    "schema": {"errors", "fits", "yamlfile", "memo"},
    "fits": set(),
    "yamlfile": {"errors", "memo"},
    "model": {"errors"},
    "errors": set(),
    "output": {"leftovers"},
}


def lantern_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lantern."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("lantern.")}
    return found


def test_modules_import_only_downstream() -> None:
    for path in sorted(LANTERN.rglob("*.py")):
        relative = path.relative_to(LANTERN)
        module = relative.parts[0].removesuffix(".py")
        if module == "__init__":
            continue
        assert module in ALLOWED, f"{relative}: a new module needs its place in DESIGN.md"
        extra = lantern_imports(path) - ALLOWED[module] - {module}
        assert not extra, f"{relative} imports {sorted(extra)} against the one-way design"


def test_nothing_imports_cli() -> None:
    for path in sorted(LANTERN.rglob("*.py")):
        assert "cli" not in lantern_imports(path) or path.name == "cli.py", path


def test_modules_stay_small() -> None:
    for path in sorted(LANTERN.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines < 400, f"{path.relative_to(LANTERN)} has {lines} lines: split it"


def test_the_readme_s_map_for_developers_names_every_module_and_only_those() -> None:
    readme = (LANTERN.parent / "README.md").read_text(encoding="utf-8")
    map_text = readme.split("## For developers", 1)[1]
    named = set(re.findall(r"`([\w/]+\.(?:py|js|css))`", map_text))
    modules = {path.name for path in LANTERN.glob("*.py") if path.name != "__init__.py"}
    modules |= {path.name for path in LANTERN.glob("preview.*")}
    for package in ("model", "translate"):
        modules |= {
            path.name for path in (LANTERN / package).glob("*.py") if path.name != "__init__.py"
        }
    assert named == modules
