"""Videos: content/videos/ID.yaml, a video on another site that {{< video ID >}} links to.

The page shows a still copied into content/media/ and a plain link: no player, no request to the
video's site until the reader follows the link (SITE-REQUIREMENTS: nothing leaks to third parties).
"""

from __future__ import annotations

from pathlib import Path

from lantern.content.media import check_in_media
from lantern.content.records import read_records
from lantern.errors import Problems
from lantern.i18n import check_language_tags, translatable
from lantern.model import SiteConfig, Translatable, Video
from lantern.yamlfile import YamlDocument


def load_videos(
    site_dir: Path, config: SiteConfig, media: tuple[str, ...], problems: Problems
) -> tuple[Video, ...]:
    videos = []
    for video_id, document in read_records(site_dir, "videos", "video", problems):
        count = len(problems.errors)
        video = _video(video_id, document, config, media, problems)
        if len(problems.errors) == count:
            videos.append(video)
    return tuple(videos)


def _video(
    video_id: str,
    document: YamlDocument,
    config: SiteConfig,
    media: tuple[str, ...],
    problems: Problems,
) -> Video:
    def text(field: str) -> Translatable | None:
        return translatable(document, (field,), config.languages, problems)

    data = document.data
    poster = data.get("poster", "")
    if poster:
        check_in_media(poster, media, document.at(("poster",)), problems, "poster")
    check_language_tags(document, ("languages",), problems)
    return Video(
        id=video_id,
        title=text("title") or Translatable.same(video_id),
        url=data["url"],
        description=text("description"),
        poster=poster,
        languages=tuple(data.get("languages", ())),
        at=document.at(()),
    )
