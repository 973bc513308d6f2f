"""The preview's edit-to-reloaded-page time, measured in headless Chromium.

    python bench/reload.py                 # the example site, then the 1,000 x 2 bench corpus
    python bench/reload.py --only example --runs 20

For each site it starts `build.py serve`, opens the edited article's page in Debian's Chromium
(driven by Playwright), waits until the page's live-reload socket is connected, then, run after
run, appends a sentence to the article's Markdown and times until the page shows it (put in
place by the preview, or reloaded).
It prints the median, fastest and slowest, and the server's own rebuild time from its log.
The corpus is made by bench/corpus.py into bench/.work/ when missing.
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import corpus
import tools

REPO = tools.REPO
WORK = REPO / "bench" / ".work"
CHROMIUM = Path("/usr/bin/chromium")
CONNECTED = (
    "() => window.LiveReload && window.LiveReload.connector"
    " && window.LiveReload.connector._isSocketConnected()"
)

# Settles when the page shows the marker, checked on every change to the page: the preview puts
# the new content in place (or else reloads the page, and the watch goes with the old page).
WATCH = """marker => {
  window.benchShown = new Promise(resolve => {
    const check = () => document.body.textContent.includes(marker) && resolve();
    new MutationObserver(check).observe(document, {childList: true, subtree: true});
  });
}"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def measure(name: str, site: Path, article: Path, page_path: str, runs: int) -> None:
    port = free_port()
    command = [sys.executable, "-u", "build.py", "serve", "--site", str(site), "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--today", tools.TODAY],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    stamps: list[float] = []  # when each line arrived

    def read() -> None:
        for line in server.stdout or ():
            lines.append(line)
            stamps.append(time.perf_counter())

    threading.Thread(target=read, daemon=True).start()
    original = article.read_text(encoding="utf-8")
    try:
        while not any(line.startswith("Previewing at") for line in lines):
            if server.poll() is not None:
                sys.exit("the server stopped:\n" + "".join(lines))
            time.sleep(0.05)
        seconds, starts = _browse(f"http://127.0.0.1:{port}/{page_path}", article, original, runs)
    finally:
        article.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    builds = [float(m.group(1)) for m in map(_built.search, lines) if m][1:]  # not the first
    reported = [stamp for line, stamp in zip(lines, stamps, strict=False) if _built.search(line)]
    waits = [
        min(t for t in reported if t > start) - start
        for start in starts
        if any(t > start for t in reported)
    ]
    print(
        f"{name:8}  edit to page shown: median {statistics.median(seconds) * 1000:.0f} ms,"
        f" fastest {min(seconds) * 1000:.0f} ms, slowest {max(seconds) * 1000:.0f} ms"
        f" ({len(seconds)} edits); the server's rebuild: median"
        f" {statistics.median(builds[-len(seconds) :]) * 1000:.0f} ms; edit to the server's"
        f" report: median {statistics.median(waits) * 1000:.0f} ms"
    )


_built = re.compile(r": built in ([0-9.]+) s")


def _browse(url: str, article: Path, original: str, runs: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    seconds, starts = [], []
    reloads = 0  # edits shown by reloading the page rather than by putting its content in place
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(url)
        for run in range(runs + 1):  # the first edit warms up; it is not counted
            page.wait_for_function(CONNECTED, timeout=30_000)
            time.sleep(0.2)  # the editor pauses between saves
            marker = f"Reload run {run}."
            started = time.perf_counter()
            page.evaluate(WATCH, marker)
            article.write_text(original + f"\n{marker}\n", encoding="utf-8")
            try:
                page.evaluate("window.benchShown")
            except PlaywrightError:  # the page reloaded: the watch went with the old page
                page.wait_for_load_state("domcontentloaded")
                reloads += run > 0
            assert marker in page.content(), "the page shows the edit"
            if run:
                seconds.append(time.perf_counter() - started)
                starts.append(started)
        floor = []
        for _ in range(runs):  # what the browser alone takes to load the page again
            started = time.perf_counter()
            page.reload(wait_until="domcontentloaded")
            floor.append(time.perf_counter() - started)
        print(
            f"          {reloads} of {runs} edits reloaded the page; the others were put in place"
        )
        print(
            f"          the browser alone reloads the page in: median {statistics.median(floor) * 1000:.0f} ms"
        )
        browser.close()
    return seconds, starts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--only", default="example,corpus", help="example, corpus or both")
    options = parser.parse_args()
    if "example" in options.only:
        article = REPO / "content/articles/what-is-human-trafficking.en.md"
        measure("example", REPO, article, "en/articles/what-is-human-trafficking/", options.runs)
    if "corpus" in options.only:
        site = WORK / "corpus" / "lantern"
        if not (site / "site.yaml").is_file():
            shutil.rmtree(WORK / "corpus", ignore_errors=True)
            corpus.write_corpus(WORK / "corpus", 1000, 1, ["lantern"])
        key = tools.edited_key(1000, 1)
        article = site / "content" / "articles" / f"{key}.en.md"
        measure("corpus", site, article, f"en/articles/{key}/", options.runs)


if __name__ == "__main__":
    main()
