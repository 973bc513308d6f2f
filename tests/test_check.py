"""build.py check: the build's checks and a reviewer's, a translation report, nothing written."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from lantern.cli import main
from tests.conftest import REPO, TODAY


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """The example site's own files, in a folder the test may change."""
    site = tmp_path / "example"
    site.mkdir()
    shutil.copy(REPO / "site.yaml", site / "site.yaml")
    shutil.copytree(REPO / "content", site / "content")
    return site


def check(
    site: Path, capsys: pytest.CaptureFixture[str], *options: str, today: str = TODAY
) -> tuple[int, str, str]:
    status = main(["check", "--site", str(site), "--today", today, *options])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def edit(site: Path, relative: str, change: Callable[[str], str]) -> None:
    path = site / relative
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_the_example_has_no_errors_and_writes_nothing(
    example_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p.relative_to(example_copy) for p in example_copy.rglob("*"))
    status, out, _ = check(example_copy, capsys)
    assert status == 0
    assert out.rstrip().endswith("0 error(s), 14 warning(s).")
    assert "  es: 99.8% translated (439 of 440: articles 8 of 9," in out
    assert (
        "articles 1 of 9, pages 3 of 3, fact sheet fields 57 of 77, hotline fields 25 of 25,"
        " event fields 0 of 35, campaign fields 112 of 112,"
    ) in out.split("  ar: ")[1].splitlines()[0]
    assert sorted(p.relative_to(example_copy) for p in example_copy.rglob("*")) == before


