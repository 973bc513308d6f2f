"""What hosts receive: _headers for Netlify and Cloudflare Pages, and the theme's files named by
the digest of their bytes, so that they may be cached for a year."""

from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from lxml import html

from lantern.cli import main
from tests.conftest import REPO, TODAY, Built, tree

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"
# Every feature a page of these sites could ask for (W3C Permissions Policy registry); none may.
DENIED = (
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
    "browsing-topics",
)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)["']?\s*\)""")
FINGERPRINTED = re.compile(r"\.([0-9a-f]{8})\.[a-z0-9]+$")


def parsed_headers(text: str) -> dict[str, dict[str, str]]:
    """_headers as Netlify and Cloudflare Pages read it: a path, then indented "Name: value" lines."""
    rules: dict[str, dict[str, str]] = {}
    path = ""
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            path = line.strip()
            assert path not in rules, f"{path} is given twice"
            rules[path] = {}
            continue
        name, _, value = line.strip().partition(":")
        assert name not in rules[path], f"{name} is given twice for {path}"
        rules[path][name] = value.strip()
    return rules


def unfingerprinted(name: str) -> str:
    """ "lantern.3f9a1c2b.css" -> "lantern.css"."""
    return re.sub(r"\.[0-9a-f]{8}(\.[a-z0-9]+)$", r"\1", name)


def headers_of(built: Built) -> dict[str, dict[str, str]]:
    return parsed_headers((built.out / "_headers").read_text(encoding="utf-8"))


def matching(rules: dict[str, dict[str, str]], url: str) -> list[str]:
    """The rules a request for `url` matches, as both hosts match them: `*` (a splat) stands for
    anything, slashes included; a path without one matches itself alone."""
    found = []
    for pattern in rules:
        expression = "".join(
            ".*" if part == "*" else re.escape(part) for part in re.split(r"(\*)", pattern)
        )
        if re.fullmatch(expression, url):
            found.append(pattern)
    return found


def cache_control(rules: dict[str, dict[str, str]], url: str) -> str:
    """The one Cache-Control a request gets: exactly one matching rule may give one, since hosts
    join the values of rules that overlap."""
    given = [rules[p]["Cache-Control"] for p in matching(rules, url) if "Cache-Control" in rules[p]]
    assert len(given) == 1, f"{url} gets Cache-Control from {len(given)} rules: {given}"
    return given[0]


def meta_policy(page: html.HtmlElement) -> str:
    (meta,) = page.xpath('//meta[@http-equiv="Content-Security-Policy"]')
    return str(meta.get("content"))


def loaded(built: Built, file: Path) -> Iterator[tuple[str, str]]:
    """(kind, URL path) of every file of the site a page loads: stylesheets, icons, scripts,
    images, and what its stylesheets load in turn (CSS url())."""
    page = html.fromstring(file.read_bytes())
    for kind, query in (
        ("stylesheet", '//link[@rel="stylesheet"]/@href'),
        ("icon", '//link[@rel="icon"]/@href'),
        ("script", "//script/@src"),
        ("image", "//img/@src"),
    ):
        for address in page.xpath(query):
            if address.startswith("/") and not address.startswith("//"):
                yield kind, address
                if kind == "stylesheet":
                    css = (built.out / address.lstrip("/")).read_text(encoding="utf-8")
                    for reference in CSS_URL.findall(css):
                        if ":" not in reference:
                            yield "css url()", posixpath.join(posixpath.dirname(address), reference)


def test_headers_file_gives_every_page_the_security_headers(example: Built) -> None:
    rules = headers_of(example)
    every = rules["/*"]
    assert every["Referrer-Policy"] == "no-referrer"
    assert every["X-Content-Type-Options"] == "nosniff"
    assert every["X-Frame-Options"] == "DENY"
    denied = dict(rule.split("=") for rule in every["Permissions-Policy"].split(", "))
    assert denied == dict.fromkeys(DENIED, "()")
    assert "Cache-Control" not in every  # hosts would join two rules' values with a comma
    assert rules["/static/*"] == {"Cache-Control": IMMUTABLE}


def test_headers_policy_is_every_page_s_policy_and_frame_ancestors(example: Built) -> None:
    rules = headers_of(example)
    pages = example.html_files()
    assert len(pages) > 100
    for file in pages:
        policy = meta_policy(html.fromstring(file.read_bytes()))
        url = "/" + file.relative_to(example.out).as_posix().removesuffix("index.html")
        # The search pages' rule detaches the site-wide policy and gives their own.
        (rule,) = [p for p in matching(rules, url) if "! Content-Security-Policy" in rules[p]] or [
            "/*"
        ]
        assert rules[rule]["Content-Security-Policy"] == policy + "; frame-ancestors 'none'", file


