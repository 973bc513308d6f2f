"""A build killed at any moment of its write leaves nothing half done.

A full build is killed while it fills its staging folder, swaps it in or removes the old site:
the output is then exactly the old site or exactly the new one. A small rebuild is killed while
it updates the output in place: every file is whole, its old or its new version, and no
temporary file lies where a host would publish it. A build killed while it saves the cache leaves
the old cache file or the new one, whole. After each kill, a site with a content error never
replaces the output, and the next good build gives exactly a clean build of the new site, with
nothing left beside the output.

How the kills land: the build runs as the real command line in its own process group, a step at a
time: it runs a few milliseconds, then the whole group is stopped (SIGSTOP) while the test looks
at the files, and continued (SIGCONT). The kill (SIGKILL, to the whole group, workers included)
comes at a moment told by the files, not by the clock, so that it lands where it should however
busy the machine is:
- a full build: when 1/9, 2/9... 8/9 of the files that change are written, just after the swap
  and 3 steps later;
- an update in place: when 0, 1/10, 2/10... of the files it changes are written and the next one
  is on its way;
- the cache: when its temporary file appears (with an old cache before, and with none), and once
  it has been renamed over the old one.
A build that finishes before its moment came (a step can last long on a busy machine) is tried
again.
"""

from __future__ import annotations

import collections
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from lantern import memo
from tests.conftest import REPO, SITES, TODAY, tree

ARTICLES = 100  # about 180 files: a full build renders them in worker processes
UPDATED_ARTICLES = 60  # fewer: an update in place is written by the main process alone
KILLS = 10  # for each way of writing, 20 in all
SWAPS = 2  # of a full build's kills, those just after the swap
STEP = 0.001  # seconds a build runs between two looks at it
SHORT_STEP = 0.0001  # while it updates the output in place, a write of a few milliseconds
LONG_STEP = 0.005  # while it renders a whole site, in about a second
ATTEMPTS = 3  # builds to try, when the moment to kill one went by between two looks
BROKEN_EVERY = 1  # after every kill, a build of a broken site first: it must change nothing
LANDED: collections.Counter[str] = collections.Counter()  # where the kills landed, for -s runs


def folders(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir()}


def command(site: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "build.py",
        "--site",
        str(site),
        "--out",
        str(out),
        "--today",
        TODAY,
        "--quiet",
    ]


def run(site: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(site, out), cwd=REPO, capture_output=True, text=True, check=False)


def generate(site: Path, articles: int) -> None:
    """The minimal site with more articles, each a few screens long."""
    shutil.copytree(SITES / "minimal", site)
    for number in range(articles):
        paragraphs = "\n\n".join(
            f"Paragraph {p} of article {number}. " + "Where to find help, and how to ask. " * 20
            for p in range(8)
        )
        (site / f"content/articles/generated-{number:03d}.en.md").write_text(
            f"---\ntitle: Generated {number}\ndate: 2026-03-{1 + number % 28:02d}\n"
            f"tags: [news, topic-{number % 7}]\n---\n{paragraphs}\n",
            encoding="utf-8",
        )


def retitle(site: Path) -> None:
    """A change every page shows: the build writes a whole new site into staging."""
    settings = site / "site.yaml"
    settings.write_text(settings.read_text().replace("Minimal Coalition", "Small Coalition"))


def edit_some_articles(site: Path) -> None:
    """A change to under half the pages: the build updates the output in place."""
    for number in range(0, UPDATED_ARTICLES, 3):
        article = site / f"content/articles/generated-{number:03d}.en.md"
        article.write_text(article.read_text().replace("Paragraph 0 ", "The first paragraph "))


