"""The preview's rebuild after edits to articles' text alone patches the last build instead of
reading every file again; its output must be byte for byte a clean build's."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from lantern.cli import main
from lantern.memo import CACHE_DIR
from lantern.model import BuildOptions
from lantern.serve import Preview
from tests.conftest import TODAY, tree

HELLO = "content/articles/hello.en.md"
HOLA = "content/articles/hello.es.md"


def clean_build(site: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> Path:
    copy = tmp_path / f"copy-{name}"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(CACHE_DIR))
    out = tmp_path / f"clean-{name}"
    assert main(["--site", str(copy), "--out", str(out), "--today", TODAY, "--quiet"]) == 0
    capsys.readouterr()
    return out


@pytest.fixture
def preview(make_site: Callable[..., Path]) -> Preview:
    site = make_site()
    built = Preview(site, BuildOptions(today=dt.date.fromisoformat(TODAY)))
    assert built.build().problems == ()
    built.index_search()  # as the server does once the pages are shown
    return built


def edit(preview: Preview, name: str, change: Callable[[str], str]) -> bool:
    """Edit a file, rebuild; returns whether the rebuild patched the last one."""
    path = preview.site_dir / name
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    outcome = preview.build([name])
    assert outcome.problems == ()
    preview.index_search()
    return outcome.patched


@pytest.mark.parametrize(
    ("name", "change", "patches", "then_patches"),
    [
        (HELLO, lambda t: t + "\nA new paragraph.\n", True, True),
        (HOLA, lambda t: t.replace("texto", "texto nuevo"), True, True),
        (HELLO, lambda t: t.replace("title: Hello", "title: Hello there"), False, True),
        (HELLO, lambda t: t + "\n{{< hotline national >}}\n", False, True),
    ],
    ids=["text of a default-language article", "text of a translation", "a title", "a shortcode"],
)
def test_a_rebuild_after_an_edit_equals_a_clean_build(
    name: str,
    change: Callable[[str], str],
    patches: bool,
    then_patches: bool,
    preview: Preview,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert edit(preview, name, change) is patches
    clean = clean_build(preview.site_dir, tmp_path, "1", capsys)
    assert tree(preview.out_dir) == tree(clean)
    assert edit(preview, name, lambda t: t + "\nAnd one more.\n") is then_patches
    clean = clean_build(preview.site_dir, tmp_path, "2", capsys)
    assert tree(preview.out_dir) == tree(clean)


def test_after_a_failed_build_the_next_good_one_takes_in_every_change(
    preview: Preview, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = preview.site_dir / HELLO
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("title: Hello", "title: [Hello"), encoding="utf-8")
    assert preview.build([HELLO]).problems
    path.write_text(good.replace("Some *text*", "Some *fixed text*"), encoding="utf-8")
    assert preview.build([HELLO]).problems == ()
    preview.index_search()
    clean = clean_build(preview.site_dir, tmp_path, "fixed", capsys)
    assert tree(preview.out_dir) == tree(clean)
    assert b"fixed text" in (preview.out_dir / "en/articles/hello/index.html").read_bytes()


# ------------------------------------------------------------------ on the command line
def cli_build(site: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    """Build through the command line; returns the record it left for the next build."""
    assert main(["--site", str(site), "--out", str(out), "--today", TODAY, "--quiet"]) == 0
    capsys.readouterr()
    record = json.loads((site / CACHE_DIR / "last-build.json").read_text(encoding="utf-8"))
    assert isinstance(record, dict)
    return record


def touch(site: Path, name: str, change: Callable[[str], str]) -> None:
    path = site / name
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_command_line_rebuilds_patch_the_last_full_build_and_equal_clean_builds(
    make_site: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, out = make_site(), tmp_path / "out"
    base = cli_build(site, out, capsys)
    steps: list[tuple[str, Callable[[str], str], bool]] = [
        (HELLO, lambda t: t + "\nA new paragraph.\n", True),
        (HOLA, lambda t: t.replace("texto", "texto nuevo"), True),
        (HELLO, lambda t: t + "\nAnd one more.\n", True),
        (HELLO, lambda t: t.replace("title: Hello", "title: Hello there"), False),
        (HOLA, lambda t: t + "\nOtra frase.\n", True),
    ]
    for step, (name, change, patches) in enumerate(steps):
        touch(site, name, change)
        record = cli_build(site, out, capsys)
        # A patched build stands on the base of the build before; a full build is a new base.
        assert (record["state"] == base["state"]) is patches, step
        assert tree(out) == tree(clean_build(site, tmp_path, str(step), capsys)), step
        base = record


def test_a_page_patched_once_is_not_written_again_by_the_next_patch(
    make_site: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, out = make_site(), tmp_path / "out"
    cli_build(site, out, capsys)
    touch(site, HELLO, lambda t: t + "\nA new paragraph.\n")
    cli_build(site, out, capsys)
    page = out / "en/articles/hello/index.html"
    written = page.stat().st_mtime_ns
    touch(site, HOLA, lambda t: t + "\nOtra frase.\n")
    cli_build(site, out, capsys)
    assert page.stat().st_mtime_ns == written
    assert b"Otra frase" in (out / "es/articles/hola/index.html").read_bytes()


@pytest.mark.parametrize("damage", ["truncated", "flipped", "other"])
def test_a_damaged_or_foreign_saved_state_means_a_full_build(
    damage: str, make_site: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, out = make_site(), tmp_path / "out"
    base = cli_build(site, out, capsys)
    state = site / CACHE_DIR / "last-build.pickle"
    data = state.read_bytes()
    if damage == "truncated":
        state.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        middle = len(data) // 2
        state.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    else:  # a whole state, but not the one the record names
        touch(site, "content/pages/stay-safe-online.en.md", lambda t: t + "\nMore about us.\n")
        cli_build(site, out, capsys)
        state.write_bytes(data)
    touch(site, HELLO, lambda t: t + "\nA new paragraph.\n")
    record = cli_build(site, out, capsys)
    assert record["state"] != base["state"]
    assert tree(out) == tree(clean_build(site, tmp_path, damage, capsys))


def test_an_edit_that_adds_a_refused_link_is_reported_not_patched(preview: Preview) -> None:
    path = preview.site_dir / HELLO
    path.write_text(path.read_text(encoding="utf-8") + "\n[x](javascript:alert(1))\n", "utf-8")
    outcome = preview.build([HELLO])
    assert [str(problem) for problem in outcome.problems if problem.severity == "error"] == [
        f'{HELLO}:11: error: the link "javascript:alert(1)" starts with "javascript:", which is not'
        " allowed (hint: a link starts with https://, http://, mailto:, tel: or sms:, or is a path"
        " of this site such as /en/about/)"
    ]


def test_a_saved_key_maker_never_takes_a_record_for_another_that_had_its_id(
    preview: Preview,
) -> None:
    """Its digests are remembered by the records' ids, which mean nothing once it is saved and
    read back in another process, where another record may have that id."""
    state = preview._last_good
    assert state is not None
    fingerprint = pickle.loads(pickle.dumps(state.maker))._fingerprint
    first, second = state.site.articles[:2]
    assert fingerprint._known == {}
    fingerprint._known[(id(second), True)] = (first, "first's digest")  # as if saved with it
    assert fingerprint.record(second, True) != "first's digest"


def test_an_edit_of_a_source_s_text_leaves_its_translation_alone(
    make_site: Callable[..., Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    count_conversions: Callable[[], list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A translation inherits its source's front matter, not its text: it is not rendered again."""
    site, out = make_site(), tmp_path / "out"
    base = cli_build(site, out, capsys)
    converted = count_conversions()
    touch(site, HELLO, lambda t: t + "\nA new paragraph.\n")
    assert cli_build(site, out, capsys)["state"] == base["state"]  # patched
    assert len(converted) == 1 and "A new paragraph." in converted[0]  # not the Spanish text
    monkeypatch.undo()
    assert tree(out) == tree(clean_build(site, tmp_path, "translation", capsys))