def test_every_file_gets_one_cache_rule_a_year_only_under_static(example: Built) -> None:
    rules = headers_of(example)
    files = [p.relative_to(example.out).as_posix() for p in example.out.rglob("*") if p.is_file()]
    for file in files:
        if file == "_headers":
            continue  # read by the host, never served
        urls = ["/" + file] + (
            ["/" + file.removesuffix("index.html")] if file.endswith("index.html") else []
        )
        for url in urls:
            wanted = IMMUTABLE if file.startswith("static/") else REVALIDATE
            assert cache_control(rules, url) == wanted, url
            assert "/*" in matching(rules, url)  # the security headers, everywhere


def test_every_asset_a_page_loads_is_named_by_its_bytes_and_kept_a_year(example: Built) -> None:
    rules = headers_of(example)
    seen: set[tuple[str, str]] = set()
    for file in example.html_files():
        for kind, address in loaded(example, file):
            seen.add((kind, address))
            target = example.out / address.lstrip("/")
            assert target.is_file(), f"{file} loads {address}, which is not there"
            name = FINGERPRINTED.search(address)
            if address.startswith("/static/share/"):
                # Drawn by the build: named by the digest of what it draws (a figure, its
                # words, the drawing code), known before it is drawn. See the test below.
                assert name and cache_control(rules, address) == IMMUTABLE, address
                continue
            assert address.startswith("/static/") and name, f"{file}: {address} has no fingerprint"
            assert name[1] == hashlib.sha256(target.read_bytes()).hexdigest()[:8], address
            assert cache_control(rules, address) == IMMUTABLE
    assert {kind for kind, _ in seen} == {"stylesheet", "icon", "script", "image", "css url()"}
    theme = {path.name for path in (REPO / "templates/static").iterdir()}
    assert theme <= {unfingerprinted(posixpath.basename(address)) for _, address in seen}


