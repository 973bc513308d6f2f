"""Print the prevention-month flyer to PDF, one US-Letter page per language.

Run from the repository root (or anywhere; paths are found from this file):

    .venv/bin/python docs/flyer/make-flyer.py

It opens docs/flyer/flyer.LANG.html (with flyer.css) in headless Chromium through Playwright and
writes content/media/prevention-month-2027-flyer.LANG.pdf for LANG in en and es. It uses Debian's
/usr/bin/chromium (set CHROMIUM to use another); never run `playwright install`. Afterwards it checks
with pypdf that each PDF has exactly one page and stays under 150 KB, and exits with status 1 if not.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright
from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
MEDIA = HERE.parents[1] / "content" / "media"
LANGUAGES = ("en", "es")
MAX_BYTES = 150 * 1024
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Keep Chromium quiet and offline: the flyer uses no external resources.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def output_path(lang: str) -> Path:
    return MEDIA / f"prevention-month-2027-flyer.{lang}.pdf"


def print_flyers() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page()
            for lang in LANGUAGES:
                page.goto((HERE / f"flyer.{lang}.html").as_uri())
                page.emulate_media(media="print")
                page.pdf(
                    path=str(output_path(lang)),
                    prefer_css_page_size=True,  # flyer.css: @page { size: 8.5in 11in; margin: 0 }
                    print_background=True,
                    tagged=True,
                )
        finally:
            browser.close()


def check(lang: str) -> list[str]:
    """What is wrong with the printed flyer, if anything."""
    path = output_path(lang)
    pages = len(PdfReader(path).pages)
    size = path.stat().st_size
    print(f"{path.relative_to(HERE.parents[1])}: {pages} page(s), {size / 1024:.1f} KB")
    wrong = []
    if pages != 1:
        wrong.append(f"{path.name} has {pages} pages, not 1: shorten flyer.{lang}.html")
    if size > MAX_BYTES:
        wrong.append(f"{path.name} is {size} bytes, over {MAX_BYTES}")
    return wrong


def main() -> int:
    print_flyers()
    wrong = [problem for lang in LANGUAGES for problem in check(lang)]
    for problem in wrong:
        print("error:", problem, file=sys.stderr)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
