"""build.py new: a starting file for each kind of content, commented for editors, never
overwriting one.

Each file passes the build as written (articles and pages start as drafts). A hotline's number
is one reserved for examples, about which every build warns (and `check --strict` fails) until
the real number is written: a number to call for help must never be a placeholder.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from lantern.errors import Position, Problem, ProblemsFound
from lantern.model import SiteConfig
from lantern.schema import SCHEMA_DIR
from lantern.translate.digests import document_digest
from lantern.yamlfile import load_front_matter

KINDS = ("article", "page", "event", "hotline", "facts", "campaign")
_FOLDERS = {
    "article": "articles",
    "page": "pages",
    "event": "events",
    "hotline": "hotlines",
    "facts": "facts",
    "campaign": "campaigns",
}
_DOCUMENTS = ("article", "page")
# Fields a translation writes in its own language; the others it takes from its source.
_TRANSLATED = ("title", "summary", "image_alt")


@dataclass(frozen=True)
class Request:
    kind: str
    key: str
    lang: str  # the new file's language ("" for YAML: all languages live in one file)
    translate_from: str = ""


def target(site_dir: Path, request: Request) -> tuple[Path, str]:
    """The file to write and its name as messages show it."""
    folder = f"content/{_FOLDERS[request.kind]}"
    name = (
        f"{request.key}.{request.lang}.md" if request.kind in _DOCUMENTS else f"{request.key}.yaml"
    )
    return site_dir / folder / name, f"{folder}/{name}"


def create(site_dir: Path, config: SiteConfig, request: Request, today: dt.date) -> str:
    """Write the starting file; returns its name. Raises ProblemsFound, writing nothing, when
    the file exists or the request cannot be met."""
    path, shown_as = target(site_dir, request)
    if path.exists():
        raise _refusal(
            shown_as, "already exists: nothing was written", "choose another ID, or edit the file"
        )
    if request.kind in _DOCUMENTS:
        text = _document(site_dir, config, request, today)
    else:
        text = _schema_line(path, request.kind) + _YAML[request.kind](config, request.key, today)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never over a file made meanwhile
        file.write(text)
    return shown_as


def _refusal(shown_as: str, message: str, hint: str) -> ProblemsFound:
    return ProblemsFound((Problem(Position(shown_as), message, hint),))


def _title(key: str) -> str:
    return key.replace("-", " ").capitalize()


def _document(site_dir: Path, config: SiteConfig, request: Request, today: dt.date) -> str:
    if request.translate_from:
        return _translation(site_dir, request)
    lines = [
        "---",
        "# The fields between the --- lines describe the text below them (the editor guide lists",
        "# them all). Remove `draft: true` when the text is ready to be published.",
        f"title: {_title(request.key)}",
    ]
    if request.kind == "article":
        lines += [
            f"date: {today.isoformat()}",
            "summary: One or two sentences, shown in lists, feeds and shared links.",
            "tags: []",
            "# image: a-photo.jpg          # a file in content/media/",
            "# image_alt: What the photo shows, for readers who cannot see it",
        ]
    lines += [
        "draft: true",
        "---",
        "Write the text here, in Markdown. Start sections with `## A heading`.",
        "",
        f"Link to other pages of the site from the root, like [the home page](/{config.default_lang}/).",
        "",
    ]
    return "\n".join(lines)


def _translation(site_dir: Path, request: Request) -> str:
    """The source's text and translatable fields, to translate; the rest it inherits."""
    folder = _FOLDERS[request.kind]
    shown_as = f"content/{folder}/{request.key}.{request.translate_from}.md"
    source = site_dir / shown_as
    if not source.is_file():
        raise _refusal(
            shown_as,
            "there is no such file to translate from",
            f"create it first: build.py new {request.kind} {request.key} --lang {request.translate_from}",
        )
    original = load_front_matter(source, shown_as)
    data = original.front_matter.data if isinstance(original.front_matter.data, dict) else {}
    lines = [
        "---",
        f"# A translation of {request.key}.{request.translate_from}.md: translate the fields",
        "# below and the text under the --- line. Date, tags and image come from that file.",
        "# Remove `draft: true` once the whole text is translated.",
    ]
    for field in _TRANSLATED:
        if isinstance(data.get(field), str):
            lines.append(f"{field}: {_quoted(data[field])}")
    made_from = document_digest(
        str(data.get("title") or ""), str(data.get("summary") or ""), original.body
    )
    lines += [
        "# slug: a-url-in-this-language   # the page's address; the source's, translated",
        "# The source's text this translation starts from: build.py check calls the translation",
        "# stale when that text changes.",
        f"translated_from: {_quoted(made_from)}",
        "draft: true",
        "---",
        original.body.rstrip("\n"),
        "",
    ]
    return "\n".join(lines)


