"""Files that are not pages: calendar files and share images, made from the same content."""

from __future__ import annotations

import datetime as dt

from lantern import charts, memo
from lantern.i18n import direction
from lantern.model import Campaign, Event, Fact, Site
from lantern.routes import Route, is_share_preview, record_path
from lantern.share_images import ShareCard, preview, share_image


def import_libraries() -> None:
    """Import icalendar and Pillow now, which are otherwise imported when first needed: worker
    processes forked after this inherit them instead of each importing them (0.1 s apiece)."""
    from PIL import Image, ImageDraw, ImageFont  # noqa: F401

    from lantern import ical  # noqa: F401


def render_file(site: Site, route: Route) -> bytes:
    """An .ics (kind "ics") or a share image (kind "share-image")."""
    if route.kind == "ics":
        return _calendar(site, route.item)
    assert isinstance(route.item, Campaign)
    post = route.item.social_posts[route.index]
    fact = site.fact(post.fact)
    assert fact is not None, "the campaign loader checked every fact reference"
    card = share_card(site, route.item, fact, route.lang)
    key = memo.digest("share image", repr(card))
    cache = memo.current()
    png = cache.get_or_make("share image", key, lambda: share_image(card))
    if is_share_preview(route.path):
        return cache.get_or_make("share preview", key, lambda: preview(png))
    return png


def share_digest(site: Site, campaign: Campaign, index: int, lang: str) -> str:
    """What the share image of a campaign's post draws, in a few letters: the name of the copy
    the page shows, which changes with it (and with a new version of the drawing code)."""
    fact = site.fact(campaign.social_posts[index].fact)
    assert fact is not None, "the campaign loader checked every fact reference"
    return card_digest(share_card(site, campaign, fact, lang))


def card_digest(card: ShareCard) -> str:
    return memo.digest("share image", repr(card), memo.code_version())[:8]


def share_card(site: Site, campaign: Campaign, fact: Fact, lang: str) -> ShareCard:
    """What a share image shows: the figure, the fact, its source and caveat, in `lang`."""
    default = site.config.default_lang
    strings = site.strings[lang]
    source = fact.source
    return ShareCard(
        figure=charts.number_text(fact.value, fact.unit, lang) if fact.value is not None else "",
        text=fact.text.text_in(lang, default).text,
        source=strings["source"].text
        + " "
        + strings["source_dated"].text.format(
            name=source.name.text_in(lang, default).text, when=source.when
        ),
        caveat=fact.caveat.text_in(lang, default).text if fact.caveat else "",
        site_name=site.config.title.text_in(lang, default).text,
        hashtags=" ".join(f"#{tag}" for tag in campaign.hashtags),
        lang=lang,
        is_rtl=direction(lang) == "rtl",
    )


def share_alt(card: ShareCard) -> str:
    """The image's alt text: everything it says, in reading order."""
    return " ".join(part for part in (card.figure, card.text, card.source, card.caveat) if part)


def _calendar(site: Site, item: Event | Campaign | object) -> bytes:
    """In the default language: a calendar file has one URL for every language."""
    config = site.config
    lang = config.default_lang
    if isinstance(item, Event):
        events, key_dates = [item], []
    else:
        assert isinstance(item, Campaign)
        events = [event for event in site.events if event.campaign == item.id]
        key_dates = [
            (f"{item.id}-{day.date.isoformat()}", day.date, day.title.text_in(lang, lang).text)
            for day in item.key_dates
        ]
    from lantern import ical  # icalendar is imported only when a calendar is made

    return ical.event_calendar(
        events,
        title=item.title.text_in(lang, lang).text,
        lang=lang,
        default_lang=lang,
        base_url=config.base_url,
        dtstamp=dt.datetime.combine(site.today, dt.time(), dt.UTC),
        url_of=lambda event: config.base_url + record_path(lang, "events", event.id),
        key_date_items=key_dates,
    )
