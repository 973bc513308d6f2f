"""build.py translate export | import: what runs, and what it says when done.

Nothing here prints: cli.py prints what `run` returns, as it does for every command.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from lantern.config import load_config
from lantern.errors import Problem, ProblemsFound
from lantern.model import SiteConfig
from lantern.translate.po_export import catalog_of, po_bytes
from lantern.translate.records import check_records
from lantern.translate.sources import read_site, units_of

EXIT_DONE, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Outcome:
    status: int
    out: tuple[str, ...] = ()  # lines for standard output
    err: tuple[str, ...] = ()  # lines for standard error
    po_text: str = ""  # a PO file for standard output (export --out -)


def run(args: argparse.Namespace, now: dt.datetime, theme_dirs: list[Path]) -> Outcome:
    """Run `translate export` or `translate import`."""
    try:
        config = load_config(args.site)
        if args.action == "export":
            return _export(args, config, now, theme_dirs)
        from lantern.translate.po_import import import_po, report_lines

        result = import_po(args.site, args.file, config, _today(config, now), theme_dirs)
        return Outcome(EXIT_DONE, report_lines(result))
    except ProblemsFound as found:
        return _problems(found.problems)


def _export(
    args: argparse.Namespace, config: SiteConfig, now: dt.datetime, theme_dirs: list[Path]
) -> Outcome:
    lang = args.lang
    if lang not in config.languages[1:]:
        why = (
            "is the default language, which the others are translated from"
            if lang == config.default_lang
            else f"is not one of the site's languages ({', '.join(config.languages)})"
        )
        return Outcome(EXIT_USAGE, err=(f'build.py translate: error: "{lang}" {why}',))
    check_records(args.site, lang)
    site = read_site(args.site, config, _today(config, now), theme_dirs)
    units = units_of(site, args.site, theme_dirs, lang)
    catalog = catalog_of(units, lang, config.title.text_in(lang, config.default_lang).text, now)
    text = po_bytes(catalog).decode("utf-8")
    count = len(catalog)
    stale = sum(1 for unit in units if unit.is_stale)
    summary = f"{count} text(s) to translate into {lang}, {stale} of them stale"
    if args.out == "-":
        return Outcome(EXIT_DONE, err=(summary + ".",), po_text=text)
    out = Path(args.out or f"{lang}.po")
    out.write_text(text, encoding="utf-8")
    return Outcome(EXIT_DONE, (f"Wrote {out}: {summary}.",))


def _today(config: SiteConfig, now: dt.datetime) -> dt.date:
    return now.astimezone(ZoneInfo(config.timezone)).date()


def _problems(problems: tuple[Problem, ...]) -> Outcome:
    errors = [str(problem) for problem in problems if problem.severity == "error"]
    return Outcome(EXIT_PROBLEMS, err=(*errors, f"{len(errors)} error(s): nothing was written."))
