"""build.py translate: the example site out to a PO file for Arabic, translated, and back in."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from lxml import html

from lantern.cli import main
from tests.conftest import REPO, TODAY, tree

TRANSLATED_DAY = "2028-01-05"  # every article of the example is published by then
ARTICLE = "content/articles/what-is-human-trafficking"
EVENT = "content/events/spring-gala-2027.yaml"
FACTS = "content/facts/ct-dcf-2021.yaml"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The example site's own files, in a folder the test may change."""
    folder = tmp_path / "example"
    folder.mkdir()
    shutil.copy(REPO / "site.yaml", folder / "site.yaml")
    shutil.copytree(REPO / "content", folder / "content")
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def export(site: Path, capsys: pytest.CaptureFixture[str], po: Path) -> tuple[int, str, str]:
    return run(capsys, "translate", "export", "--lang", "ar", "--out", str(po), "--site", str(site))


def import_po(site: Path, capsys: pytest.CaptureFixture[str], po: Path) -> tuple[int, str, str]:
    return run(capsys, "translate", "import", str(po), "--site", str(site))


def fill(po: Path, translate: Callable[[int, str, str], str]) -> dict[str, str]:
    """Translate every entry of a PO file with `translate(number, msgctxt, msgid)`, as a
    translator's tool would save it; returns msgctxt -> the translation."""
    with po.open("rb") as file:
        catalog = read_po(file)
    written = {}
    for number, message in enumerate(catalog):
        if message.id:
            message.string = translate(number, str(message.context), str(message.id))
            message.flags.discard("fuzzy")
            written[str(message.context)] = message.string
    with po.open("wb") as file:
        write_po(file, catalog, width=76)
    return written


def marker(number: int, context: str, source: str) -> str:
    """A recognisable Arabic translation; a body keeps two paragraphs."""
    text = f"ترجمة {number}"
    return f"{text}\n\nفقرة ثانية {number}." if context.endswith(":body") else text


