"""The build cache makes builds faster, never different.

A site is edited step by step; after each step it is built twice: incrementally, with the cache
of the builds before, and from scratch in a fresh copy with no cache. Every byte must agree, and
the incremental build must rewrite exactly the files whose bytes changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from lantern import memo
from lantern.cli import main
from lantern.memo import CACHE_DIR
from tests.conftest import REPO, TODAY, Built, tree

FACTS = """\
title: Hotline figures
facts:
  - id: family-member
    value: 44
    unit: "%"
    text: of sex-trafficking victims were exploited by a family member
    source:
      name: National Human Trafficking Hotline data
      period: 2020–2022
    caveat: Counts contacts to the hotline, not how common trafficking is.
"""
WITH_FACT = "\n{{< fact hotline/family-member >}}\n"


def edit(site: Path, relative: str, change: Callable[[str], str] | None) -> None:
    path = site / relative
    if change is None:
        path.unlink()
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(change(path.read_text() if path.exists() else ""), encoding="utf-8")


STEPS: list[tuple[str, str, Callable[[str], str] | None]] = [
    ("an article's text", "content/articles/hello.en.md", lambda t: t + "\nOne more line.\n"),
    (
        "a template",
        "templates/partials/footer.html",
        lambda t: t.replace("</footer>", "<p>Thanks.</p></footer>"),
    ),
    ("an interface string", "templates/i18n/es.yaml", lambda t: t.replace("Saltar al", "Ir al")),
    ("site.yaml", "site.yaml", lambda t: t.replace("Minimal Coalition", "Small Coalition")),
    (
        "a fact a shortcode shows",
        "content/facts/hotline.yaml",
        lambda t: t.replace("value: 44", "value: 45"),
    ),
    ("a deleted translation", "content/articles/hello.es.md", None),
]


@pytest.fixture
def sites(make_site: Callable[..., Path], tmp_path: Path) -> Path:
    site = make_site(
        {
            "content/facts/hotline.yaml": FACTS,
            "content/articles/only-english.en.md": (
                Path(__file__).parent / "sites/minimal/content/articles/only-english.en.md"
            ).read_text()
            + WITH_FACT,
        }
    )
    footer = Path(__file__).resolve().parent.parent / "templates/partials/footer.html"
    (site / "templates/partials").mkdir(parents=True)
    shutil.copy(footer, site / "templates/partials/footer.html")
    (site / "templates/i18n").mkdir()
    (site / "templates/i18n/es.yaml").write_text(
        "skip_to_content: Saltar al contenido\n", encoding="utf-8"
    )
    return site


def test_a_cached_build_equals_a_clean_one_after_every_edit(
    sites: Path, build: Callable[..., Built], tmp_path: Path
) -> None:
    cached_out = tmp_path / "cached"
    first = build(sites, out=cached_out)
    assert first.status == 0 and (sites / CACHE_DIR / "memo.pickle").is_file()
    for number, (what, relative, change) in enumerate(STEPS):
        before = tree(cached_out)
        edit(sites, relative, change)
        cached = build(sites, out=cached_out)
        fresh_site = tmp_path / f"fresh-{number}"
        shutil.copytree(sites, fresh_site, ignore=shutil.ignore_patterns(CACHE_DIR))
        clean = build(fresh_site, out=tmp_path / f"clean-{number}")
        assert (cached.status, clean.status) == (0, 0), what
        after, expected = tree(cached_out), tree(clean.out)
        assert after.keys() == expected.keys(), what
        assert [f for f in after if after[f] != expected[f]] == [], what
        assert after != before, f"{what} changed nothing"


def test_an_article_edit_rewrites_only_what_shows_it(
    sites: Path, build: Callable[..., Built], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(sites, out=out)
    stamps = {f: (out / f).stat().st_mtime_ns for f in tree(out)}
    edit(
        sites, "content/articles/hello.en.md", lambda t: t.replace("Some *text*", "Some *new text*")
    )
    assert build(sites, out=out).status == 0
    rewritten = sorted(f for f in tree(out) if (out / f).stat().st_mtime_ns != stamps.get(f))
    pages = [f for f in rewritten if not f.startswith("pagefind/")]
    assert pages == ["en/articles/hello/index.html", "en/feed.xml"]  # the feed has the text
    # The English part of the search index is made again; its unchanged files are kept, and
    # the Spanish part is left alone.
    assert "pagefind/en-0/pagefind-entry.json" in rewritten
    assert "pagefind/en-0/pagefind.js" not in rewritten
    assert "pagefind/en-0/wasm.en.pagefind" not in rewritten
    assert [f for f in rewritten if f.startswith("pagefind/es-")] == []


def test_a_title_edit_rewrites_the_lists_and_feeds_that_show_it(
    sites: Path, build: Callable[..., Built], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(sites, out=out)
    stamps = {f: (out / f).stat().st_mtime_ns for f in tree(out)}
    edit(sites, "content/articles/hello.en.md", lambda t: t.replace("title: Hello", "title: Hi"))
    assert build(sites, out=out).status == 0
    rewritten = {f for f in tree(out) if (out / f).stat().st_mtime_ns != stamps.get(f)}
    assert {
        "en/articles/hello/index.html",
        "en/articles/index.html",
        "en/feed.xml",
        "en/index.html",
    } <= rewritten
    assert (
        "es/articles/hello/index.html" not in rewritten
    )  # its switcher links to a path, unchanged
    assert not any(f.startswith(("es/hotlines/", "static/")) for f in rewritten)


def test_a_damaged_cache_is_ignored_and_rebuilt(
    sites: Path, build: Callable[..., Built], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(sites, out=out)
    good = tree(out)
    memo_file = sites / CACHE_DIR / "memo.pickle"
    memo_file.write_bytes(memo_file.read_bytes()[:-100])  # cut short, as by a killed build
    (sites / CACHE_DIR / "last-build.json").write_text("{not json")
    edit(sites, "content/articles/hello.en.md", lambda t: t)  # touched: a real build
    rebuilt = build(sites, out=out)
    assert rebuilt.status == 0 and tree(out) == good
    assert len(memo_file.read_bytes()) > 1000  # written whole again


# hello.en.md's text as the cache holds it, converted; changed, it would show on the page.
CONVERTED, FORGED = b"Some <em>text</em> with", b"Some <em>TEXT</em> with"


def another_versions(saved: bytes) -> bytes:
    """The cache file as another version of Lantern would have written it, whole (its digest
    right), holding a forged text: only the version tells it must not be used."""
    version = memo.code_version().encode()
    header = saved[: saved.index(version) + len(version) + 1]
    body = saved[len(header) + 32 :].replace(CONVERTED, FORGED)
    return header.replace(version, b"0" * len(version)) + memo.file_digest(body).encode() + body


def flipped_in_the_middle(saved: bytes) -> bytes:
    middle = len(saved) // 2
    return (
        saved[:middle] + bytes(b ^ 0xFF for b in saved[middle : middle + 8]) + saved[middle + 8 :]
    )


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "cut short": lambda saved: saved[: len(saved) // 2],
    "empty": lambda saved: b"",
    "bytes flipped in the middle": flipped_in_the_middle,
    "a text changed, the digest not": lambda saved: saved.replace(CONVERTED, FORGED),
    "another version's": another_versions,
    "not a cache at all": lambda saved: b"\x80\x05" + saved[len(saved) // 2 :],
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_cache_file_is_never_used_and_is_saved_whole_again(
    sites: Path, build: Callable[..., Built], tmp_path: Path, damage: str
) -> None:
    """The site is built again into a new folder, so that every page is rendered anew: a damaged
    entry taken from the cache would show on a page."""
    first = build(sites, out=tmp_path / "first")
    memo_file = sites / CACHE_DIR / "memo.pickle"
    saved = memo_file.read_bytes()
    assert first.status == 0 and CONVERTED in saved
    memo_file.write_bytes(DAMAGES[damage](saved))
    second = build(sites, out=tmp_path / "second")
    assert second.status == 0
    assert tree(second.out) == tree(first.out)
    entries = memo.read_pickle(memo_file, memo.code_version())  # whole, of this version
    assert isinstance(entries, dict) and entries["output"]["dir"] == str(second.out.resolve())
    assert any(
        text.startswith("<h2") and "<em>text</em>" in text for text in entries["markdown"].values()
    )


def test_deleting_a_source_removes_its_outputs(
    sites: Path, build: Callable[..., Built], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(sites, out=out)
    assert (out / "en/articles/only-english/index.html").is_file()
    edit(sites, "content/articles/only-english.en.md", None)
    assert build(sites, out=out).status == 0
    assert not (out / "en/articles/only-english").exists()


def test_with_nothing_changed_the_build_is_already_done(
    sites: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    command = ["--site", str(sites), "--out", str(out), "--today", "2026-11-25"]
    assert main(command) == 0
    capsys.readouterr()
    stamps = {f: (out / f).stat().st_mtime_ns for f in tree(out)}
    assert main(command) == 0
    assert capsys.readouterr().out.startswith("Nothing changed: the ")
    assert {f: (out / f).stat().st_mtime_ns for f in tree(out)} == stamps
    (out / "en/index.html").unlink()  # the output was tampered with: build again
    assert main(command) == 0
    assert capsys.readouterr().out.startswith("Built ")
    assert (out / "en/index.html").is_file()
    assert main([*command[:-1], "2026-11-26"]) == 0  # another day is another build
    assert capsys.readouterr().out.startswith("Built ")


def test_several_processes_write_the_same_bytes_as_one(example: Built, tmp_path: Path) -> None:
    """The example has more routes than PARALLEL_FROM: a fresh process renders it in workers."""
    out = tmp_path / "parallel"
    command = [
        sys.executable,
        "build.py",
        "--out",
        str(out),
        "--today",
        TODAY,
        "--quiet",
        "--clean",
    ]
    done = subprocess.run(
        command,
        cwd=REPO,
        env={**os.environ, "LANTERN_WORKERS": "2"},
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert tree(out) == tree(example.out)  # the session's example is built in one process


def test_markdown_is_converted_once_per_text_ever(
    sites: Path,
    build: Callable[..., Built],
    tmp_path: Path,
    count_conversions: Callable[[], list[str]],
) -> None:
    """A rebuild that renders only the edited article's pages still keeps every other page's
    Markdown: a template edit after it renders every page without converting any again."""
    out = tmp_path / "out"
    build(sites, out=out)
    edit(sites, "content/articles/hello.en.md", lambda t: t + "\nOne more line.\n")
    build(sites, out=out)
    converted = count_conversions()
    edit(
        sites,
        "templates/partials/footer.html",
        lambda t: t.replace("</footer>", "<p>.</p></footer>"),
    )
    assert build(sites, out=out).status == 0
    assert converted == []


def test_articles_read_ahead_across_processes_make_the_same_site_and_a_whole_cache(
    sites: Path, tmp_path: Path, count_conversions: Callable[[], list[str]]
) -> None:
    """A cold build of a site with more articles than PARALLEL_FROM reads and converts them in
    worker processes first (lantern/warm.py): the site is the one a single process makes, and
    the cache it saves holds every text, so that a template edit then converts none again."""
    for number in range(170):
        footnote = f"A claim.[^{number}]\n\n[^{number}]: Its source." if number % 3 == 0 else ""
        shortcode = WITH_FACT if number % 50 == 0 else ""
        for lang, title in (("en", "Notes"), ("es", "Notas"))[: 1 + number % 2]:
            (sites / f"content/articles/note-{number:03d}.{lang}.md").write_text(
                f"---\ntitle: {title} {number}\n"
                + (f"slug: notas-{number:03d}\n" if lang == "es" else "")
                + f"date: 2026-04-{1 + number % 28:02d}\ntags: [news]\n---\n"
                + f"## {title} {number}\n\nA paragraph with a [link](/{lang}/).\n\n{footnote}\n"
                + shortcode,
                encoding="utf-8",
            )
    outs = {}
    for workers in ("1", "2"):
        outs[workers] = out = tmp_path / f"out-{workers}"
        command = [sys.executable, "build.py", "--site", str(sites), "--out", str(out)]
        done = subprocess.run(
            [*command, "--today", TODAY, "--quiet", "--clean"],
            cwd=REPO,
            env={**os.environ, "LANTERN_WORKERS": workers},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    assert tree(outs["2"]) == tree(outs["1"])
    converted = count_conversions()
    edit(
        sites,
        "templates/partials/footer.html",
        lambda t: t.replace("</footer>", "<p>.</p></footer>"),
    )
    assert main(["--site", str(sites), "--out", str(outs["2"]), "--today", TODAY, "--quiet"]) == 0
    assert converted == []
