"""Writing: a staging folder swapped in whole, so a failure never leaves half a site; what a
killed build left beside the output is cleared by the next (tests/test_kill.py kills real ones)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lantern import output
from lantern.output import write_site


def test_the_new_site_replaces_the_old_one_whole(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write_site({"a.html": b"old", "gone.html": b"x"}, (), out)
    write_site({"a.html": b"new"}, (), out)
    assert sorted(p.name for p in out.iterdir()) == ["a.html"]
    assert (out / "a.html").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


def test_a_failed_write_keeps_the_previous_site_and_leaves_no_staging(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write_site({"index.html": b"good"}, (), out)
    with pytest.raises(ValueError, match="outside the output folder"):
        write_site({"index.html": b"bad", "../escape.html": b"x"}, (), out)
    assert (out / "index.html").read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


def test_static_files_are_copied(tmp_path: Path) -> None:
    source = tmp_path / "style.css"
    source.write_text("body{}")
    write_site({}, (("static/style.css", source),), tmp_path / "out")
    assert (tmp_path / "out/static/style.css").read_text() == "body{}"


def a_finished_process() -> int:
    """The ID of a process that has ended: what a killed build's leftovers are named with."""
    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(process.stdout)


def test_what_a_killed_build_left_beside_the_output_is_removed_by_the_next(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    write_site({"index.html": b"old"}, (), out)
    dead = a_finished_process()
    for kind in ("staging", "update"):
        (tmp_path / f"._site.{kind}-{dead}-x1y2" / "en").mkdir(parents=True)
    (tmp_path / "._site.staging-oldname").mkdir()  # named by a Lantern without process IDs
    write_site({"index.html": b"new"}, (), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


def test_what_a_running_build_has_beside_the_output_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    running = tmp_path / f"._site.staging-{os.getppid()}-x1y2"
    running.mkdir()
    write_site({"index.html": b"new"}, (), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [running.name, "_site"]


def test_without_an_atomic_exchange_a_swap_killed_halfway_is_undone_by_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the system cannot swap two folders in one step, the old output is renamed away
    first: a build killed right then leaves no output folder, and the next puts the old back."""
    monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    out = tmp_path / "_site"
    write_site({"index.html": b"first"}, (), out)
    write_site({"index.html": b"second"}, (), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]
    dead = a_finished_process()
    out.rename(tmp_path / f"._site.old-{dead}-")  # killed between the two renames
    (tmp_path / f"._site.staging-{dead}-x1y2").mkdir()
    (tmp_path / f"._site.staging-{dead}-x1y2/index.html").write_bytes(b"third")
    staging = output.Staging(out)
    assert (out / "index.html").read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == [staging.path.name, "_site"]
    staging.discard()


def test_a_late_write_into_a_removed_staging_folder_does_not_bring_it_back(tmp_path: Path) -> None:
    """A worker process outliving its killed build may still write a page: once the next build
    has removed that staging folder, the write fails instead of making it again."""
    staging = output.Staging(tmp_path / "_site")
    staging.discard()
    with pytest.raises(FileNotFoundError):
        staging.write("en/articles/late/index.html", b"late")
    assert list(tmp_path.iterdir()) == []
