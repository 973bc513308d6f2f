"""Campaigns: every mistake an editor can make in a campaign file, with its exact message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from lantern.config import load_config
from lantern.content.campaigns import load_campaigns
from lantern.content.facts import load_fact_sheets
from lantern.errors import Problems
from lantern.model import Campaign, Translatable
from tests.conftest import Built, errors_in

FILE = "content/campaigns/month.yaml"
FACTS = """\
title: Hotline figures
facts:
  - id: family-member
    value: 44
    unit: "%"
    text:
      en: of sex-trafficking victims were exploited by a family member
      es: de las víctimas de trata sexual fueron explotadas por un familiar
    source:
      name: National Human Trafficking Hotline data
      period: 2020–2022
    caveat: Counts contacts to the hotline, not how common trafficking is.
"""
GOOD = """\
title:
  en: Prevention Month 2027
  es: Mes de Prevención 2027
tagline: Learn the signs.
starts: 2027-01-01
ends: 2027-01-31
hashtags: ["#WearBlueDay", EndTrafficking]
key_dates:
  - date: 2027-01-11
    title: Wear Blue Day
actions:
  - date: 2027-01-02
    title: Save the number
    link: {en: /en/hotlines/, es: /es/hotlines/}
  - date: 2027-01-01
    title: Read a fact sheet
facts: [hotline/family-member]
social_posts:
  - text: {en: Most victims know the person who exploits them., es: La mayoría conoce a quien la explota.}
    fact: hotline/family-member
downloads:
  - title: Flyer
    file: flyer.pdf
    lang: es
