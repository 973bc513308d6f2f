"""Write the benchmark corpus: one Lantern site and the same articles for Hugo, Pelican, Eleventy.

    python bench/corpus.py --articles 1000 --out bench/.work/corpus [--seed 1] [--only lantern]

Everything comes from random.Random(seed): the same arguments write byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime
import random
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# bench/ is not a package: run as a script, its folder is on sys.path and its modules import
# each other by name.
import peers
import prose
import records
import trash
from documents import Article, Page, dump_yaml, front_matter, write

LANGUAGES = ("en", "es")
ENGLISH_TAGS = (
    "awareness",
    "training",
    "warning signs",
    "survivors",
    "policy",
    "labour",
    "youth",
    "online safety",
    "events",
    "research",
    "community",
    "health",
)
SPANISH_TAGS = (
    "concientización",
    "capacitación",
    "señales de alerta",
    "sobrevivientes",
    "políticas",
    "trabajo",
    "juventud",
    "seguridad en línea",
    "eventos",
    "investigación",
    "comunidad",
    "salud",
)
FIRST_DAY = datetime.date(2019, 1, 1)
LAST_DAY = datetime.date(2026, 11, 20)  # before the bench's --today 2026-11-25: all published
EDITED_SENTENCE = "This sentence was added by the benchmark's one-article edit."
TOOLS = ("lantern", "hugo", "pelican", "eleventy")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def article_keys(count: int, seed: int) -> list[tuple[str, int, int]]:
    """(key, topic, audience) for each article; keys are unique by their number."""
    rng = random.Random(f"{seed}:keys")
    found = []
    for number in range(1, count + 1):
        topic = rng.randrange(len(prose.ENGLISH.title_topics))
        audience = rng.randrange(len(prose.ENGLISH.title_audiences))
        words = f"{prose.ENGLISH.title_topics[topic]} {prose.ENGLISH.title_audiences[audience]}"
        found.append((f"{slug(words)}-{number:05d}", topic, audience))
    return found


def articles(count: int, seed: int) -> list[Article]:
    """Every article in both languages, in key order."""
    keys = article_keys(count, seed)
    all_keys = [key for key, _, _ in keys]
    found = []
    for key, topic, audience in keys:
        rng = random.Random(f"{seed}:{key}")
        date = FIRST_DAY + datetime.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
        tags = sorted(rng.sample(range(len(ENGLISH_TAGS)), rng.randint(1, 3)))
        plan = prose.outline(rng, [k for k in rng.sample(all_keys, 4) if k != key][:3])
        for lang in LANGUAGES:
            words = prose.VOCABULARIES[lang]
            text = random.Random(f"{seed}:{key}:{lang}")
            names = ENGLISH_TAGS if lang == "en" else SPANISH_TAGS
            found.append(
                Article(
                    key=key,
                    lang=lang,
                    title=prose.title(words, topic, audience),
                    date=date,
                    summary=prose.summary(text, lang),
                    tags=tuple(names[i] for i in tags),
                    body=prose.body(plan, lang, text),
                )
            )
    return found


def pages() -> list[Page]:
    """The two standalone pages, in both languages; Lantern requires stay-safe-online."""
    return [
        Page("about", "en", "About the coalition", "We are a **bench** coalition.\n"),
        Page("about", "es", "Sobre la coalición", "Somos una coalición de **prueba**.\n"),
        Page(
            "stay-safe-online", "en", "Staying safe online", "Quick exit does not erase history.\n"
        ),
        Page(
            "stay-safe-online", "es", "Navegar seguro", "La salida rápida no borra el historial.\n"
        ),
    ]


def site_settings() -> dict[str, Any]:
    return {
        "title": records.both("Bench Coalition", "Coalición de Prueba"),
        "description": records.both("A benchmark site.", "Un sitio de prueba."),
        "base_url": "https://bench.example.org/",
        "languages": list(LANGUAGES),
        "timezone": "America/New_York",
        "help": [records.NATIONAL_HOTLINE],
        "featured_campaign": records.CAMPAIGN,
        "menu": [
            {"section": "articles"},
            {"section": "hotlines"},
            {"section": "facts"},
            {"section": "events"},
            {"section": "campaigns"},
            {"page": "about"},
        ],
    }


def write_lantern(site: Path, all_articles: list[Article], seed: int) -> None:
    """A complete Lantern site: site.yaml, pages, articles and the YAML records."""
    content = site / "content"
    write(site / "site.yaml", dump_yaml(site_settings()))
    for page in pages():
        write(
            content / "pages" / f"{page.key}.{page.lang}.md",
            front_matter({"title": page.title}, page.body),
        )
    for article in all_articles:
        fields: dict[str, Any] = {"title": article.title}
        if article.lang == LANGUAGES[0]:
            fields["date"] = article.date
        fields |= {"summary": article.summary, "tags": list(article.tags)}
        write(
            content / "articles" / f"{article.key}.{article.lang}.md",
            front_matter(fields, article.body),
        )
    keys = sorted({article.key for article in all_articles})
    groups: Iterable[tuple[str, dict[str, Any]]] = (
        ("hotlines", records.hotlines()),
        ("facts", records.fact_sheets()),
        ("events", records.events(random.Random(f"{seed}:events"))),
        ("campaigns", {records.CAMPAIGN: records.campaign(keys)}),
    )
    for folder, found in groups:
        for record_id, record in found.items():
            write(content / folder / f"{record_id}.yaml", dump_yaml(record))


def edited_key(all_keys: list[str]) -> str:
    """The article the one-edit scenario changes: the middle one in key order, for every tool."""
    return sorted(all_keys)[len(all_keys) // 2]


def write_corpus(out: Path, count: int, seed: int, tools: Iterable[str] = TOOLS) -> None:
    """Write each tool's site under `out/TOOL/`, replacing what was there."""
    all_articles = articles(count, seed)
    writers = {
        "lantern": lambda site: write_lantern(site, all_articles, seed),
        "hugo": lambda site: peers.write_hugo(site, all_articles, pages()),
        "pelican": lambda site: peers.write_pelican(site, all_articles, pages()),
        "eleventy": lambda site: peers.write_eleventy(site, all_articles, pages()),
    }
    for tool in tools:
        trash.move_aside(out / tool)
        writers[tool](out / tool)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles, each in en and es")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the sites into")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default=",".join(TOOLS), help="comma-separated tools")
    arguments = parser.parse_args(argv)
    if arguments.articles < 4:
        parser.error("--articles must be at least 4 (each article links to three others)")
    tools = [tool for tool in arguments.only.split(",") if tool]
    write_corpus(arguments.out, arguments.articles, arguments.seed, tools)
    print(
        f"wrote {arguments.articles} articles x {len(LANGUAGES)} languages for {', '.join(tools)} in {arguments.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
