"""What the event, events, campaign and home templates show, computed here so templates only loop."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from babel.units import format_unit
from markupsafe import Markup

from lantern import linked_data
from lantern.artifacts import card_digest, share_alt, share_card
from lantern.i18n import format_number, language_name, locale_of
from lantern.model import Campaign, Download, Event, LocalText, Site, SocialPost
from lantern.routes import calendar_path, record_path, share_image_path
from lantern.schedule import (
    CampaignState,
    campaign_state,
    date_range_text,
    is_past,
    months,
    plural_category,
    shows_banner,
    split_events,
    when_text,
)
from lantern.share_images import HEIGHT, WIDTH

# Share links are plain URLs: nothing of these networks loads until the reader chooses one.
SHARE_LINKS = (
    ("Bluesky", "https://bsky.app/intent/compose?text={text}%20{url}"),
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    ("WhatsApp", "https://wa.me/?text={text}%20{url}"),
    ("X", "https://x.com/intent/post?text={text}&url={url}"),
)


@dataclass(frozen=True)
class PostView:
    number: int  # from 1, for ids
    text: LocalText
    copy_text: str  # the text and the hashtags, as pasted
    image: str  # URL path of the full image, "" when the post has none
    preview: str  # URL path of the image the page shows
    alt: LocalText
    width: int
    height: int
    email: str  # a mailto: link
    share_links: tuple[tuple[str, str], ...]  # (network, URL)


@dataclass(frozen=True)
class DownloadView:
    download: Download
    kind: str  # "PDF"
    size: str  # "118 kB"
    language: str  # the file's language, named in the page's


def values(site: Site, lang: str, strings: dict[str, LocalText]) -> dict[str, Any]:
    """The functions the templates call; `lang` is the page's language."""
    config, today = site.config, site.today

    def local(value: Any) -> LocalText:
        return value.text_in(lang, config.default_lang) if value else LocalText("", lang)

    def event_json_ld(event: Event) -> Markup:
        organization = config.organization
        organizer = {
            "name": local(organization.name or config.title).text,
            "url": organization.url or config.base_url,
        }
        place_name = local(event.location.name).text if event.location else ""
        data = linked_data.event(
            event,
            name=local(event.title).text,
            description=local(event.description).text,
            place_name=place_name,
            url=config.base_url + record_path(lang, "events", event.id),
            organizer=organizer,
        )
        return Markup(linked_data.script_json(data))

    return {
        "split_events": lambda: split_events(site.events, today),
        "when": lambda event: when_text(event, lang),
        "is_past": lambda event: is_past(event, today),
        "event_json_ld": event_json_ld,
        "calendar_path": calendar_path,
        "campaign_of": site.campaign,
        "campaign_events": lambda c: [e for e in site.events if e.campaign == c.id],
        "campaign_state": lambda campaign: campaign_state(campaign, today),
        "state_text": lambda state: _state_text(state, lang, strings),
        "state_data": lambda campaign: _state_data(campaign, lang, strings),
        "months": lambda campaign: months(campaign, lang),
        "date_range": lambda first, last: date_range_text(first, last, lang),
        "posts": lambda campaign: _posts(site, campaign, lang, local),
        "downloads": lambda campaign: [_download(d, lang) for d in campaign.downloads],
        "banner_campaign": _banner_campaign(site),
    }


def _state_text(state: CampaignState, lang: str, strings: dict[str, LocalText]) -> str:
    if state.phase == "upcoming":
        return _plural(strings, "campaign_upcoming", state.days_until, lang).format(
            n=format_number(state.days_until, lang)
        )
    if state.phase == "live":
        return strings["campaign_live"].text.format(
            n=format_number(state.day, lang), total=format_number(state.total, lang)
        )
    return strings["campaign_past"].text


def _plural(strings: dict[str, LocalText], key: str, count: int, lang: str) -> str:
    found = strings.get(f"{key}_{plural_category(count, lang)}") or strings[f"{key}_other"]
    return found.text