def test_headers_file_can_be_turned_off(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site()
    text = (site / "site.yaml").read_text(encoding="utf-8")
    (site / "site.yaml").write_text(text + "headers_file: false\n", encoding="utf-8")
    built = build(site)
    assert built.status == 0
    assert not (built.out / "_headers").exists()
    assert (built.out / "robots.txt").exists()


def stylesheet_of(built: Built, page: str = "en/") -> str:
    (address,) = built.page(page).xpath('//link[@rel="stylesheet" and not(@media)]/@href')
    return str(address)


def test_an_edited_stylesheet_gets_a_new_name_and_every_page_points_to_it(
    make_site: Callable[..., Path], build: Callable[..., Built], tmp_path: Path
) -> None:
    site = make_site()
    own = site / "templates/static"
    own.mkdir(parents=True)
    shutil.copy(REPO / "templates/static/lantern.css", own / "lantern.css")
    first = build(site)
    old = stylesheet_of(first)
    with (own / "lantern.css").open("a", encoding="utf-8") as css:
        css.write("\n.edited { color: #123456 }\n")
    again = build(site)
    assert again.status == 0
    new = stylesheet_of(again)
    assert new != old and not (again.out / old.lstrip("/")).exists()
    data = (again.out / new.lstrip("/")).read_bytes()
    assert b".edited" in data and hashlib.sha256(data).hexdigest()[:8] in new
    for file in again.html_files():
        links = html.fromstring(file.read_bytes()).xpath('//link[@rel="stylesheet"]/@href')
        assert old not in links and new in links, file
    # The same bytes as a build from scratch: the build cache kept no old name anywhere.
    fresh = build(site, "--clean", out=tmp_path / "fresh")
    assert tree(fresh.out) == tree(again.out)


def test_an_edited_icon_renames_the_stylesheet_that_shows_it(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    site = make_site()
    first = build(site)
    old_css = stylesheet_of(first)
    own = site / "templates/static"
    own.mkdir(parents=True)
    icon = (REPO / "templates/static/favicon.svg").read_text(encoding="utf-8")
    (own / "favicon.svg").write_text(icon.replace("</svg>", "<!-- edited --></svg>"), "utf-8")
    again = build(site)
    new_css = stylesheet_of(again)
    assert new_css != old_css
    (icon_link,) = again.page("en/").xpath('//link[@rel="icon"]/@href')
    css = (again.out / new_css.lstrip("/")).read_text(encoding="utf-8")
    assert f"url({posixpath.basename(icon_link)})" in css
    assert b"edited" in (again.out / icon_link.lstrip("/")).read_bytes()


def test_media_are_linked_by_their_bytes_and_kept_under_their_own_names_too(
    make_site: Callable[..., Path], build: Callable[..., Built]
) -> None:
    still = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 9"><rect width="16" height="9"/></svg>'
    event = (
        'title: Training\nkind: training\nstarts: "2026-12-01T10:00"\nends: "2026-12-01T12:00"\n'
        "timezone: America/New_York\nlocation: {name: Library, city: Hartford}\n"
        "image: room.svg\nimage_alt: A room\n"
    )
    site = make_site({"content/media/room.svg": still, "content/events/training.yaml": event})
    first = build(site)
    assert first.status == 0, first.stderr
    (shown,) = first.page("en/events/training/").xpath("//figure//img/@src")
    assert shown == f"/static/media/room.{hashlib.sha256(still.encode()).hexdigest()[:8]}.svg"
    assert (first.out / shown.lstrip("/")).read_text(encoding="utf-8") == still
    # The name editors write in a link by hand still works, and is asked again each visit.
    assert (first.out / "media/room.svg").read_text(encoding="utf-8") == still
    assert cache_control(headers_of(first), "/media/room.svg") == REVALIDATE
    (site / "content/media/room.svg").write_text(still.replace("16", "17"), encoding="utf-8")
    again = build(site)
    (edited,) = again.page("en/events/training/").xpath("//figure//img/@src")
    assert edited != shown and b"17" in (again.out / edited.lstrip("/")).read_bytes()


def test_a_share_image_shown_on_the_page_is_renamed_when_what_it_draws_changes(
    example: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The campaign page shows a smaller copy of each share image, named by the digest of what it
    draws; the image to share keeps its address."""
    page = "en/campaigns/prevention-month-2027/"
    shown = example.page(page).xpath("//img[@class='post__image']/@src")
    assert shown and all(src.startswith("/static/share/en/") for src in shown)
    assert (example.out / page / "share-1.png").is_file()
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(REPO / "site.yaml", site / "site.yaml")
    shutil.copytree(REPO / "content", site / "content")
    campaign = site / "content/campaigns/prevention-month-2027.yaml"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(text.replace(", EndTrafficking]", "]"), encoding="utf-8")  # drawn on each
    out = tmp_path / "out"
    assert main(["--site", str(site), "--out", str(out), "--today", TODAY, "--quiet"]) == 0
    capsys.readouterr()
    again = html.fromstring((out / page / "index.html").read_bytes())
    renamed = again.xpath("//img[@class='post__image']/@src")
    assert len(renamed) == len(shown) and not set(renamed) & set(shown)
    assert all((out / src.lstrip("/")).is_file() for src in renamed)


# ------------------------------------------------------------------ docs/publishing.md's recipes
README_BUILD = re.compile(
    r"^    (python3 -m venv .venv && .venv/bin/pip install -r requirements\.txt && \S+ build\.py)$",
    re.M,
)


def test_the_github_pages_workflow_runs_the_readme_s_build_and_deploys_site() -> None:
    (command,) = README_BUILD.findall((REPO / "README.md").read_text(encoding="utf-8"))
    workflow = yaml.safe_load((REPO / "docs/publishing/github-pages.yml").read_text("utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    assert command in [step.get("run") for step in steps]
    (upload,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"].rstrip("/") == "_site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_the_recipes_build_with_the_readme_s_command_and_send_the_headers_file_s_values(
    example: Built,
) -> None:
    (command,) = README_BUILD.findall((REPO / "README.md").read_text(encoding="utf-8"))
    recipes = (REPO / "docs/publishing.md").read_text(encoding="utf-8")
    (netlify,) = re.findall(r"```toml\n(.*?)```", recipes, re.S)
    build = tomllib.loads(netlify)["build"]
    assert (build["command"], build["publish"]) == (command, "_site")
    assert f"| Build command | `{command}` |" in recipes  # Cloudflare Pages
    sent = dict(re.findall(r'^add_header ([\w-]+) "([^"]*)" always;$', recipes, re.M))
    assert "add_header Content-Security-Policy $lantern_policy always;" in recipes
    rules = headers_of(example)
    policies = dict(re.findall(r'^    (default|~\S+) +"([^"]*)";$', recipes, re.M))
    assert policies == {
        "default": rules["/*"]["Content-Security-Policy"],
        "~^/[^/]+/search/": rules["/en/search/*"]["Content-Security-Policy"],
        "~^/pagefind/": rules["/pagefind/*"]["Content-Security-Policy"],
    }
    sent["Content-Security-Policy"] = policies["default"]
    assert sent == rules["/*"]
    locations = dict(
        re.findall(
            r'location (/\S*) \{\n.*?add_header Cache-Control "([^"]*)" always;', recipes, re.S
        )
    )
    assert locations == {
        "/static/": rules["/static/*"]["Cache-Control"],
        "/": rules["/en/*"]["Cache-Control"],
    }
