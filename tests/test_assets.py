"""The theme's files named by the digest of their bytes, and stylesheets' url() renamed with them."""

from __future__ import annotations

import hashlib
from pathlib import Path

from lantern.assets import fingerprint, short_cache_paths
from lantern.routes import Route, Routes, fingerprinted_path


def short_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def test_a_name_takes_the_digest_before_its_ending() -> None:
    assert fingerprinted_path("static/lantern.css", "3f9a1c2b") == "static/lantern.3f9a1c2b.css"
    assert fingerprinted_path("static/app.min.js", "00ff00ff") == "static/app.min.00ff00ff.js"
    assert fingerprinted_path("static/LICENSE", "12345678") == "static/LICENSE.12345678"
    assert fingerprinted_path("static/.hidden", "12345678") == "static/.hidden.12345678"


def test_stylesheets_name_the_new_names_of_what_they_load(tmp_path: Path) -> None:
    icon = tmp_path / "icon.svg"
    icon.write_bytes(b"<svg/>")
    (tmp_path / "img").mkdir()
    (tmp_path / "img/dot.png").write_bytes(b"png")
    css = tmp_path / "site.css"
    css.write_bytes(
        b"a{background:url(icon.svg)}b{background:url('img/dot.png?x=1#y')}"
        b'i{background:url("data:image/gif;base64,R0")}s{background:url(/elsewhere.png)}'
        b"u{background:url(https://example.org/x.png)}m{background:url(missing.png)}"
    )
    static = (
        ("static/icon.svg", icon),
        ("static/img/dot.png", tmp_path / "img/dot.png"),
        ("static/site.css", css),
        ("robots.txt", icon),  # not under static/: published as it is
    )
    found = fingerprint(static, tmp_path / "store")
    icon_name = f"icon.{short_digest(b'<svg/>')}.svg"
    dot_name = f"img/dot.{short_digest(b'png')}.png"
    (stored,) = [source for path, source in found.copies if path.endswith(".css")]
    rewritten = stored.read_bytes()
    assert rewritten == (
        f"a{{background:url({icon_name})}}b{{background:url('{dot_name}?x=1#y')}}".encode()
        + b'i{background:url("data:image/gif;base64,R0")}s{background:url(/elsewhere.png)}'
        b"u{background:url(https://example.org/x.png)}m{background:url(missing.png)}"
    )
    assert found.names == {
        "static/icon.svg": f"static/{icon_name}",
        "static/img/dot.png": f"static/{dot_name}",
        "static/site.css": f"static/site.{short_digest(rewritten)}.css",
    }
    assert ("robots.txt", icon) in found.copies
    assert fingerprint(static, None).names == found.names  # build.py check: names, no writing
    icon.write_bytes(b"<svg></svg>")
    assert fingerprint(static, None).names["static/site.css"] != found.names["static/site.css"]


def test_stylesheets_are_published_without_their_comments(tmp_path: Path) -> None:
    css = tmp_path / "site.css"
    css.write_bytes(
        b'/* The theme. */\na{color:red}/* one\nand two */b{content:"/* kept */"}'
        b"i{content:'it\\'s /* kept */'}\n"
    )
    found = fingerprint((("static/site.css", css),), tmp_path / "store")
    (stored,) = [source for _, source in found.copies]
    assert stored.read_bytes() == (
        b"\na{color:red}b{content:\"/* kept */\"}i{content:'it\\'s /* kept */'}\n"
    )


def test_short_caching_rules_cover_everything_but_static_and_the_headers_file(
    tmp_path: Path,
) -> None:
    pages = (
        Route("", "chooser", "chooser.html"),
        Route("en/", "home", "home.html"),
        Route("en/articles/a/", "article", "article.html"),
        Route("404.html", "404", "404.html"),
        Route("_headers", "headers", "_headers"),
    )
    copies = (
        ("static/lantern.0123abcd.css", tmp_path),
        ("CNAME", tmp_path),
        ("media/a.png", tmp_path),
    )
    assert short_cache_paths(Routes(pages, copies)) == (
        "",  # the root, asked for as "/"
        "404.html",
        "CNAME",
        "en/*",
        "index.html",
        "media/*",
    )
