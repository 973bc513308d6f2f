"""The preview's rebuild after edits to articles' text alone patches the last build instead of
reading every file again; its output must be byte for byte a clean build's."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from lantern.cli import main
from lantern.memo import CACHE_DIR
from lantern.model import BuildOptions
from lantern.serve import Preview
from tests.conftest import TODAY

HELLO = "content/articles/hello.en.md"
HOLA = "content/articles/hello.es.md"


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


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
    return built


def edit(preview: Preview, name: str, change: Callable[[str], str]) -> bool:
    """Edit a file, rebuild; returns whether the rebuild patched the last one."""
    path = preview.site_dir / name
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    outcome = preview.build([name])
    assert outcome.problems == ()
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
    clean = clean_build(preview.site_dir, tmp_path, "fixed", capsys)
    assert tree(preview.out_dir) == tree(clean)
    assert b"fixed text" in (preview.out_dir / "en/articles/hello/index.html").read_bytes()
