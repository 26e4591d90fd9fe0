"""The parts of a saved VT page: its article text, post area and metadata.

The article text is the longest element of the best kind (``.td-post-content``
of the tagDiv theme, ``.entry-content`` of current themes, …, ``main``); the
post area around it is the main column, else the ``article``. Title,
subtitle, byline and date are looked for in the post area; JSON-LD and meta
tags come first for authors and date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest_plugins import InputError
from ingest_plugins.parsing import bylines, jsonld
from ingest_plugins.parsing.dates import normalize_iso, parse_date
from ingest_plugins.parsing.html import (
    Element,
    ancestors,
    canonical_url,
    inner_text,
    meta_content,
    spaced_text,
    text_pieces,
)
from ingest_plugins.parsing.lines import clean_line
from ingest_plugins.parsing.select import (
    CSSSelector,
    matches,
    select,
    select_one,
    selector,
    selectors,
)

from .elements import in_comment, inside, tokens
from .site import AFFILIATIONS

__all__ = ["Metadata", "find_content", "find_region", "read_metadata", "tag_date"]

# Containers of the article text, best first.
_CONTENT_SELECTORS = selectors(
    ".td-post-content",
    ".tdb_single_content .tdb-block-inner",
    "[itemprop=articleBody]",
    ".entry-content",
    ".post-content",
    ".article-content",
    "article",
    "main",
)
_TITLE_SELECTOR = selector("h1.entry-title, h1.tdb-title-text, h1.post-title, article h1, h1")
_SUBTITLE_SELECTOR = selector(".td-post-sub-title, .entry-subtitle, .post-subtitle, .subtitle")
_BYLINE_SELECTOR = selector(
    ".td-post-author-name, .tdb-author-name, .byline, .entry-author, .post-author, "
    ".author-name, [rel=author]"
)
_DATE_SELECTOR = selector(".td-post-date, .posted-on, .entry-date, .post-date, time[datetime]")
_NAME_LINK_SELECTOR = selector(".fn, a")

# The site name after a page title: "Title | Veterans Today", "Title - Veterans Today".
_TITLE_SUFFIX_RE = re.compile(r"\s*[|–—-]\s*veterans\s*today\b.*$", re.I)
# "By " before a byline's names and " -" after them, as the tagDiv theme prints them.
_BYLINE_DECOR_RE = re.compile(r"^\s*by:?\s+|\s*[-–—|]\s*$", re.I)


def find_content(page: Element) -> Element:
    """The element holding the article text (the longest of the best kind; the first
    of equals, so an outer one before those inside it)."""
    for compiled in _CONTENT_SELECTORS:
        found = [tag for tag in select(page, compiled) if not in_comment(tag)]
        if found:
            return max(found, key=lambda tag: len(inner_text(tag)))
    raise InputError("VT page has no article content element")


def find_region(content: Element) -> Element:
    """The post area around ``content``: the main column, else the article."""
    for parent in ancestors(content):
        names = set(tokens(parent))
        if (
            parent.tag == "main"
            or parent.get("role") == "main"
            or names & {"primary", "site-main", "td-ss-main-content", "td-main-content"}
        ):
            return parent
    article = next((parent for parent in ancestors(content) if parent.tag == "article"), None)
    if article is not None:
        return article
    container = content.getparent()
    return container if container is not None else content


def _first(root: Element, compiled: CSSSelector, skip: Element | None = None) -> Element | None:
    """The first element in ``root`` matching ``compiled`` that is not in ``skip``."""
    first = select_one(root, compiled)
    if first is None or skip is None or not inside(first, skip):
        return first
    return next((tag for tag in select(root, compiled) if not inside(tag, skip)), None)


def _outermost(tag: Element, compiled: CSSSelector, root: Element) -> Element:
    """``tag`` or its outermost ancestor (below ``root``) that also matches ``compiled``."""
    best = tag
    for parent in ancestors(tag):
        if parent is root:
            break
        if matches(parent, compiled):
            best = parent
    return best


@dataclass
class Metadata:
    """What the page says about the article, and the elements it was read from."""

    title: str = ""
    subtitle: str = ""
    description: str = ""
    url: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    consumed: tuple[Element, ...] = ()


def read_metadata(
    page: Element, region: Element, content: Element, ld: jsonld.ArticleMetadata
) -> Metadata:
    """Read title, subtitle, authors, date, URL and description of the page."""
    consumed: list[Element] = []
    meta = Metadata()

    title_tag = _first(region, _TITLE_SELECTOR)
    if title_tag is not None:
        consumed.append(title_tag)
        meta.title = spaced_text(title_tag)
    if not meta.title:
        title_element = next(page.iter("title"), None)
        page_title = " ".join(text_pieces(title_element)) if title_element is not None else ""
        meta.title = (
            ld.title
            or meta_content(page, "og:title")
            or clean_line(_TITLE_SUFFIX_RE.sub("", page_title))
        )

    subtitle_tag = _first(region, _SUBTITLE_SELECTOR, skip=content)
    if subtitle_tag is not None:
        consumed.append(subtitle_tag)
        meta.subtitle = spaced_text(subtitle_tag)

    byline_tag = _first(region, _BYLINE_SELECTOR, skip=content)
    dom_authors: tuple[str, ...] = ()
    if byline_tag is not None and not in_comment(byline_tag):
        byline_tag = _outermost(byline_tag, _BYLINE_SELECTOR, region)
        consumed.append(byline_tag)
        dom_authors = _byline_names(byline_tag)
    meta.authors = ld.authors or dom_authors

    date_tag = _first(region, _DATE_SELECTOR, skip=content)
    dom_date: str | None = None
    if date_tag is not None and not in_comment(date_tag):
        date_tag = _outermost(date_tag, _DATE_SELECTOR, region)
        consumed.append(date_tag)
        dom_date = tag_date(date_tag)
    meta.published = (
        ld.published
        or normalize_iso(meta_content(page, "article:published_time") or "")
        or dom_date
    )
    meta.url = canonical_url(page) or ld.url
    meta.description = ld.description or meta_content(page, "og:description", "description") or ""
    meta.consumed = tuple(consumed)
    return meta


def _byline_names(tag: Element) -> tuple[str, ...]:
    """Author names in a byline element: the name links inside it, else its text."""
    linked = [spaced_text(a) for a in select(tag, _NAME_LINK_SELECTOR) if a is not tag]
    names = tuple(name for name in linked if name)
    if names:
        return names
    text = _BYLINE_DECOR_RE.sub("", spaced_text(tag))
    return bylines.parse_author_names(text, affiliations=AFFILIATIONS)


def tag_date(tag: Element) -> str | None:
    """The ISO date of a date element: its ``datetime`` attribute, else its text."""
    time_tag = tag if tag.tag == "time" else next(tag.iterdescendants("time"), None)
    if time_tag is not None:
        value = time_tag.get("datetime")
        if isinstance(value, str) and normalize_iso(value):
            return normalize_iso(value)
    return parse_date(" ".join(text_pieces(tag)))