def test_the_preview_leaves_what_it_knows_for_the_command_line(
    preview: Preview, tmp_path: Path, count_conversions: Callable[[], list[str]]
) -> None:
    """Stopped after a patched rebuild, the preview saves the cache of every page, not only of
    those the patch used: the next command-line build converts no Markdown again."""
    assert edit(preview, HELLO, lambda t: t + "\nA new paragraph.\n")
    preview.save_cache()
    converted = count_conversions()
    out = tmp_path / "out"
    assert main(["--site", str(preview.site_dir), "--out", str(out), "--today", TODAY]) == 0
    assert converted == []
    assert "A new paragraph." in (out / "en/articles/hello/index.html").read_text()


def test_a_deleted_build_cache_under_a_running_preview_means_a_full_build(
    preview: Preview,
) -> None:
    """The rewritten stylesheets live in the build cache, which an editor may delete at any time:
    the next rebuild cannot copy them from there, so it builds everything again, rightly."""
    shutil.rmtree(preview.site_dir / CACHE_DIR / "assets")
    assert not edit(preview, HELLO, lambda t: t + "\nA new paragraph.\n")
    page = (preview.out_dir / "en/index.html").read_text(encoding="utf-8")
    stylesheet = page.split('rel="stylesheet" href="/', 1)[1].split('"', 1)[0]
    assert (preview.out_dir / stylesheet).is_file()
    assert edit(preview, HELLO, lambda t: t + "\nAnd one more.\n")  # and patches again after
