"""Shared fixtures: fixture sites written from a dict, builds through the CLI, parsed output."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import html

from lantern.cli import main

REPO = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
TODAY = "2026-11-25"  # every test build uses a fixed today, so results never depend on the clock

CHROMIUM = Path(os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium"))
TOOLS = Path(os.environ.get("SITE_TEST_TOOLS", Path.home() / ".cache" / "site-test-tools"))
VNU_JAR = TOOLS / "node_modules/vnu-jar/build/dist/vnu.jar"


def require_tool(is_present: bool, reason: str) -> None:
    """Skip with a one-line reason when a real tool is missing; in CI, fail instead."""
    if is_present:
        return
    if os.environ.get("LANTERN_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{reason} (LANTERN_REQUIRE_TOOLS=1 forbids skipping)")
    pytest.skip(reason)


@dataclass
class Built:
    """The result of one CLI run: exit status, what it printed, and where the site went."""

    status: int
    out: Path
    stdout: str
    stderr: str

    def page(self, path: str) -> html.HtmlElement:
        """Parse an output file: "en/articles/x/" -> en/articles/x/index.html."""
        file = self.out / (path + "index.html" if path.endswith("/") or not path else path)
        return html.fromstring(file.read_bytes())

    def html_files(self) -> list[Path]:
        return sorted(self.out.rglob("*.html"))


def errors_in(built: Built) -> list[str]:
    """The error lines a build printed (warnings left out)."""
    return [line for line in built.stderr.splitlines() if ": error: " in line]


def run_build(site: Path, out: Path, *options: str, capsys: pytest.CaptureFixture[str]) -> Built:
    status = main(["--site", str(site), "--out", str(out), "--today", TODAY, "--quiet", *options])
    captured = capsys.readouterr()
    return Built(status, out, captured.out, captured.err)


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """A copy of tests/sites/minimal with files replaced (text) or removed (None)."""

    def make(files: dict[str, str | None] | None = None, base: str = "minimal") -> Path:
        site = tmp_path / "site"
        shutil.copytree(SITES / base, site)
        for relative, text in (files or {}).items():
            target = site / relative
            if text is None:
                target.unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        return site

    return make


@pytest.fixture
def build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Built]:
    """Build a site folder into tmp_path/out through the command line."""

    def run(site: Path, *options: str, out: Path | None = None) -> Built:
        return run_build(site, out or tmp_path / "out", *options, capsys=capsys)

    return run


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The repository's example site, built once per test session."""
    out = tmp_path_factory.mktemp("example") / "_site"
    status = main(["--site", str(REPO), "--out", str(out), "--today", TODAY, "--quiet"])
    assert status == 0, "the example site must build"
    return Built(status, out, "", "")