@dataclass
class Scenario:
    """A site whose output and cache hold an old build, and whose files now make a new one."""

    site: Path
    out: Path
    old_out: Path  # the old output, copied with its time stamps
    old_cache: Path
    old: dict[str, bytes]
    new: dict[str, bytes]  # a clean build of the new site, in another folder
    new_folders: set[str]

    @property
    def cache(self) -> Path:
        return self.site / memo.CACHE_DIR

    def changed(self) -> set[str]:
        """The files that differ between the old and the new site."""
        names = self.old.keys() | self.new.keys()
        return {name for name in names if self.old.get(name) != self.new.get(name)}

    def beside(self) -> list[str]:
        """What lies beside the output folder: a build's staging, update or old folders."""
        return sorted(p.name for p in self.out.parent.iterdir() if p.name != self.out.name)

    def reset(self) -> None:
        """Back to the old output and the old cache, as if the old build had just finished."""
        for name in [self.out.name, *self.beside()]:
            shutil.rmtree(self.out.parent / name)
        shutil.copytree(self.old_out, self.out)  # copy2: time stamps kept, as the cache knows them
        shutil.rmtree(self.cache, ignore_errors=True)
        shutil.copytree(self.old_cache, self.cache)


def prepare(base: Path, articles: int, change: Callable[[Path], None]) -> Scenario:
    site, out = base / "site", base / "output" / "_site"
    generate(site, articles)
    assert run(site, out).returncode == 0
    shutil.copytree(out, base / "old-out")
    shutil.copytree(site / memo.CACHE_DIR, base / "old-cache")
    change(site)
    shutil.copytree(site, base / "clean-site", ignore=shutil.ignore_patterns(memo.CACHE_DIR))
    assert run(base / "clean-site", base / "clean").returncode == 0
    return Scenario(
        site,
        out,
        base / "old-out",
        base / "old-cache",
        tree(out),
        tree(base / "clean"),
        folders(base / "clean"),
    )


# Asked while the build is stopped: how long it may run until the next look; None to kill it.
Moment = Callable[[], float | None]


def kill_during_build(
    scenario: Scenario, moment_of: Callable[[], Moment], without_cache: bool = False
) -> None:
    """From the old build (and its cache, unless `without_cache`), build the new site a step at
    a time and SIGKILL it at the moment; again, up to ATTEMPTS times, if the build finishes
    first (a step may last long on a busy machine)."""
    for _ in range(ATTEMPTS):
        scenario.reset()
        if without_cache:
            shutil.rmtree(scenario.cache)
        if build_and_kill(scenario, moment_of()):
            return
    pytest.fail(f"the build finished {ATTEMPTS} times before the moment to kill it came")


def build_and_kill(scenario: Scenario, moment: Moment) -> bool:
    """Build the new site a step at a time; SIGKILL it at the `moment`. Whether it was killed
    (rather than finished)."""
    log = scenario.out.parent.parent / "stderr.txt"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            command(scenario.site, scenario.out),
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,  # its own process group: signals reach its workers too
            # Below the test's priority: on a busy machine the build must not run on for long
            # while this process waits for its turn to look (a save lasts milliseconds).
            preexec_fn=lambda: os.nice(19),
        )
        step: float | None = STEP
        try:
            while process.poll() is None and step is not None:
                time.sleep(step)
                os.killpg(process.pid, signal.SIGSTOP)
                step = moment()
                os.killpg(process.pid, signal.SIGCONT if step is not None else signal.SIGKILL)
        except ProcessLookupError:
            pass  # it ended between two looks
        finally:
            if process.poll() is None and step is not None:
                os.killpg(process.pid, signal.SIGKILL)  # a failed look: never leave it stopped
            process.wait(timeout=60)
    assert process.returncode in (0, -signal.SIGKILL), log.read_text()[-3000:]
    return process.returncode == -signal.SIGKILL


def after_it_appears(where: Path, name: str) -> Moment:
    """As soon as an entry of `where` whose name starts with `name` appears."""

    def moment() -> float | None:
        if where.is_dir() and any(entry.name.startswith(name) for entry in where.iterdir()):
            return None
        return STEP

    return moment


