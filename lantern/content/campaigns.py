"""Campaigns: content/campaigns/ID.yaml, a month of actions, key dates, posts and downloads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lantern.config import check_date
from lantern.content.media import check_in_media
from lantern.content.records import ids_on_disk, markdown_at, read_records
from lantern.errors import Problems
from lantern.i18n import is_known_language, translatable
from lantern.model import (
    Action,
    Campaign,
    Download,
    FactSheet,
    KeyDate,
    SiteConfig,
    SocialPost,
    Translatable,
)
from lantern.yamlfile import YamlDocument

FieldPath = tuple[str | int, ...]


def load_campaigns(
    site_dir: Path,
    config: SiteConfig,
    media: tuple[str, ...],
    fact_sheets: tuple[FactSheet, ...],
    problems: Problems,
) -> tuple[Campaign, ...]:
    """Every campaign without errors, the earliest first."""
    campaigns = []
    facts = {fact.reference for sheet in fact_sheets for fact in sheet.facts}
    # A sheet left out for its own (reported) mistakes: any reference into it passes.
    loaded = {sheet.id for sheet in fact_sheets}
    facts |= {f"{sheet}/*" for sheet in ids_on_disk(site_dir, "facts") - loaded}
    for campaign_id, document in read_records(site_dir, "campaigns", "campaign", problems):
        count = len(problems.errors)
        reader = _Reader(document, config, site_dir, media, facts, problems)
        campaign = reader.campaign(campaign_id)
        if campaign is not None and len(problems.errors) == count:
            campaigns.append(campaign)
    return tuple(sorted(campaigns, key=lambda campaign: (campaign.starts, campaign.id)))


class _Reader:
    """Reads one campaign file; every mistake becomes a problem at its line."""

    def __init__(
        self,
        document: YamlDocument,
        config: SiteConfig,
        site_dir: Path,
        media: tuple[str, ...],
        facts: set[str],
        problems: Problems,
    ) -> None:
        self.document, self.config, self.site_dir = document, config, site_dir
        self.media, self.facts, self.problems = media, facts, problems

    def campaign(self, campaign_id: str) -> Campaign | None:
        data: dict[str, Any] = self.document.data
        starts = check_date(self.document, ("starts",), self.problems)
        ends = check_date(self.document, ("ends",), self.problems)
        if starts is None or ends is None:
            return None
        if ends < starts:
            self.problems.error(
                self.document.at(("ends",)),
                f'"ends" ({ends}) must not come before "starts" ({starts})',
                "ends is the campaign's last day",
            )
            return None
        return Campaign(
            id=campaign_id,
            title=self.text("title") or Translatable.same(campaign_id),
            starts=starts,
            ends=ends,
            tagline=self.text("tagline"),
            description=self.text("description"),
            hashtags=tuple(tag.lstrip("#") for tag in data.get("hashtags", ())),
            key_dates=self._key_dates(),
            actions=self._actions(starts, ends),
            facts=tuple(self._fact(("facts", i)) for i in range(len(data.get("facts", ())))),
            social_posts=self._posts(),
            downloads=self._downloads(),
            at=self.document.at(()),
            markdown_at=markdown_at(self.document, ("description",))
            + tuple(
                source
                for i in range(len(data.get("actions", ())))
                for source in markdown_at(self.document, ("actions", i, "description"))
            ),
        )

    def text(self, *at: str | int) -> Translatable | None:
        return translatable(self.document, at, self.config.languages, self.problems)

    def _key_dates(self) -> tuple[KeyDate, ...]:
        found = []
        for index in range(len(self.document.data.get("key_dates", ()))):
            day = check_date(self.document, ("key_dates", index, "date"), self.problems)
            title = self.text("key_dates", index, "title")
            if day is not None and title is not None:
                description = self.text("key_dates", index, "description")
                found.append(KeyDate(day, title, description))
        return tuple(sorted(found, key=lambda key_date: key_date.date))

    def _actions(self, starts: dt.date, ends: dt.date) -> tuple[Action, ...]:
        found = []
        for index in range(len(self.document.data.get("actions", ()))):
            at: FieldPath = ("actions", index, "date")
            day = check_date(self.document, at, self.problems)
            if day is not None and not starts <= day <= ends:
                self.problems.error(
                    self.document.at(at),
                    f"the action's date {day} is not a day of the campaign ({starts} to {ends})",
                    "give each action a date between starts and ends",
                )
            title = self.text("actions", index, "title")
            if day is not None and title is not None:
                description = self.text("actions", index, "description")
                link = self.text("actions", index, "link")
                found.append(Action(day, title, description, link))
        return tuple(sorted(found, key=lambda action: action.date))

    def _fact(self, at: FieldPath) -> str:
        reference: str = self.document.get(at)
        sheet = reference.split("/")[0]
        if reference not in self.facts and f"{sheet}/*" not in self.facts:
            self.problems.error(
                self.document.at(at),
                f'there is no fact "{reference}"',
                f"write SHEET/ID: the file name in content/facts/ and the id of one of its facts"
                f" (is there a content/facts/{sheet}.yaml with a fact of that id?)",
            )
        return reference

    def _posts(self) -> tuple[SocialPost, ...]:
        posts = []
        for index, data in enumerate(self.document.data.get("social_posts", ())):
            at: FieldPath = ("social_posts", index)
            fact = self._fact((*at, "fact")) if "fact" in data else ""
            image = data.get("image", "")
            if image:
                check_in_media(image, self.media, self.document.at((*at, "image")), self.problems)
                if "image_alt" not in data:
                    self.problems.error(
                        self.document.at((*at, "image")),
                        f'the image "{image}" has no image_alt',
                        "describe what the image shows in image_alt: (en: ..., es: ...)",
                    )
            text = self.text(*at, "text") or Translatable.same("")
            posts.append(SocialPost(text, fact, image, self.text(*at, "image_alt")))
        return tuple(posts)

    def _downloads(self) -> tuple[Download, ...]:
        downloads = []
        for index, data in enumerate(self.document.data.get("downloads", ())):
            at: FieldPath = ("downloads", index)
            file = data["file"]
            if not check_in_media(
                file, self.media, self.document.at((*at, "file")), self.problems, "file"
            ):
                continue
            lang = data.get("lang", self.config.default_lang)
            if not is_known_language(lang):
                self.problems.error(
                    self.document.at((*at, "lang")),
                    f'"{lang}" is not a language known to CLDR',
                    "use a BCP 47 tag such as en, es, pt-BR, ar or zh-Hant",
                )
            size = (self.site_dir / "content" / "media" / file).stat().st_size
            title = self.text(*at, "title") or Translatable.same(file)
            downloads.append(Download(title, file, size, lang, self.text(*at, "description")))
        return tuple(downloads)
