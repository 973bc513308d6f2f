"""The same articles and pages as Hugo, Pelican and Eleventy sites, each with a minimal theme.

Each peer writes article pages at /LANG/articles/KEY/, article lists of 8, tag pages, home pages
and a 404 page, so the page counts are comparable with Lantern's (README: known differences).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from documents import Article, Page, front_matter, write

SECTION_TITLES = {"en": "Articles", "es": "Artículos"}
SITE_TITLES = {"en": "Bench Coalition", "es": "Coalición de Prueba"}


def _article_fields(article: Article) -> dict[str, Any]:
    return {
        "title": article.title,
        "date": article.date,
        "summary": article.summary,
        "tags": list(article.tags),
    }


# --- Hugo -------------------------------------------------------------------------------------

HUGO_CONFIG = """\
baseURL = "https://bench.example.org/"
title = "Bench Coalition"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
enableRobotsTXT = true

[pagination]
  pagerSize = 8

[taxonomies]
  tag = "tags"

[outputs]
  home = ["html", "rss"]
  section = ["html"]
  taxonomy = ["html"]
  term = ["html"]

[services.rss]
  limit = 20

[languages.en]
  contentDir = "content/en"
  label = "English"
  weight = 1

[languages.es]
  contentDir = "content/es"
  label = "Español"
  title = "Coalición de Prueba"
  weight = 2
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
{{ with .Summary }}<meta name="description" content="{{ . | plainify }}">{{ end }}
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><a href="{{ relLangURL "articles/" }}">Articles</a>
<a href="{{ relLangURL "tags/" }}">Tags</a> <a href="{{ relLangURL "about/" }}">About</a></nav>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Label }}</a>{{ end }}
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
""",
    "single.html": """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ if .IsPage }}{{ with .Date }}<p><time datetime="{{ .Format "2006-01-02" }}">{{ .Format "2006-01-02" }}</time></p>{{ end }}{{ end }}
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}
</article>{{ end }}
""",
    "list.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
{{ range $pager.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p><time>{{ .Date.Format "2006-01-02" }}</time></p><p>{{ .Summary }}</p></article>
{{ end }}
<nav>{{ with $pager.Prev }}<a href="{{ .URL }}">&larr;</a>{{ end }}
{{ $pager.PageNumber }} / {{ $pager.TotalPages }}
{{ with $pager.Next }}<a href="{{ .URL }}">&rarr;</a>{{ end }}</nav>
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> ({{ len .Pages }})</li>{{ end }}</ul>
{{ end }}
""",
    "term.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range .Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p></article>
{{ end }}{{ end }}
""",
    "home.html": """\
{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ range first 5 (where site.RegularPages "Section" "articles") }}<article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p></article>
{{ end }}{{ end }}
""",
    "404.html": """\
{{ define "main" }}<h1>Page not found</h1><p><a href="{{ site.Home.RelPermalink }}">Home</a></p>{{ end }}
""",
}


def write_hugo(site: Path, articles: list[Article], pages: list[Page]) -> None:
    """A Hugo site: hugo.toml, content/LANG/, and a theme of our own in layouts/."""
    write(site / "hugo.toml", HUGO_CONFIG)
    for name, template in HUGO_LAYOUTS.items():
        write(site / "layouts" / name, template)
    for lang, section_title in SECTION_TITLES.items():
        write(
            site / "content" / lang / "articles" / "_index.md",
            f"---\ntitle: {section_title}\n---\n",
        )
    for page in pages:
        write(
            site / "content" / page.lang / f"{page.key}.md",
            front_matter({"title": page.title}, page.body),
        )
    for article in articles:
        text = front_matter(_article_fields(article), article.body)
        write(site / "content" / article.lang / "articles" / f"{article.key}.md", text)


def hugo_article(site: Path, key: str) -> Path:
    return site / "content" / "en" / "articles" / f"{key}.md"


# --- Pelican ----------------------------------------------------------------------------------

PELICAN_CONFIG = '''\
"""Pelican settings for the bench corpus: the built-in "simple" theme, URLs like Lantern's."""

