"""Al Jazeera page metadata: JSON-LD first, the markup when JSON-LD lacks it.

Where the metadata sits in the two layouts of the site: the title
(``header.article-header h1``, ``h1.post-title``), the standfirst
(``p.article__subhead``, ``p.article-heading-des``), the byline
(``.article-author-name``, ``.contributors-list`` on 2026 pages,
``.article-heading-author-name``) and the date
(``.date-simple``, ``.article-duration``, ``time[datetime]``).
"""

from __future__ import annotations

import dataclasses
import re

from ingest_plugins import SourceText
from ingest_plugins.parsing import jsonld
from ingest_plugins.parsing.bylines import parse_author_names
from ingest_plugins.parsing.dates import normalize_iso, parse_date_line
from ingest_plugins.parsing.html import Element, element_text, meta_content
from ingest_plugins.parsing.select import select, selectors

from .site import AFFILIATIONS, parse_byline, people

__all__ = [
    "METADATA_CLASSES",
    "STANDFIRST_SELECTORS",
    "TITLE_SELECTORS",
    "json_ld_metadata",
    "markup_authors",
    "markup_date",
    "markup_summary",
    "markup_title",
]


def json_ld_metadata(source: SourceText) -> jsonld.ArticleMetadata:
    """Metadata of the page's JSON-LD article; the site itself is no author."""
    found = jsonld.article_metadata(list(source.jsonld))
    return dataclasses.replace(found, authors=people(found.authors))


# Where each kind of metadata sits in the two layouts, most specific first.
TITLE_SELECTORS = selectors(
    "header.article-header h1", "main h1", "h1.post-title", "article h1", "h1"
)
STANDFIRST_SELECTORS = selectors(
    "p.article__subhead",
    ".article__subhead",
    "p.article-excerpt",
    "p.article-heading-des",
    ".article-heading-des",
)
_AUTHOR_SELECTORS = selectors(
    ".article-author-name .author-link",
    ".article-author-name-item",
    ".article-author-name",
    ".contributors-list",  # "By X and AFP": names, then agencies as bare text
    ".article-heading-author-name a[rel~=author]",
    "a[rel~=author]",
    ".article-heading-author-name",
)
_DATE_SELECTORS = selectors(
    ".date-simple span[aria-hidden=true]",
    ".article-dates time",
    ".article-duration time",
    ".date-simple",
    ".article-duration",
)
METADATA_CLASSES = frozenset(
    {
        "article-header",
        "article-heading",
        "article-info-block",
        "article-dates",
        "article-duration",
        "article-author",
        "article-author-name",
        "article-heading-author-name",
        "topics",
        "breadcrumbs",
    }
)
"""Class names of elements whose text is metadata (or holds it): never body text."""
_TITLE_SUFFIX_RE = re.compile(r"\s*[|–—-]\s*al[\s-]*jazeera(?:\s+english)?\s*$", re.I)
"""`` | Al Jazeera`` at the end of a ``<title>`` or ``og:title``."""


def markup_authors(area: Element) -> tuple[str, ...]:
    """Author names from the byline markup in the article ``area`` (``By X and Y``
    or plain names): the names on teaser cards and sidebars elsewhere are not its own."""
    for compiled in _AUTHOR_SELECTORS:
        names: list[str] = []
        for element in select(area, compiled):
            text = element_text(element)
            found = parse_byline(text) or parse_author_names(text, affiliations=AFFILIATIONS)
            for name in people(found):
                if name not in names:
                    names.append(name)
        if names:
            return tuple(names)
    return ()


def markup_date(root: Element, area: Element) -> str | None:
    """The publication date from the meta tags of the page ``root``, else from
    ``time[datetime]`` or the date line in the article ``area``."""
    published = meta_content(root, "article:published_time", "datepublished", "publish-date")
    if published and normalize_iso(published):
        return published
    for compiled in _DATE_SELECTORS:
        for element in select(area, compiled):
            stamp = element.get("datetime")
            if isinstance(stamp, str) and normalize_iso(stamp):
                return stamp.strip()
            found = parse_date_line(element_text(element))
            if found and found.value and not found.updated:
                return found.value
    return None


def markup_title(root: Element, title: Element | None) -> str | None:
    """The title from the heading element, else ``og:title`` without the site suffix."""
    text = element_text(title) if title is not None else None
    return text or _TITLE_SUFFIX_RE.sub("", meta_content(root, "og:title") or "") or None


def markup_summary(root: Element, standfirst: Element | None) -> str | None:
    """The standfirst element's text, else ``og:description`` or the meta description."""
    text = element_text(standfirst) if standfirst is not None else None
    return text or meta_content(root, "og:description", "description")
