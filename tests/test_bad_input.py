"""Bad input, one row each: the build stops with exit status 1, names the file, line and column,
says what to do, and leaves the last good site exactly as it was (nothing lost, nothing leaked).

Every row is built against a copy of tests/sites/minimal and of its built output, made once.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from lantern.cli import main
from tests.conftest import REPO, SITES, TODAY, run_build

MINIMAL = SITES / "minimal"
SITE = (MINIMAL / "site.yaml").read_text(encoding="utf-8")  # 7 lines: what is added is line 8
HOTLINE = (MINIMAL / "content/hotlines/national.yaml").read_text(encoding="utf-8")
HELLO = (MINIMAL / "content/articles/hello.en.md").read_text(encoding="utf-8")

ARTICLE = "content/articles/hello.en.md"
NATIONAL = "content/hotlines/national.yaml"
SAFETY = "content/pages/stay-safe-online.en.md"
FACTS = "content/facts/figures.yaml"
EVENT = "content/events/training.yaml"
CAMPAIGN = "content/campaigns/month.yaml"
RESOURCES = "content/resources/for-parents.yaml"
STRINGS = "templates/i18n/en.yaml"  # the site's own interface strings, over the theme's

GOOD_FACTS = """\
title: Figures
facts:
  - id: calls
    text: Calls in 2022
    value: 100
    source:
      name: Example survey
      year: 2022
"""
GOOD_EVENT = "title: Training\nstarts: 2027-01-14T10:00\nends: 2027-01-14T12:00\n"
GOOD_CAMPAIGN = "title: Month\nstarts: 2027-01-01\nends: 2027-01-31\n"
GOOD_RESOURCES = (
    "title: For parents\nlinks:\n  - title: A guide\n    url: https://example.org/guide\n"
)

YAML_HINT = "(hint: check the indentation and that text containing ': ' is in quotes)"
TOO_DEEP = (
    "error: the YAML is nested too deeply to be content (hint: no content type needs more than"
    " a few levels; look for a [ or { that is never closed)"
)
NO_ALIASES = (
    "error: not valid YAML: YAML anchors (&name) are not allowed (hint: write the value out in"
    " full instead of referring to another part of the file)"
)
NO_TAGS = "(hint: write plain values; remove the tag that starts with '!')"
SAVE_AS_UTF8 = '(hint: save it as UTF-8 in your editor ("Save with encoding" -> UTF-8))'
TOO_LARGE = (
    "error: the file is 20.0 MB, larger than the 2 MB a content file may be"
    " (hint: split it, or move large media to content/media/)"
)
SLUG = 'error: "slug" must be lowercase letters, digits and hyphens, like "get-help"'
BILLION_LAUGHS = 'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: &d [*c,*c]\n'
DEEP = "x: " + "[" * 10_000 + "\n"  # the 41st bracket is column 44
CSP = "the site's Content-Security-Policy blocks"
EMBED_HINT = (
    "(hint: third-party embeds are not allowed on a site for people in danger: link to the video"
    " or form instead, or show a video with {{< video ID >}})"
)
HANDLER_HINT = f"(hint: an event handler runs a script, which {CSP}; remove it)"
STYLE_HINT = (
    f"(hint: {CSP} styles written in a page; style pages in the theme's CSS (templates/static/))"
)
SCHEME_HINT = (
    "(hint: a link starts with https://, http://, mailto:, tel: or sms:, or is a path of this"
    " site such as /en/about/)"
)


@dataclass(frozen=True)
class Link:
    """A symbolic link to `target`, relative to the link's folder."""

    target: str


@dataclass(frozen=True)
class Padded:
    """`text`, then comment lines up to 20 MB: a pasted log, say. The text has a mistake of its
    own, which is not reported: a file that large is refused before any of it is read."""

    text: str


FileContent = str | bytes | Link | Padded | None  # None: delete the file


def front(fields: str, body: str = "Text.\n") -> str:
    return f"---\n{fields}---\n{body}"


def article(extra: str = "", body: str = "Text.\n") -> dict[str, FileContent]:
    """hello.en.md with its title (line 2) and date (line 3), then `extra` from line 4."""
    return {ARTICLE: front(f"title: Hello\ndate: 2026-01-05\n{extra}", body)}


def shortcode(line: str, **records: FileContent) -> dict[str, FileContent]:
    """hello.en.md with a shortcode on line 7 (its body starts on line 5), and `records`."""
    folders = {"facts": FACTS, "event": EVENT}
    return article(body=f"Intro.\n\n{line}\n") | {folders[k]: v for k, v in records.items()}


def case(id_: str, files: dict[str, FileContent], *errors: str) -> Any:
    """One row: its id, the files written into the good site, and every error line expected."""
    return pytest.param(files, errors, id=id_)


