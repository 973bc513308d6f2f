"""build.py check: everything the build checks, and what a careful reviewer would, writing nothing.

Besides the build's own checks: links from Markdown to pages that do not exist, images without
alt text or with sensational imagery (SITE-REQUIREMENTS 25), a published site that still lists
ended events as coming up, and the translation report: per language, what is missing and how
much is translated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from lantern.artifacts import share_digest
from lantern.assets import fingerprint
from lantern.config import config_file, load_config
from lantern.content import markdown_texts, read_all
from lantern.errors import Position, Problem, Problems, ProblemsFound
from lantern.hosting import check_base_url
from lantern.i18n import unreviewed_safety_strings
from lantern.model import BuildOptions, Event, Site
from lantern.routes import Routes, collect_static, plan
from lantern.schema import field_text
from lantern.translate.records import read_records
from lantern.translate.sources import RECORD_KINDS, Unit, translatables, units_of, yaml_of
from lantern.yamlfile import load_yaml

# Images that sensationalise exploitation retraumatise survivors and mislead readers.
SENSATIONAL = ("chain", "handcuff", "rope", "duct tape", "duct-tape", "cage", "bars")

# Markdown links and images: [text](target "title"), ![alt](src), [id]: target; and HTML's.
_INLINE = re.compile(r"(!?)\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_HTML_LINK = re.compile(r"""<(a|img)\b[^>]*?\b(href|src)\s*=\s*["']([^"']*)["'][^>]*>""", re.I)
_HTML_ALT = re.compile(r"""\balt\s*=\s*["']([^"']*)["']""", re.I)


@dataclass(frozen=True)
class Gap:
    """Something not yet written in a language."""

    kind: str  # article, page, fact sheet, hotline, event, campaign, resource, interface string
    name: str  # the file, or the file and field
    at: Position


@dataclass(frozen=True)
class LanguageReport:
    lang: str
    totals: tuple[tuple[str, int], ...]  # (kind, how many could be written in this language)
    gaps: tuple[Gap, ...]
    stale: tuple[Gap, ...] = ()  # translations made from a source that has changed since

    @property
    def total(self) -> int:
        return sum(count for _, count in self.totals)

    def done(self, kind: str) -> int:
        total = dict(self.totals)[kind]
        return total - sum(1 for gap in self.gaps if gap.kind == kind)

    @property
    def percent(self) -> float:
        return 100.0 * (self.total - len(self.gaps)) / self.total if self.total else 100.0


@dataclass(frozen=True)
class Report:
    problems: tuple[Problem, ...]
    translations: tuple[LanguageReport, ...]

    def counts(self) -> tuple[int, int]:
        errors = sum(1 for problem in self.problems if problem.severity == "error")
        return errors, len(self.problems) - errors


def check_site(
    site_dir: Path,
    options: BuildOptions,
    theme_dirs: list[Path],
    environment: Mapping[str, str] | None = None,
) -> Report:
    """Check a site without writing anything; raises ProblemsFound only when site.yaml is broken.

    `environment`: the process's variables, which tell where a GitHub Actions run publishes.
    """
    config = load_config(site_dir)
    options = options.on_site_day(config.timezone)
    problems = Problems()
    site = read_all(site_dir, config, options, theme_dirs, problems)
    unreviewed_safety_strings(theme_dirs, config.languages, problems)
    for lang in config.languages[1:]:  # a damaged record would hide stale translations
        read_records(site_dir, lang, problems)
    routes: Routes | None = None
    if not any(problem.severity == "error" for problem in problems.found):
        try:
            assets = fingerprint(collect_static(theme_dirs, site_dir, site.media), None)
            routes = plan(site, assets.copies, assets.names, partial(share_digest, site))
        except ProblemsFound as found:
            problems.extend(found.problems)
    if routes is not None:
        check_links(site, routes, problems)
    check_images(site, problems)
    check_base_url(config.base_url, _base_url_at(site_dir), site_dir, environment or {}, problems)
    output = site_dir / config.output_dir
    if routes is not None and output.is_dir():
        check_published_events(site, routes, output, problems)
    return Report(problems.unique(), translation_report(site, site_dir, theme_dirs))


def _base_url_at(site_dir: Path) -> Position:
    path = config_file(site_dir)
    assert path is not None, "load_config found it"
    return load_yaml(path, path.name).at(("base_url",))


def _line_at(text: str, offset: int, start: Position) -> Position:
    return Position(start.path, start.line + text.count("\n", 0, offset))


def check_links(site: Site, routes: Routes, problems: Problems) -> None:
    """Links from the site's Markdown to its own pages and files must lead somewhere."""
    known = {"/" + route.path.lstrip("/") for route in routes}
    known |= {f"/{relative}" for relative, _ in routes.static}
    known |= {path.rstrip("/") for path in known}
    for text, start in markdown_texts(site):
        for offset, target in _targets(text):
            path = target.split("#", 1)[0].split("?", 1)[0]
            if not path.startswith("/") or path.startswith("//") or path in known:
                continue
            problems.error(
                _line_at(text, offset, start),
                f'the link "{target}" leads to no page of this site',
                "check the address against the page's own; links within the site start with /en/",
            )


