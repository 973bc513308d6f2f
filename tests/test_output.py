"""Writing: a staging folder swapped in whole, so a failure never leaves half a site."""

from __future__ import annotations

from pathlib import Path

import pytest

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