CASES = [
    # ---------------------------------------------------------------- site.yaml
    case(
        "site-yaml-syntax-error",
        {"site.yaml": "title: a: b\n" + SITE.split("\n", 3)[3]},
        f"site.yaml:1:9: error: not valid YAML: mapping values are not allowed here {YAML_HINT}",
    ),
    case(
        "site-tab-indentation",
        {"site.yaml": SITE + "organization:\n\tname: X\n"},
        "site.yaml:9:1: error: not valid YAML: a tab where YAML needs spaces"
        " (hint: indent with spaces, not tabs)",
    ),
    case(
        "site-unknown-field-close-to-a-known-one",
        {"site.yaml": SITE + "timezon: UTC\n"},
        'site.yaml:8:1: error: unknown field "timezon" (hint: did you mean "timezone"?)',
    ),
    case(
        "site-unknown-field-close-to-none",
        {"site.yaml": SITE + "colour: red\n"},
        'site.yaml:8:1: error: unknown field "colour" (hint: known fields: announcement, base_url,'
        " description, featured_campaign, headers_file, help, languages, menu, organization,"
        " output_dir,"
        " quick_exit_url, timezone, title)",
    ),
    case(
        "site-headers-file-not-a-boolean",
        {"site.yaml": SITE + 'headers_file: "no"\n'},
        'site.yaml:8:15: error: "headers_file" must be true or false'
        " (hint: write headers_file: false to leave the file out, or delete the line to write it)",
    ),
    case(
        "site-missing-required-field",
        {"site.yaml": SITE.replace("base_url: https://minimal.example.org/\n", "")},
        'site.yaml:1:1: error: the required field "base_url" is missing'
        ' (hint: add a line "base_url: ...")',
    ),
    case(
        "site-wrong-type",
        {"site.yaml": SITE.replace("languages: [en, es]", "languages: en")},
        'site.yaml:5:12: error: "languages" must be a list',
    ),
    case(
        "site-http-base-url",
        {"site.yaml": SITE.replace("https://minimal", "http://minimal")},
        'site.yaml:4:11: error: "base_url" must be the full https:// address the site is published'
        " at, ending in / (hint: for example https://coalition.example.org/ or"
        " https://example.org/network/)",
    ),
    case(
        "site-invalid-time-zone",
        {"site.yaml": SITE.replace("America/New_York", "America/New_Yrok")},
        'site.yaml:6:11: error: "America/New_Yrok" is not a time zone name'
        " (hint: use an IANA name such as America/New_York or Europe/Madrid)",
    ),
    case(
        "site-unknown-language",
        {"site.yaml": SITE.replace("[en, es]", "[en, xx]")},
        'site.yaml:5:17: error: "xx" is not a language known to CLDR'
        " (hint: use a BCP 47 tag such as en, es, pt-BR, ar or zh-Hant)",
    ),
    case(
        "site-help-names-no-hotline",
        {"site.yaml": SITE.replace("[national]", "[nationl]")},
        'site.yaml:7:8: error: help lists "nationl", but there is no content/hotlines/nationl.yaml'
        ' (hint: did you mean "national"?)',
    ),
    case(
        "site-menu-names-no-page",
        {"site.yaml": SITE + "menu:\n  - page: stay-safe-onlin\n"},
        'site.yaml:9:11: error: the menu names the page "stay-safe-onlin", which does not exist'
        ' (hint: did you mean "stay-safe-online"?)',
    ),
    case(
        "site-featured-campaign-names-nothing",
        {"site.yaml": SITE + "featured_campaign: nothing\n"},
        'site.yaml:8:20: error: featured_campaign names "nothing", but there is no'
        " content/campaigns/nothing.yaml (hint: use the file name (without .yaml) of a campaign)",
    ),
    case(
        "site-empty-file",
        {"site.yaml": ""},
        "site.yaml:1:1: error: site.yaml must be a mapping of settings such as title:",
    ),
    case(
        "site-not-a-mapping",
        {"site.yaml": "- title\n- base_url\n"},
        "site.yaml:1:1: error: site.yaml must be a mapping of settings such as title:",
    ),
    case(
        "output-dir-is-the-site-folder",
        {"site.yaml": SITE + "output_dir: .\n"},
        'site.yaml:8:13: error: output_dir "." is the site folder itself: a build would replace'
        " the whole site (hint: use a folder of its own, such as _site)",
    ),
    case(
        "output-dir-leaves-the-site-folder",
        {"site.yaml": SITE + "output_dir: ../public\n"},
        'site.yaml:8:13: error: output_dir "../public" leaves the site folder'
        " (hint: use a folder of its own, such as _site, or pass --out DIR to build elsewhere)",
    ),
    case(
        "output-dir-absolute",
        {"site.yaml": SITE + "output_dir: /var/www\n"},
        'site.yaml:8:13: error: output_dir "/var/www" leaves the site folder'
        " (hint: use a folder of its own, such as _site, or pass --out DIR to build elsewhere)",
    ),
    case(
        "output-dir-backslashes",
        {"site.yaml": SITE + "output_dir: '..\\public'\n"},
        "site.yaml:8:13: error: output_dir may only hold folder names and /, not \\ or a NUL"
        " character (hint: use a folder of its own, such as _site)",
    ),
    case(
        "output-dir-nul",
        {"site.yaml": SITE + 'output_dir: "_site\\0"\n'},
        "site.yaml:8:13: error: output_dir may only hold folder names and /, not \\ or a NUL"
        " character (hint: use a folder of its own, such as _site)",
    ),
    case(
        "output-dir-inside-content",
        {"site.yaml": SITE + "output_dir: content/www\n"},
        'site.yaml:8:13: error: output_dir "content/www" would mix the built site into content,'
        " which the site already uses (hint: use a folder of its own, such as _site)",
    ),
    # ---------------------------------------------------------------- any YAML: safety
    case(
        "yaml-python-object-tag",
        {"site.yaml": SITE + "x: !!python/object/apply:os.system [echo hi]\n"},
        "site.yaml:8:4: error: the YAML tag !!python/object/apply:os.system is not allowed "
        + NO_TAGS,
    ),
    case(
        "yaml-custom-tag",
        {"site.yaml": SITE + "x: !include secrets.yaml\n"},
        f"site.yaml:8:4: error: the YAML tag !include is not allowed {NO_TAGS}",
    ),
    case(
        "yaml-billion-laughs", {"site.yaml": SITE + BILLION_LAUGHS}, "site.yaml:8:4: " + NO_ALIASES
    ),
    case("yaml-10000-levels-deep", {"site.yaml": SITE + DEEP}, "site.yaml:8:44: " + TOO_DEEP),
    case("yaml-20-mb", {"site.yaml": Padded(SITE + "timezon: UTC\n")}, "site.yaml: " + TOO_LARGE),
    case(
        "yaml-nul-byte",
        {"site.yaml": SITE + "x: a\0b\n"},
        "site.yaml:8:5: error: the file contains a NUL character"
        " (hint: save it again as plain UTF-8 text)",
    ),
    case(
        "yaml-utf-16",
        {"site.yaml": SITE.encode("utf-16")},
        f"site.yaml:1: error: the file is saved as UTF-16, not UTF-8 {SAVE_AS_UTF8}",
    ),
    case(
        "yaml-second-document",
        {"site.yaml": SITE + "---\nb: 2\n"},
        "site.yaml:8:1: error: not valid YAML: a second document starts here (hint: a file holds"
        " one set of fields: remove this '---' line, or the lines after it)",
    ),
    case(
        "yaml-key-twice",
        {"site.yaml": SITE + "timezone: UTC\n"},
        'site.yaml:8:1: error: the key "timezone" appears twice'
        " (hint: keep one of them; YAML would silently use only the last)",
    ),
    case(
        "yaml-key-is-a-list",
        {"site.yaml": SITE + "[a]: b\n"},
        "site.yaml:8:1: error: a key must be a plain word, not a list or mapping"
        " (hint: write a field name such as title: at the start of the line, then its value)",
    ),
    # ---------------------------------------------------------------- front matter
    case(
        "front-matter-syntax-error",
        {ARTICLE: front("title: [Hello\ndate: 2026-01-05\n")},
        "content/articles/hello.en.md:3:5: error: not valid YAML: expected ',' or ']', but got ':'"
        f" {YAML_HINT}",
    ),
    case(
        "front-matter-unknown-field",
        article("sumary: x\n"),
        'content/articles/hello.en.md:4:1: error: unknown field "sumary"'
        ' (hint: did you mean "summary"?)',
    ),
    case(
        "front-matter-missing-title",
        {ARTICLE: front("date: 2026-01-05\n")},
        'content/articles/hello.en.md:2:1: error: the required field "title" is missing'
        ' (hint: add a line "title: ...")',
    ),
    case(
        "front-matter-yes-is-not-true",
        article("draft: yes\n"),
        'content/articles/hello.en.md:4:8: error: "draft" must be true or false',
    ),
    case(
        "front-matter-wrong-type",
        article("tags: news\n"),
        'content/articles/hello.en.md:4:7: error: "tags" must be a list',
    ),
    case(
        "front-matter-date-that-does-not-exist",
        {ARTICLE: front("title: Hello\ndate: 2026-02-30\n")},
        'content/articles/hello.en.md:3:7: error: "date" is not a real date: 2026-02-30',
    ),
    case(
        "front-matter-date-not-iso",
        {ARTICLE: front("title: Hello\ndate: 01/05/2026\n")},
        'content/articles/hello.en.md:3:7: error: "date" must be a date written YYYY-MM-DD,'
        " like 2027-01-11",
    ),
    case(
        "front-matter-not-closed",
        {ARTICLE: "---\ntitle: Hello\ndate: 2026-01-05\nText\n"},
        "content/articles/hello.en.md:1:1: error: the front matter is not closed"
        " (hint: end the front matter with a line of three dashes: ---)",
    ),
    case(
        "front-matter-empty-file",
        {ARTICLE: ""},
        "content/articles/hello.en.md:1:1: error: the file does not start with front matter"
        " (hint: begin the file with a line '---', then 'title: ...', then a line '---')",
    ),
    case(
        "front-matter-not-a-mapping",
        {ARTICLE: front("- title\n- date\n")},
        "content/articles/hello.en.md:2:1: error: the front matter must be fields such as title:"
        " and date: (hint: write one 'field: value' per line between the --- lines)",
    ),
    case(
        "front-matter-python-tag",
        {ARTICLE: front("title: !!python/object/apply:os.system [echo hi]\ndate: 2026-01-05\n")},
        "content/articles/hello.en.md:2:8: error: the YAML tag !!python/object/apply:os.system"
        f" is not allowed {NO_TAGS}",
    ),
    case(
        "front-matter-billion-laughs",
        article(BILLION_LAUGHS),
        "content/articles/hello.en.md:4:4: " + NO_ALIASES,
    ),
    case("front-matter-deep", article(DEEP), "content/articles/hello.en.md:4:44: " + TOO_DEEP),
    case(
        "markdown-20-mb",
        {ARTICLE: Padded(front("title: Hello\ndate: 2026-01-05\nsumary: x\n"))},
        "content/articles/hello.en.md: " + TOO_LARGE,
    ),
    case(
        "markdown-not-utf-8",
        {ARTICLE: front("title: Caf\xe9\ndate: 2026-01-05\n").encode("latin-1")},
        f"content/articles/hello.en.md:2: error: the file is not UTF-8 text {SAVE_AS_UTF8}",
    ),
    case(
        "markdown-utf-16",
        {ARTICLE: HELLO.encode("utf-16")},
        "content/articles/hello.en.md:1: error: the file is saved as UTF-16, not UTF-8"
        f" {SAVE_AS_UTF8}",
    ),
    # ---------------------------------------------------------------- slugs, keys and paths
    case("slug-with-dot-dot", article("slug: ../../etc\n"), f"{ARTICLE}:4:7: {SLUG}"),
    case("slug-absolute", article("slug: /etc/passwd\n"), f"{ARTICLE}:4:7: {SLUG}"),
    case("slug-with-backslashes", article("slug: '..\\..\\x'\n"), f"{ARTICLE}:4:7: {SLUG}"),
    case("slug-with-nul", article('slug: "a\\0b"\n'), f"{ARTICLE}:4:7: {SLUG}"),
    case(
        "slug-taken-by-another-article",
        {
            "content/articles/only-english.en.md": front(
                "title: Only\ndate: 2026-02-01\nslug: hello\n"
            )
        },
        'content/articles/only-english.en.md:2:1: error: the article slug "hello" is already used'
        " in en by content/articles/hello.en.md"
        " (hint: set a different slug: in the front matter of one of them)",
    ),
    case(
        "slug-taken-by-another-page",
        {"content/pages/about.es.md": front("title: Sobre\nslug: navegar-seguro\n")},
        'content/pages/stay-safe-online.es.md:2:1: error: the page slug "navegar-seguro" is already'
        " used in es by content/pages/about.es.md"
        " (hint: set a different slug: in the front matter of one of them)",
    ),
    case(
        "page-slug-is-a-section",
        {"content/pages/stay-safe-online.es.md": front("title: Navegar\nslug: articles\n")},
        'content/pages/stay-safe-online.es.md:2:1: error: the slug "articles" is the name of a'
        " section (hint: choose another slug; these are taken: articles, tags, facts, hotlines,"
        " resources, events, campaigns)",
    ),
    case(
        "page-with-a-mistake-is-not-also-missing",
        {SAFETY: front("title: Staying safe\nmenu: first\n")},
        'content/pages/stay-safe-online.en.md:3:7: error: "menu" must be a whole number',
    ),
    case(
        "safety-page-missing",
        {SAFETY: None, "content/pages/stay-safe-online.es.md": None},
        'content/pages/stay-safe-online.en.md: error: the "stay-safe-online" page is missing'
        " (hint: every page links to it from the quick-exit area: write how to browse safely,"
        " that quick exit does not erase history, and that Shift pressed three times leaves)",
    ),
    case(
        "file-name-not-a-key",
        {"content/articles/Hello World.en.md": front("title: Hi\ndate: 2026-01-05\n")},
        'content/articles/Hello World.en.md: error: "Hello World" is not a valid key'
        " (hint: use lowercase letters, digits and hyphens: signs-of-trafficking)",
    ),
    case(
        "file-name-language-not-in-site",
        {"content/articles/hello.fr.md": front("title: Bonjour\n")},
        'content/articles/hello.fr.md: error: "fr" is not one of the site\'s languages (en, es)'
        " (hint: rename the file with a language listed in site.yaml, or add the language there)",
    ),
    case(
        "same-key-in-a-subfolder",
        {"content/articles/2026/hello.en.md": HELLO},
        "content/articles/hello.en.md: error: hello.en.md is also at"
        " content/articles/2026/hello.en.md (hint: rename one of them: a KEY.LANG.md name is"
        " used once in content/articles/, subfolders included)",
    ),
    case(
        "translation-of-nothing",
        {"content/articles/orphan.es.md": front("title: Huérfano\n")},
        'content/articles/orphan.es.md:2:1: error: the required field "date" is missing'
        " (hint: add a line such as 'date: 2026-11-25'"
        " (there is no orphan.en.md to inherit it from))",
    ),
    case(
        "image-path-leaves-media",
        article("image: ../../../etc/passwd\nimage_alt: x\n"),
        'content/articles/hello.en.md:4:8: error: the image "../../../etc/passwd" is not in'
        " content/media/"
        " (hint: put the file in content/media/ and give its path relative to that folder)",
    ),
    case(
        "media-link-to-a-file-outside-media",
        {"content/media/notes.txt": Link("../../site.yaml")},
        "content/media/notes.txt: error: the file is a link to a file outside content/media/"
        " (hint: copy the file itself into content/media/: everything in it is published)",
    ),
    case(
        "static-link-to-a-file-outside-static",
        {"static/notes.txt": Link("../site.yaml")},
        "static/notes.txt: error: the file is a link to a file outside static/"
        " (hint: copy the file itself into static/: everything in it is published)",
    ),
    case(
        "theme-static-link-to-a-file-outside",
        {"templates/static/notes.txt": Link("../../site.yaml")},
        "templates/static/notes.txt: error: the file is a link to a file outside templates/static/"
        " (hint: copy the file itself into templates/static/: everything in it is published)",
    ),
    # ---------------------------------------------------------------- shortcodes
    case(
        "shortcode-unknown-name",
        shortcode("{{< hotlien national >}}"),
        f'{ARTICLE}:7:1: error: unknown shortcode "hotlien" (hint: did you mean "hotline"?)',
    ),
    case(
        "shortcode-hotline-names-nothing",
        shortcode("{{< hotline nationl >}}"),
        f'{ARTICLE}:7:1: error: hotline shortcode: there is no hotline "nationl"'
        ' (hint: did you mean "national"?)',
    ),
    case(
        "shortcode-hotline-path-traversal",
        shortcode("{{< hotline ../../etc/passwd >}}"),
        f'{ARTICLE}:7:1: error: hotline shortcode: there is no hotline "../../etc/passwd"'
        " (hint: use the file name of content/hotlines/ID.yaml, without .yaml)",
    ),
    case(
        "shortcode-fact-names-nothing",
        shortcode("{{< fact figures/nothing >}}", facts=GOOD_FACTS),
        f'{ARTICLE}:7:1: error: fact shortcode: there is no fact "figures/nothing"'
        " (hint: write SHEET/ID: the file name in content/facts/ and the id of one of its facts)",
    ),
    case(
        "shortcode-chart-names-nothing",
        shortcode("{{< chart figures/calls >}}", facts=GOOD_FACTS),
        f'{ARTICLE}:7:1: error: chart shortcode: there is no chart "figures/calls"'
        " (hint: write SHEET/ID: the file name in content/facts/ and the id of one of its charts)",
    ),
    case(
        "shortcode-signs-names-a-sheet-without-signs",
        shortcode("{{< signs figures >}}", facts=GOOD_FACTS),
        f'{ARTICLE}:7:1: error: signs shortcode: there is no fact sheet with signs "figures"'
        " (hint: use the file name of a fact sheet in content/facts/ that has signs:)",
    ),
    case(
        "shortcode-event-names-nothing",
        shortcode("{{< event trainin >}}", event=GOOD_EVENT),
        f'{ARTICLE}:7:1: error: event shortcode: there is no event "trainin"'
        ' (hint: did you mean "training"?)',
    ),
    case(
        "shortcode-resources-names-nothing",
        shortcode("{{< resources nothing >}}"),
        f'{ARTICLE}:7:1: error: resources shortcode: there is no resources list "nothing"'
        " (hint: use the file name of content/resources/ID.yaml, without .yaml)",
    ),
    case(
        "shortcode-without-argument",
        shortcode("{{< hotline >}}"),
        f"{ARTICLE}:7:1: error: the hotline shortcode needs a hotline id"
        " (hint: for example {{< hotline ID >}})",
    ),
    case(
        "shortcode-in-a-fact-sheet-body",
        {FACTS: GOOD_FACTS + "body: |\n  Intro.\n\n  {{< hotline nothing >}}\n"},
        f'{FACTS}:12:3: error: hotline shortcode: there is no hotline "nothing"'
        " (hint: use the file name of content/hotlines/ID.yaml, without .yaml)",
    ),
    case(
        "shortcode-in-an-event-description",
        {EVENT: GOOD_EVENT + "description:\n  en: |\n    {{< fact a/b >}}\n"},
        f'{EVENT}:6:5: error: fact shortcode: there is no fact "a/b"'
        " (hint: write SHEET/ID: the file name in content/facts/ and the id of one of its facts)",
    ),
    # ---------------------------------------------------------------- raw HTML in Markdown
    case(
        "html-script",
        article(body="Intro.\n\n<script>alert(1)</script>\n"),
        f"{ARTICLE}:7: error: <script> is not allowed in Markdown (hint: {CSP} scripts written"
        " in a page; scripts belong in the theme (templates/static/))",
    ),
    case(
        "html-event-handler",
        article(body="Intro.\n\n<img src=x onerror=alert(1)>\n"),
        f"{ARTICLE}:7: error: the attribute onerror= on <img> is not allowed {HANDLER_HINT}",
    ),
    case(
        "html-iframe-embed",
        article(body='Intro.\n\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n'),
        f"{ARTICLE}:7: error: <iframe> is not allowed in Markdown {EMBED_HINT}",
    ),
    case(
        "html-object",
        article(body='Intro.\n\n<object data="/media/a.svg"></object>\n'),
        f"{ARTICLE}:7: error: <object> is not allowed in Markdown {EMBED_HINT}",
    ),
    case(
        "html-embed",
        article(body='Intro.\n\n<embed src="/media/a.svg">\n'),
        f"{ARTICLE}:7: error: <embed> is not allowed in Markdown {EMBED_HINT}",
    ),
    case(
        "html-style-element",
        article(body="Intro.\n\n<style>body { display: none }</style>\n"),
        f"{ARTICLE}:7: error: <style> is not allowed in Markdown {STYLE_HINT}",
    ),
    case(
        "html-style-attribute",
        article(body='Intro.\n\nA <span style="color: red">red</span> word.\n'),
        f"{ARTICLE}:7: error: the attribute style= on <span> is not allowed {STYLE_HINT}",
    ),
    case(
        "html-handler-in-an-attribute-list",
        article(body='## Heading {: onclick="alert(1)" }\n'),
        f"{ARTICLE}:5: error: the attribute onclick= on <h2> is not allowed {HANDLER_HINT}",
    ),
    case(
        "html-form",
        article(body='Intro.\n\n<form action="https://forms.example.org/x"><input></form>\n'),
        f"{ARTICLE}:7: error: <form> is not allowed in Markdown (hint: link to the form on its"
        " own site instead: a form here sends what readers type to another site)",
        f"{ARTICLE}:7: error: <input> is not allowed in Markdown (hint: write it in Markdown, or"
        " use headings, lists, tables, figure, details/summary, abbr, kbd, mark, sup/sub, span,"
        " div, img and a)",
    ),
    case(
        "html-base",
        article(body='Intro.\n\n<base href="https://elsewhere.example/">\n'),
        f"{ARTICLE}:7: error: <base> is not allowed in Markdown (hint: it changes where every"
        " link of the page leads; remove it)",
    ),
    case(
        "html-meta",
        article(body='Intro.\n\n<meta http-equiv="refresh" content="0; url=/en/">\n'),
        f"{ARTICLE}:7: error: <meta> is not allowed in Markdown (hint: it can send readers to"
        " another page or change the page's settings; remove it)",
    ),
    case(
        "html-srcdoc",
        article(body='Intro.\n\n<div srcdoc="<p>x</p>">Text</div>\n'),
        f"{ARTICLE}:7: error: the attribute srcdoc= on <div> is not allowed (hint: it holds a"
        " whole page of HTML, scripts included; remove it)",
    ),
    case(
        "html-formaction",
        article(body='Intro.\n\n<span formaction="/x">Text</span>\n'),
        f"{ARTICLE}:7: error: the attribute formaction= on <span> is not allowed (hint: it sends"
        " a form to another address; remove it)",
    ),
    case(
        "html-unknown-attribute",
        article(body="Intro.\n\n<p hidden>Text</p>\n"),
        f"{ARTICLE}:7: error: the attribute hidden= on <p> is not allowed (hint: allowed on <p>:"
        " class, dir, id, lang, title)",
    ),
    case(
        "html-data-url-in-an-image",
        article(body='Intro.\n\n<img src="DaTa:image/svg+xml,x" alt="x">\n'),
        f'{ARTICLE}:7: error: the link "DaTa:image/svg+xml,x" starts with "data:", which is not'
        f" allowed {SCHEME_HINT}",
    ),
    case(
        "html-javascript-by-entities",
        article(body='Intro.\n\n<a href="&#106;avascript&colon;alert(1)">x</a>\n'),
        f'{ARTICLE}:7: error: the link "&#106;avascript&colon;alert(1)" starts with'
        f' "javascript:", which is not allowed {SCHEME_HINT}',
    ),
    case(
        "html-external-image",
        article(body="Intro.\n\n![A map](https://maps.example.org/map.png)\n"),
        f'{ARTICLE}:7: error: the image "https://maps.example.org/map.png" is on another site'
        " (hint: loading it is a third-party request, which tells that site who reads this page:"
        " copy the image into content/media/ and write its path, e.g. /media/NAME.jpg)",
    ),
    case(
        "html-in-a-fact-sheet-body",
        {FACTS: GOOD_FACTS + "body: |\n  Intro.\n\n  <script>alert(1)</script>\n"},
        f"{FACTS}:12: error: <script> is not allowed in Markdown (hint: {CSP} scripts written"
        " in a page; scripts belong in the theme (templates/static/))",
    ),
    # ---------------------------------------------------------------- hotlines
    case(
        "hotline-phone-number-too-short",
        {NATIONAL: HOTLINE.replace("1-888-373-7888", "1-888-373-788")},
        f'{NATIONAL}:9:13: error: "1-888-373-788" is not a valid US phone number'
        " (hint: 10 digits, e.g. 1-888-373-7888)",
    ),
    case(
        "hotline-phone-number-in-words",
        {NATIONAL: HOTLINE.replace("1-888-373-7888", "call us")},
        f'{NATIONAL}:9:13: error: "call us" is not a valid US phone number'
        " (hint: 10 digits, e.g. 1-888-373-7888)",
    ),
    case(
        "hotline-short-code-for-a-call",
        {NATIONAL: HOTLINE.replace("1-888-373-7888", "233733")},
        f'{NATIONAL}:9:13: error: "233733" is not a valid US phone number'
        " (hint: a short code can only be used for a text channel)",
    ),
    case(
        "hotline-missing-required-field",
        {NATIONAL: HOTLINE.replace("last_verified: 2026-11-01\n", "")},
        f'{NATIONAL}:1:1: error: the required field "last_verified" is missing'
        ' (hint: add a line "last_verified: ...")',
    ),
    case(
        "hotline-unknown-field",
        {NATIONAL: HOTLINE.replace("channels:", "chanels:")},
        f'{NATIONAL}:1:1: error: the required field "channels" is missing'
        ' (hint: add a line "channels: ...")',
        f'{NATIONAL}:7:1: error: unknown field "chanels" (hint: did you mean "channels"?)',
    ),
    case(
        "hotline-invalid-time-zone",
        {
            NATIONAL: HOTLINE.replace(
                "hours: 24/7",
                "hours:\n  - days: [mo]\n    opens: 09:00\n    closes: 17:00\ntimezone: Mars/Olympus",
            )
        },
        f'{NATIONAL}:9:11: error: "Mars/Olympus" is not a time zone name'
        " (hint: use an IANA name such as America/New_York or Europe/Madrid)",
    ),
    case(
        "hotline-hours-without-time-zone",
        {
            NATIONAL: HOTLINE.replace(
                "hours: 24/7", "hours:\n  - days: [mo]\n    opens: 09:00\n    closes: 17:00"
            )
        },
        f"{NATIONAL}:6:3: error: hours need a timezone"
        " (hint: add a line such as 'timezone: America/New_York' to the hotline)",
    ),
    case(
        "hotline-time-that-does-not-exist",
        {
            NATIONAL: HOTLINE.replace(
                "hours: 24/7",
                "hours:\n  - days: [mo]\n    opens: 25:00\n    closes: 17:00\n"
                "timezone: America/New_York",
            )
        },
        f'{NATIONAL}:7:12: error: "hours[1].opens" must be a time written HH:MM,'
        " like 09:00 or 17:30",
    ),
    case(
        "hotline-date-that-does-not-exist",
        {NATIONAL: HOTLINE.replace("2026-11-01", "2026-13-01")},
        f'{NATIONAL}:6:16: error: "last_verified" is not a real date: 2026-13-01',
    ),
    case(
        "hotline-unknown-channel-type",
        {NATIONAL: HOTLINE.replace("type: call", "type: fax")},
        f'{NATIONAL}:8:11: error: "channels[1].type" must be one of: call, text, chat, email, web',
    ),
    case(
        "hotline-id-taken-twice",
        {"content/hotlines/national.yml": HOTLINE},
        'content/hotlines/national.yml: error: the id "national" is already taken by'
        f" {NATIONAL} (hint: keep one of the two files: an id is the file name without .yaml"
        " or .yml)",
    ),
    case(
        "hotline-file-name-not-an-id",
        {"content/hotlines/National Hotline.yaml": HOTLINE},
        "content/hotlines/National Hotline.yaml: error: the file must be named ID.yaml, the id in"
        " lowercase letters, digits and hyphens (hint: for example national-hotline.yaml)",
    ),
    case(
        "hotline-text-in-a-language-not-in-site",
        {NATIONAL: HOTLINE.replace("  es: Línea", "  fr: Ligne")},
        f'{NATIONAL}:3:3: error: "fr" is not one of the site\'s languages (en, es)'
        " (hint: use a language listed under languages: in site.yaml, or add it there)",
    ),
    case(
        "hotline-empty-file",
        {NATIONAL: ""},
        f"{NATIONAL}:1:1: error: the file is empty"
        " (hint: write its fields, one 'field: value' per line, or delete the file)",
    ),
    # ---------------------------------------------------------------- fact sheets
    case(
        "facts-id-twice",
        {FACTS: GOOD_FACTS + GOOD_FACTS.split("facts:\n")[1]},
        f'{FACTS}:9:9: error: the id "calls" is used twice in facts'
        " (hint: give each one its own id: references like SHEET/ID must point at one thing)",
    ),
    case(
        "facts-missing-source",
        {FACTS: GOOD_FACTS.split("    source:")[0]},
        f'{FACTS}:3:5: error: the required field "source" is missing in "facts[1]"'
        ' (hint: add a line "source: ...")',
    ),
    case(
        "facts-value-not-a-number",
        {FACTS: GOOD_FACTS.replace("value: 100", "value: many")},
        f'{FACTS}:5:12: error: "facts[1].value" must be a number',
    ),
    case(
        "facts-unknown-field",
        {FACTS: GOOD_FACTS.replace("    value: 100\n", "    value: 100\n    caveats: x\n")},
        f'{FACTS}:6:5: error: unknown field "caveats" in "facts[1]" (hint: did you mean "caveat"?)',
    ),
    case(
        "facts-source-without-year",
        {FACTS: GOOD_FACTS.replace("      year: 2022\n", "")},
        f"{FACTS}:7:7: error: a source needs a year or a period"
        " (hint: add 'year: 2021' or 'period: 2020–2022' under source:)",
    ),
    # ---------------------------------------------------------------- events
    case(
        "event-ends-before-it-starts",
        {EVENT: GOOD_EVENT.replace("T12:00", "T09:00")},
        f'{EVENT}:3:7: error: "ends" (2027-01-14T09:00) must come after "starts"'
        " (2027-01-14T10:00)"
        " (hint: check the day and the time; leave out ends: when there is no set end)",
    ),
    case(
        "event-invalid-time-zone",
        {EVENT: GOOD_EVENT + "timezone: Europe/Londn\n"},
        f'{EVENT}:4:11: error: "Europe/Londn" is not a time zone name'
        " (hint: use an IANA name such as America/New_York or Europe/Madrid)",
    ),
    case(
        "event-time-skipped-by-daylight-saving",
        {EVENT: "title: Training\nstarts: 2027-03-14T02:30\n"},
        f'{EVENT}:2:9: error: "starts" (2027-03-14T02:30) does not exist in America/New_York:'
        " the clocks go forward then"
        " (hint: choose a time outside the skipped hour, e.g. one hour later)",
    ),
    case(
        "event-date-that-does-not-exist",
        {EVENT: "title: Training\nstarts: 2027-02-30T10:00\n"},
        f'{EVENT}:2:9: error: "starts" is not a real date and time: 2027-02-30T10:00'
        " (hint: check that the day exists in that month and the time is between 00:00 and 23:59)",
    ),
    case(
        "event-campaign-names-nothing",
        {EVENT: GOOD_EVENT + "campaign: nothing\n"},
        f'{EVENT}:4:11: error: there is no campaign "nothing"'
        " (hint: use the file name of content/campaigns/ID.yaml, without .yaml)",
    ),
    case(
        "event-unknown-kind",
        {EVENT: GOOD_EVENT + "kind: party\n"},
        f'{EVENT}:4:7: error: "kind" must be one of: training, fundraiser, awareness, meeting,'
        " other",
    ),
    case(
        "event-image-absolute-path",
        {EVENT: GOOD_EVENT + "image: /etc/passwd\nimage_alt: x\n"},
        f'{EVENT}:4:8: error: the image "/etc/passwd" is not in content/media/'
        " (hint: put the file in content/media/ and give its path relative to that folder)",
    ),
    # ---------------------------------------------------------------- campaigns
    case(
        "campaign-fact-names-nothing",
        {CAMPAIGN: GOOD_CAMPAIGN + "facts: [figures/nothing]\n"},
        f'{CAMPAIGN}:4:9: error: there is no fact "figures/nothing" (hint: write SHEET/ID: the'
        " file name in content/facts/ and the id of one of its facts"
        " (is there a content/facts/figures.yaml with a fact of that id?))",
    ),
    case(
        "campaign-action-outside-the-campaign",
        {CAMPAIGN: GOOD_CAMPAIGN + "actions:\n  - date: 2027-02-02\n    title: Act\n"},
        f"{CAMPAIGN}:5:11: error: the action's date 2027-02-02 is not a day of the campaign"
        " (2027-01-01 to 2027-01-31) (hint: give each action a date between starts and ends)",
    ),
    case(
        "campaign-missing-required-field",
        {CAMPAIGN: GOOD_CAMPAIGN.replace("ends: 2027-01-31\n", "")},
        f'{CAMPAIGN}:1:1: error: the required field "ends" is missing'
        ' (hint: add a line "ends: ...")',
    ),
    case(
        "campaign-download-leaves-media",
        {CAMPAIGN: GOOD_CAMPAIGN + "downloads:\n  - title: Flyer\n    file: ../../site.yaml\n"},
        f'{CAMPAIGN}:6:11: error: the file "../../site.yaml" is not in content/media/'
        " (hint: put the file in content/media/ and give its path relative to that folder)",
    ),
    # ---------------------------------------------------------------- resources
    case(
        "resources-link-without-url",
        {RESOURCES: GOOD_RESOURCES.replace("    url: https://example.org/guide\n", "")},
        f'{RESOURCES}:3:5: error: the required field "url" is missing in "links[1]"'
        ' (hint: add a line "url: ...")',
    ),
    case(
        "resources-unknown-language",
        {RESOURCES: GOOD_RESOURCES + "    languages: [qq]\n"},
        f'{RESOURCES}:5:17: error: "qq" is not a language known to CLDR'
        " (hint: use a BCP 47 tag such as en, es, pt-BR, ar or zh-Hant)",
    ),
    # ---------------------------------------------------------------- interface strings
    case(
        "strings-not-text",
        {STRINGS: "quick_exit: [Leave, now]\n"},
        f'{STRINGS}:1:13: error: the interface string "quick_exit" must be text'
        " (hint: write the text after the key, in quotes when it contains ': ')",
    ),
    case(
        "strings-yaml-syntax-error",
        {STRINGS: "quick_exit: 'Leave\n"},
        f"{STRINGS}:2:1: error: not valid YAML: found unexpected end of stream {YAML_HINT}",
    ),
    case(
        "strings-unknown-key",
        {STRINGS: "quik_exit: Leave\n"},
        f'{STRINGS}:1:1: error: the theme has no interface string "quik_exit"'
        ' (hint: did you mean "quick_exit"?)',
    ),
    case(
        "strings-placeholder-the-templates-do-not-fill",
        {STRINGS: 'feed_title: "{sitename}: news"\n'},
        f'{STRINGS}:1:13: error: the interface string "feed_title" uses {{sitename}}, which the'
        ' templates do not fill in (hint: use {site} as the theme does: "{site}: news and'
        ' articles"; to show a brace, write it twice)',
    ),
    case(
        "strings-brace-without-its-pair",
        {"templates/i18n/es.yaml": 'feed_title: "{site: noticias"\n'},
        'templates/i18n/es.yaml:1:13: error: the interface string "feed_title" has a { or }'
        ' without its pair (hint: use {site} as the theme does: "{site}: news and articles";'
        " to show a brace, write it twice)",
    ),
]


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal site and its output, built once: every row starts from a copy of both."""
    folder = tmp_path_factory.mktemp("good")
    shutil.copytree(MINIMAL, folder / "site")
    options = ["--today", TODAY, "--quiet"]
    assert main(["--site", str(folder / "site"), "--out", str(folder / "out"), *options]) == 0
    return folder


def copy_of(good: Path, folder: Path) -> tuple[Path, Path]:
    """A copy of the good site and of its output, file times kept."""
    shutil.copytree(good / "site", folder / "site", symlinks=True)
    shutil.copytree(good / "out", folder / "out")
    return folder / "site", folder / "out"


def write(site: Path, files: dict[str, FileContent]) -> None:
    for relative, content in files.items():
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            target.unlink()
        elif isinstance(content, Link):
            target.symlink_to(content.target)
        elif isinstance(content, Padded):
            line = b"# " + b"x" * 77 + b"\n"
            target.write_bytes(content.text.encode() + line * (20_000_000 // len(line)))
        else:
            data = content if isinstance(content, bytes) else content.encode()
            target.write_bytes(data)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int] | None]:
    """Every file's bytes and modification time, and every folder, by path."""
    return {
        path.relative_to(folder).as_posix(): (
            (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() else None
        )
        for path in folder.rglob("*")
    }


def assert_reported(status: int, stderr: str, errors: tuple[str, ...]) -> None:
    assert "Traceback" not in stderr
    assert status == 1, stderr
    assert [line for line in stderr.splitlines() if ": error: " in line] == list(errors)
    summary = f"{len(errors)} error(s): nothing was written; the previous site is unchanged."
    assert stderr.splitlines()[-1] == summary


@pytest.mark.parametrize(("files", "errors"), CASES)
def test_bad_input_is_reported_and_the_last_site_is_kept(
    files: dict[str, FileContent],
    errors: tuple[str, ...],
    good: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site, out = copy_of(good, tmp_path)
    before = snapshot(out)
    write(site, files)
    built = run_build(site, out, capsys=capsys)
    assert_reported(built.status, built.stderr, errors)
    assert snapshot(out) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out", "site"]  # no staging left


BY_ID = {row.id: row for row in CASES}


@pytest.mark.parametrize("id_", ["yaml-python-object-tag", "yaml-10000-levels-deep", "yaml-20-mb"])
def test_bad_input_stops_the_process_with_status_1(id_: str, good: Path, tmp_path: Path) -> None:
    files, errors = BY_ID[id_].values
    site, out = copy_of(good, tmp_path)
    before = snapshot(out)
    write(site, files)
    options = ["--site", str(site), "--out", str(out), "--today", TODAY, "--quiet"]
    process = subprocess.run(
        [sys.executable, "build.py", *options],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert_reported(process.returncode, process.stderr, errors)
    assert snapshot(out) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out", "site"]


def test_a_utf8_byte_order_mark_is_read_as_if_it_were_not_there(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, _ = copy_of(good, tmp_path)
    bom = "\ufeff"
    write(
        site,
        {
            "site.yaml": bom + SITE,
            NATIONAL: bom + HOTLINE,
            ARTICLE: (bom + HELLO).replace("\n", "\r\n"),  # as Windows Notepad saves it
        },
    )
    built = run_build(site, tmp_path / "new", capsys=capsys)
    assert built.status == 0, built.stderr
    assert contents(tmp_path / "new") == contents(good / "out")


def contents(folder: Path) -> dict[str, bytes]:
    return {path: data[0] for path, data in snapshot(folder).items() if data}
