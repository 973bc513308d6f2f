"""The preview server with a real browser: an edit reloads the page, a broken file shows its
problems on the page, a fix brings the page back, and the server never dies."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXIT_URL, REPO, TODAY

ARTICLE = "content/articles/hello.en.md"
SHOWS = "text => document.body.textContent.includes(text)"
CONNECTED = (
    "() => window.LiveReload && window.LiveReload.connector"
    " && window.LiveReload.connector._isSocketConnected()"
)


@dataclass
class Preview:
    site: Path
    url: str
    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)

    def wait_for(self, pattern: str, timeout: float = 30) -> str:
        """The first output line matching `pattern`, waiting for it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines:
                if re.search(pattern, line):
                    return line
            assert self.process.poll() is None, "the server died:\n" + "".join(self.lines)
            time.sleep(0.05)
        raise AssertionError(f"no line matching {pattern!r} in:\n" + "".join(self.lines))

    def edit(self, change: Callable[[str], str]) -> None:
        path = self.site / ARTICLE
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


FOOTER = (REPO / "templates/partials/footer.html").read_text(encoding="utf-8")


@pytest.fixture
def preview(make_site: Callable[..., Path]) -> Iterator[Preview]:
    """The preview of a small site that has its own copy of the footer template."""
    site = make_site({"templates/partials/footer.html": FOOTER})
    port = free_port()
    command = [sys.executable, "-u", "build.py", "serve", "--site", str(site)]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--today", TODAY],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    running = Preview(site, f"http://127.0.0.1:{port}/", process)

    def collect() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            running.lines.append(line)

    threading.Thread(target=collect, daemon=True).start()
    running.wait_for(r"^Previewing at http://127\.0\.0\.1:")
    yield running
    process.terminate()
    process.wait(timeout=10)
    if process.stdout is not None:
        process.stdout.close()


def open_connected(contexts: Callable[..., Any], url: str) -> tuple[Any, list[str]]:
    page = contexts().new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(url)
    page.wait_for_function(CONNECTED, timeout=10_000)
    return page, console


def test_edit_break_and_fix_an_article_while_the_page_is_open(
    preview: Preview, contexts: Callable[..., Any]
) -> None:
    page, console = open_connected(contexts, preview.url + "en/articles/hello/")
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self'" in csp  # the page's policy, as published

    page.evaluate("window.__before_edit = true")
    preview.edit(lambda text: text.replace("Some *text*", "Some *edited text*"))
    page.wait_for_function(SHOWS, arg="edited text", timeout=10_000)
    assert page.locator("main em").first.inner_text() == "edited text"
    # Put in place, not reloaded: only the content changed.
    assert page.evaluate("window.__before_edit") is True
    preview.wait_for(r"content/articles/hello\.en\.md: built in")

    page.wait_for_function(CONNECTED, timeout=10_000)
    with page.expect_navigation(timeout=10_000):
        preview.edit(lambda text: text.replace("title: Hello", "title: [Hello"))
    problems = page.locator(".lantern-problems")
    assert problems.is_visible()
    assert re.search(r"content/articles/hello\.en\.md:3:\d+: not valid YAML", problems.inner_text())
    assert page.locator("main em").first.inner_text() == "edited text"  # the last good page
    preview.wait_for(r"1 error\(s\) in .*the last good site is still served")

    page.wait_for_function(CONNECTED, timeout=10_000)
    with page.expect_navigation(timeout=10_000):
        preview.edit(lambda text: text.replace("title: [Hello", "title: Hello again"))
    assert page.locator(".lantern-problems").count() == 0
    assert page.locator("h1").inner_text() == "Hello again"
    assert preview.process.poll() is None
    assert not [line for line in console if "Content Security Policy" in line], console
    page.close()


def test_edits_in_quick_succession_each_show_on_the_page(
    preview: Preview, contexts: Callable[..., Any]
) -> None:
    """livereload alone drops a change within 3 seconds of the last reload; this server does not."""
    page, _ = open_connected(contexts, preview.url + "en/articles/hello/")
    for number in range(3):
        page.wait_for_function(CONNECTED, timeout=10_000)
        started = time.monotonic()
        preview.edit(lambda text, n=number: text.replace("Some ", f"Some {n} ", 1))
        page.wait_for_function(SHOWS, arg=f"Some {number} ", timeout=10_000)
        assert time.monotonic() - started < 2.5
    assert page.locator("main p", has_text="with a link").inner_text().startswith("Some 2 1 0 ")
    page.close()


