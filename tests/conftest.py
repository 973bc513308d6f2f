"""Shared fixtures: fixture sites written from a dict, builds through the CLI, parsed output."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import pytest
from lxml import html

from lantern.cli import main
from lantern.markup import to_html

REPO = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
TODAY = "2026-11-25"  # every test build uses a fixed today, so results never depend on the clock

CHROMIUM = Path(os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium"))
TOOLS = Path(os.environ.get("SITE_TEST_TOOLS", Path.home() / ".cache" / "site-test-tools"))
VNU_JAR = TOOLS / "node_modules/vnu-jar/build/dist/vnu.jar"


# What each real-world checker covered in this run, printed at the end of the test report.
COVERED: dict[str, set[str]] = {}


def covered(checker: str, *pages: str) -> None:
    COVERED.setdefault(checker, set()).update(pages)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A parallel worker hands what it covered to the main process (pytest-xdist)."""
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:
        worker_output["covered"] = {checker: sorted(pages) for checker, pages in COVERED.items()}


def pytest_testnodedown(node: Any, error: Any) -> None:
    for checker, pages in getattr(node, "workeroutput", {}).get("covered", {}).items():
        covered(checker, *pages)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if COVERED:
        terminalreporter.section("pages covered by each checker")
        for checker, pages in sorted(COVERED.items()):
            terminalreporter.write_line(f"{checker}: {len(pages)} pages")


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


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by its path there, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


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


# ------------------------------------------------------------------ real browser
# Every page type of the example site, in every language. A new page type is one line here,
# and every browser, accessibility and safety test then covers it.
PAGE_TYPES: dict[str, tuple[str, ...]] = {
    "language chooser": ("",),
    "home": ("en/", "es/", "ar/"),
    "article": (
        "en/articles/what-is-human-trafficking/",
        "es/articles/que-es-la-trata-de-personas/",
        "ar/articles/signs-of-trafficking/",
    ),
    # A video block (a local still and a plain link), in the languages the video is in.
    "article with a video": (
        "en/articles/facilitator-training/",
        "es/articles/capacitacion-en-facilitacion/",
    ),
    "article list": ("en/articles/", "es/articles/page/2/", "ar/articles/"),
    "tag": ("en/tags/training/", "es/tags/capacitacion/", "ar/tags/signs/"),
    "standalone page": ("en/get-help/", "es/navegar-seguro/", "ar/get-help/"),
    "404": ("en/404.html", "es/404.html", "ar/404.html"),
    "hotline directory": ("en/hotlines/", "es/hotlines/", "ar/hotlines/"),
    "hotline": (
        "en/hotlines/example-youth-textline/",
        "es/hotlines/national-human-trafficking-hotline/",
        "ar/hotlines/national-human-trafficking-hotline/",
    ),
    "fact sheets": ("en/facts/", "es/facts/", "ar/facts/"),
    "fact sheet": ("en/facts/ct-dcf-2021/", "es/facts/nhth-2020-2022/", "ar/facts/nhth-2020-2022/"),
    "resources": ("en/resources/", "es/resources/", "ar/resources/"),
    "events": ("en/events/", "es/events/", "ar/events/"),
    "event": (
        "en/events/ems-introduction-2027/",
        "es/events/wear-blue-day-2027/",
        "ar/events/facilitator-training-2027/",
    ),
    "campaigns": ("en/campaigns/", "es/campaigns/", "ar/campaigns/"),
    "search": ("en/search/", "es/search/", "ar/search/"),
    "campaign": (
        "en/campaigns/prevention-month-2027/",
        "es/campaigns/prevention-month-2027/",
        "ar/campaigns/prevention-month-2027/",
    ),
}
PAGES = [
    pytest.param(path, id=f"{kind}:{path or '/'}")
    for kind, paths in PAGE_TYPES.items()
    for path in paths
]

# Keep Chromium from talking to the outside world; resolve nothing but loopback.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
]
EXIT_URL = "https://weather.com/"
NEUTRAL_PAGE = "<!doctype html><title>Weather</title><p>Sunny.</p>"


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """A folder on a plain HTTP server on loopback, as a static host serves it; its base URL."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-u",
            "-m",
            "http.server",
            "0",
            "--bind",
            "127.0.0.1",
            "--directory",
            folder,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    port = re.search(r"port (\d+)", process.stdout.readline())
    assert port, "http.server did not start"
    try:
        yield f"http://127.0.0.1:{port.group(1)}/"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.fixture(scope="session")
def served_example(example: Built) -> Iterator[str]:
    """The built example site on a real HTTP server on loopback; yields its base URL."""
    with served(example.out) as url:
        yield url


@pytest.fixture
def count_conversions(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """Call it to start noting every text Python-Markdown converts; this process's own cache is
    emptied then, so that only the build cache can spare a conversion."""

    def start() -> list[str]:
        converted: list[str] = []
        convert = markdown.Markdown.convert

        def counting(self: markdown.Markdown, text: str) -> str:
            converted.append(text)
            return convert(self, text)

        monkeypatch.setattr(markdown.Markdown, "convert", counting)
        to_html.cache_clear()
        return converted

    return start


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, once per session."""
    require_tool(CHROMIUM.exists(), f"{CHROMIUM} missing: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_tool(False, "playwright missing: pip install -r requirements-dev.txt")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def contexts(chromium: Any) -> Iterator[Callable[..., Any]]:
    """Browser contexts, one per set of options, made once per session: a new page is cheap."""
    made: dict[str, Any] = {}

    def context_with(**options: Any) -> Any:
        key = repr(sorted(options.items()))
        if key not in made:
            made[key] = chromium.new_context(**options)
            answer_exit_locally(made[key])
        return made[key]

    yield context_with
    for context in made.values():
        context.close()


@pytest.fixture(scope="session")
def shared_context(contexts: Callable[..., Any]) -> Any:
    return contexts()


def answer_exit_locally(context: Any) -> None:
    """The quick-exit target is another origin; answer it locally so no request leaves."""
    context.route(
        EXIT_URL + "**", lambda route: route.fulfill(body=NEUTRAL_PAGE, content_type="text/html")
    )


@pytest.fixture(scope="session")
def loaded_page(shared_context: Any, served_example: str) -> Iterator[Callable[[str], Any]]:
    """A page of the example site loaded once per session, for tests that only read it."""
    pages: dict[str, Any] = {}

    def load(path: str) -> Any:
        if path not in pages:
            pages[path] = shared_context.new_page()
            pages[path].goto(served_example + path)
            covered("headless Chromium (safety and reach)", path or "/")
        return pages[path]

    yield load
    for page in pages.values():
        page.close()


@pytest.fixture
def open_page(contexts: Callable[..., Any], served_example: str) -> Iterator[Callable[..., Any]]:
    """Open a page of the example site in a new tab of a context with the given options."""
    opened: list[Any] = []

    def open_(path: str, **context_options: Any) -> Any:
        viewport = context_options.pop("viewport", None)
        page = contexts(**context_options).new_page()
        opened.append(page)
        if viewport:
            page.set_viewport_size(viewport)
        page.goto(served_example + path)
        covered("headless Chromium (safety and reach)", path or "/")
        return page

    yield open_
    for page in opened:
        page.close()
