"""The command line: options, exit status, and what it prints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lantern.cli import main
from tests.conftest import Built


def test_help_documents_every_build_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    for option in ("--site", "--out", "--drafts", "--future", "--today", "--strict", "--quiet"):
        assert option in text


@pytest.mark.parametrize(
    "argv", [["--today", "tomorrow"], ["--no-such-option"], ["--today", "2026-13-01"]]
)
def test_usage_mistakes_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_a_folder_without_site_yaml_is_a_usage_mistake(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--site", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"build.py: error: no site.yaml in {tmp_path} (hint: pass --site DIR)\n"
    )


@pytest.mark.parametrize(
    ("out", "reason"),
    [
        (".", "holds the site folder: a build would replace the whole site"),
        ("..", "holds the site folder: a build would replace the whole site"),
        ("content", "is inside the site's content folder"),
        ("templates/out", "is inside the site's templates folder"),
        (".git", "is inside the site's .git folder"),
    ],
)
def test_an_output_folder_that_would_replace_the_site_is_refused(
    out: str, reason: str, make_site: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site()
    before = sorted(path for path in site.parent.rglob("*"))
    assert main(["--site", str(site), "--out", str(site / out)]) == 2
    target = (site / out).resolve()
    assert capsys.readouterr().err == (
        f"build.py: error: --out {target} {reason} (hint: pass --out a folder of its own)\n"
    )
    assert sorted(path for path in site.parent.rglob("*")) == before


def test_success_says_what_was_built(
    make_site: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site()
    assert main(["--site", str(site), "--out", str(tmp_path / "o"), "--today", "2026-11-25"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Built ") and str(tmp_path / "o") in out


def test_output_dir_from_site_yaml_is_relative_to_the_site(
    make_site: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site()
    (site / "site.yaml").write_text((site / "site.yaml").read_text() + "output_dir: public\n")
    assert main(["--site", str(site), "--today", "2026-11-25", "--quiet"]) == 0
    assert (site / "public/en/index.html").is_file()


def test_warnings_print_and_strict_turns_them_into_errors(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site()
    relaxed = build(site)
    assert relaxed.status == 0
    warning = (
        'content/articles/only-english.en.md: warning: the article "only-english" has no '
        "translation in es (hint: readers in es see it in en)"
    )
    assert warning in relaxed.stderr.splitlines()
    strict = build(site, "--strict")
    assert strict.status == 1
    assert warning.replace(": warning: ", ": error: ") in strict.stderr.splitlines()
