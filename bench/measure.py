"""Timing one command as a whole program, and the tables the runner prints.

Wall time is taken around the whole child process (interpreter start-up included); peak memory is
the child's ru_maxrss from os.wait4, which on Linux is the largest resident size of the child or
of any descendant it waited for: the largest single process, not the sum over workers.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One timed run of one command."""

    seconds: float
    peak_mb: float
    exit_code: int


@dataclass(frozen=True)
class Measurement:
    """The runs of one tool in one scenario, with what its output held afterwards."""

    tool: str
    version: str
    pages: int
    runs: tuple[Run, ...]
    load: float  # the 1-minute load average after the last run: other work makes numbers noisy
    failure: str = ""  # empty when every run exited 0

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_mb for run in self.runs)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


# Every tool runs as on an editor's machine: Python keeps its compiled bytecode (some sandboxes
# and CI images set PYTHONDONTWRITEBYTECODE, which makes every Python tool compile itself anew
# on every run).
TOOL_ENVIRONMENT = {
    name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"
}


def run_once(command: Sequence[str], cwd: Path, log: Path) -> Run:
    """Run `command` in `cwd`, its output appended to `log`; time it and read its peak memory."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as output:
        output.write(f"\n$ cd {shlex.quote(str(cwd))} && {shlex.join(command)}\n".encode())
        output.flush()
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, env=TOOL_ENVIRONMENT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen.wait
    # Linux reports ru_maxrss in kilobytes.
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode)


@dataclass(frozen=True)
class Job:
    """A command to measure, and what to do untimed before each of its runs."""

    name: str
    version: str
    command: Sequence[str]
    cwd: Path
    log: Path
    output: Path
    before_each: Callable[[int], None] = lambda _: None


def measure(job: Job, runs: int) -> Measurement:
    """`runs` runs of the job's command, calling `before_each(run_number)` untimed before each."""
    return measure_in_rounds([job], runs)[0]


def measure_in_rounds(jobs: Sequence[Job], runs: int) -> list[Measurement]:
    """`runs` rounds of one run of each job in turn: a minute when the machine is slower than
    usual then weighs on every job alike, rather than on the one measured in that minute."""
    done: list[list[Run]] = [[] for _ in jobs]
    failures = [""] * len(jobs)
    loads = [0.0] * len(jobs)
    for number in range(runs):
        for index, job in enumerate(jobs):
            if failures[index]:
                continue
            job.before_each(number)
            run = run_once(job.command, job.cwd, job.log)
            done[index].append(run)
            loads[index] = load()
            if run.exit_code != 0:
                failures[index] = f"exit code {run.exit_code} in run {number + 1}; see {job.log}"
    return [
        Measurement(job.name, job.version, html_pages(job.output), tuple(runs_of), load_of, failure)
        for job, runs_of, load_of, failure in zip(jobs, done, loads, failures, strict=True)
    ]


def load() -> float:
    return os.getloadavg()[0]


def html_pages(output: Path) -> int:
    return sum(1 for _ in output.rglob("*.html")) if output.is_dir() else 0


@dataclass(frozen=True)
class FileState:
    inode: int
    mtime_ns: int
    digest: str


def snapshot(output: Path) -> dict[str, FileState]:
    """Every file under `output`, with what tells a rewrite from a change of content."""
    found = {}
    for path in sorted(output.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            found[path.relative_to(output).as_posix()] = FileState(
                stat.st_ino, stat.st_mtime_ns, digest
            )
    return found


def differences(before: dict[str, FileState], after: dict[str, FileState]) -> dict[str, list[str]]:
    """Files whose content changed, added, removed, and rewritten with the same content."""
    common = sorted(before.keys() & after.keys())
    return {
        "changed": [p for p in common if before[p].digest != after[p].digest],
        "added": sorted(after.keys() - before.keys()),
        "removed": sorted(before.keys() - after.keys()),
        "rewritten": [
            p
            for p in common
            if before[p].digest == after[p].digest
            and (before[p].inode, before[p].mtime_ns) != (after[p].inode, after[p].mtime_ns)
        ],
    }


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 2) -> str:
    """A plain-text table: the first `left` columns left-aligned, the others right-aligned."""
    widths = [max(len(str(row[i])) for row in (headers, *rows)) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            str(cell).ljust(width) if i < left else str(cell).rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])