def _state_data(campaign: Campaign, lang: str, strings: dict[str, LocalText]) -> Markup:
    """data- attributes for the script that redoes the state in the visitor's browser."""
    attributes = {
        "data-campaign-state": "",
        "data-starts": campaign.starts.isoformat(),
        "data-ends": campaign.ends.isoformat(),
        "data-live": strings["campaign_live"].text,
        "data-past": strings["campaign_past"].text,
    }
    for category in sorted(locale_of(lang).plural_form.tags | {"other"}):
        found = strings.get(f"campaign_upcoming_{category}") or strings["campaign_upcoming_other"]
        attributes[f"data-upcoming-{category}"] = found.text
    return Markup(
        " ".join(f'{name}="{Markup.escape(value)}"' for name, value in attributes.items())
    )


def _posts(
    site: Site, campaign: Campaign, lang: str, local: Callable[[Any], LocalText]
) -> list[PostView]:
    config = site.config
    page_url = config.base_url + record_path(lang, "campaigns", campaign.id)
    hashtags = " ".join(f"#{tag}" for tag in campaign.hashtags)
    views = []
    for index, post in enumerate(campaign.social_posts):
        text = local(post.text)
        copy_text = f"{text.text} {hashtags}".strip()
        image, small, alt, size = _post_image(site, campaign, post, index, lang, local)
        encoded = {"text": query_value(copy_text), "url": query_value(page_url)}
        subject = query_value(local(campaign.title).text)
        views.append(
            PostView(
                number=index + 1,
                text=text,
                copy_text=copy_text,
                image=image,
                preview=small,
                alt=alt,
                width=size[0],
                height=size[1],
                email=f"mailto:?subject={subject}&body={encoded['text']}%0A%0A{encoded['url']}",
                share_links=tuple((name, link.format(**encoded)) for name, link in SHARE_LINKS),
            )
        )
    return views


def query_value(text: str) -> str:
    """`text` as one value in a link's query, with letters beyond ASCII left as they are.

    A browser encodes them itself when the link is followed, to the same bytes; written out
    here they would take three times the space, and a post in Arabic is in every share link.
    Spaces, controls and marks that change the text's direction stay encoded.
    """
    return "".join(
        char
        if ord(char) > 0x7F and unicodedata.category(char)[0] not in "CZ"
        else quote(char, safe="")
        for char in text
    )


def _post_image(
    site: Site,
    campaign: Campaign,
    post: SocialPost,
    index: int,
    lang: str,
    local: Callable[[Any], LocalText],
) -> tuple[str, str, LocalText, tuple[int, int]]:
    """(full image, image for the page, alt text, page size): the editor's own, or one made."""
    if post.image:
        path = f"media/{post.image}"
        return path, path, local(post.image_alt), (0, 0)
    fact = site.fact(post.fact) if post.fact else None
    if fact is None or lang in site.undrawn_languages:
        return "", "", LocalText("", lang), (0, 0)
    card = share_card(site, campaign, fact, lang)
    full = share_image_path(lang, campaign.id, index)
    small = share_image_path(lang, campaign.id, index, card_digest(card))
    alt = LocalText(share_alt(card), lang)
    return full, small, alt, (WIDTH // 2, HEIGHT // 2)


def _download(download: Download, lang: str) -> DownloadView:
    kilobytes = max(1, round(download.size / 1000))
    size = format_unit(kilobytes, "digital-kilobyte", "short", locale=locale_of(lang))
    kind = PurePosixPath(download.file).suffix.lstrip(".").upper() or "?"
    return DownloadView(download, kind, size, language_name(download.lang, lang))


def _banner_campaign(site: Site) -> Campaign | None:
    """The featured campaign while the home page promotes it."""
    campaign = site.campaign(site.config.featured_campaign)
    if campaign is None or not shows_banner(campaign_state(campaign, site.today)):
        return None
    return campaign
