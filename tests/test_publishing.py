"""The files for the hosts nonprofits publish on: _headers for Netlify and Cloudflare Pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Built


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


def meta_policy(built: Built, path: str) -> str:
    (meta,) = built.page(path).xpath('//meta[@http-equiv="Content-Security-Policy"]')
    return str(meta.get("content"))


def test_headers_file_gives_every_page_the_security_headers(example: Built) -> None:
    rules = parsed_headers((example.out / "_headers").read_text(encoding="utf-8"))
    every = rules["/*"]
    assert every["Referrer-Policy"] == "no-referrer"
    assert every["X-Content-Type-Options"] == "nosniff"
    assert every["X-Frame-Options"] == "DENY"
    denied = dict(rule.split("=") for rule in every["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert denied[feature] == "()"
    assert rules["/static/*"]["Cache-Control"].startswith("public, max-age=")
    assert "Cache-Control" not in every  # hosts would join two rules' values with a comma


def test_headers_policy_is_the_pages_policy_and_frame_ancestors(example: Built) -> None:
    rules = parsed_headers((example.out / "_headers").read_text(encoding="utf-8"))
    for page in ("en/", "es/", "en/hotlines/", "404.html"):
        policy = meta_policy(example, page)
        assert rules["/*"]["Content-Security-Policy"] == policy + "; frame-ancestors 'none'"


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
