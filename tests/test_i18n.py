"""Languages: CLDR names and direction, dates, and interface strings that fall back."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from lantern import i18n
from lantern.cli import main
from lantern.errors import Problems
from tests.conftest import REPO, TODAY, Built, errors_in


def test_languages_are_named_in_their_own_language() -> None:
    assert [i18n.endonym(t) for t in ("en", "es", "pt-BR", "ar")] == [
        "English",
        "español",
        "português (Brasil)",
        "العربية",
    ]


def test_right_to_left_languages() -> None:
    assert [i18n.direction(t) for t in ("ar", "he", "fa", "ur", "es")] == [
        "rtl",
        "rtl",
        "rtl",
        "rtl",
        "ltr",
    ]


def test_dates_follow_cldr() -> None:
    day = dt.date(2025, 9, 26)
    assert i18n.format_date(day, "en") == "September 26, 2025"
    assert i18n.format_date(day, "es") == "26 de septiembre de 2025"


def test_unknown_languages_are_recognised() -> None:
    assert i18n.is_known_language("zh-Hant")
    assert not i18n.is_known_language("xx")


SAFETY_DE = {
    "skip_to_content": "Zum Inhalt springen",
    "quick_exit": "Seite sofort verlassen",
    "quick_exit_notice": "Beobachtet dich jemand? Drücke dreimal die Umschalttaste.",
    "quick_exit_two_left": "Noch 2 Mal Umschalt drücken, um die Seite zu verlassen",
    "quick_exit_one_left": "Noch 1 Mal Umschalt drücken, um die Seite zu verlassen",
    "stay_safe_online": "Sicher im Netz",
    "help_now": "Jetzt Hilfe holen",
    "call": "Anrufen",
    "text": "SMS",
    "text_keyword_to": "Schreibe {keyword} an",
    "chat": "Online-Chat",
    "hours_always": "Rund um die Uhr erreichbar",
    "open_now": "Jetzt erreichbar",
    "closed_now": "Jetzt nicht erreichbar",
    "closed_opens_at": "Jetzt nicht erreichbar, wieder ab {day} {time}",
}


SAFETY_FA = {
    "skip_to_content": "رفتن به محتوای اصلی",
    "quick_exit": "خروج سریع از این صفحه",
    "quick_exit_notice": "کسی شما را می‌بیند؟ سه بار کلید Shift را بزنید.",
    "quick_exit_two_left": "۲ بار دیگر Shift را بزنید تا از این صفحه خارج شوید",
    "quick_exit_one_left": "۱ بار دیگر Shift را بزنید تا از این صفحه خارج شوید",
    "stay_safe_online": "امنیت در اینترنت",
    "help_now": "همین حالا کمک بگیرید",
    "call": "تماس",
    "text": "پیامک",
    "text_keyword_to": "{keyword} را بفرستید به",
    "chat": "گفتگوی آنلاین",
    "hours_always": "شبانه‌روزی، هر روز",
    "open_now": "الان باز است",
    "closed_now": "الان بسته است",
    "closed_opens_at": "الان بسته است؛ {day} ساعت {time} باز می‌شود",
}


def _strings_file(strings: dict[str, str]) -> str:
    return "".join(f'{key}: "{text}"\n' for key, text in strings.items())


def _with_languages(site: Path, languages: str) -> None:
    config = site / "site.yaml"
    config.write_text(config.read_text().replace("[en, es]", languages))


def test_a_missing_interface_string_falls_back_marked_and_reported(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    """A language the theme does not have: the site writes the safety strings, the rest falls back."""
    site = make_site({"templates/i18n/de.yaml": _strings_file(SAFETY_DE)})
    _with_languages(site, "[en, es, de]")
    built = build(site)
    assert built.status == 0, built.stderr
    assert any(
        line.startswith("templates/i18n/de.yaml: warning:") and "interface string(s) missing in de"
        for line in built.stderr.splitlines()
    )
    page = built.page("de/")
    (skip,) = page.xpath("//a[@class='skip-link']")
    assert (skip.get("lang"), skip.text) == (None, "Zum Inhalt springen")
    (heading,) = page.xpath("//h2[span[@lang]]")  # "Latest news and articles", in English
    assert heading[0].get("lang") == "en"
    assert heading[0].get("dir") is None  # the same direction as the page's


def test_a_site_may_write_a_languages_own_plural_forms_but_not_others(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    """Arabic counts days in forms English has none of ("few", "many"): a site's own Arabic
    strings may word them; a form Arabic has no use for is a misspelt key."""
    own = 'campaign_upcoming_few: "تبدأ خلال {n} أيام"\ncampaign_upcoming_many: "تبدأ خلال {n} يومًا"\n'
    site = make_site({"templates/i18n/ar.yaml": own, "templates/i18n/es.yaml": own})
    _with_languages(site, "[en, es, ar]")
    built = build(site)
    assert errors_in(built) == [  # Spanish has a "many" form (CLDR 42), but no "few"
        'templates/i18n/es.yaml:1:1: error: the theme has no interface string "campaign_upcoming_few"'
        ' (hint: did you mean "campaign_upcoming_one"?)',
    ]


def test_a_fallback_in_a_right_to_left_page_carries_its_direction(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site({"templates/i18n/fa.yaml": _strings_file(SAFETY_FA)})
    _with_languages(site, "[en, es, fa]")
    built = build(site)
    assert built.status == 0, built.stderr
    page = built.page("fa/")
    assert page.getroottree().getroot().get("dir") == "rtl"
    (fallback,) = page.xpath("//h2/span[@lang]")
    assert (fallback.get("lang"), fallback.get("dir"), fallback.text) == (
        "en",
        "ltr",
        "Latest news and articles",
    )


def test_a_language_without_safety_strings_is_an_error_naming_them(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    missing = ("quick_exit", "help_now", "stay_safe_online")
    written = {key: text for key, text in SAFETY_DE.items() if key not in missing}
    site = make_site({"templates/i18n/de.yaml": _strings_file(written)})
    _with_languages(site, "[en, es, de]")
    built = build(site)
    assert built.status == 1
    assert errors_in(built) == [
        "templates/i18n/de.yaml: error: the safety string(s) quick_exit, stay_safe_online,"
        " help_now are missing in de: a reader in danger would be shown them in another"
        " language (hint: write them in templates/i18n/de.yaml in your site folder (the"
        " default theme has no such text in this language))"
    ]


def test_removing_the_themes_quick_exit_strings_is_one_error(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "templates" / "i18n", theme / "i18n")
    arabic = theme / "i18n" / "ar.yaml"
    kept = [
        line
        for line in arabic.read_text(encoding="utf-8").splitlines()
        if not line.startswith(("quick_exit:", "quick_exit_notice:"))
    ]
    arabic.write_text("\n".join(kept) + "\n", encoding="utf-8")
    problems = Problems()
    i18n.load_strings([theme], ("en", "es", "ar"), problems)
    assert [str(problem) for problem in problems.found] == [
        "templates/i18n/ar.yaml: error: the safety string(s) quick_exit, quick_exit_notice are"
        " missing in ar: a reader in danger would be shown them in another language (hint:"
        " write them in templates/i18n/ar.yaml in your site folder (the default theme has no"
        " such text in this language))"
    ]


def test_every_theme_language_has_every_string_with_its_placeholders() -> None:
    problems = Problems()
    languages = tuple(path.stem for path in (REPO / "templates/i18n").glob("*.yaml"))
    assert {"en", "es", "ar", "zh-Hans", "vi", "ko", "tl", "ht", "fr"} <= set(languages)
    strings = i18n.load_strings([REPO / "templates"], languages, problems)
    assert problems.found == []
    english = strings["en"]
    for lang in languages:
        for key, text in strings[lang].items():
            assert text.lang == lang, f"{lang}: {key} falls back to {text.lang}"
            source = english.get(key) or english["campaign_upcoming_other"]  # a plural form
            wanted = i18n._placeholders(source.text)
            written = i18n._placeholders(text.text)
            assert written is not None and written <= (wanted or set()), (lang, key)
        plural_forms = i18n.locale_of(lang).plural_form.tags | {"other"}
        for category in plural_forms:
            assert f"campaign_upcoming_{category}" in strings[lang], (lang, category)


def test_check_lists_unreviewed_safety_strings(
    make_site: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site({"templates/i18n/ar.yaml": "_reviewed: [quick_exit, help_now]\n"})
    _with_languages(site, "[en, es, ar]")
    main(["check", "--site", str(site), "--today", TODAY])
    lines = capsys.readouterr().out.splitlines()
    arabic = [line for line in lines if "safety string(s) in ar" in line]
    assert arabic == [
        "templates/i18n/ar.yaml: warning: 13 safety string(s) in ar not yet reviewed by a"
        " native speaker: skip_to_content, quick_exit_notice, quick_exit_two_left,"
        " quick_exit_one_left, stay_safe_online, call, text, text_keyword_to, chat,"
        " hours_always, open_now, closed_now, closed_opens_at (hint: have a native speaker"
        " read them, then list their keys under _reviewed: in the language's strings file)"
    ]


def test_a_reviewed_list_naming_no_string_is_an_error(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site({"templates/i18n/es.yaml": "_reviewed: [quick_exti]\n"})
    built = build(site)
    assert built.status == 1
    assert errors_in(built) == [
        'templates/i18n/es.yaml:1:13: error: _reviewed names "quick_exti", which is no'
        ' interface string of the theme (hint: did you mean "quick_exit"?)'
    ]


def test_right_to_left_pages_isolate_numbers_addresses_and_links(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site()
    config = site / "site.yaml"
    config.write_text(
        config.read_text().replace("[en, es]", "[ar, en, es]")
        + "organization:\n  email: info@example.org\n"
    )
    (site / "content/articles/hello.ar.md").write_text(
        "---\ntitle: مرحبا\ndate: 2026-01-05\nslug: marhaba\n---\nنص.\n", encoding="utf-8"
    )
    built = build(site)
    page = built.page("ar/")
    assert page.getroottree().getroot().get("dir") == "rtl"
    for value in ("1-888-373-7888", "233733", "info@example.org"):
        (element,) = page.xpath(f"//*[normalize-space(text())='{value}']")
        isolated = element.tag == "bdi" or element.get("dir") == "ltr"
        assert isolated, f"{value} is not isolated from the right-to-left text"