def test_the_translation_report_lists_a_removed_file_and_a_removed_field(
    example_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (example_copy / "content/articles/spring-gala-2027.es.md").unlink()
    edit(
        example_copy,
        "content/events/spring-gala-2027.yaml",
        lambda t: t.replace(
            "  es: Gala de Primavera 2027 de la Coalición de Ejemplo Lantern\n", ""
        ),
    )
    status, out, _ = check(example_copy, capsys, "--format", "json")
    assert status == 0
    spanish = json.loads(out)["translations"]["es"]
    missing = [(gap["kind"], gap["name"], gap["line"]) for gap in spanish["missing"]]
    assert ("article", "content/articles/spring-gala-2027.es.md", 2) in missing
    assert ("event", "content/events/spring-gala-2027.yaml title", 3) in missing
    assert ("article", "content/articles/connecticut-leave-law.es.md", 2) in missing
    assert len(missing) == 3
    assert spanish["translated"] == spanish["total"] - 3
    assert spanish["by_kind"]["article"] == {"total": 9, "translated": 7}
    assert json.loads(out)["translations"]["en"]["translated"] == 438  # English is as it was

    status, text, _ = check(example_copy, capsys)
    assert "    event    content/events/spring-gala-2027.yaml title" in text
    assert "  es: 99.3% translated (437 of 440: articles 7 of 9," in text


def test_links_to_missing_pages_and_images_without_alt_text(
    example_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        example_copy,
        "content/articles/what-is-human-trafficking.en.md",
        lambda t: (
            t
            + "\nSee [the guide](/en/guide-that-does-not-exist/) and [help](/en/get-help/#call).\n"
            + "\n![](/media/conversation.svg)\n\n![Hands in handcuffs](/media/lantern-light.svg)\n"
        ),
    )
    lines = (example_copy / "content/articles/what-is-human-trafficking.en.md").read_text()
    line = lines.count("\n") - 4  # the line of the first added paragraph
    status, out, _ = check(example_copy, capsys)
    assert status == 1
    shown = "content/articles/what-is-human-trafficking.en.md"
    assert (
        f'{shown}:{line}: error: the link "/en/guide-that-does-not-exist/" leads to no page of'
        " this site (hint: check the address against the page's own; links within the site"
        " start with /en/)"
    ) in out
    assert "/en/get-help/#call" not in out
    assert (
        f'{shown}:{line + 2}: warning: the image "/media/conversation.svg" has no alt text' in out
    )
    assert (
        f'{shown}:{line + 4}: warning: the image "/media/lantern-light.svg" suggests sensational'
        " imagery (handcuff)"
    ) in out
    assert out.rstrip().endswith("1 error(s), 16 warning(s).")
    assert check(example_copy, capsys, "--format", "json")[0] == 1


def test_a_link_in_a_record_s_markdown_is_reported_at_its_own_line(
    example_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        example_copy,
        "content/events/spring-gala-2027.yaml",
        lambda t: t.replace(
            "    programme and training team,", "    programme and [our team](/en/team/),", 1
        ),
    )
    status, out, _ = check(example_copy, capsys)
    assert status == 1
    assert 'content/events/spring-gala-2027.yaml:8: error: the link "/en/team/" leads to no' in out


def test_strict_makes_warnings_fail(example_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(example_copy, capsys)[0] == 0
    assert check(example_copy, capsys, "--strict")[0] == 1  # the two untranslated articles


def test_a_published_site_that_still_lists_an_ended_event_as_coming_up(
    example_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--site", str(example_copy), "--today", "2026-10-01", "--quiet"]) == 0
    capsys.readouterr()
    status, out, _ = check(example_copy, capsys)
    assert status == 0
    message = (
        "content/events/community-training-aurora-2026.yaml:2:1: warning: the published site still"
        " lists this event as coming up in {}, but it ended on 2026-10-15 (hint: build and"
        " publish the site again)"
    )
    assert message.format("en") in out and message.format("es") in out
    assert main(["--site", str(example_copy), "--today", TODAY, "--quiet"]) == 0
    capsys.readouterr()
    assert "still lists" not in check(example_copy, capsys)[1]


def test_a_broken_site_yaml_is_reported_with_its_line(
    example_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(example_copy, "site.yaml", lambda t: t.replace("languages:", "languages: [", 1))
    status, _, err = check(example_copy, capsys)
    assert status == 1
    assert err.startswith("site.yaml:")


def test_the_example_s_placeholder_base_url_is_a_warning_at_its_line(
    example_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = check(example_copy, capsys)
    assert status == 0
    assert (
        'site.yaml:11:11: warning: base_url "https://lantern.example.org/" is a placeholder:'
        " example.org addresses are reserved for examples, so the sitemap, feeds and links to"
        " share would lead nowhere (hint: write the address the site is published at;"
        " docs/publishing.md shows each host's)"
    ) in out.splitlines()


def published_at(site: Path, base_url: str) -> None:
    edit(site, "site.yaml", lambda t: re.sub(r"(?m)^base_url: .*$", f"base_url: {base_url}", t))


def base_url_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if "base_url" in line]


def test_a_base_url_that_static_cname_contradicts_is_a_warning(
    example_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    published_at(example_copy, "https://www.coalition.org/network/")
    (example_copy / "static").mkdir()
    (example_copy / "static/CNAME").write_text("www.coalition.org\n", encoding="utf-8")
    assert base_url_lines(check(example_copy, capsys)[1]) == [
        'site.yaml:11:11: warning: base_url "https://www.coalition.org/network/" is not where'
        " static/CNAME publishes the site: https://www.coalition.org/ (hint: write base_url:"
        " https://www.coalition.org/, or publish the site there; see docs/publishing.md)"
    ]
    published_at(example_copy, "https://www.coalition.org/")
    assert base_url_lines(check(example_copy, capsys)[1]) == []


def test_in_github_actions_a_github_io_base_url_must_be_the_repository_s(
    example_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_REPOSITORY", "Coalition/lantern-site")
    published_at(example_copy, "https://coalition.github.io/")
    assert base_url_lines(check(example_copy, capsys)[1]) == [
        'site.yaml:11:11: warning: base_url "https://coalition.github.io/" is not where'
        " GitHub Pages publishes the site: https://coalition.github.io/lantern-site/ (hint:"
        " write base_url: https://coalition.github.io/lantern-site/, or publish the site there;"
        " see docs/publishing.md)"
    ]
    published_at(example_copy, "https://coalition.github.io/lantern-site/")
    assert base_url_lines(check(example_copy, capsys)[1]) == []
    published_at(example_copy, "https://www.coalition.org/")  # perhaps set in GitHub's settings
    assert base_url_lines(check(example_copy, capsys)[1]) == []
    # The repository OWNER.github.io is published at the root of that address.
    monkeypatch.setenv("GITHUB_REPOSITORY", "Coalition/coalition.github.io")
    published_at(example_copy, "https://coalition.github.io/lantern-site/")
    (warning,) = base_url_lines(check(example_copy, capsys)[1])
    assert "publishes the site: https://coalition.github.io/ (hint:" in warning