def _quoted(text: str) -> str:
    """A YAML scalar that stays text whatever it contains."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _schema_line(path: Path, kind: str) -> str:
    """The comment that gives YAML language servers (VS Code and others) the file's schema."""
    relative = Path(os.path.relpath(SCHEMA_DIR / f"{kind}.schema.json", path.parent))
    return f"# yaml-language-server: $schema={relative.as_posix()}\n"


def _event(config: SiteConfig, key: str, today: dt.date) -> str:
    day = (today + dt.timedelta(days=30)).isoformat()
    return f"""\
# An event: a training, a fundraiser, an awareness day or a meeting. Texts may be written once
# for every language, or per language (en: ..., es: ...); the editor guide lists every field.
title:
  {config.default_lang}: {_title(key)}
description:
  {config.default_lang}: >-
    Who it is for, what they will learn or do, and what to bring. Markdown works here.
starts: "{day}T18:00"
ends: "{day}T19:30"
timezone: {config.timezone}
kind: training          # training, fundraiser, awareness, meeting or other
# location:
#   name: Public Library, Community Room
#   address: 500 Main Street
#   city: Hartford
#   region: CT
#   online_url: https://meet.example.org/...   # for an online event, instead of an address
# registration_url: https://...
# campaign: prevention-month-2027               # the campaign it belongs to, if any
"""


def _hotline(config: SiteConfig, key: str, today: dt.date) -> str:
    return f"""\
# A hotline listing. People in danger will call this number: copy it from the service's own
# site, call it yourself, and set last_verified to that day. The number below is a placeholder
# reserved for examples: every build warns about it until you write the real one.
name:
  {config.default_lang}: {_title(key)}
operator: The organization that answers
description:
  {config.default_lang}: >-
    Who it helps, what happens when someone calls, and whether it is free and confidential.
area: US                # a country, or a US state such as US-CT
languages: [{config.default_lang}]
hours: 24/7             # or a list of opening hours; see the editor guide
last_verified: {today.isoformat()}
channels:
  - type: call          # call, text, chat, email or web
    number: 1-202-555-0143
"""


def _facts(config: SiteConfig, key: str, today: dt.date) -> str:
    return f"""\
# A fact sheet. Every figure needs its source (name, and year or period) and, when the data
# counts something other than how common trafficking is, a caveat that says so.
title:
  {config.default_lang}: {_title(key)}
summary:
  {config.default_lang}: One or two sentences on what this sheet covers.
updated: {today.isoformat()}
# facts:
#   - id: a-short-id
#     value: 44
#     unit: "%"
#     text:
#       {config.default_lang}: of ... (what the figure counts)
#     source:
#       name: Who published the figure
#       period: 2020–2022
#       url: https://...
#     caveat:
#       {config.default_lang}: What the figure does not say.
"""


def _campaign(config: SiteConfig, key: str, today: dt.date) -> str:
    year = today.year + (1 if today.month > 1 else 0)
    return f"""\
# A campaign: a month (or week) of awareness with key dates, daily actions, ready-made posts
# and downloads. See the editor guide for key_dates, actions, social_posts and downloads.
title:
  {config.default_lang}: {_title(key)}
tagline:
  {config.default_lang}: One line that says what the campaign asks of people.
description:
  {config.default_lang}: >-
    Why this campaign, and how to take part. Markdown works here.
starts: {year}-01-01
ends: {year}-01-31
hashtags: []
# key_dates:
#   - date: {year}-01-11
#     title:
#       {config.default_lang}: National Human Trafficking Awareness Day
# actions:
#   - date: {year}-01-02
#     title:
#       {config.default_lang}: Learn the signs
"""


_YAML = {"event": _event, "hotline": _hotline, "facts": _facts, "campaign": _campaign}
