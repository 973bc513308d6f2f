"""The shortcode syntax: `{{< NAME ARGUMENT >}}` on a line of its own, outside code blocks.

Content checks use it to report unknown names and ids at their line; rendering uses it to put the
block in place. What each block shows is decided by render.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# What each shortcode's argument names.
NAMES = {
    "hotline": "a hotline id",
    "fact": "a fact reference SHEET/ID",
    "chart": "a chart reference SHEET/ID",
    "signs": "a fact sheet id",
    "event": "an event id",
    "resources": "a resources id",
    "video": "a video id",
}
LINE = re.compile(r"^ {0,3}\{\{<\s*(?P<name>[^\s>]*)\s*(?P<argument>[^\s>]*)\s*>\}\}\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Shortcode:
    name: str
    argument: str
    line: int  # 1-based, within the text it was found in
    source: str  # the line as written

    @property
    def key(self) -> str:
        return f"{self.name} {self.argument}"


def find_shortcodes(text: str) -> Iterator[Shortcode]:
    """Every shortcode line in Markdown text, skipping fenced code blocks."""
    if "{{<" not in text:  # most texts have none: no need to look at each line
        return
    fence = ""
    for number, line in enumerate(text.splitlines(), start=1):
        opening = _FENCE.match(line)
        if opening and (not fence or opening.group(1).startswith(fence)):
            fence = "" if fence else opening.group(1)[:3]
            continue
        match = LINE.match(line) if not fence else None
        if match:
            yield Shortcode(match["name"], match["argument"], number, line)


def has_shortcodes(text: str) -> bool:
    return next(find_shortcodes(text), None) is not None