def _targets(text: str) -> Iterator[tuple[int, str]]:
    for match in _INLINE.finditer(text):
        yield match.start(), match.group(3)
    for match in _REFERENCE.finditer(text):
        yield match.start(), match.group(1)
    for match in _HTML_LINK.finditer(text):
        yield match.start(), match.group(3)


def check_images(site: Site, problems: Problems) -> None:
    """Every image in Markdown needs alt text; none may show sensational imagery."""
    for text, start in markdown_texts(site):
        for match in _INLINE.finditer(text):
            if match.group(1):
                where = _line_at(text, match.start(), start)
                _check_image(match.group(3), match.group(2), where, problems)
        for match in _HTML_LINK.finditer(text):
            if match.group(1).lower() == "img":
                alt = _HTML_ALT.search(match.group(0))
                where = _line_at(text, match.start(), start)
                _check_image(match.group(3), alt.group(1) if alt else "", where, problems)
    for article in site.articles:  # their alt text is checked as they are read
        if article.image:
            _check_image(article.image.path, article.image.alt.text, article.at, problems, False)


def _check_image(
    source: str, alt: str, at: Position, problems: Problems, needs_alt: bool = True
) -> None:
    if needs_alt and not alt.strip():
        problems.warning(
            at,
            f'the image "{source}" has no alt text',
            "describe what it shows for readers who cannot see it: ![A volunteer at a table](...)",
        )
    shown = f"{source} {alt}".lower()
    found = [word for word in SENSATIONAL if word in shown]
    if found:
        problems.warning(
            at,
            f'the image "{source}" suggests sensational imagery ({", ".join(found)})',
            "show people, places and helpers, not chains, ropes or cages: such images"
            " retraumatise survivors and mislead readers about what trafficking looks like",
        )


