"""The preview's watcher: which files changed, once per burst of edits, and a lone save at once."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lantern import watch
from lantern.watch import Watcher

QUIET = 1.5  # long, so that "at once" and "after stillness" cannot be confused on a busy machine


@pytest.fixture
def watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[queue.Queue[list[str]]]:
    monkeypatch.setattr(watch, "QUIET_SECONDS", QUIET)
    (tmp_path / "content/articles").mkdir(parents=True)
    (tmp_path / "theme").mkdir()
    bursts: queue.Queue[list[str]] = queue.Queue()
    watcher = Watcher(tmp_path, tmp_path / "theme", bursts.put)
    watcher.start()
    time.sleep(0.2)  # the operating system's watches are in place
    yield bursts
    watcher.stop()


def test_a_lone_save_is_built_before_the_files_have_been_still(
    tmp_path: Path, watched: queue.Queue[list[str]]
) -> None:
    started = time.monotonic()
    (tmp_path / "content/articles/a.en.md").write_text("---\ntitle: A\n---\nText.\n")
    assert watched.get(timeout=10) == ["content/articles/a.en.md"]
    assert time.monotonic() - started < QUIET


def test_a_burst_of_saves_is_built_at_its_first_save_then_once_when_still(
    tmp_path: Path, watched: queue.Queue[list[str]]
) -> None:
    article = tmp_path / "content/articles/a.en.md"
    for number in range(20):
        article.write_text(f"---\ntitle: A\n---\nText {number}.\n")
        time.sleep(0.02)
    (tmp_path / "site.yaml").write_text("title: x\n")
    assert watched.get(timeout=10) == ["content/articles/a.en.md"]  # the first save, at once
    assert watched.get(timeout=10) == ["content/articles/a.en.md", "site.yaml"]  # the rest
    with pytest.raises(queue.Empty):
        watched.get(timeout=QUIET)


def test_files_no_build_reads_are_not_reported(
    tmp_path: Path, watched: queue.Queue[list[str]]
) -> None:
    (tmp_path / "content/articles/.a.en.md.swp").write_text("x")
    (tmp_path / "content/articles/a.en.md~").write_text("x")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "content/articles/b.en.md").write_text("---\ntitle: B\n---\n")
    assert watched.get(timeout=10) == ["content/articles/b.en.md"]
