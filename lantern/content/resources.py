"""Resources: content/resources/ID.yaml, curated links for one audience."""

from __future__ import annotations

from pathlib import Path

from lantern.content.records import read_records
from lantern.errors import Problems
from lantern.i18n import check_language_tags, translatable
from lantern.model import Resource, ResourceLink, SiteConfig, Translatable
from lantern.yamlfile import YamlDocument


def load_resources(site_dir: Path, config: SiteConfig, problems: Problems) -> tuple[Resource, ...]:
    resources = []
    for resource_id, document in read_records(site_dir, "resources", "resources", problems):
        count = len(problems.errors)

        def text(*at: str | int, document: YamlDocument = document) -> Translatable | None:
            return translatable(document, at, config.languages, problems)

        links = []
        for index, link in enumerate(document.data.get("links", [])):
            check_language_tags(document, ("links", index, "languages"), problems)
            links.append(
                ResourceLink(
                    title=text("links", index, "title") or Translatable.same(link["url"]),
                    url=link["url"],
                    description=text("links", index, "description"),
                    languages=tuple(link.get("languages", ())),
                )
            )
        resource = Resource(
            id=resource_id,
            title=text("title") or Translatable.same(resource_id),
            links=tuple(links),
            audience=text("audience"),
            description=text("description"),
            at=document.at(()),
        )
        if len(problems.errors) == count:
            resources.append(resource)
    return tuple(resources)
