"""What kind of page a saved page is: an article, or a section, tag, search or home page.

Only article pages become documents. A site's section front ("Economy"),
a tag or search page, or its home page is a list of teaser cards
(headline links, perhaps with a short excerpt each); parsed as an article
it would give a title like "Economy", a body of card excerpts and the
first card's date. ``page_kind`` tells them apart, most decisive signal
first:

1. the page's JSON-LD: a top-level ``CollectionPage``, ``ItemList``,
   ``SearchResultsPage`` (or a bare ``WebSite``) with no article object
   outside those lists is a listing; an ``Article``/``NewsArticle``/…
   object is an article;
2. ``og:type`` ``article``, unless the page's canonical URL is the site's
   root (some WordPress themes declare it on their home page too);
3. the markup: many teaser headings (a heading that is a link) and no
   run of prose (paragraphs of some length that are not link text) is a
   listing.

Pages that say nothing either way count as articles: the parser then
decides whether there is a body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, cast
from urllib.parse import urlsplit

from ingest_plugins.document import SourceText

from .html import Element, inner_text
from .jsonld import ARTICLE_TYPES, iter_objects, ld_types, load_json

__all__ = ["PageKind", "page_kind"]

LISTING_TYPES = frozenset({"CollectionPage", "ItemList", "SearchResultsPage"})
"""JSON-LD types of a page that lists other pages."""

MIN_TEASERS = 8
"""At least this many teaser headings make a page without prose a listing."""

PROSE_MIN_CHARS = 200
"""A paragraph of at least this many characters, mostly not link text, is prose."""

PROSE_MIN_PARAGRAPHS = 2
"""Pages with this many prose paragraphs have an article body."""

_HEADINGS = ("h1", "h2", "h3", "h4")
# Class names of teaser excerpts: their paragraphs are card text, not prose.
_EXCERPT_CLASS_RE = re.compile(r"excerpt|teaser|card|summary|snippet", re.I)
_TAG_PATH_RE = re.compile(r"/(?:tags?|topics?|keywords?)/", re.I)
_SEARCH_PATH_RE = re.compile(r"/search\b|[?&](?:q|s|query)=", re.I)


@dataclass(frozen=True)
class PageKind:
    """The kind of a page and why it was judged so."""

    kind: str
    """``article``, ``section``, ``tag``, ``search`` or ``home``."""
    reason: str
    """What decided it, e.g. ``14 teaser cards, JSON-LD CollectionPage``."""

    @property
    def is_article(self) -> bool:
        return self.kind == "article"


def page_kind(source: SourceText) -> PageKind:
    """The kind of the saved page ``source`` (a text copy is always an article)."""
    if not source.is_html:
        return PageKind("article", "text copy")
    listing_type, has_article = _jsonld_signals(source)
    if has_article:
        return PageKind("article", "JSON-LD article")
    if _meta(source, "og:type") == "article" and _canonical_path(source) not in ("", "/"):
        return PageKind("article", "og:type article")
    teasers = _teaser_headings(source.tree)
    reasons = [f"{teasers} teaser cards"] if teasers else []
    if listing_type:
        return PageKind(_listing_kind(source, listing_type), ", ".join([*reasons, listing_type]))
    if teasers >= MIN_TEASERS and _prose_paragraphs(source.tree) < PROSE_MIN_PARAGRAPHS:
        reasons.append("no article text")
        return PageKind(_listing_kind(source, None), ", ".join(reasons))
    return PageKind("article", "no sign of a listing")


def _jsonld_signals(source: SourceText) -> tuple[str | None, bool]:
    """(``"JSON-LD <listing type>"`` or ``None``, whether an article object is there
    outside any listing)."""
    listing: str | None = None
    has_article = False
    website_only = False
    for script in source.tree.iter("script"):
        if "ld+json" not in str(script.get("type") or "").lower():
            continue
        for top in _top_objects(load_json(inner_text(script))):
            types = ld_types(top)
            if types & LISTING_TYPES:
                listing = listing or f"JSON-LD {sorted(types & LISTING_TYPES)[0]}"
            elif any(ld_types(obj) & ARTICLE_TYPES for obj in iter_objects(top)):
                has_article = True
            elif types == {"WebSite"}:
                website_only = True
    if listing is None and website_only and not has_article:
        listing = "JSON-LD WebSite"
    return listing, has_article


def _top_objects(data: Any) -> list[dict[str, Any]]:
    """The page-level objects of one script: itself, its list items, its ``@graph``."""
    items = data if isinstance(data, list) else [data]
    found: list[dict[str, Any]] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        graph = item.get("@graph")
        if isinstance(graph, list):
            found.extend(obj for obj in graph if isinstance(obj, dict))
        if "@type" in item:
            found.append(item)
    return found


def _meta(source: SourceText, key: str) -> str | None:
    for attrs in source.head:
        if (attrs.get("property") or attrs.get("name") or "").lower() == key:
            return attrs.get("content", "").strip().lower()
    return None


def _canonical_path(source: SourceText) -> str | None:
    for attrs in source.head:
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            parts = urlsplit(attrs["href"])
            return parts.path + (f"?{parts.query}" if parts.query else "")
    url = _meta(source, "og:url")
    return urlsplit(url).path if url else None


def _listing_kind(source: SourceText, listing_type: str | None) -> str:
    path = _canonical_path(source)
    if listing_type == "JSON-LD SearchResultsPage" or (path and _SEARCH_PATH_RE.search(path)):
        return "search"
    if listing_type == "JSON-LD WebSite" or path in ("", "/"):
        return "home"
    if path and _TAG_PATH_RE.search(path):
        return "tag"
    return "section"


# Bounds that keep a hostile page (thousands of nested headings) cheap to judge.
_MAX_ELEMENTS = 500
_MAX_PIECES = 20
_MAX_LINKS = 3
_MAX_ANCESTORS = 6


def _text(element: Element) -> str:
    """The text of ``element``, from at most ``_MAX_PIECES`` pieces."""
    return "".join(islice(cast("Iterator[str]", element.itertext()), _MAX_PIECES)).strip()


def _link_chars(element: Element) -> int:
    return sum(len(_text(a)) for a in islice(element.iter("a"), _MAX_LINKS))


def _teaser_headings(root: Element) -> int:
    """Headings whose text is (almost) all link text: the titles of teaser cards."""
    count = 0
    for heading in islice(root.iter(*_HEADINGS), _MAX_ELEMENTS):
        text = _text(heading)
        if text and _link_chars(heading) >= 0.8 * len(text):
            count += 1
    return count


def _prose_paragraphs(root: Element) -> int:
    """Paragraphs long enough to be article text, mostly not links, not card excerpts."""
    count = 0
    for paragraph in islice(root.iter("p"), _MAX_ELEMENTS):
        text = _text(paragraph)
        if len(text) < PROSE_MIN_CHARS or _link_chars(paragraph) > 0.3 * len(text):
            continue
        nearby = (paragraph, *islice(paragraph.iterancestors(), _MAX_ANCESTORS))
        if any(_EXCERPT_CLASS_RE.search(str(el.get("class") or "")) for el in nearby):
            continue
        count += 1
        if count >= PROSE_MIN_PARAGRAPHS:
            break
    return count
