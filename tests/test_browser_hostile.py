"""A script that reaches a page anyway cannot run: the page's own policy is the second wall.

An editor's Markdown cannot carry script (lantern/raw_html.py refuses it at its line), but a
site's own templates are its code and are not checked, and a page may be copied or served
elsewhere. What stops such a script then is the Content-Security-Policy every page carries, as a
`<meta http-equiv>`. This site writes no `_headers` file (`headers_file: false`), so the server
here sends no policy header of its own: the page's policy alone must hold, as on the simplest
static host.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from lantern.cli import main
from tests.conftest import REPO, SITES, TODAY, covered, served

pytestmark = pytest.mark.browser

ARTICLE = """---
title: Pasted from a newsletter
date: 2026-03-01
---
A paragraph the editor wrote.
"""

# What a site's own copy of the article template adds to the article's text.
HOSTILE = """<script>window.__pwned = 1</script>
<img src="x" onerror="window.__pwned2 = 1" alt="">
<p onclick="window.__pwned3 = 1" id="clickable">Click here</p>
"""


# Run in the page before its own scripts (Playwright injects it past the policy): every refusal
# the policy makes is noted, with its directive and what it blocked.
NOTE_REFUSALS = """
window.__refused = [];
document.addEventListener('securitypolicyviolation',
    e => window.__refused.push([e.effectiveDirective, e.blockedURI]));
"""


@pytest.fixture(scope="module")
def served_hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site whose article page has inline script and event handlers, served on loopback."""
    folder = tmp_path_factory.mktemp("hostile-html")
    site = folder / "site"
    shutil.copytree(SITES / "minimal", site)
    (site / "content/articles/pasted.en.md").write_text(ARTICLE, encoding="utf-8")
    theme = (REPO / "templates/article.html").read_text(encoding="utf-8")
    own = theme.replace("{{ markdown(article) }}", "{{ markdown(article) }}\n" + HOSTILE)
    assert own != theme
    (site / "templates").mkdir()
    (site / "templates/article.html").write_text(own, encoding="utf-8")
    config = site / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "headers_file: false\n")
    out = folder / "out"
    assert main(["--site", str(site), "--out", str(out), "--today", TODAY, "--quiet"]) == 0
    assert not list(out.rglob("_headers"))  # the policy travels in the page, nowhere else
    with served(out) as url:
        yield url


@pytest.fixture
def hostile_page(chromium: Any, served_hostile: str) -> Iterator[tuple[Any, list[str]]]:
    """The article open in a fresh context (no policy bypass), with its console messages."""
    context = chromium.new_context()
    context.add_init_script(NOTE_REFUSALS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    response = page.goto(served_hostile + "en/articles/pasted/", wait_until="load")
    assert response is not None and response.ok
    assert "content-security-policy" not in response.headers  # only the page's own policy
    covered("headless Chromium (hostile HTML)", "en/articles/pasted/")
    yield page, console
    context.close()


def test_the_hostile_html_is_in_the_page(hostile_page: tuple[Any, list[str]]) -> None:
    page, _ = hostile_page
    assert page.locator("main script:not([src])").count() == 1
    assert page.locator("main img[onerror]").count() == 1
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy


def test_inline_script_and_event_handlers_do_not_run(hostile_page: tuple[Any, list[str]]) -> None:
    page, console = hostile_page
    page.wait_for_function("document.querySelector('main img').complete")
    assert page.evaluate("document.querySelector('main img').naturalWidth") == 0  # error fired
    page.click("#clickable")
    assert page.evaluate("[window.__pwned, window.__pwned2, window.__pwned3]") == [None] * 3
    refused = page.evaluate("window.__refused")
    assert sorted(directive for directive, _ in refused) == [
        "script-src-attr",  # onerror
        "script-src-attr",  # onclick
        "script-src-elem",  # <script>
    ]
    assert {blocked for _, blocked in refused} == {"inline"}
    for _ in range(100):  # Chromium logs a refusal a moment after it makes it
        refusals = [message for message in console if "Content Security Policy" in message]
        if len(refusals) == 3:
            break
        page.wait_for_timeout(50)
    # Chromium's words: "Executing inline script violates the following Content Security Policy
    # directive 'script-src 'self''. ... The action has been blocked." (older versions: "Refused
    # to execute inline script because it violates ...").
    assert [m for m in refusals if "inline script" in m and "script-src 'self'" in m], console
    handlers = [m for m in refusals if "inline event handler" in m and "script-src 'self'" in m]
    assert len(handlers) == 2, console


def test_the_sites_own_script_still_runs(hostile_page: tuple[Any, list[str]]) -> None:
    """The policy refuses the editor's script, not the site's: quick exit still counts Shift."""
    page, _ = hostile_page
    page.keyboard.press("Shift")
    status = page.locator("#quick-exit-status").text_content()
    assert status == page.locator("#quick-exit-area").get_attribute("data-two-left")
