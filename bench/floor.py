"""The floor: the least any Python generator must do for the bench's articles, timed as a program.

    python bench/floor.py --site bench/.work/corpus/lantern --out DIR [--workers 2]

Read each content/articles/KEY.LANG.md, split off the front matter with a plain split, convert the
body with Python-Markdown and Lantern's extensions, render one small Jinja2 template and write
DIR/LANG/articles/KEY/index.html. No checks, no lists, no tags, no feeds.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from functools import cache
from pathlib import Path

import jinja2
import markdown
from markupsafe import Markup

EXTENSIONS = ["fenced_code", "tables", "footnotes", "attr_list", "def_list", "toc", "sane_lists"]
TEMPLATE = """\
<!DOCTYPE html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><article><h1>{{ title }}</h1>
{{ body }}
</article></main></body>
</html>
"""


@cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, output_format="html")


@cache
def _template() -> jinja2.Template:
    return jinja2.Environment(autoescape=True).from_string(TEMPLATE)


def title_of(front: str) -> str:
    for line in front.splitlines():
        if line.startswith("title:"):
            return line.removeprefix("title:").strip().strip("'\"")
    return ""


def render_one(job: tuple[Path, Path]) -> None:
    """Convert one KEY.LANG.md file and write its page under the output folder."""
    source, out = job
    key, lang, _ = source.name.split(".")
    _, front, body = source.read_text(encoding="utf-8").split("---", 2)
    html = _converter().reset().convert(body)
    page = _template().render(lang=lang, title=title_of(front), body=Markup(html))
    target = out / lang / "articles" / key / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")


def build(site: Path, out: Path, workers: int) -> int:
    """Write one page per article file; returns how many."""
    jobs = [(path, out) for path in sorted((site / "content" / "articles").glob("*.md"))]
    if workers == 1:
        for job in jobs:
            render_one(job)
    else:
        with multiprocessing.Pool(workers) as pool:
            for _ in pool.imap_unordered(render_one, jobs, chunksize=32):
                pass
    return len(jobs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="the Lantern bench site")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=1)
    arguments = parser.parse_args(argv)
    build(arguments.site, arguments.out, arguments.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