AUTHOR = "Bench Coalition"
SITENAME = "Bench Coalition"
SITEURL = "https://bench.example.org"
THEME = "simple"  # built in; unlike "notmyidea" it works without category pages
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
DEFAULT_CATEGORY = "articles"
DEFAULT_PAGINATION = 8
# Like Lantern: lists of 8, and one page per tag with all its articles (the theme's tag page
# needs a paginator, so it gets one that never splits).
PAGINATED_TEMPLATES = {"index": None, "tag": 1_000_000}

ARTICLE_URL = "{lang}/articles/{slug}/"
ARTICLE_SAVE_AS = "{lang}/articles/{slug}/index.html"
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
PAGE_URL = "{lang}/{slug}/"
PAGE_SAVE_AS = "{lang}/{slug}/index.html"
PAGE_LANG_URL = PAGE_URL
PAGE_LANG_SAVE_AS = PAGE_SAVE_AS
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
CATEGORY_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "archives"]

FEED_ALL_ATOM = "feeds/all.atom.xml"
TRANSLATION_FEED_ATOM = "feeds/all-{lang}.atom.xml"
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
FEED_MAX_ITEMS = 20

# Lantern's Markdown extensions (lantern/markup.py), plus meta, which Pelican reads metadata with.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.fenced_code": {},
        "markdown.extensions.tables": {},
        "markdown.extensions.footnotes": {},
        "markdown.extensions.attr_list": {},
        "markdown.extensions.def_list": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.sane_lists": {},
        "markdown.extensions.meta": {},
    },
    "output_format": "html",
}