@pytest.mark.parametrize("exit_by", ["click", "Shift"])
def test_the_sites_scripts_work_once_on_content_put_in_place(
    exit_by: str, preview: Preview, contexts: Callable[..., Any]
) -> None:
    """The preview runs the page's scripts again on new content: the quick exit still leaves
    without a history entry, and announces its presses in the new content."""
    page, _ = open_connected(contexts, preview.url + "en/articles/hello/")
    for number in range(2):
        preview.edit(lambda text, n=number: text.replace("Some ", f"Some {n} ", 1))
        page.wait_for_function(SHOWS, arg=f"Some {number} ", timeout=10_000)
    before = page.evaluate("history.length")
    if exit_by == "click":
        with page.expect_navigation(url=EXIT_URL, timeout=10_000):
            page.click("#quick-exit")
    else:
        status, area = page.locator("#quick-exit-status"), page.locator("#quick-exit-area")
        page.keyboard.press("Shift")
        assert status.text_content() == area.get_attribute("data-two-left")
        page.keyboard.press("Shift")
        assert status.text_content() == area.get_attribute("data-one-left")
        with page.expect_navigation(url=EXIT_URL, timeout=10_000):
            page.keyboard.press("Shift")
    assert page.evaluate("history.length") == before
    page.close()


def test_paths_outside_the_site_and_other_hosts_get_nothing(preview: Preview) -> None:
    def status(path: str, host: str | None = None) -> int:
        with socket.create_connection(("127.0.0.1", int(preview.url.rsplit(":", 1)[1][:-1]))) as s:
            s.sendall(
                f"GET {path} HTTP/1.1\r\nHost: {host or preview.url[7:-1]}\r\n"
                "Connection: close\r\n\r\n".encode()
            )
            return int(s.recv(64).split()[1])

    for path in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd"):
        assert status(path) == 404, path
    assert status("/en/articles/hello/") == 200
    assert status("/en/articles/hello/", host="attacker.example") == 403


def test_a_broken_template_shows_its_line_and_a_fix_brings_the_page_back(
    preview: Preview, contexts: Callable[..., Any]
) -> None:
    page, _ = open_connected(contexts, preview.url + "en/")
    footer = preview.site / "templates/partials/footer.html"
    with page.expect_navigation(timeout=10_000):
        footer.write_text(FOOTER + "{% if %}\n", encoding="utf-8")
    line = FOOTER.count("\n") + 1
    problems = page.locator(".lantern-problems")
    assert f"templates/partials/footer.html:{line}: Expected an expression" in problems.inner_text()
    page.wait_for_function(CONNECTED, timeout=10_000)
    with page.expect_navigation(timeout=10_000):
        footer.write_text(FOOTER, encoding="utf-8")
    assert page.locator(".lantern-problems").count() == 0
    assert preview.process.poll() is None
    assert not [line for line in preview.lines if "Traceback" in line]
    page.close()


def test_opened_to_the_network_it_warns_and_prints_the_address_as_a_qr_code() -> None:
    import segno

    from lantern.serve import announce, lan_address

    said: list[str] = []
    announce("0.0.0.0", 8000, said.append)
    url = f"http://{lan_address()}:8000/"
    assert said[0] == (
        f"warning: the preview is open to every device on this network at {url}\n"
        "  Use this only to test on a phone, on a network you trust; stop it when done."
    )
    assert said[1] == f"Previewing at {url} (press Ctrl+C to stop); on a phone, scan:"
    rows = said[2].splitlines()
    size = segno.make(url, error="l").symbol_size(border=4)[1]
    assert len(rows) == (size + 1) // 2  # two modules a row: half blocks
    assert {char for row in rows for char in row} <= set("█▀▄ ")
    loopback: list[str] = []
    announce("127.0.0.1", 8000, loopback.append)
    assert loopback == ["Previewing at http://127.0.0.1:8000/ (press Ctrl+C to stop)"]


def test_a_pasted_embed_shows_its_line_in_the_preview_and_never_reaches_the_page(
    preview: Preview, contexts: Callable[..., Any]
) -> None:
    page, _ = open_connected(contexts, preview.url + "en/articles/hello/")
    embed = '<iframe src="https://www.youtube.com/embed/x"></iframe>'
    with page.expect_navigation(timeout=10_000):
        preview.edit(lambda text: text + f"\n{embed}\n")
    problems = page.locator(".lantern-problems").inner_text()
    assert "content/articles/hello.en.md:11: <iframe> is not allowed in Markdown" in problems
    assert "{{< video ID >}}" in problems  # the hint says what to do instead
    assert page.locator("main iframe").count() == 0  # the last good page, without it
    page.wait_for_function(CONNECTED, timeout=10_000)
    with page.expect_navigation(timeout=10_000):
        preview.edit(lambda text: text.replace(f"\n{embed}\n", ""))
    assert page.locator(".lantern-problems").count() == 0
    page.close()