def after_the_swap(scenario: Scenario, steps: int) -> Moment:
    """`steps` steps after the output folder is another folder (the staging one, swapped in)."""
    before, seen = scenario.out.stat().st_ino, 0

    def moment() -> float | None:
        nonlocal seen
        if seen or (scenario.out.exists() and scenario.out.stat().st_ino != before):
            seen += 1
        return None if seen > steps else STEP

    return moment


def when_new_files(scenario: Scenario, count: int, since: int) -> Moment:
    """When `count` files newer than `since` (nanoseconds) lie in the output or beside it:
    written by this build, wherever it writes them. Looked at every LONG_STEP."""

    def moment() -> float | None:
        files = (path for path in scenario.out.parent.rglob("*") if path.is_file())
        return (
            None if sum(path.stat().st_mtime_ns > since for path in files) >= count else LONG_STEP
        )

    return moment


def when_written(scenario: Scenario, count: int, since: int) -> Moment:
    """Once the output is being updated in place (looked at every SHORT_STEP): when `count` of
    its files are newer than `since` (nanoseconds), written by this build, and the next one is
    on its way (a temporary file exists, beside the output or, wrongly, in it); or when the
    update is over, if it went by between two looks."""
    updating, seen = f".{scenario.out.name}.update-", False

    def moment() -> float | None:
        nonlocal seen
        folders = list(scenario.out.parent.glob(updating + "*"))
        seen = seen or bool(folders)
        if not folders:
            return None if seen else STEP
        files = [path for path in scenario.out.rglob("*") if path.is_file()]
        written = sum(1 for path in files if path.stat().st_mtime_ns > since)
        on_its_way = any(path.name.startswith(".") for path in files) or any(
            any(folder.iterdir()) for folder in folders
        )
        return None if written >= count and on_its_way else SHORT_STEP

    return moment


def when_replaced(path: Path) -> Moment:
    """When the file at `path` is another file (a new one, renamed over it)."""
    before = path.stat().st_ino
    return lambda: None if path.stat().st_ino != before else STEP


def check_broken_site_changes_nothing(scenario: Scenario) -> None:
    article = scenario.site / "content/articles/generated-001.en.md"
    good = article.read_text()
    before, beside = tree(scenario.out), scenario.beside()
    article.write_text(good.replace("title: Generated", "title: [Generated", 1))
    try:
        broken = run(scenario.site, scenario.out)
    finally:
        article.write_text(good)
    assert broken.returncode == 1 and "not valid YAML" in broken.stderr, broken.stderr[-2000:]
    assert tree(scenario.out) == before
    assert scenario.beside() == beside


def check_next_build_finishes_the_job(scenario: Scenario) -> None:
    done = run(scenario.site, scenario.out)
    assert done.returncode == 0, done.stderr[-2000:]
    assert tree(scenario.out) == scenario.new
    assert folders(scenario.out) == scenario.new_folders  # no folder left empty either
    assert scenario.beside() == []


# ------------------------------------------------------------------ a full build, into staging


@pytest.fixture(scope="module")
def full_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    yield prepare(tmp_path_factory.mktemp("full"), ARTICLES, retitle)
    print(f"\nwhere the kills landed: {dict(sorted(LANDED.items()))}")


@pytest.mark.parametrize("kill", range(KILLS))
def test_a_full_build_killed_leaves_the_old_site_or_the_new_one_never_a_mix(
    full_build: Scenario, kill: int
) -> None:
    """Kills when 1/9, 2/9... 8/9 of the files that change are written, and just after the swap."""
    scenario, spread = full_build, KILLS - SWAPS
    if kill < spread:
        count = len(scenario.changed()) * (kill + 1) // (spread + 1)
        kill_during_build(scenario, lambda: when_new_files(scenario, count, time.time_ns()))
    else:
        kill_during_build(scenario, lambda: after_the_swap(scenario, 3 * (kill - spread)))
    after = tree(scenario.out)
    assert after == scenario.old or after == scenario.new, "a mix of the old and the new site"
    if after == scenario.old:
        LANDED["full build: before the swap, the new site partly written beside the old"] += 1
    elif scenario.beside():
        LANDED["full build: after the swap, the old site partly removed beside the new"] += 1
    else:
        LANDED["full build: after the swap and the removal of the old site"] += 1
    if kill % BROKEN_EVERY == 0:
        check_broken_site_changes_nothing(scenario)
    check_next_build_finishes_the_job(scenario)