"""
MEDIA = {"content/media/flyer.pdf": "%PDF-1.4 a tiny flyer\n", "content/media/walk.jpg": "jpeg"}

CASES = {
    "missing ends": (
        GOOD.replace("ends: 2027-01-31\n", ""),
        f'{FILE}:1:1: error: the required field "ends" is missing (hint: add a line "ends: ...")',
    ),
    "a day that does not exist": (
        GOOD.replace("starts: 2027-01-01", "starts: 2027-02-30"),
        f'{FILE}:5:9: error: "starts" is not a real date: 2027-02-30',
    ),
    "ends before starts": (
        GOOD.replace("ends: 2027-01-31", "ends: 2026-12-31"),
        f'{FILE}:6:7: error: "ends" (2026-12-31) must not come before "starts" (2027-01-01) '
        "(hint: ends is the campaign's last day)",
    ),
    "an action outside the campaign": (
        GOOD.replace("  - date: 2027-01-02", "  - date: 2027-02-02"),
        f"{FILE}:12:11: error: the action's date 2027-02-02 is not a day of the campaign "
        "(2027-01-01 to 2027-01-31) (hint: give each action a date between starts and ends)",
    ),
    "an action without a title": (
        GOOD.replace("    title: Read a fact sheet\n", ""),
        f'{FILE}:15:5: error: the required field "title" is missing in "actions[2]" '
        '(hint: add a line "title: ...")',
    ),
    "a featured fact that does not exist": (
        GOOD.replace("facts: [hotline/family-member]", "facts: [hotline/minors]"),
        f'{FILE}:17:9: error: there is no fact "hotline/minors" (hint: write SHEET/ID: the file '
        "name in content/facts/ and the id of one of its facts (is there a "
        "content/facts/hotline.yaml with a fact of that id?))",
    ),
    "a post's fact that does not exist": (
        GOOD.replace("    fact: hotline/family-member", "    fact: hotlines/family-member"),
        f'{FILE}:20:11: error: there is no fact "hotlines/family-member" (hint: write SHEET/ID: '
        "the file name in content/facts/ and the id of one of its facts (is there a "
        "content/facts/hotlines.yaml with a fact of that id?))",
    ),
    "a fact written without its sheet": (
        GOOD.replace("facts: [hotline/family-member]", "facts: [family-member]"),
        f'{FILE}:17:9: error: "facts[1]" must be a fact reference SHEET/ID, like '
        "nhth-2020-2022/family-member",
    ),
    "a post's image without alt text": (
        GOOD.replace("    fact: hotline/family-member", "    image: walk.jpg"),
        f'{FILE}:20:12: error: the image "walk.jpg" has no image_alt '
        "(hint: describe what the image shows in image_alt: (en: ..., es: ...))",
    ),
    "a post's image not in media": (
        GOOD.replace("    fact: hotline/family-member", "    image: run.jpg\n    image_alt: A run"),
        f'{FILE}:20:12: error: the image "run.jpg" is not in content/media/ '
        "(hint: put the file in content/media/ and give its path relative to that folder)",
    ),
    "a download not in media": (
        GOOD.replace("file: flyer.pdf", "file: poster.pdf"),
        f'{FILE}:23:11: error: the file "poster.pdf" is not in content/media/ '
        "(hint: put the file in content/media/ and give its path relative to that folder)",
    ),
    "a download in an unknown language": (
        GOOD.replace("lang: es", "lang: xx"),
        f'{FILE}:24:11: error: "xx" is not a language known to CLDR '
        "(hint: use a BCP 47 tag such as en, es, pt-BR, ar or zh-Hant)",
    ),
    "a hashtag with a space": (
        GOOD.replace("EndTrafficking]", "End Trafficking]"),
        f'{FILE}:7:28: error: "hashtags[2]" must be one hashtag without spaces, like WearBlueDay',
    ),
    "a misspelt field": (
        GOOD.replace("hashtags:", "hashtag:"),
        f'{FILE}:7:1: error: unknown field "hashtag" (hint: did you mean "hashtags"?)',
    ),
    "a link that is not a web address": (
        GOOD.replace("{en: /en/hotlines/, es: /es/hotlines/}", "javascript:alert(1)"),
        f'{FILE}:14:11: error: "actions[1].link" must be a web address (https://...), a site '
        "path (/en/about/), or a mailto:, tel: or sms: link (hint: for example "
        "https://example.org/help, /en/about/, mailto:info@example.org or tel:+18883737888)",
    ),
    "a title in a language the site does not have": (
        GOOD.replace("  es: Mes de Prevención 2027", "  fr: Mois de la prévention 2027"),
        f'{FILE}:3:3: error: "fr" is not one of the site\'s languages (en, es) '
        "(hint: use a language listed under languages: in site.yaml, or add it there)",
    ),
}


@pytest.fixture
def load(make_site: Callable[..., Path]) -> Callable[..., tuple[tuple[Campaign, ...], list[str]]]:
    """Write a campaign into a copy of the minimal site and load it: (campaigns, problems)."""

    def run(text: str) -> tuple[tuple[Campaign, ...], list[str]]:
        site = make_site({FILE: text, "content/facts/hotline.yaml": FACTS, **MEDIA})
        problems = Problems()
        config = load_config(site)
        sheets = load_fact_sheets(site, config, problems)
        campaigns = load_campaigns(site, config, ("flyer.pdf", "walk.jpg"), sheets, problems)
        return campaigns, [str(problem) for problem in problems.found]

    return run


@pytest.mark.parametrize("case", CASES)
def test_bad_campaign_gives_one_clear_error(
    case: str, load: Callable[..., tuple[tuple[Campaign, ...], list[str]]]
) -> None:
    text, expected = CASES[case]
    campaigns, problems = load(text)
    assert (campaigns, problems) == ((), [expected])


def test_good_campaign_is_read_whole(
    load: Callable[..., tuple[tuple[Campaign, ...], list[str]]],
) -> None:
    (campaign,), problems = load(GOOD)
    assert problems == []
    assert (campaign.id, campaign.starts, campaign.ends) == (
        "month",
        dt.date(2027, 1, 1),
        dt.date(2027, 1, 31),
    )
    assert campaign.length_in_days == 31
    assert campaign.hashtags == ("WearBlueDay", "EndTrafficking")
    assert [a.date.day for a in campaign.actions] == [1, 2]  # sorted by date
    assert campaign.actions[1].link == Translatable(
        (("en", "/en/hotlines/"), ("es", "/es/hotlines/"))
    )
    assert campaign.facts == ("hotline/family-member",)
    assert campaign.social_posts[0].fact == "hotline/family-member"
    download = campaign.downloads[0]
    assert (download.file, download.lang, download.size) == ("flyer.pdf", "es", 22)


def test_an_event_naming_a_missing_campaign_is_an_error(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    event = "title: Training\nstarts: 2027-01-14\ncampaign: prevention-month\n"
    built = build(make_site({"content/events/training.yaml": event}))
    assert built.status == 1
    assert errors_in(built) == [
        'content/events/training.yaml:3:11: error: there is no campaign "prevention-month" '
        "(hint: use the file name of content/campaigns/ID.yaml, without .yaml)"
    ]


def test_a_featured_campaign_that_does_not_exist_is_an_error(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site()
    config = site / "site.yaml"
    config.write_text(config.read_text() + "featured_campaign: january\n")
    built = build(site)
    assert built.status == 1
    assert errors_in(built) == [
        'site.yaml:8:20: error: featured_campaign names "january", but there is no '
        "content/campaigns/january.yaml (hint: use the file name (without .yaml) of a campaign)"
    ]


def test_an_event_shortcode_naming_a_missing_event_is_an_error(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    article = (SITES_MINIMAL / "content/articles/hello.en.md").read_text()
    built = build(make_site({"content/articles/hello.en.md": article + "\n{{< event gala >}}\n"}))
    line = len(article.splitlines()) + 2
    assert errors_in(built) == [
        f'content/articles/hello.en.md:{line}:1: error: event shortcode: there is no event "gala" '
        "(hint: use the file name of content/events/ID.yaml, without .yaml)"
    ]


SITES_MINIMAL = Path(__file__).resolve().parent / "sites" / "minimal"


def test_a_shortcode_in_an_events_or_an_actions_text_is_checked_at_its_line(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    event = "title: Training\nstarts: 2027-01-14\ndescription: |\n  Come along.\n\n  {{< hotline nowhere >}}\n"
    campaign = (
        "title: Month\nstarts: 2027-01-01\nends: 2027-01-31\nactions:\n  - date: 2027-01-02\n"
        "    title: Save the number\n    description:\n      en: |\n        {{< fact a/b >}}\n"
    )
    built = build(
        make_site({"content/events/training.yaml": event, "content/campaigns/month.yaml": campaign})
    )
    assert errors_in(built) == [
        'content/campaigns/month.yaml:9:9: error: fact shortcode: there is no fact "a/b" '
        "(hint: write SHEET/ID: the file name in content/facts/ and the id of one of its facts)",
        'content/events/training.yaml:6:3: error: hotline shortcode: there is no hotline "nowhere" '
        "(hint: use the file name of content/hotlines/ID.yaml, without .yaml)",
    ]
