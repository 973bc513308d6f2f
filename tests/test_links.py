"""Where links may lead: https, http, mailto, tel, sms and paths of the site, from every place an
editor writes one (Markdown in articles, pages and records; URL fields of YAML files)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lantern.cli import main
from lantern.links import unsafe_links
from lantern.raw_html import html_problems
from tests.conftest import TODAY, Built, errors_in

HINT = (
    "a link starts with https://, http://, mailto:, tel: or sms:, or is a path of this site"
    " such as /en/about/"
)


def refused(path: str, line: int, written: str, scheme: str) -> str:
    return (
        f'{path}:{line}: error: the link "{written}" starts with "{scheme}:", which is not allowed'
        f" (hint: {HINT})"
    )


# Markdown as written -> (line, address as written, scheme) of each link refused
DISGUISES = {
    "[Help](javascript:alert(1))": (1, "javascript:alert(1)", "javascript"),
    "[Help](JaVaScRiPt:alert(1))": (1, "JaVaScRiPt:alert(1)", "javascript"),
    "[Help](jav&#x09;ascript:alert(1))": (1, "jav&#x09;ascript:alert(1)", "javascript"),
    "[Help](jav&Tab;ascript:alert(1))": (1, "jav&Tab;ascript:alert(1)", "javascript"),
    "[Help](&#106;avascript:alert(1))": (1, "&#106;avascript:alert(1)", "javascript"),
    "[Help](javascript&colon;alert(1))": (1, "javascript&colon;alert(1)", "javascript"),
    "[Help](java\\script:alert(1))": (1, "java\\script:alert(1)", "javascript"),
    '[Help]( <javascript:alert(1)> "Help")': (1, "javascript:alert(1)", "javascript"),
    "![A chart](data:image/svg+xml;base64,PHN2Zz4=)": (
        1,
        "data:image/svg+xml;base64,PHN2Zz4=",
        "data",
    ),
    "[Help][help]\n\n[help]: vbscript:msgbox(1)": (3, "vbscript:msgbox(1)", "vbscript"),
    "[Help][help]\n\n[help]:\n   <VBScript:msgbox(1)>": (4, "VBScript:msgbox(1)", "vbscript"),
    '<a href="javascript:alert(1)">Help</a>': (1, "javascript:alert(1)", "javascript"),
    "<a\n  HREF = ' javascript:alert(1)'>Help</a>": (2, "javascript:alert(1)", "javascript"),
    "<a href=javascript:alert(1)>Help</a>": (1, "javascript:alert(1)", "javascript"),
    '<img src="data:text/html;base64,PHNjcmlwdD4=" alt="">': (
        1,
        "data:text/html;base64,PHNjcmlwdD4=",
        "data",
    ),
    '<img srcset="a.png 1x, data:image/png;base64,AAAA 2x" alt="">': (
        1,
        "data:image/png;base64",
        "data",
    ),
    '[Help](https://example.org/){: href="javascript:alert(1)" }': (
        1,
        "javascript:alert(1)",
        "javascript",
    ),
    '<form action="javascript&colon;alert(1)"><button>Go</button></form>': (
        1,
        "javascript&colon;alert(1)",
        "javascript",
    ),
    '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">': (
        1,
        "0; url=javascript:alert(1)",
        "javascript",
    ),
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>': (
        1,
        "javascript:alert(1)",
        "javascript",
    ),
    '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>': (
        1,
        "javascript:alert(1)",
        "javascript",
    ),
    "[Files](ftp://example.org/files/)": (1, "ftp://example.org/files/", "ftp"),
}

ALLOWED = [
    "[Help](https://example.org/help) and [more](http://example.org/)",
    "[Write](mailto:info@example.org), [call](tel:+18883737888), [text](sms:233733?&body=HELP)",
    "[About](/en/about/), [up](../), [here](#signs), [there](//example.org/), [page](about/)",
    "[Help][help]\n\n[help]: https://example.org/help",
    '<a href="https://example.org/" title="Note: opens another site">x</a>',
    '<abbr title="Data: the 2021 report">data</abbr> <span data-href="javascript:x">y</span>',
    "Note: data: 2021. Source: the hotline. [^1]\n\n[^1]: Data: from the hotline.",
    '<meta name="description" content="Warning: text">',
    "{{< hotline national >}}",
]


@pytest.mark.parametrize("markdown", DISGUISES)
def test_a_link_that_could_run_code_is_found_however_it_is_written(markdown: str) -> None:
    assert list(unsafe_links(markdown)) == [DISGUISES[markdown]]


@pytest.mark.parametrize("markdown", ALLOWED)
def test_web_email_phone_text_and_site_links_are_allowed(markdown: str) -> None:
    assert list(unsafe_links(markdown)) == []


ARTICLE = "---\ntitle: Links\ndate: 2026-01-05\n---\n"  # the body starts at line 5


def test_links_in_articles_and_pages_are_refused_at_their_line(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site(
        {
            "content/articles/links.en.md": ARTICLE
            + "Some text.\n\n"
            + "[Help](jav&#x09;ascript:alert(1))\n\n"
            + '<a href="JAVASCRIPT:alert(2)">Help</a>\n\n'
            + "![A chart](data:image/png;base64,AAAA)\n",
            "content/pages/stay-safe-online.es.md": "---\ntitle: Navegar\nslug: navegar-seguro\n"
            "---\nTexto.\n\n[Ayuda][a]\n\n[a]: vbscript:msgbox(1)\n",
        }
    )
    built = build(site)
    assert built.status == 1
    assert not built.out.exists()  # nothing written
    assert errors_in(built) == [
        refused("content/articles/links.en.md", 7, "jav&#x09;ascript:alert(1)", "javascript"),
        refused("content/articles/links.en.md", 9, "JAVASCRIPT:alert(2)", "javascript"),
        refused("content/articles/links.en.md", 11, "data:image/png;base64,AAAA", "data"),
        refused("content/pages/stay-safe-online.es.md", 9, "vbscript:msgbox(1)", "vbscript"),
    ]


RECORDS = {
    "content/events/training.yaml": """title: Training