class _UpcomingLinks(HTMLParser):
    """The links inside the "coming up" list of a published events page."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "ul" and "event-list--upcoming" in classes:
            self.depth = 1
        elif tag == "ul" and self.depth:
            self.depth += 1
        elif tag == "a" and self.depth:
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul" and self.depth:
            self.depth -= 1


def check_published_events(site: Site, routes: Routes, output: Path, problems: Problems) -> None:
    """The published site must not still list an event that has ended as coming up."""
    base = site.config.base_path
    events = {
        base + route.path.lstrip("/"): route.item
        for route in routes
        if route.kind == "event" and isinstance(route.item, Event)
    }
    for lang in site.config.languages:
        listing = output / lang / "events" / "index.html"
        if not listing.is_file():
            continue
        parser = _UpcomingLinks()
        parser.feed(listing.read_text(encoding="utf-8", errors="replace"))
        for link in parser.links:
            event = events.get(link)
            if event is not None and event.last_day < site.today:
                problems.warning(
                    event.at,
                    f"the published site still lists this event as coming up in {lang}, but it"
                    f" ended on {event.last_day.isoformat()}",
                    "build and publish the site again",
                )


def translation_report(
    site: Site, site_dir: Path, theme_dirs: list[Path]
) -> tuple[LanguageReport, ...]:
    """Per language: every document, record field and interface string not written in it, and
    the translations whose source changed since they were made."""
    reports = []
    for lang in site.config.languages:
        gaps: list[Gap] = []
        totals: dict[str, int] = {}
        for kind, documents in (("article", site.articles), ("page", site.pages)):
            by_key: dict[str, list[Any]] = {}
            for document in documents:
                by_key.setdefault(document.key, []).append(document)
            totals[kind] = len(by_key)
            for key, versions in sorted(by_key.items()):
                if not any(version.lang == lang for version in versions):
                    folder = "articles" if kind == "article" else "pages"
                    name = f"content/{folder}/{key}.{lang}.md"
                    gaps.append(Gap(kind, name, versions[0].at))
        for kind, attribute in RECORD_KINDS:
            for record in getattr(site, attribute):
                found = list(translatables(record, ()))
                totals[kind] = totals.get(kind, 0) + len(found)
                written = None
                for path, value in found:
                    if not value.has(lang):
                        written = written or yaml_of(site_dir, record.at.path)
                        where = written.at(path) if written else record.at
                        gaps.append(Gap(kind, f"{record.at.path} {field_text(path)}", where))
        totals["interface string"] = len(site.strings[lang])
        for key, text in sorted(site.strings[lang].items()):
            if text.lang != lang:
                gaps.append(Gap("interface string", key, Position(f"templates/i18n/{lang}.yaml")))
        stale = stale_translations(site, site_dir, theme_dirs, lang)
        reports.append(LanguageReport(lang, tuple(totals.items()), tuple(gaps), stale))
    return tuple(reports)


def stale_translations(
    site: Site, site_dir: Path, theme_dirs: list[Path], lang: str
) -> tuple[Gap, ...]:
    """Translations into `lang` whose source changed since they were made: a document once."""
    if lang == site.config.default_lang:
        return ()
    stale: dict[str, Gap] = {}
    for unit in units_of(site, site_dir, theme_dirs, lang):
        if unit.is_stale:
            gap = _stale_gap(unit)
            stale.setdefault(gap.name, gap)
    return tuple(stale.values())


def _stale_gap(unit: Unit) -> Gap:
    """A stale translation named as the report names gaps: the file, or the file and field."""
    if unit.target.kind == "document":
        return Gap(unit.kind, unit.target.file, Position(unit.target.file))
    file, field = unit.context.split(":", 1)
    return Gap(unit.kind, field if unit.target.kind == "strings" else f"{file} {field}", unit.at)


def as_text(report: Report) -> str:
    """The report for a person: problems, then the translations, then the counts."""
    lines = [str(problem) for problem in report.problems]
    lines.append("Translations:")
    for language in report.translations:
        done = language.total - len(language.gaps)
        parts = ", ".join(
            f"{_COUNTED[kind]} {language.done(kind)} of {n}" for kind, n in language.totals
        )
        lines.append(
            f"  {language.lang}: {_percent(language.percent)} translated"
            f" ({done} of {language.total}: {parts}), {len(language.stale)} stale"
            + ("; missing:" if language.gaps else "")
        )
        lines += _listed(language.gaps)
        if language.stale:
            lines.append(f"  {language.lang}: stale, the source changed since it was translated:")
            lines += _listed(language.stale)
    errors, warnings = report.counts()
    lines.append(f"{errors} error(s), {warnings} warning(s).")
    return "\n".join(lines)


def _listed(gaps: tuple[Gap, ...]) -> list[str]:
    width = max((len(gap.kind) for gap in gaps), default=0)
    return [f"    {gap.kind:<{width}}  {gap.name}" for gap in gaps]


_COUNTED = {
    "article": "articles",
    "page": "pages",
    "fact sheet": "fact sheet fields",
    "hotline": "hotline fields",
    "event": "event fields",
    "campaign": "campaign fields",
    "resource": "resource fields",
    "video": "video fields",
    "interface string": "interface strings",
}


def _percent(value: float) -> str:
    """99.8%, never a rounded-up 100% while something is missing."""
    return f"{value:.0f}%" if value in (0.0, 100.0) else f"{min(value, 99.9):.1f}%"


def as_json(report: Report) -> str:
    """The report for tools."""
    errors, warnings = report.counts()
    data = {
        "errors": errors,
        "warnings": warnings,
        "problems": [
            {
                "path": problem.at.path,
                "line": problem.at.line,
                "column": problem.at.column,
                "severity": problem.severity,
                "message": problem.message,
                "hint": problem.hint,
            }
            for problem in report.problems
        ],
        "translations": {
            language.lang: {
                "total": language.total,
                "translated": language.total - len(language.gaps),
                "by_kind": {
                    kind: {"total": n, "translated": language.done(kind)}
                    for kind, n in language.totals
                },
                "percent": round(language.percent, 1),
                "missing": [_gap_json(gap) for gap in language.gaps],
                "stale_count": len(language.stale),
                "stale": [_gap_json(gap) for gap in language.stale],
            }
            for language in report.translations
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _gap_json(gap: Gap) -> dict[str, Any]:
    return {"kind": gap.kind, "name": gap.name, "path": gap.at.path, "line": gap.at.line}
