"""The command line: build (the default) and its options; prints problems, chooses exit codes.

Exit status: 0 built, 1 content problems, 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from lantern import uptodate
from lantern.memo import CACHE_DIR
from lantern.translate.options import add_translate_parser

if TYPE_CHECKING:
    from lantern.errors import Problem

# Nothing heavy is imported until a build is needed: a rebuild with nothing to do is the most
# common one, and it should take less time than Python takes to import the Markdown converter.

COMMANDS = ("build", "serve", "check", "new", "translate")
EXIT_BUILT, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in COMMANDS:
        args.insert(0, "build")  # `build.py --help` documents the build options
    try:
        options = _parser().parse_args(args)
    except SystemExit as stop:  # argparse has printed the usage problem
        return int(stop.code or 0)
    if not any((options.site / name).is_file() for name in ("site.yaml", "site.yml")):
        print(
            f"build.py: error: no site.yaml in {options.site.resolve()} (hint: pass --site DIR)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    refused = _refused_output(options.site, options.out) if options.command == "build" else ""
    if refused:
        print(f"build.py: error: {refused} (hint: pass --out a folder of its own)", file=sys.stderr)
        return EXIT_USAGE
    if options.command == "serve":
        return _serve(options)
    if options.command == "check":
        return _check(options)
    if options.command == "new":
        return _new(options)
    if options.command == "translate":
        return _translate(options)
    return _build(options)


def _refused_output(site: Path, out: Path | None) -> str:
    """Why `out` may not be the output folder, or "": a build replaces that folder whole."""
    if out is None:
        return ""  # site.yaml's output_dir, which the build checks
    site, out = site.resolve(), out.resolve()
    if site.is_relative_to(out):
        return f"--out {out} holds the site folder: a build would replace the whole site"
    inside = out.relative_to(site).parts if out.is_relative_to(site) else ()
    if inside and (inside[0] in ("content", "templates", "static") or inside[0].startswith(".")):
        return f"--out {out} is inside the site's {inside[0]} folder"
    return ""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Lantern: build a multilingual awareness website from Markdown and YAML.",
        epilog="Without a command, build is run. Exit status: 0 built, 1 content problems, 2 usage.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build_parser = commands.add_parser(
        "build",
        help="build the site into its output folder (the default)",
        description="Build the site into its output folder, atomically.",
    )
    _add_site_options(build_parser)
    build_parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="where to write the site (default: output_dir from site.yaml, _site)",
    )
    build_parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build_parser.add_argument(
        "--clean",
        action="store_true",
        help=f"build everything anew, ignoring the cache in SITE/{CACHE_DIR}/ (the output is the same)",
    )
    build_parser.add_argument("--quiet", action="store_true", help="print problems only")
    check_parser = commands.add_parser(
        "check",
        help="check everything, write nothing, and report what is not yet translated",
        description=(
            "Check the site as a build does, and more: links within the site, images without"
            " alt text, a published site that still lists ended events as coming up, and a"
            " translation report per language. Nothing is written."
        ),
        epilog="Exit status: 0 no errors, 1 errors (with --strict: or warnings), 2 usage.",
    )
    _add_site_options(check_parser)
    check_parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    check_parser.add_argument(
        "--strict", action="store_true", help="exit 1 on warnings too, not only on errors"
    )
    new_parser = commands.add_parser(
        "new",
        help="start a new article, page, event, hotline, fact sheet or campaign",
        description=(
            "Write a commented starting file in the right folder; never overwrites a file. With"
            " --translate-from, an article's or page's translation starts from its source."
        ),
    )
    new_parser.add_argument(
        "kind", choices=("article", "page", "event", "hotline", "facts", "campaign")
    )
    new_parser.add_argument("id", help="the file's ID: lowercase letters, digits and hyphens")
    new_parser.add_argument(
        "--lang", help="the language of a new article or page (default: the site's first)"
    )
    new_parser.add_argument(
        "--translate-from",
        metavar="LANG",
        help="start an article or page in --lang from its text in this language",
    )
    new_parser.add_argument(
        "--site",
        type=Path,
        default=Path(),
        metavar="DIR",
        help="the site folder (default: the current folder)",
    )
    add_translate_parser(commands)
    serve_parser = commands.add_parser(
        "serve",
        help="preview the site in a browser, rebuilt and reloaded on every change",
        description=(
            "Build the site, serve it, and rebuild and reload the open pages whenever a file in"
            " content/, templates/ or site.yaml changes. A failed build keeps the last good site"
            " served and shows the problems on every page. The preview is written to"
            f" SITE/{CACHE_DIR}/preview/, never to the site's output folder."
        ),
    )
    _add_site_options(serve_parser)
    serve_parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default: 127.0.0.1, this computer only; 0.0.0.0 opens"
        " the preview to the local network, for testing on a phone)",
    )
    serve_parser.add_argument(
        "--port", type=int, default=8000, help="the port to listen on (default: 8000)"
    )
    return parser


def _add_site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--site",
        type=Path,
        default=Path(),
        metavar="DIR",
        help="the site folder, with site.yaml and content/ (default: the current folder)",
    )
    parser.add_argument(
        "--drafts", action="store_true", help="include articles and pages marked draft: true"
    )
    parser.add_argument("--future", action="store_true", help="include articles dated after today")
    parser.add_argument(
        "--today",
        type=_day,
        metavar="YYYY-MM-DD",
        help="the date the build treats as today (default: today in the site's time zone)",
    )


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    site_dir: Path = args.site
    cache_dir = site_dir / CACHE_DIR
    now = dt.datetime.now(dt.UTC)
    inputs = uptodate.input_stamps(site_dir)  # before anything is read: see uptodate.remember
    record = None if args.clean else uptodate.last_build(cache_dir)
    if record is None or not _is_same_build(args, record, now):
        return _run_build(args, cache_dir, now, started, inputs, None)
    if not uptodate.differences(record["inputs"], inputs):
        for warning in record["warnings"]:
            print(warning, file=sys.stderr)
        if not args.quiet:
            seconds = time.perf_counter() - started
            print(
                f"Nothing changed: the {record['files']} files in {record['out_dir']} are up to date ({seconds:.2f} s)."
            )
        return EXIT_BUILT
    return _run_build(args, cache_dir, now, started, inputs, record)


def _is_same_build(args: argparse.Namespace, record: dict[str, Any], now: dt.datetime) -> bool:
    zone = record.get("timezone")
    if not isinstance(zone, str):
        return False
    today = args.today or now.astimezone(ZoneInfo(zone)).date()
    return uptodate.is_same_build(record, _key(args, today))


def _key(args: argparse.Namespace, today: dt.date) -> dict[str, Any]:
    out = args.out.resolve() if args.out else ""
    return uptodate.build_key(
        today=today, drafts=args.drafts, future=args.future, strict=args.strict, out=out
    )


def _run_build(
    args: argparse.Namespace,
    cache_dir: Path,
    now: dt.datetime,
    started: float,
    inputs: dict[str, list[int]],
    record: dict[str, Any] | None,
) -> int:
    """Build, patching the last build when `record` (of the same build) allows; report."""
    from lantern.errors import ProblemsFound
    from lantern.model import BuildOptions
    from lantern.patch import last_state, state_fields
    from lantern.pipeline import build, patch_build

    options = BuildOptions(
        today=args.today, now=now, drafts=args.drafts, future=args.future, strict=args.strict
    )
    uptodate.forget(cache_dir)
    state = last_state(cache_dir, record, inputs) if record else None
    try:
        result = patch_build(args.site, options, args.out, *state) if state else None
        if result is None:
            result = build(args.site, options, args.out, clean=args.clean)
    except ProblemsFound as found:
        _report(found.problems)
        errors = sum(1 for p in found.problems if p.severity == "error")
        print(
            f"{errors} error(s): nothing was written; the previous site is unchanged.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    _report(result.warnings)
    assert result.state is not None, "every good build leaves its state"
    uptodate.remember(
        cache_dir,
        _key(args, result.today),
        inputs,
        result.out_dir,
        result.stamps,
        timezone=result.timezone,
        files=result.files_written,
        warnings=[str(warning) for warning in result.warnings],
        **state_fields(cache_dir, result.state, inputs, record if result.patched else None),
    )
    if not args.quiet:
        seconds = time.perf_counter() - started
        print(
            f"Built {result.files_written} files into {result.out_dir} in {seconds:.2f} s"
            f" ({len(result.changed)} changed)."
        )
    return EXIT_BUILT


def _serve(args: argparse.Namespace) -> int:
    from lantern.model import BuildOptions
    from lantern.serve import serve

    options = BuildOptions(today=args.today, drafts=args.drafts, future=args.future)
    return serve(args.site, options, args.host, args.port, lambda line: print(line, flush=True))


def _check(args: argparse.Namespace) -> int:
    from lantern.check import as_json, as_text, check_site
    from lantern.errors import ProblemsFound
    from lantern.model import BuildOptions
    from lantern.pipeline import theme_dirs

    now = dt.datetime.now(dt.UTC)
    options = BuildOptions(today=args.today, now=now, drafts=args.drafts, future=args.future)
    try:
        report = check_site(args.site, options, theme_dirs(args.site), os.environ)
    except ProblemsFound as found:
        _report(found.problems)
        return EXIT_PROBLEMS
    print(as_json(report) if args.format == "json" else as_text(report))
    errors, warnings = report.counts()
    return EXIT_PROBLEMS if errors or (args.strict and warnings) else EXIT_BUILT


_A_KIND = {
    "event": "an event",
    "hotline": "a hotline listing",
    "facts": "a fact sheet",
    "campaign": "a campaign",
}


def _new(args: argparse.Namespace) -> int:
    from lantern.config import load_config
    from lantern.content.records import ID
    from lantern.errors import ProblemsFound
    from lantern.new import Request, create

    def usage(message: str) -> int:
        print(f"build.py new: error: {message}", file=sys.stderr)
        return EXIT_USAGE

    if not ID.match(args.id):
        return usage(f'"{args.id}" is not a valid ID (hint: lowercase letters, digits and hyphens)')
    try:
        config = load_config(args.site)
    except ProblemsFound as found:
        _report(found.problems)
        return EXIT_PROBLEMS
    documents = args.kind in ("article", "page")
    if not documents and (args.lang or args.translate_from):
        return usage(
            f"{_A_KIND[args.kind]} keeps every language in one file (hint: write each text as"
            f" {config.default_lang}: ... and {config.languages[-1]}: ...)"
        )
    lang = args.lang or config.default_lang
    for given in (lang, args.translate_from or lang):
        if given not in config.languages:
            return usage(
                f'"{given}" is not one of the site\'s languages ({", ".join(config.languages)})'
            )
    if args.translate_from == lang:
        return usage("--translate-from must name another language than --lang")
    request = Request(args.kind, args.id, lang if documents else "", args.translate_from or "")
    today = dt.datetime.now(ZoneInfo(config.timezone)).date()
    try:
        written = create(args.site, config, request, today)
    except ProblemsFound as found:
        _report(found.problems)
        return EXIT_PROBLEMS
    print(f"Wrote {written}")
    return EXIT_BUILT


def _translate(args: argparse.Namespace) -> int:
    from lantern.pipeline import theme_dirs
    from lantern.translate.command import run

    outcome = run(args, dt.datetime.now(dt.UTC), theme_dirs(args.site))
    if outcome.po_text:
        sys.stdout.write(outcome.po_text)
    for line in outcome.out:
        print(line)
    for line in outcome.err:
        print(line, file=sys.stderr)
    return outcome.status


def _report(problems: tuple[Problem, ...]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
