"""The preview server under stress: a flood of edits, a file deleted and restored, a broken
template, paths that try to leave the site, and pages of other origins. Through all of it the
server stays up and keeps serving the last good build. Plain HTTP: no browser needed."""

from __future__ import annotations

import base64
import hashlib
import http.client
import re
import socket
import time
from collections.abc import Callable
from pathlib import Path

from lxml import html

from tests.conftest import REPO
from tests.test_browser_serve import ARTICLE, FOOTER, Preview, preview

__all__ = ["preview"]  # the fixture, shared with the browser tests of the preview

PAGE = "/en/articles/hello/"
TEXT = "with a link"  # in the article's page
BUILD_LINE = re.compile(r"^\d\d:\d\d:\d\d .*(built in|error\(s\) in)")  # one per build


def port_of(preview: Preview) -> int:
    return int(preview.url.rsplit(":", 1)[1].rstrip("/"))


def get(
    preview: Preview, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """A request sent as is: http.client leaves the path alone (no normalising of dots)."""
    headers = {"Host": f"127.0.0.1:{port_of(preview)}", **(headers or {})}
    connection = http.client.HTTPConnection("127.0.0.1", port_of(preview), timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def raw(preview: Preview, request: bytes, whole: bool = True) -> bytes:
    """A request written byte for byte on a socket; the answer (or only its head)."""
    with socket.create_connection(("127.0.0.1", port_of(preview)), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while whole or b"\r\n\r\n" not in answer:
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    return answer


def page(preview: Preview, path: str = PAGE) -> html.HtmlElement:
    status, _, body = get(preview, path)
    assert status == 200, (path, status)
    return html.fromstring(body)


def problems_on(document: html.HtmlElement) -> list[str]:
    return [box.text_content() for box in document.cssselect(".lantern-problems")]


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def builds(preview: Preview) -> int:
    """How many builds the server has reported (one line each)."""
    return sum(1 for line in preview.lines if BUILD_LINE.search(line))


def build_after(preview: Preview, seen: int, timeout: float = 30) -> str:
    """The first build line printed after the first `seen` lines, waiting for it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in preview.lines[seen:]:
            if BUILD_LINE.search(line):
                return line
        assert preview.process.poll() is None, "the server died:\n" + "".join(preview.lines)
        time.sleep(0.05)
    raise AssertionError("no build after:\n" + "".join(preview.lines[seen:]))


def assert_alive_and_serving(preview: Preview, text: str) -> None:
    """The server is up, and the article page is the last good one, showing `text`."""
    assert preview.process.poll() is None, "the server died:\n" + "".join(preview.lines)
    assert text in page(preview).text_content()
    assert not [line for line in preview.lines if "Traceback" in line], "".join(preview.lines)


# ------------------------------------------------------------------ (a) a flood of edits


def test_five_hundred_edits_in_ten_seconds_make_a_few_builds_and_show_the_last(
    preview: Preview,
) -> None:
    article = preview.site / ARTICLE
    text = article.read_text(encoding="utf-8")
    before = builds(preview)
    started = time.monotonic()
    for number in range(500):  # one every 15 ms, as an editor saving on every keystroke might
        article.write_text(text.replace("Some *text*", f"Some *text {number}*"), encoding="utf-8")
        time.sleep(max(0.0, started + (number + 1) * 0.015 - time.monotonic()))
    burst = time.monotonic() - started
    assert burst < 10
    during = builds(preview) - before
    wait_until(lambda: "text 499" in page(preview).text_content(), "the last edit on the page")
    time.sleep(1.0)  # any build still to come after the burst
    after = builds(preview) - before - during
    print(f"\n500 edits in {burst:.1f} s: {during} builds during the burst, {after} after it")
    assert during + after <= 100  # without the wait for stillness: 350 builds on a 2-core machine
    assert after <= 3
    assert_alive_and_serving(preview, "text 499")


# ------------------------------------------------------------------ (b) a file deleted and restored


def test_a_deleted_article_is_not_found_and_back_once_restored(preview: Preview) -> None:
    article = preview.site / "content/articles/only-english.en.md"
    text = article.read_text(encoding="utf-8")
    seen = len(preview.lines)
    article.unlink()
    assert "built in" in build_after(preview, seen)
    status, _, body = get(preview, "/en/articles/only-english/")
    assert status == 404
    assert problems_on(html.fromstring(body)) == []
    seen = len(preview.lines)
    article.write_text(text, encoding="utf-8")
    assert "built in" in build_after(preview, seen)
    assert "English only." in page(preview, "/en/articles/only-english/").text_content()
    assert_alive_and_serving(preview, TEXT)


def test_deleting_an_article_its_translation_needs_shows_why_over_the_last_good_page(
    preview: Preview,
) -> None:
    """hello.es.md takes its date from hello.en.md: without it, the build fails."""
    article = preview.site / ARTICLE
    text = article.read_text(encoding="utf-8")
    seen = len(preview.lines)
    article.unlink()
    assert "1 error(s)" in build_after(preview, seen)
    served = page(preview)  # the last good build of the deleted article
    assert TEXT in served.text_content()
    [problems] = problems_on(served)
    assert 'content/articles/hello.es.md:2:1: the required field "date" is missing' in problems
    seen = len(preview.lines)
    article.write_text(text, encoding="utf-8")
    assert "built in" in build_after(preview, seen)
    assert problems_on(page(preview)) == []
    assert_alive_and_serving(preview, TEXT)


# ------------------------------------------------------------------ (c) a broken template


def test_a_template_syntax_error_shows_its_line_over_the_last_good_page_until_fixed(
    preview: Preview,
) -> None:
    footer = preview.site / "templates/partials/footer.html"
    seen = len(preview.lines)
    footer.write_text(FOOTER + "{% if %}\n", encoding="utf-8")
    assert "1 error(s)" in build_after(preview, seen)
    served = page(preview)
    [problems] = problems_on(served)
    line = FOOTER.count("\n") + 1
    assert f"templates/partials/footer.html:{line}: Expected an expression" in problems
    assert TEXT in served.text_content()  # the last good page, under the box
    seen = len(preview.lines)
    footer.write_text(FOOTER, encoding="utf-8")
    assert "built in" in build_after(preview, seen)
    assert problems_on(page(preview)) == []
    assert_alive_and_serving(preview, TEXT)


# ------------------------------------------------------------------ (d) paths that leave the site

PASSWD = Path("/etc/passwd").read_bytes().split(b"\n", 1)[0]
UP = 20  # more levels than the preview folder is deep: to the file system's root
TRAVERSALS = [
    "/" + "../" * UP + "etc/passwd",
    "/" + "%2e%2e/" * UP + "etc/passwd",
    "/" + "%2E%2E%2F" * UP + "etc%2Fpasswd",
    "/" + "..%2f" * UP + "etc/passwd",
    "/" + "%252e%252e/" * UP + "etc/passwd",
    "/" + ".%2e/" * UP + "etc/passwd",
    "/" + "..\\" * UP + "etc\\passwd",
    "/" + "..%5c" * UP + "etc%5cpasswd",
    "/en/articles/hello/" + "../" * UP + "etc/passwd",
    "/" + "....//" * UP + "etc/passwd",
    "/" + "%c0%ae%c0%ae/" * UP + "etc/passwd",
    "/" + "..%00/" * UP + "etc/passwd",
    "//etc/passwd",
    "/%2fetc%2fpasswd",
    "/etc/passwd",
    "/%00",
    "/en/index.html%00.txt",
]


def test_paths_that_leave_the_site_are_not_found(preview: Preview) -> None:
    for path in TRAVERSALS:
        answer = raw(
            preview,
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port_of(preview)}\r\n"
            "Connection: close\r\n\r\n".encode(),
        )
        assert int(answer.split(b" ", 2)[1]) in (400, 404), (path, answer[:200])
        assert PASSWD not in answer, path
    assert_alive_and_serving(preview, TEXT)


def test_a_request_in_absolute_form_reads_nothing_outside(preview: Preview) -> None:
    host = f"127.0.0.1:{port_of(preview)}"
    answer = raw(
        preview,
        f"GET http://{host}/{'../' * UP}etc/passwd HTTP/1.1\r\nHost: {host}\r\n"
        "Connection: close\r\n\r\n".encode(),
    )
    assert int(answer.split(b" ", 2)[1]) in (400, 404)
    assert PASSWD not in answer


def test_a_link_in_the_output_to_a_file_outside_is_not_followed(preview: Preview) -> None:
    """The preview serves what the build wrote; a link out of the folder is refused, even if
    something put it there."""
    out = preview.site / ".lantern-cache/preview"
    (out / "leak.txt").symlink_to("/etc/passwd")
    (out / "leak").symlink_to("/etc")
    (out / "inside.html").symlink_to(out / "en/index.html")
    try:
        for path in ("/leak.txt", "/leak/passwd", "/leak/"):
            status, _, body = get(preview, path)
            assert status == 404 and PASSWD not in body, path
        assert get(preview, "/inside.html")[0] == 200  # a link within the site is the site
    finally:
        for name in ("leak.txt", "leak", "inside.html"):
            (out / name).unlink()
    assert_alive_and_serving(preview, TEXT)


# ------------------------------------------------------------------ (e) other origins


def handshake(preview: Preview, origin: str, host: str | None = None, site: str = "") -> int:
    """The status a WebSocket handshake on /livereload gets; `site` is a browser's
    Sec-Fetch-Site header."""
    key = base64.b64encode(b"lantern-preview!").decode()
    answer = raw(
        preview,
        (
            "GET /livereload HTTP/1.1\r\n"
            f"Host: {host or f'127.0.0.1:{port_of(preview)}'}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Origin: {origin}\r\n" + (f"Sec-Fetch-Site: {site}\r\n" if site else "") + "\r\n"
        ).encode(),
        whole=False,  # an accepted socket stays open
    )
    return int(answer.split(b" ", 2)[1])


def test_the_reload_socket_refuses_pages_of_other_origins(preview: Preview) -> None:
    port = port_of(preview)
    assert handshake(preview, f"http://127.0.0.1:{port}") == 101
    assert handshake(preview, f"http://localhost:{port}") == 101
    for origin in (
        "http://evil.example",
        f"http://evil.example:{port}",
        f"http://127.0.0.1:{port}.evil.example",
        f"http://127.0.0.1:{port + 1}",
        "null",
        "file://",
    ):
        assert handshake(preview, origin) == 403, origin
        assert handshake(preview, origin, site="cross-site") == 403, origin
    # a page of evil.example whose name now points here (DNS rebinding): to the browser, and
    # to Tornado, which then does not ask check_origin, the socket is of the page's own origin
    rebound = f"evil.example:{port}"
    assert handshake(preview, f"http://{rebound}", rebound) == 403
    assert handshake(preview, f"http://{rebound}", rebound, site="same-origin") == 403
    assert_alive_and_serving(preview, TEXT)


def test_a_request_for_another_host_name_gets_nothing(preview: Preview) -> None:
    """DNS rebinding: a page of evil.example whose name now points here asks for this server's
    files under its own name."""
    port = port_of(preview)
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}"):
        for path in (PAGE, "/", "/livereload.js", "/__lantern/preview.css", "/missing/"):
            status, _, body = get(preview, path, {"Host": host})
            assert status == 403, (host, path)
            assert TEXT.encode() not in body and b"LiveReload" not in body
    assert_alive_and_serving(preview, TEXT)


def test_no_answer_lets_another_origin_read_it(preview: Preview) -> None:
    """No CORS header: a page of another origin may send a request, never read the answer."""
    for path in (PAGE, "/", "/livereload.js", "/__lantern/preview.css", "/missing/"):
        _, headers, _ = get(preview, path, {"Origin": "http://evil.example"})
        assert [name for name in headers if name.lower().startswith("access-control-")] == []
    answer = raw(
        preview,
        (
            f"OPTIONS {PAGE} HTTP/1.1\r\nHost: 127.0.0.1:{port_of(preview)}\r\n"
            "Origin: http://evil.example\r\nAccess-Control-Request-Method: GET\r\n"
            "Connection: close\r\n\r\n"
        ).encode(),
    )
    assert int(answer.split(b" ", 2)[1]) == 405
    assert b"access-control-" not in answer.lower()
    assert_alive_and_serving(preview, TEXT)


# ------------------------------------------------------------------ cached between reloads


def test_stylesheets_are_kept_between_reloads_and_an_edited_one_is_fetched_anew(
    preview: Preview,
) -> None:
    """A page names its stylesheet by version: that answer may be kept for good, so a reload
    fetches the page alone; the stylesheet's own name is checked on every load; an edit to it
    gives the stylesheet a new fingerprinted name, and the page a new version to fetch."""
    link = re.compile(rb'href="((/static/lantern\.[0-9a-f]{8}\.css)\?v=(\d+))"')
    found = link.search(get(preview, PAGE)[2])
    assert found, "the page names its stylesheet by version"
    status, headers, old_css = get(preview, found[1].decode())
    assert (status, headers["Cache-Control"]) == (200, "max-age=31536000, immutable")
    assert hashlib.sha256(old_css).hexdigest()[:8].encode() in found[2]  # named by its bytes
    assert get(preview, found[2].decode())[1]["Cache-Control"] == "no-cache"
    stylesheet = preview.site / "templates/static/lantern.css"
    stylesheet.parent.mkdir(parents=True, exist_ok=True)
    source = (REPO / "templates/static/lantern.css").read_bytes()
    stylesheet.write_bytes(source + b"\n.edited { color: red; }\n")
    wait_until(
        lambda: (again := link.search(get(preview, PAGE)[2])) is not None and again[2] != found[2],
        "a new name of the stylesheet on the page",
    )
    again = link.search(get(preview, PAGE)[2])
    assert again is not None
    assert b".edited" in get(preview, again[1].decode())[2]
    assert_alive_and_serving(preview, TEXT)
