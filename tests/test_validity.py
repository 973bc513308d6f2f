"""HTML validity: the Nu HTML Checker over every page of the example site, in one batch."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import VNU_JAR, Built, covered, require_tool

pytestmark = pytest.mark.vnu


def test_every_page_is_valid_html(example: Built) -> None:
    require_tool(
        shutil.which("java") is not None, "java missing: apt-get install default-jre-headless"
    )
    require_tool(VNU_JAR.is_file(), f"{VNU_JAR} missing: run bash .ci/install-tools.sh")
    pages = [str(p) for p in example.html_files()]
    checked = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--stdout",
            "--format",
            "json",
            "--errors-only",
            "--no-langdetect",
            *pages,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(checked.stdout)["messages"]
    found = [
        f"{m.get('url', '').split('/_site/')[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    covered("Nu HTML Checker", *pages)
    assert found == []
