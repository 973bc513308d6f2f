"""Reading articles and pages in worker processes before the build reads them, when the build
cache knows few of them: a cold build keeps every core busy from its start, not only once the
site is read.

Each worker does for its share of KEY.LANG.md files what the build itself does first: parse the
front matter, check its shape, its links and its HTML, and convert the body when it uses no shortcode (a
shortcode's HTML needs the whole site). It sends back the cache entries it made; they join the
cache as entries from an earlier build would, so the build then finds under each file's exact
key what it would have computed, and saves only those it used. Nothing else changes: every
check still runs in the build, on every file, and the output is the same, byte for byte.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lantern import memo
from lantern.content.documents import markdown_files
from lantern.errors import Problems, ProblemsFound
from lantern.i18n import load_strings
from lantern.links import unsafe_links_of
from lantern.model import SiteConfig
from lantern.parallel import PARALLEL_FROM, can_fork, spans, workers
from lantern.raw_html import html_problems
from lantern.render import convert_markdown
from lantern.schema import check_shape
from lantern.shortcodes import find_shortcodes
from lantern.yamlfile import load_front_matter

FOLDERS = (("articles", "article"), ("pages", "page"))  # content folder, schema
_LANG = re.compile(r"^[^.]+\.(?P<lang>[^.]+)\.md$")

# (file, its name in messages, schema, language): what a worker reads
_File = tuple[Path, str, str, str]


class ReadAhead:
    """Articles and pages being read in worker processes, if they are."""

    def __init__(self, results: Iterator[dict[str, dict[str, Any]]] | None = None) -> None:
        self._results = results

    @property
    def started(self) -> bool:
        return self._results is not None

    def finish(self) -> None:
        """Wait for the workers; what they made joins the build cache."""
        for made in self._results or ():
            memo.current().learn(made)
        self._results = None


@contextlib.contextmanager
def read_ahead(site_dir: Path, config: SiteConfig, theme_dirs: list[Path]) -> Iterator[ReadAhead]:
    """Start reading the site's articles and pages across processes, when there are enough the
    build cache does not know to pay for starting them; the caller goes on with other work and
    calls `finish` before it reads them itself."""
    files = [
        (path, shown_as, schema, match["lang"])
        for folder, schema in FOLDERS
        for path, shown_as in markdown_files(site_dir / "content" / folder, site_dir)
        if (match := _LANG.match(path.name)) and match["lang"] in config.languages
    ]
    cache = memo.current()
    count = workers()
    if len(files) - cache.count("markdown") < PARALLEL_FROM or count < 2 or not can_fork():
        yield ReadAhead()
        return
    strings = load_strings(theme_dirs, config.languages, Problems())  # the build reports
    backlinks = {lang: strings[lang]["footnote_back"].text for lang in config.languages}
    from lantern.markup import prepare  # here, once: every worker forked after has it

    for backlink in sorted(set(backlinks.values())):
        prepare(config.base_path, backlink)
    global _forked
    _forked = (files, config.base_path, backlinks, cache)
    import multiprocessing

    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            yield ReadAhead(pool.imap_unordered(_warm_chunk, spans(len(files), count)))
    finally:
        _forked = None


_forked: tuple[list[_File], str, dict[str, str], memo.Memo] | None = None


def _warm_chunk(span: tuple[int, int]) -> dict[str, dict[str, Any]]:
    assert _forked is not None, "set before the workers were forked"
    files, base_path, backlinks, parent = _forked
    if memo.current() is parent:  # this worker's first chunk
        memo.use(parent.fork())
    for path, shown_as, schema, lang in files[span[0] : span[1]]:
        try:
            file = load_front_matter(path, shown_as)
        except ProblemsFound:
            continue  # the build reports it
        if isinstance(file.front_matter.data, dict):
            check_shape(file.front_matter, schema)
        unsafe_links_of(file.body)
        html_problems(file.body)
        if not any(find_shortcodes(file.body)):
            convert_markdown(file.body, base_path, backlinks[lang], ())
    made, _ = memo.current().changes()
    return made