# A cold build reads no cache; the rebuild scenarios turn it on with
# -e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true (bench/run.py).
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
CACHE_PATH = "cache"
'''


def _pelican_text(fields: dict[str, str], body: str) -> str:
    header = "".join(f"{name}: {value}\n" for name, value in fields.items())
    return f"{header}\n{body}"


def write_pelican(site: Path, articles: list[Article], pages: list[Page]) -> None:
    """A Pelican site: pelicanconf.py and content/ with KEY.LANG.md files linked by Slug."""
    write(site / "pelicanconf.py", PELICAN_CONFIG)
    for page in pages:
        fields = {"Title": page.title, "Lang": page.lang, "Slug": page.key}
        write(
            site / "content" / "pages" / f"{page.key}.{page.lang}.md",
            _pelican_text(fields, page.body),
        )
    for article in articles:
        fields = {
            "Title": article.title,
            "Date": article.date.isoformat(),
            "Tags": ", ".join(article.tags),
            "Summary": article.summary,
            "Lang": article.lang,
            "Slug": article.key,
        }
        path = site / "content" / "articles" / f"{article.key}.{article.lang}.md"
        write(path, _pelican_text(fields, article.body))


def pelican_article(site: Path, key: str) -> Path:
    return site / "content" / "articles" / f"{key}.en.md"


# --- Eleventy ---------------------------------------------------------------------------------

ELEVENTY_CONFIG = """\
// Eleventy settings for the bench corpus: Markdown is not run through a template language,
// like Lantern's; one list of articles per language, newest first.
module.exports = function (eleventyConfig) {
  for (const lang of ["en", "es"]) {
    eleventyConfig.addCollection(`articles_${lang}`, (api) =>
      api.getFilteredByGlob(`./content/${lang}/articles/*.md`).reverse(),
    );
  }
  return {
    dir: { input: "content", includes: "_includes", output: "_site" },
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
  };
};
"""

ELEVENTY_INCLUDES = {
    "base.njk": """\
<!DOCTYPE html>
<html lang="{{ lang or 'en' }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} | Bench Coalition</title>
{% if summary %}<meta name="description" content="{{ summary }}">{% endif %}
</head>
<body>
<header><a href="/{{ lang or 'en' }}/">Bench Coalition</a>
<nav><a href="/{{ lang or 'en' }}/articles/">Articles</a> <a href="/{{ lang or 'en' }}/about/">About</a></nav></header>
<main>{{ content | safe }}</main>
<footer><p>Bench Coalition</p></footer>
</body>
</html>
""",
    "article.njk": """\
---
layout: base.njk
---
<article><h1>{{ title }}</h1>
<p><time datetime="{{ page.date.toISOString() }}">{{ page.date.toISOString().slice(0, 10) }}</time></p>
<ul class="tags">{% for tag in tags %}<li><a href="/tags/{{ tag | slugify }}/">{{ tag }}</a></li>{% endfor %}</ul>
{{ content | safe }}
</article>
""",
}

ELEVENTY_LIST = """\
---
layout: base.njk
lang: {lang}
title: {title}
pagination:
  data: collections.articles_{lang}
  size: 8
permalink: "/{lang}/articles/{{% if pagination.pageNumber > 0 %}}page/{{{{ pagination.pageNumber + 1 }}}}/{{% endif %}}"
eleventyExcludeFromCollections: true
---
<h1>{title}</h1>
{{% for post in pagination.items %}}<article><h2><a href="{{{{ post.url }}}}">{{{{ post.data.title }}}}</a></h2>
<p>{{{{ post.data.summary }}}}</p></article>
{{% endfor %}}
<nav>{{% if pagination.href.previous %}}<a href="{{{{ pagination.href.previous }}}}">&larr;</a>{{% endif %}}
{{{{ pagination.pageNumber + 1 }}}} / {{{{ pagination.pages.length }}}}
{{% if pagination.href.next %}}<a href="{{{{ pagination.href.next }}}}">&rarr;</a>{{% endif %}}</nav>
"""

ELEVENTY_HOME = """\
---
layout: base.njk
lang: {lang}
title: {title}
eleventyExcludeFromCollections: true
---
<h1>{title}</h1>
{{% for post in collections.articles_{lang}.slice(0, 5) %}}<article><h2><a href="{{{{ post.url }}}}">{{{{ post.data.title }}}}</a></h2>
<p>{{{{ post.data.summary }}}}</p></article>
{{% endfor %}}
"""

ELEVENTY_TAGS = """\
---
layout: base.njk
title: Tag
pagination:
  data: collections
  size: 1
  alias: tag
  filter: [all, articles_en, articles_es]
permalink: "/tags/{{ tag | slugify }}/"
eleventyExcludeFromCollections: true
---
<h1>{{ tag }}</h1>
{% for post in collections[tag] | reverse %}<article><h2><a href="{{ post.url }}">{{ post.data.title }}</a></h2>
<p>{{ post.data.summary }}</p></article>
{% endfor %}
"""

ELEVENTY_404 = """\
---
layout: base.njk
title: Page not found
permalink: /404.html
eleventyExcludeFromCollections: true
---
<h1>Page not found</h1>
"""


def write_eleventy(site: Path, articles: list[Article], pages: list[Page]) -> None:
    """An Eleventy site: eleventy.config.js, Nunjucks layouts, content/LANG/ Markdown."""
    content = site / "content"
    write(site / "eleventy.config.js", ELEVENTY_CONFIG)
    for name, template in ELEVENTY_INCLUDES.items():
        write(content / "_includes" / name, template)
    write(content / "tags.njk", ELEVENTY_TAGS)
    write(content / "404.njk", ELEVENTY_404)
    for lang, title in SECTION_TITLES.items():
        write(content / lang / "articles-list.njk", ELEVENTY_LIST.format(lang=lang, title=title))
        write(
            content / lang / "index.njk", ELEVENTY_HOME.format(lang=lang, title=SITE_TITLES[lang])
        )
        write(
            content / lang / "articles" / "articles.11tydata.json",
            f'{{"layout": "article.njk", "lang": "{lang}"}}\n',
        )
        write(content / lang / f"{lang}.11tydata.json", f'{{"lang": "{lang}"}}\n')
    for page in pages:
        fields = {"title": page.title, "layout": "base.njk"}
        write(content / page.lang / f"{page.key}.md", front_matter(fields, page.body))
    for article in articles:
        text = front_matter(_article_fields(article), article.body)
        write(content / article.lang / "articles" / f"{article.key}.md", text)


def eleventy_article(site: Path, key: str) -> Path:
    return site / "content" / "en" / "articles" / f"{key}.md"