starts: 2027-01-20
description: |
  Join us.

  [Register](javascript:alert(1))
""",
    "content/facts/figures.yaml": """title: Figures
body:
  en: |
    Read <a href="data:text/html;base64,PHNjcmlwdD4=">the report</a>.
  es: |
    Lea el informe.
""",
    "content/campaigns/month.yaml": """title: Month
starts: 2027-01-01
ends: 2027-01-31
description: |
  A month of actions.
actions:
  - date: 2027-01-02
    title: Read
    description:
      en: |
        Read [this](vbscript:msgbox(1)).
""",
}


def test_links_in_the_markdown_of_records_are_refused_at_their_line(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    built = build(make_site(RECORDS))
    assert errors_in(built) == [
        refused("content/campaigns/month.yaml", 11, "vbscript:msgbox(1)", "vbscript"),
        refused("content/events/training.yaml", 6, "javascript:alert(1)", "javascript"),
        refused("content/facts/figures.yaml", 4, "data:text/html;base64,PHNjcmlwdD4=", "data"),
    ]
    assert built.status == 1


def test_a_link_in_a_one_line_value_is_refused_at_that_line(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    event = 'title: Training\nstarts: 2027-01-20\ndescription: "[Register](javascript:alert(1))"\n'
    built = build(make_site({"content/events/training.yaml": event}))
    assert errors_in(built) == [
        refused("content/events/training.yaml", 3, "javascript:alert(1)", "javascript")
    ]


def test_the_check_command_reports_them_too(
    make_site: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site({"content/articles/links.en.md": ARTICLE + "[Help](javascript:alert(1))\n"})
    status = main(["check", "--site", str(site), "--today", TODAY])
    out = capsys.readouterr().out
    assert status == 1
    assert refused("content/articles/links.en.md", 5, "javascript:alert(1)", "javascript") in out


def test_allowed_links_build_and_keep_their_address(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    # <meta> and data-href= are safe links, but not HTML an article may hold (test_raw_html.py)
    kept = [text for text in ALLOWED if "{{<" not in text and not html_problems(text)]
    body = "\n\n".join(kept)
    built = build(make_site({"content/articles/links.en.md": ARTICLE + body + "\n"}))
    assert (built.status, errors_in(built)) == (0, [])
    hrefs = built.page("en/articles/links/").xpath("//main//a/@href")
    assert {"https://example.org/help", "mailto:info@example.org", "tel:+18883737888"} <= set(hrefs)


WEB = (
    "must be a full web address starting with https:// (hint: copy the whole address from the"
    " browser's address bar, such as https://example.org/help)"
)
LINK = (
    "must be a web address (https://...), a site path (/en/about/), or a mailto:, tel: or sms:"
    " link (hint: for example https://example.org/help, /en/about/, mailto:info@example.org or"
    " tel:+18883737888)"
)


def test_url_fields_of_records_take_only_web_addresses(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site(
        {
            "content/hotlines/chat.yaml": "name: Chat\nlast_verified: 2026-11-01\nchannels:\n"
            '  - type: chat\n    url: " javascript:alert(1)"\n',
            "content/events/training.yaml": "title: Training\nstarts: 2027-01-20\n"
            'registration_url: "JAVASCRIPT:alert(1)"\nlocation:\n'
            '  online_url: "data:text/html,<script>alert(1)</script>"\n',
            "content/facts/figures.yaml": "title: Figures\nfacts:\n  - id: a\n    text: A\n"
            "    source:\n      name: N\n      year: 2021\n"
            '      url: "jav&#x09;ascript:alert(1)"\n',
            "content/resources/parents.yaml": "title: Parents\nlinks:\n  - title: A\n"
            '    url: "vbscript:msgbox(1)"\n',
            "content/campaigns/month.yaml": "title: Month\nstarts: 2027-01-01\n"
            "ends: 2027-01-31\nactions:\n  - date: 2027-01-02\n    title: Read\n"
            '    link: "javascript:alert(1)"\n  - date: 2027-01-03\n    title: Share\n'
            '    link:\n      en: /en/\n      es: "data:text/html,x"\n',
        }
    )
    built = build(site)
    assert built.status == 1
    assert errors_in(built) == [
        f'content/campaigns/month.yaml:7:11: error: "actions[1].link" {LINK}',
        f'content/campaigns/month.yaml:12:11: error: "actions[2].link.es" {LINK}',
        f'content/events/training.yaml:3:19: error: "registration_url" {WEB}',
        f'content/events/training.yaml:5:15: error: "location.online_url" {WEB}',
        f'content/facts/figures.yaml:8:12: error: "facts[1].source.url" {WEB}',
        f'content/hotlines/chat.yaml:5:10: error: "channels[1].url" {WEB}',
        f'content/resources/parents.yaml:4:10: error: "links[1].url" {WEB}',
    ]


def test_url_fields_of_site_yaml_take_only_web_addresses(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site(
        {
            "site.yaml": """title: Coalition
base_url: https://minimal.example.org/
languages: [en, es]
quick_exit_url: "javascript:history.back()"
organization:
  url: "JavaScript:alert(1)"
  social:
    Mastodon: " javascript:alert(1)"
announcement:
  text: News
  link: "jav&#x09;ascript:alert(1)"
menu:
  - url: "data:text/html,<script>alert(1)</script>"
    title: Partner
help: [national]
"""
        }
    )
    built = build(site)
    assert built.status == 1
    assert errors_in(built) == [
        'site.yaml:4:17: error: "quick_exit_url" must be a full https:// address of a neutral site'
        " (hint: for example https://weather.com/: a site nobody would wonder about in someone's"
        " history)",
        f'site.yaml:6:8: error: "organization.url" {WEB}',
        f'site.yaml:8:15: error: "organization.social.Mastodon" {WEB}',
        f'site.yaml:11:9: error: "announcement.link" {LINK}',
        f'site.yaml:13:10: error: "menu[1].url" {LINK}',
    ]
