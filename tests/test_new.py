"""build.py new: starting files that build, in the right folder, never over an existing one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lantern.cli import main
from lantern.schema import SCHEMA_DIR
from tests.conftest import TODAY

WRITTEN = {
    "article": "content/articles/volunteer-stories.en.md",
    "page": "content/pages/volunteer-stories.en.md",
    "event": "content/events/volunteer-stories.yaml",
    "facts": "content/facts/volunteer-stories.yaml",
    "campaign": "content/campaigns/volunteer-stories.yaml",
}


def new(site: Path, capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(["new", *arguments, "--site", str(site)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def build(site: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    status = main(["--site", str(site), "--today", TODAY, "--quiet", *options])
    return status, capsys.readouterr().err


@pytest.mark.parametrize("kind", sorted(WRITTEN))
def test_each_starting_file_builds_and_checks(
    kind: str, make_site: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site()
    status, out, _ = new(site, capsys, kind, "volunteer-stories")
    assert (status, out) == (0, f"Wrote {WRITTEN[kind]}\n")
    text = (site / WRITTEN[kind]).read_text(encoding="utf-8")
    if kind in ("article", "page"):
        assert "\ndraft: true\n" in text  # nothing half-written goes live
    else:
        first = text.splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        schema = (site / WRITTEN[kind]).parent / first.split("=", 1)[1]
        assert schema.resolve() == SCHEMA_DIR / f"{kind}.schema.json"
    status, err = build(site, capsys, "--drafts")
    assert status == 0 and ": error:" not in err
    assert main(["check", "--site", str(site), "--today", TODAY, "--drafts"]) == 0


def test_a_new_hotline_is_flagged_until_its_real_number_is_written(
    make_site: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site()
    assert new(site, capsys, "hotline", "county-helpline")[0] == 0
    path = site / "content/hotlines/county-helpline.yaml"
    line = path.read_text(encoding="utf-8").splitlines().index("    number: 1-202-555-0143") + 1
    status, err = build(site, capsys)
    assert status == 0
    assert (
        f'content/hotlines/county-helpline.yaml:{line}:13: warning: "1-202-555-0143" is a number'
        " reserved for examples (555-0100 to 555-0199): no one answers it (hint: write the"
        " hotline's real number, and call it before you publish)"
    ) in err
    assert build(site, capsys, "--strict")[0] == 1
    assert main(["check", "--site", str(site), "--today", TODAY, "--strict"]) == 1
    path.write_text(path.read_text().replace("1-202-555-0143", "1-860-555-7777"))
    status, err = build(site, capsys)
    assert status == 0 and "county-helpline" not in err


def test_an_existing_file_is_never_overwritten(
    make_site: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site()
    before = (site / "content/articles/hello.en.md").read_bytes()
    status, out, err = new(site, capsys, "article", "hello")
    assert (status, out) == (1, "")
    assert err == (
        "content/articles/hello.en.md: error: already exists: nothing was written"
        " (hint: choose another ID, or edit the file)\n"
    )
    assert (site / "content/articles/hello.en.md").read_bytes() == before


def test_a_translation_starts_from_its_source(
    make_site: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site()
    status, out, _ = new(
        site, capsys, "article", "only-english", "--lang", "es", "--translate-from", "en"
    )
    assert (status, out) == (0, "Wrote content/articles/only-english.es.md\n")
    source = (site / "content/articles/only-english.en.md").read_text(encoding="utf-8")
    translation = (site / "content/articles/only-english.es.md").read_text(encoding="utf-8")
    assert translation.endswith(source.split("---\n", 2)[2])  # the text to translate
    assert "\ndraft: true\n" in translation and "\ndate:" not in translation  # inherited
    status, err = build(site, capsys)
    assert status == 0 and "only-english" in err  # a draft translation is not a translation yet
    assert build(site, capsys, "--drafts")[0] == 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("article", "Bad_ID"),
            '"Bad_ID" is not a valid ID (hint: lowercase letters, digits and hyphens)',
        ),
        (
            ("event", "gala", "--lang", "es"),
            "an event keeps every language in one file (hint: write each text as en: ... and es: ...)",
        ),
        (("article", "gala", "--lang", "fr"), '"fr" is not one of the site\'s languages (en, es)'),
        (
            ("article", "gala", "--lang", "es", "--translate-from", "es"),
            "--translate-from must name another language than --lang",
        ),
    ],
)
def test_requests_that_cannot_be_met_are_usage_errors(
    arguments: tuple[str, ...],
    message: str,
    make_site: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = make_site()
    status, _, err = new(site, capsys, *arguments)
    assert (status, err) == (2, f"build.py new: error: {message}\n")
