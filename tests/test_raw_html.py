"""Raw HTML in Markdown: the allow-list holds against known sanitizer bypasses and random HTML,
and the HTML it allows converts as it always did."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lantern import memo
from lantern.links import unsafe_links
from lantern.markup import to_html
from lantern.raw_html import html_problems

# Known bypasses of HTML sanitizers (OWASP XSS filter evasion cheat sheet, html5sec.org,
# mutation XSS reports): each must be refused, or converted to HTML that runs nothing.
BYPASSES = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=/x.js></script>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x ONERROR=alert(1)>",
    "<img src=x onerror\x00=alert(1)>",
    "<img/src=x/onerror=alert(1)>",
    '<img src="x" onerror ="alert(1)">',
    "<img src=x\tonerror=alert(1)>",
    "<img src=`x` onerror=`alert(1)`>",
    '<img """><script>alert(1)</script>">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math><a xlink:href="javascript:alert(1)">x</a></math>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<noscript><style></noscript><img src=x onerror=alert(1)>",
    "<template><script>alert(1)</script></template>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java\x00script:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select><option><style></option></select><img src=x onerror=alert(1)>",
    "<textarea></textarea><img src=x onerror=alert(1)>",
    "<xmp><p title='</xmp><img src=x onerror=alert(1)>'>",
    "<!--<img src=--><img src=x onerror=alert(1)//>",
    "<p>x<!--><img src=x onerror=alert(1)>--></p>",
    '<a href="#" onclick="alert(1)">x</a>',
    "<marquee onstart=alert(1)>x</marquee>",
    "<video><source onerror=alert(1)></video>",
    '<a href="https://example.org/"{: onclick="alert(1)" }>x</a>',
    "## Heading {: onclick=alert(1) }",
    '[x](https://example.org/){: onmouseover="alert(1)" }',
    '<img src="https://tracker.example/pixel.gif">',
    '<img src="//tracker.example/pixel.gif">',
    "<img src=x onerror=alert(1)",
    "<<script>alert(1)//<</script>",
    "<div><span onmouseover=alert(1)>x</span></div>",
]


def _runs_something(html: str) -> bool:
    """Whether a browser's reading of `html` has a script, a handler or a javascript: URL."""
    if not html.strip():
        return False
    for element in lxml.html.fragment_fromstring(html, create_parent="div").iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag.lower() in ("script", "iframe", "object", "embed", "base", "meta", "style"):
            return True
        for name, value in element.attrib.items():
            if name.lower().startswith("on") or "script:" in value.lower().replace(" ", ""):
                return True
    return False


def refused(text: str) -> bool:
    """Whether the build refuses `text`: its HTML (here) or its links (test_links.py)."""
    return bool(html_problems(text)) or any(unsafe_links(text))


@pytest.fixture(autouse=True)
def _memo() -> None:
    memo.use(memo.Memo())


def test_the_corpus_holds_at_least_40_payloads() -> None:
    assert len(set(BYPASSES)) >= 40


@pytest.mark.parametrize("payload", BYPASSES)
def test_a_known_bypass_is_refused_or_inert(payload: str) -> None:
    assert refused(payload) or not _runs_something(to_html(payload))


ALLOWED = [
    '<table><tr><th scope="col">Year</th></tr><tr><td>2021</td></tr></table>',
    "<details><summary>More</summary>\n\nHidden text.\n\n</details>",
    'The <abbr title="World Health Organization">WHO</abbr> says so.',
    'Hello <span lang="ar" dir="rtl">مرحبا</span>.',
    "| Year | Calls |\n|:-----|------:|\n| 2021 | 100 |",
    "Text.[^1]\n\n[^1]: A note.",
    '<figure><img src="/media/a.svg" alt="A"><figcaption>A</figcaption></figure>',
    "Press <kbd>Esc</kbd>, <mark>now</mark>, H<sub>2</sub>O, x<sup>2</sup>.",
    "<!-- a note for editors -->\nText.",
    "Code: `<script>alert(1)</script>`\n\n```\n<iframe src=x>\n```",
]


@pytest.mark.parametrize("markdown", ALLOWED)
def test_html_editors_write_is_allowed(markdown: str) -> None:
    assert html_problems(markdown) == ()


fragments = st.lists(
    st.one_of(
        st.sampled_from(
            ["<", ">", "/", "=", '"', "'", " ", "\n", "\x00", "&#", ";", "--", "!", "{:", "}"]
        ),
        st.sampled_from(
            [
                "script",
                "img",
                "svg",
                "math",
                "style",
                "noscript",
                "a",
                "p",
                "on",
                "onerror",
                "src",
                "href",
                "javascript:",
                "alert(1)",
                "x",
                "iframe",
                "template",
                "textarea",
            ]
        ),
        st.text(max_size=3),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(fragments)
def test_random_html_never_crashes_nor_lets_a_script_or_handler_through(text: str) -> None:
    if not refused(text):
        assert not _runs_something(to_html(text))
