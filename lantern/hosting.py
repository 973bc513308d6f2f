"""Whether site.yaml's base_url is where the site will be published (build.py check).

Every absolute link the build writes (canonical, hreflang, sitemap, feeds, share links) starts
with base_url, so a wrong one publishes a site whose links lead elsewhere. What can be told
without asking the network, in this order, the first that applies:

(The schema already insists on https.)

1. a placeholder: a host reserved for examples (RFC 2606, RFC 6761), as the example site's is;
2. static/CNAME (GitHub Pages' custom domain file, published at the root) names another host,
   or base_url has a path there: a custom domain serves the site at its root;
3. in GitHub Actions (GITHUB_ACTIONS=true) without a CNAME, a github.io base_url that is not
   the address GitHub Pages gives the repository in GITHUB_REPOSITORY: https://OWNER.github.io/
   for the repository OWNER.github.io, https://OWNER.github.io/NAME/ for any other.

A custom domain set in the repository's settings alone is not visible here: then nothing is said.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from lantern.errors import Position, Problems

_RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
_RESERVED_ENDINGS = ("example", "test", "invalid")  # top-level names
HINT = "docs/publishing.md"


def check_base_url(
    base_url: str,
    at: Position,
    site_dir: Path,
    environment: Mapping[str, str],
    problems: Problems,
) -> None:
    """Warn when base_url cannot be where the site is published."""
    address = urlsplit(base_url)
    host = (address.hostname or "").lower()
    quoted = f'base_url "{base_url}"'
    published = published_address(site_dir, environment)
    reserved = _reserved(host)
    if reserved:
        problems.warning(
            at,
            f"{quoted} is a placeholder: {reserved} addresses are reserved for examples, so the"
            " sitemap, feeds and links to share would lead nowhere",
            f"write the address the site is published at; {HINT} shows each host's",
        )
    elif published and _differs(base_url, host, *published):
        where, address_there = published
        problems.warning(
            at,
            f"{quoted} is not where {where} publishes the site: {address_there}",
            f"write base_url: {address_there}, or publish the site there; see {HINT}",
        )


def published_address(site_dir: Path, environment: Mapping[str, str]) -> tuple[str, str] | None:
    """(who says so, the address) of where the site is published, when the site tells."""
    domain = _cname(site_dir / "static" / "CNAME")
    if domain:
        return "static/CNAME", f"https://{domain}/"
    repository = environment.get("GITHUB_REPOSITORY", "")
    if environment.get("GITHUB_ACTIONS") != "true" or repository.count("/") != 1:
        return None
    owner, name = repository.split("/")
    home = f"https://{owner.lower()}.github.io/"
    return (
        "GitHub Pages",
        home if name.lower() == f"{owner.lower()}.github.io" else f"{home}{name}/",
    )


def _differs(base_url: str, host: str, where: str, published: str) -> bool:
    if where == "GitHub Pages" and not host.endswith(".github.io"):
        return False  # perhaps a custom domain set in the repository's settings
    ours, theirs = urlsplit(base_url), urlsplit(published)
    return (host, ours.path) != (theirs.hostname, theirs.path)  # a path is case-sensitive


def _cname(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError):
        return ""
    return lines[0].strip().lower().rstrip("/") if lines else ""


def _reserved(host: str) -> str:
    """The name reserved for examples that `host` is or is in ("example.org"), or ""."""
    for name in (*_RESERVED_DOMAINS, "localhost", *_RESERVED_ENDINGS):
        if host == name or host.endswith("." + name):
            return name
    return ""