# ------------------------------------------------------------------ an update in place


@pytest.fixture(scope="module")
def update(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    scenario = prepare(tmp_path_factory.mktemp("update"), UPDATED_ARTICLES, edit_some_articles)
    assert UPDATED_ARTICLES // 3 <= len(scenario.changed()) < len(scenario.new) // 2
    return scenario


@pytest.mark.parametrize("kill", range(KILLS))
def test_an_update_in_place_killed_leaves_each_file_whole_and_no_temporary_file(
    update: Scenario, kill: int
) -> None:
    """Kills when 0, 1/10, 2/10... of the changed files are written and the next is on its way."""
    scenario, count = update, len(update.changed()) * kill // KILLS
    kill_during_build(scenario, lambda: when_written(scenario, count, time.time_ns()))
    after = tree(scenario.out)
    hidden = [name for name in after if any(part.startswith(".") for part in name.split("/"))]
    assert hidden == [], "a temporary file in the published folder"
    for name, data in after.items():
        assert data in (scenario.old.get(name), scenario.new.get(name)), f"{name} is not whole"
    assert scenario.old.keys() & scenario.new.keys() <= after.keys()
    written = sum(1 for name in after if after[name] != scenario.old.get(name))
    next_one = any(
        any(folder.iterdir())
        for folder in scenario.out.parent.glob(f".{scenario.out.name}.update-*")
    )
    LANDED[
        f"update in place: {written:2} of {len(scenario.changed())} files written"
        + (", the next one on its way beside the output" if next_one else "")
    ] += 1
    if kill % BROKEN_EVERY == 0:
        check_broken_site_changes_nothing(scenario)
    check_next_build_finishes_the_job(scenario)


# ------------------------------------------------------------------ saving the cache


@pytest.mark.parametrize(
    ("before", "moment"),
    [("no cache", "temporary file"), ("old cache", "temporary file"), ("old cache", "renamed")],
)
def test_a_build_killed_while_saving_its_cache_leaves_no_cache_or_a_whole_one(
    full_build: Scenario, before: str, moment: str
) -> None:
    """Kills as soon as the cache's temporary file appears, and once it is renamed over the old
    one."""
    scenario = full_build
    memo_file = scenario.cache / "memo.pickle"
    old = (scenario.old_cache / memo_file.name).read_bytes()
    if moment == "renamed":
        kill_during_build(scenario, lambda: when_replaced(memo_file))
    else:
        kill_during_build(
            scenario,
            lambda: after_it_appears(scenario.cache, ".memo"),
            without_cache=before == "no cache",
        )
    saved = memo_file.read_bytes() if memo_file.exists() else None
    if saved is None:
        assert before == "no cache", "the old cache file is gone"
    else:
        assert saved == old or is_whole(saved), "the cache file is cut short"
    state = "none" if saved is None else "the old one" if saved == old else "a new one"
    LANDED[f"cache save, with {before} before: {state} left, whole"] += 1
    assert tree(scenario.out) == scenario.new  # the site is swapped in before the cache is saved
    check_next_build_finishes_the_job(scenario)
    assert is_whole(memo_file.read_bytes()) and memo_file.read_bytes() != old
    assert not list(scenario.cache.glob(".memo.pickle-*")), "the killed save's file is left"


def is_whole(saved: bytes) -> bool:
    """Whether a cache file is as Lantern wrote it: header, digest, and the body it digests,
    a dictionary of entries that knows the output it describes."""
    magic, _version, rest = saved.split(b"\n", 2)
    body = rest[32:]
    if magic != b"lantern-memo-2" or rest[:32].decode() != memo.file_digest(body):
        return False
    return "output" in pickle.loads(body)