def round_trip(site: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    po = site.parent / "ar.po"
    assert export(site, capsys, po)[0] == 0
    written = fill(po, marker)
    assert import_po(site, capsys, po)[0] == 0
    return written


def po_file(*entries: str) -> str:
    """A PO file as Poedit saves one: a header, then the entries."""
    header = (
        'msgid ""\nmsgstr ""\n"Project-Id-Version: Lantern Example Coalition\\n"\n'
        '"Language: ar\\n"\n"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
        '"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && '
        'n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\\n"\n"X-Generator: Poedit 3.4.2\\n"\n'
    )
    return header + "".join(f"\n{entry}" for entry in entries)


def test_an_exported_po_file_translated_and_imported_shows_on_the_arabic_pages(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "ar.po"
    status, out, _ = export(site, capsys, po)
    assert (status, out) == (0, f"Wrote {po}: 114 text(s) to translate into ar, 0 of them stale.\n")
    written = fill(po, marker)
    status, out, err = import_po(site, capsys, po)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert f"Wrote {ARTICLE}.ar.md: 4 translation(s)" in lines
    assert f"Wrote {FACTS}: 20 translation(s)" in lines
    assert "Wrote content/translations/ar.yaml: 88 record(s)" in lines
    assert len(lines) == 21  # one line per file written, nothing skipped

    out_dir = tmp_path / "out"
    argv = ["--site", str(site), "--out", str(out_dir), "--today", TRANSLATED_DAY, "--quiet"]
    assert main(argv) == 0
    article = html.fromstring(
        (out_dir / "ar/articles/what-is-human-trafficking/index.html").read_bytes()
    )
    assert article.xpath("string(//h1)").strip() == written[f"{ARTICLE}.en.md:title"]
    body = written[f"{ARTICLE}.en.md:body"].split("\n\n")
    paragraphs = [p.text_content().strip() for p in article.xpath("//main//p")]
    assert body[0] in paragraphs and body[1] in paragraphs
    facts = html.fromstring((out_dir / "ar/facts/ct-dcf-2021/index.html").read_bytes())
    assert facts.xpath("string(//h1)").strip() == written[f"{FACTS}:title"]
    assert written[f"{FACTS}:facts[1].text"] in facts.text_content()
    event = html.fromstring((out_dir / "ar/events/spring-gala-2027/index.html").read_bytes())
    heading = event.xpath("//h1")[0]
    assert heading.text_content().strip() == written[f"{EVENT}:title"]
    assert heading.get("lang") in (None, "ar")  # no longer the English text marked lang="en"

    status, out, _ = export(site, capsys, po)
    assert (status, out) == (0, f"Wrote {po}: 0 text(s) to translate into ar, 0 of them stale.\n")
    with po.open("rb") as file:
        assert [message.id for message in read_po(file) if message.id] == []


def test_a_new_article_translation_takes_its_front_matter_from_the_source(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written = round_trip(site, capsys)
    text = (site / f"{ARTICLE}.ar.md").read_text(encoding="utf-8")
    front_matter, body = text.split("---\n")[1:3]
    assert f"title: {written[f'{ARTICLE}.en.md:title']}\n" in front_matter
    assert re.search(r"\ntranslated_from: \"[0-9a-f]{12}\"\n", front_matter)  # never a number
    assert "\ndraft:" not in front_matter and "\ndate:" not in front_matter  # inherited
    assert body == written[f"{ARTICLE}.en.md:body"] + "\n"


def test_yaml_comments_order_and_quoting_survive_the_import(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (site / FACTS).read_text(encoding="utf-8").splitlines()
    written = round_trip(site, capsys)
    after = (site / FACTS).read_text(encoding="utf-8").splitlines()
    remaining = iter(after)
    assert all(line in remaining for line in before)  # every line kept, in its order
    assert after[:4] == before[:4]  # the comments at the top
    title = after.index("title:")
    assert after[title + 1 : title + 4] == [
        "  en: Child trafficking reports in Connecticut, 2021",
        "  es: Reportes de trata infantil en Connecticut, 2021",
        f"  ar: {written[f'{FACTS}:title']}",
    ]


def test_a_changed_source_makes_its_translation_stale(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written = round_trip(site, capsys)
    path = site / f"{ARTICLE}.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("from films", "from films and books"))
    path = site / EVENT
    path.write_text(path.read_text(encoding="utf-8").replace("Spring Gala 2027", "Spring Gala"))
    check = ["check", "--site", str(site), "--today", TRANSLATED_DAY]
    status, out, _ = run(capsys, *check)
    assert status == 0
    arabic = out.split("\n  ar: ", 1)[1]
    assert ", 2 stale; missing:" in arabic.splitlines()[0]
    assert (
        "  ar: stale, the source changed since it was translated:\n"
        f"    article  {ARTICLE}.ar.md\n"
        f"    event    {EVENT} title\n"
    ) in out
    assert "), 0 stale; missing:" in out.split("\n  es: ", 1)[1]  # no record: never called stale
    report = json.loads(run(capsys, *check, "--format", "json")[1])
    assert report["translations"]["ar"]["stale_count"] == 2
    assert [gap["name"] for gap in report["translations"]["ar"]["stale"]] == [
        f"{ARTICLE}.ar.md",
        f"{EVENT} title",
    ]

    po = site.parent / "stale.po"
    status, out, _ = export(site, capsys, po)
    assert out == f"Wrote {po}: 5 text(s) to translate into ar, 5 of them stale.\n"
    with po.open("rb") as file:
        catalog = read_po(file)
    title = catalog.get("Lantern Example Coalition Spring Gala", context=f"{EVENT}:title")
    assert title is not None
    assert (title.string, sorted(title.flags)) == (
        written[f"{EVENT}:title"],
        ["fuzzy", "overwrite"],
    )
    skipped = import_po(site, capsys, po)[1]
    assert skipped == (
        f"Nothing to write from {po} into ar.\nSkipped 5 entries (fuzzy: marked for review)\n"
    )
    fill(po, lambda number, context, source: f"مراجعة {number}")  # reviewed: fuzzy cleared
    status, out, _ = import_po(site, capsys, po)
    assert f"Wrote {EVENT}: 1 translation(s)" in out.splitlines()
    assert "stale" not in run(capsys, *check)[1].split("\n  ar: ", 1)[1].split("missing:")[1]
    assert ", 0 stale;" in run(capsys, *check)[1].split("\n  ar: ", 1)[1]


def test_a_translation_made_with_new_translate_from_is_stale_once_its_source_changes(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = ["new", "article", "what-is-human-trafficking", "--lang", "ar", "--translate-from", "en"]
    assert run(capsys, *new, "--site", str(site))[0] == 0
    assert "\ntranslated_from: " in (site / f"{ARTICLE}.ar.md").read_text(encoding="utf-8")
    check = ["check", "--site", str(site), "--today", TRANSLATED_DAY, "--drafts"]
    assert ", 0 stale;" in run(capsys, *check)[1].split("\n  ar: ", 1)[1]
    path = site / f"{ARTICLE}.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("from films", "from novels"))
    assert f"    article  {ARTICLE}.ar.md\n" in run(capsys, *check)[1].split("stale, the source")[1]


def test_an_existing_translation_is_replaced_only_with_the_overwrite_flag(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = site.parent / "edited.po"
    facts_title = 'msgctxt "content/facts/nhth-2020-2022.yaml:title"\n'
    source = (site / "content/facts/nhth-2020-2022.yaml").read_text(encoding="utf-8")
    english = source.split("title:\n  en: ", 1)[1].split("\n", 1)[0]
    arabic = source.split("title:\n", 1)[1].split("  ar: ", 1)[1].split("\n", 1)[0]
    po.write_text(
        po_file(f'{facts_title}msgid "{english}"\nmsgstr "عنوان جديد"\n'), encoding="utf-8"
    )
    status, out, _ = import_po(site, capsys, po)
    assert (status, out) == (
        0,
        f"Nothing to write from {po} into ar.\n"
        f"{po}:12: skipped content/facts/nhth-2020-2022.yaml:title: already translated in ar;"
        " the entry needs the flag `#, overwrite` to replace the text a person wrote\n",
    )
    assert (site / "content/facts/nhth-2020-2022.yaml").read_text(encoding="utf-8") == source
    po.write_text(
        po_file(f'#, overwrite\n{facts_title}msgid "{english}"\nmsgstr "عنوان جديد"\n'),
        encoding="utf-8",
    )
    status, out, _ = import_po(site, capsys, po)
    assert out.splitlines()[0] == "Wrote content/facts/nhth-2020-2022.yaml: 1 translation(s)"
    text = (site / "content/facts/nhth-2020-2022.yaml").read_text(encoding="utf-8")
    assert (
        '  ar: "عنوان جديد"\n' in text  # written as the old text was, in quotes
        and arabic not in text.split("title:\n", 1)[1].split("summary")[0]
    )


def test_fuzzy_and_empty_entries_are_skipped_and_obsolete_ones_ignored(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(site)
    po = site.parent / "poedit.po"
    title = 'msgctxt "content/events/spring-gala-2027.yaml:title"\n'
    po.write_text(
        po_file(
            f'#, fuzzy\n{title}msgid "Lantern Example Coalition Spring Gala 2027"\nmsgstr "حفل"\n',
            'msgctxt "content/events/spring-gala-2027.yaml:cost"\nmsgid ""\n"Free"\nmsgstr ""\n',
            '#~ msgctxt "content/events/gone.yaml:title"\n#~ msgid "Gone"\n#~ msgstr "ذهب"\n',
        ),
        encoding="utf-8",
    )
    status, out, err = import_po(site, capsys, po)
    assert (status, err) == (0, "")
    assert out == (
        f"Nothing to write from {po} into ar.\n"
        "Skipped 1 entry (fuzzy: marked for review)\n"
        "Skipped 1 entry (not translated: empty)\n"
    )
    assert tree(site) == before


def test_wrapped_lines_from_a_translation_tool_import_cleanly(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (site / EVENT).read_text(encoding="utf-8")
    cost = source.split("cost:\n  en: ", 1)[1].split("\n", 1)[0].strip('"')
    words = cost.split(" ")
    wrapped = '"' + " ".join(words[:3]) + ' "\n"' + " ".join(words[3:]) + '"'
    po = site.parent / "weblate.po"
    po.write_text(
        po_file(
            f'#: {EVENT}:30\nmsgctxt "{EVENT}:cost"\nmsgid ""\n{wrapped}\n'
            'msgstr ""\n"مجاني، "\n"والتبرعات مرحب بها"\n'
        ),
        encoding="utf-8",
    )
    status, out, err = import_po(site, capsys, po)
    assert (status, err, out) == (
        0,
        "",
        f"Wrote {EVENT}: 1 translation(s)\nWrote content/translations/ar.yaml: 1 record(s)\n",
    )
    assert "  ar: مجاني، والتبرعات مرحب بها\n" in (site / EVENT).read_text(encoding="utf-8")


def test_a_malformed_po_file_is_refused_at_its_line_with_nothing_written(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(site)
    po = site.parent / "broken.po"
    po.write_text(
        po_file(
            f'msgctxt "{EVENT}:title"\nmsgid "Lantern Example Coalition Spring Gala 2027"\n'
            'msgstr "حفل"\n',
            f'msgctxt "{EVENT}:cost"\nmsgid "Free"\nmsgstr "مجاني\n',
        ),
        encoding="utf-8",
    )
    status, out, err = import_po(site, capsys, po)
    assert (status, out) == (1, "")
    assert err == (
        f"{po}:17: error: the PO file cannot be read: a text in quotes is not closed"
        ' (hint: end the line with a closing ", and write a " inside a text as \\")\n'
        "1 error(s): nothing was written.\n"
    )
    po.write_text(
        po_file(f'msgctxt "{EVENT}:title"\nmsgid "Spring"\nmsgtsr "حفل"\n'), encoding="utf-8"
    )
    status, _, err = import_po(site, capsys, po)
    assert status == 1
    assert err.startswith(
        f"{po}:13: error: the PO file cannot be read: Unknown or misformatted keyword (hint: "
    )
    assert tree(site) == before


def test_an_entry_that_names_no_text_of_the_site_stops_the_import(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(site)
    po = site.parent / "ar.po"
    po.write_text(
        po_file(
            f'msgctxt "{EVENT}:title"\nmsgid "Lantern Example Coalition Spring Gala 2027"\n'
            'msgstr "حفل"\n',
            'msgctxt "content/events/spring-ball.yaml:title"\nmsgid "Ball"\nmsgstr "حفلة"\n',
        ),
        encoding="utf-8",
    )
    status, out, err = import_po(site, capsys, po)
    assert (status, out) == (1, "")
    assert err == (
        f'{po}:16: error: msgctxt "content/events/spring-ball.yaml:title" names no text of this'
        " site (hint: keep each entry's msgctxt as the export wrote it (file:field); if the file"
        " or field was renamed since, export again with build.py translate export --lang ar, and"
        " translate that file)\n1 error(s): nothing was written.\n"
    )
    assert tree(site) == before


@pytest.mark.parametrize(
    ("context", "translation", "message"),
    [
        (
            f"{ARTICLE}.en.md:body",
            "نص\n\n<script>alert(1)</script>",
            "<script> is not allowed in Markdown (hint: the site's Content-Security-Policy blocks"
            " scripts written in a page; scripts belong in the theme (templates/static/))",
        ),
        (
            f"{EVENT}:description",
            '<iframe src="https://video.example.org/gala"></iframe>',
            "<iframe> is not allowed in Markdown (hint: third-party embeds are not allowed on a"
            " site for people in danger: link to the video or form instead, or show a video with"
            " {{< video ID >}})",
        ),
        (
            f"{ARTICLE}.en.md:body",
            "[اتصل بنا](javascript:alert(1))",
            'the link "javascript:alert(1)" starts with "javascript:", which is not allowed (hint:'
            " a link starts with https://, http://, mailto:, tel: or sms:, or is a path of this"
            " site such as /ar/about/)",
        ),
    ],
)
def test_a_translation_the_build_would_refuse_is_reported_at_its_po_line_writing_nothing(
    site: Path, capsys: pytest.CaptureFixture[str], context: str, translation: str, message: str
) -> None:
    po = site.parent / "ar.po"
    assert export(site, capsys, po)[0] == 0
    fill(
        po,
        lambda number, entry, source: (
            translation if entry == context else marker(number, entry, source)
        ),
    )
    line = po.read_text(encoding="utf-8").splitlines().index(f'msgctxt "{context}"') + 2
    before = tree(site)
    status, out, err = import_po(site, capsys, po)
    assert (status, out) == (1, "")
    assert err == (
        f"{po}:{line}: error: the translation of {context}: {message}\n"
        "1 error(s): nothing was written.\n"
    )
    assert tree(site) == before


def test_an_interface_string_keeps_the_placeholders_of_its_source(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strings = site / "templates/i18n/en.yaml"
    strings.parent.mkdir(parents=True)
    strings.write_text("volunteer_call: Volunteers needed in {city}\n", encoding="utf-8")
    (site / "templates/volunteer-note.html").write_text("<p>{{ strings.volunteer_call }}</p>\n")
    po = site.parent / "ar.po"
    po.write_text(
        po_file(
            'msgctxt "templates/i18n:volunteer_call"\nmsgid "Volunteers needed in {city}"\n'
            'msgstr "نحتاج متطوعين في {مدينة}"\n'
        ),
        encoding="utf-8",
    )
    status, out, err = import_po(site, capsys, po)
    assert (status, out) == (1, "")
    assert err == (
        f"{po}:12: error: the translation of templates/i18n:volunteer_call: it uses {{مدينة}},"
        ' which the templates do not fill in (hint: use {city} as the source does: "Volunteers'
        ' needed in {city}"; to show a brace, write it twice)\n1 error(s): nothing was written.\n'
    )
    assert not (site / "templates/i18n/ar.yaml").exists()


def test_export_writes_lang_po_in_the_current_folder_or_to_standard_output(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "translate", "export", "--lang", "ar", "--site", str(site))
    assert (status, out) == (0, "Wrote ar.po: 114 text(s) to translate into ar, 0 of them stale.\n")
    status, out, err = run(
        capsys, "translate", "export", "--lang", "ar", "--out", "-", "--site", str(site)
    )
    assert (status, err) == (0, "114 text(s) to translate into ar, 0 of them stale.\n")
    assert out == (tmp_path / "ar.po").read_text(encoding="utf-8")
    assert (
        f'msgctxt "{FACTS}:facts[1].text"' in out and "\n#: content/facts/ct-dcf-2021.yaml:" in out
    )
    status, _, err = run(capsys, "translate", "export", "--lang", "en", "--site", str(site))
    assert (status, err) == (
        2,
        'build.py translate: error: "en" is the default language, which the others are'
        " translated from\n",
    )


def test_a_missing_interface_string_is_exported_and_imported_into_the_site_s_own_file(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strings = site / "templates/i18n/en.yaml"
    strings.parent.mkdir(parents=True)
    strings.write_text("volunteer_call: Volunteers needed this spring\n", encoding="utf-8")
    (site / "templates/volunteer-note.html").write_text("<p>{{ strings.volunteer_call }}</p>\n")
    po = site.parent / "ar.po"
    assert export(site, capsys, po)[0] == 0
    with po.open("rb") as file:
        entry = read_po(file).get(
            "Volunteers needed this spring", context="templates/i18n:volunteer_call"
        )
    assert entry is not None and entry.locations == [("templates/i18n/en.yaml", 1)]
    fill(po, marker)
    assert import_po(site, capsys, po)[0] == 0
    own = (site / "templates/i18n/ar.yaml").read_text(encoding="utf-8")
    assert own.startswith("# Interface strings in ar")
    assert "\nvolunteer_call: ترجمة " in own
    assert main(["check", "--site", str(site), "--today", TODAY]) == 0


def test_a_translation_may_not_add_a_shortcode_its_source_lacks(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = site.parent / "ar.po"
    assert export(site, capsys, po)[0] == 0
    fill(
        po,
        lambda number, context, source: (
            "نص\n\n{{< hotline example-youth-textline >}}"
            if context == f"{ARTICLE}.en.md:body"
            else marker(number, context, source)
        ),
    )
    before = tree(site)
    status, out, err = import_po(site, capsys, po)
    assert (status, out) == (1, "")
    assert err.endswith(
        f"error: the translation of {ARTICLE}.en.md:body: the shortcode"
        " {{< hotline example-youth-textline >}} is not in the source text (hint: copy each"
        " shortcode line of the source as it is: the ID in it names a hotline, fact or event,"
        " which is the same in every language)\n1 error(s): nothing was written.\n"
    )
    assert tree(site) == before


def test_a_damaged_translation_record_is_an_error_of_check_and_import(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    round_trip(site, capsys)
    (site / "content/translations/ar.yaml").write_text("- just a list\n", encoding="utf-8")
    message = (
        "content/translations/ar.yaml:1:1: error: the translation record must be lines of"
        " 'file:field: digest' (hint: build.py translate import writes this file; restore it"
        " from version control)"
    )
    status, out, _ = run(capsys, "check", "--site", str(site), "--today", TRANSLATED_DAY)
    assert status == 1 and message in out.splitlines()
    po = site.parent / "again.po"
    before = tree(site)
    status, out, err = export(site, capsys, po)
    assert (status, out, err) == (1, "", f"{message}\n1 error(s): nothing was written.\n")
    po.write_text(po_file(f'msgctxt "{EVENT}:cost"\nmsgid "Free"\nmsgstr "مجاني"\n'))
    status, out, err = import_po(site, capsys, po)
    assert (status, out, err) == (1, "", f"{message}\n1 error(s): nothing was written.\n")
    assert tree(site) == before


def test_a_po_file_in_another_language_is_refused(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = site.parent / "fr.po"
    po.write_text(po_file().replace("Language: ar", "Language: fr"), encoding="utf-8")
    status, out, err = import_po(site, capsys, po)
    assert (status, out) == (1, "")
    assert err == (
        f'{po}:1: error: the PO file is in "fr", which is not one of the languages translated'
        " here (hint: this site translates into es, ar)\n1 error(s): nothing was written.\n"
    )
