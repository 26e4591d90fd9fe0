"""Saved Al Jazeera article pages: metadata, body and site chrome.

Two generations of aljazeera.com markup are handled:

* the older site (until 2020): ``h1.post-title`` with the standfirst in
  ``p.article-heading-des``, the byline in ``.article-heading-author-name``
  (``a[rel=author]``), the date in ``.article-duration`` and the text in
  ``div.main-article-body`` > ``div.article-p-wrapper``;
* the current site: ``main#main-content-area`` with ``header.article-header
  h1`` and ``p.article__subhead`` (or ``p.article-excerpt``), an
  ``div.article-info-block`` holding ``.article-author-name`` and
  ``.date-simple``, and the text in ``div.wysiwyg.wysiwyg--all-content``
  among ad containers, the ``Recommended Stories`` widget and share bars.

Both carry a JSON-LD ``NewsArticle`` and ``link rel=canonical``. Metadata
(title, standfirst, authors, date, URL) comes from JSON-LD first and from
the markup when JSON-LD lacks it; the body always comes from the markup.

The article area (``main``, ``article`` or what holds title and text) is
read as a sequence of text blocks, each from a zone: the article text
(body), site chrome inside the article area (ads, related stories, share
and follow widgets, the ``Source:`` credit, image captions: boilerplate)
or the rest of the article area (title, byline and date, already taken as
metadata). Navigation, sidebars and footers outside the article area are
not part of the document. Scripts, styles, frames and comments never
reach any text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, Tag

from ingest_plugins import Article, InputError

from .aljazeera_text import (
    SOURCE,
    chrome_kind,
    clean_line,
    cyrillic_language,
    group_by_language,
    is_aljazeera_url,
    is_cyrillic_text,
    is_list_item,
    latin_language,
    normalize_iso,
    parse_author_names,
    parse_byline,
    parse_date_line,
)

# ---------------------------------------------------------------------------
# Recognising markup and claiming a page (regexes on the raw text: no parsing)
# ---------------------------------------------------------------------------

# Markup at the very start of the text (after comments): a doctype or a document tag.
_MARKUP_START_RE = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|main|article)\b", re.I | re.S
)
# Closing tags of common block elements: a fragment of saved markup.
_CLOSING_TAG_RE = re.compile(r"</(?:html|body|div|p|article|main)\s*>", re.I)
_FRAGMENT_MIN_CLOSING_TAGS = 2

# Any <link …> or <meta …> tag; its attributes are read with _ATTR_RE.
_LINK_OR_META_RE = re.compile(r"<(?:link|meta)\b[^>]*>", re.I)
# One attribute: name="value", name='value' or name=value.
_ATTR_RE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
# The content of every <script type="application/ld+json"> element.
_JSON_LD_RE = re.compile(
    r"<script\b[^>]*application/ld\+json[^>]*>(?P<json>.*?)</script\s*>", re.I | re.S
)
# "Al Jazeera" as a site or publisher name ("Al Jazeera English", "Al Jazeera Media Network").
_SITE_NAME_RE = re.compile(r"\bal[\s-]*jazeera\b", re.I)


def looks_like_html(text: str) -> bool:
    """True when ``text`` is markup (a saved page or a fragment of one)."""
    if _MARKUP_START_RE.match(text):
        return True
    return len(_CLOSING_TAG_RE.findall(text[:200_000])) >= _FRAGMENT_MIN_CLOSING_TAGS


def _tag_attributes(tag: str) -> dict[str, str]:
    """Attributes of one ``<link>``/``<meta>`` tag, names lower-cased."""
    return {
        m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in _ATTR_RE.finditer(tag)
    }


def _head_claims(text: str) -> bool:
    """True when a canonical/``og:url`` link or ``og:site_name`` names Al Jazeera."""
    for tag in _LINK_OR_META_RE.findall(text):
        attrs = _tag_attributes(tag)
        rel = attrs.get("rel", "").lower().split()
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if "canonical" in rel and is_aljazeera_url(attrs.get("href", "")):
            return True
        if key == "og:url" and is_aljazeera_url(attrs.get("content", "")):
            return True
        if key == "og:site_name" and _SITE_NAME_RE.search(attrs.get("content", "")):
            return True
    return False


def _json_ld_claims(text: str) -> bool:
    """True when a JSON-LD object's publisher is Al Jazeera."""
    for match in _JSON_LD_RE.finditer(text):
        for obj in _json_objects(_load_json(match.group("json"))):
            publisher = obj.get("publisher")
            names = [p.get("name") for p in _as_list(publisher) if isinstance(p, dict)]
            if any(isinstance(n, str) and _SITE_NAME_RE.search(n) for n in names):
                return True
    return False


def html_claims(text: str) -> bool:
    """True when a saved page is an Al Jazeera page (head metadata or JSON-LD publisher)."""
    return _head_claims(text) or _json_ld_claims(text)


# ---------------------------------------------------------------------------
# JSON-LD
# ---------------------------------------------------------------------------

_ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
    }
)
_JSON_MAX_NODES = 10_000
"""Stop walking a JSON-LD document after this many values (a hostile page)."""


def _load_json(text: str) -> Any:
    """Parse a JSON-LD script's text; ``None`` when it is not valid JSON."""
    try:
        return json.loads(text.strip().removeprefix("<!--").removesuffix("-->"))
    except (ValueError, RecursionError):
        return None


def _as_list(value: Any) -> list[Any]:
    """``value`` as a list: lists stay, ``None`` is empty, anything else is wrapped."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _json_objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``data`` (top level, lists, ``@graph``), breadth first."""
    queue = [data]
    seen = 0
    while queue and seen < _JSON_MAX_NODES:
        value = queue.pop(0)
        seen += 1
        if isinstance(value, list):
            queue.extend(value)
        elif isinstance(value, dict):
            yield value
            queue.extend(_as_list(value.get("@graph")))


def _ld_types(obj: dict[str, Any]) -> set[str]:
    """The ``@type`` names of a JSON-LD object."""
    return {t for t in _as_list(obj.get("@type")) if isinstance(t, str)}


def _ld_text(value: Any) -> str | None:
    """A JSON-LD string with entities decoded and spaces collapsed; ``None`` if empty."""
    if not isinstance(value, str):
        return None
    return clean_line(html.unescape(value)) or None


def _ld_url(value: Any) -> str | None:
    """A URL given as a string or as an object with ``@id``/``url``."""
    for item in _as_list(value):
        if isinstance(item, dict):
            item = item.get("@id") or item.get("url")
        if isinstance(item, str) and item.startswith(("http://", "https://")):
            return item.strip()
    return None


def _ld_authors(value: Any) -> tuple[str, ...]:
    """Names of the persons in a JSON-LD ``author`` (organisations are not authors)."""
    names: list[str] = []
    for item in _as_list(value):
        if isinstance(item, dict):
            if "Organization" in _ld_types(item) or "NewsMediaOrganization" in _ld_types(item):
                continue
            item = item.get("name")
        name = _ld_text(item)
        if name and not _SITE_NAME_RE.fullmatch(name) and name not in names:
            names.append(name)
    return tuple(names)


@dataclass(frozen=True)
class _Metadata:
    """Article metadata from the JSON-LD; any field may be missing."""

    title: str | None = None
    summary: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None


def _json_ld_metadata(soup: BeautifulSoup) -> _Metadata:
    """Metadata of the first JSON-LD article object on the page."""
    for script in soup.find_all("script"):
        if "ld+json" not in str(script.get("type") or "").lower():
            continue
        for obj in _json_objects(_load_json(script.get_text())):
            if not _ld_types(obj) & _ARTICLE_TYPES:
                continue
            published = obj.get("datePublished")
            return _Metadata(
                title=_ld_text(obj.get("headline")) or _ld_text(obj.get("name")),
                summary=_ld_text(obj.get("description")),
                published=normalize_iso(published) if isinstance(published, str) else None,
                authors=_ld_authors(obj.get("author")),
                url=_ld_url(obj.get("mainEntityOfPage")) or _ld_url(obj.get("url")),
            )
    return _Metadata()


# ---------------------------------------------------------------------------
# Markup metadata (the fallback)
# ---------------------------------------------------------------------------

# Where each kind of metadata sits in the two layouts, most specific first.
_TITLE_SELECTORS = ("header.article-header h1", "main h1", "h1.post-title", "article h1", "h1")
_STANDFIRST_SELECTORS = (
    "p.article__subhead",
    ".article__subhead",
    "p.article-excerpt",
    "p.article-heading-des",
    ".article-heading-des",
)
_AUTHOR_SELECTORS = (
    ".article-author-name .author-link",
    ".article-author-name-item",
    ".article-author-name",
    ".article-heading-author-name a[rel~=author]",
    "a[rel~=author]",
    ".article-heading-author-name",
)
_DATE_SELECTORS = (
    ".date-simple span[aria-hidden=true]",
    ".article-dates time",
    ".article-duration time",
    ".date-simple",
    ".article-duration",
)
# Class names of elements whose text is metadata (or holds it): never body text.
_METADATA_CLASSES = frozenset(
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
_TITLE_SUFFIX_RE = re.compile(r"\s*[|–—-]\s*al[\s-]*jazeera(?:\s+english)?\s*$", re.I)
"""`` | Al Jazeera`` at the end of a ``<title>`` or ``og:title``."""


def _first(soup: BeautifulSoup | Tag, selectors: Iterable[str]) -> Tag | None:
    """The first element matched by the first selector that matches anything."""
    for selector in selectors:
        found = soup.select_one(selector)
        if found is not None:
            return found
    return None


def _meta(soup: BeautifulSoup, *keys: str) -> str | None:
    """The ``content`` of the first ``<meta>`` whose ``property`` or ``name`` is in ``keys``."""
    for tag in soup.find_all("meta"):
        key = str(tag.get("property") or tag.get("name") or "").lower()
        if key in keys:
            content = clean_line(str(tag.get("content") or ""))
            if content:
                return content
    return None


def _canonical(soup: BeautifulSoup) -> str | None:
    """The page's canonical URL (``link rel=canonical``, then ``og:url``)."""
    for link in soup.find_all("link"):
        rel = link.get("rel") or []
        rels = rel.split() if isinstance(rel, str) else list(rel)
        href = str(link.get("href") or "").strip()
        if "canonical" in [r.lower() for r in rels] and href.startswith(("http://", "https://")):
            return href
    return _meta(soup, "og:url")


def _markup_authors(soup: BeautifulSoup) -> tuple[str, ...]:
    """Author names from the byline markup (``By X and Y`` or plain names)."""
    for selector in _AUTHOR_SELECTORS:
        names: list[str] = []
        for element in soup.select(selector):
            text = element_text(element)
            for name in parse_byline(text) or parse_author_names(text):
                if name not in names:
                    names.append(name)
        if names:
            return tuple(names)
    return ()


def _markup_date(soup: BeautifulSoup) -> str | None:
    """The publication date from meta tags, ``time[datetime]`` or the date line."""
    published = _meta(soup, "article:published_time", "datepublished", "publish-date")
    if published and normalize_iso(published):
        return published
    for selector in _DATE_SELECTORS:
        for element in soup.select(selector):
            stamp = element.get("datetime")
            if isinstance(stamp, str) and normalize_iso(stamp):
                return stamp.strip()
            found = parse_date_line(element_text(element))
            if found and found.value and not found.updated:
                return found.value
    return None


def _markup_title(soup: BeautifulSoup, title: Tag | None) -> str | None:
    """The title from the heading element, else ``og:title`` without the site suffix."""
    text = element_text(title) if title else None
    return text or _TITLE_SUFFIX_RE.sub("", _meta(soup, "og:title") or "") or None


def _markup_summary(soup: BeautifulSoup, standfirst: Tag | None) -> str | None:
    """The standfirst element's text, else ``og:description`` or the meta description."""
    text = element_text(standfirst) if standfirst else None
    return text or _meta(soup, "og:description", "description")


# ---------------------------------------------------------------------------
# Text blocks of the article area
# ---------------------------------------------------------------------------

_DROPPED_TAGS = ("script", "style", "iframe", "noscript", "template", "svg", "object", "embed")
_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup "
    "time u var wbr img picture source font".split()
)
_PARAGRAPH_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote pre dt dd td th figcaption".split())
_BLOCK_TAGS = (
    "p div ul ol li h1 h2 h3 h4 h5 h6 blockquote table section article figure aside header "
    "footer nav form pre".split()
)
_CHROME_TAGS = frozenset({"aside", "nav", "form", "button", "footer"})
_CAPTION_TAGS = frozenset({"figure", "figcaption"})
_WIDGET_ITEM_TAGS = frozenset({"a", "button"})
# Class-name words of site chrome containers ("container--ads", "article-share", …).
_CHROME_CLASS_WORDS = frozenset(
    "ad ads adslot advert advertisement recommended related share sharing social newsletter "
    "promo sponsored outbrain taboola".split()
)
# Whole class names of chrome containers that no single word gives away.
_CHROME_CLASSES = frozenset(
    {"more-on", "article-source", "article-body-artsource", "keep-reading", "sib-newsletter-form"}
)
# Splits a class name into its words: "container--ads" → "container", "ads".
_CLASS_WORD_SPLIT_RE = re.compile(r"[-_]+")
_MAX_DEPTH = 120
"""Deeper than this, an element's text is taken as one block (no recursion limit hit)."""

_BREAK = "\ue000"
"""Stands for a ``<br>`` while white space is collapsed; becomes a line break."""
# Any run of white space (source formatting, not line breaks).
_SPACE_RE = re.compile(r"\s+")


def element_text(element: Tag) -> str:
    """The visible text of ``element``: spaces collapsed, ``<br>`` kept as line breaks."""
    text = _SPACE_RE.sub(" ", element.get_text())
    return "\n".join(clean_line(part) for part in text.split(_BREAK) if clean_line(part))


def _clean_block(text: str) -> str:
    """Collapse the white space of raw text gathered from several nodes."""
    collapsed = _SPACE_RE.sub(" ", text)
    return "\n".join(clean_line(part) for part in collapsed.split(_BREAK) if clean_line(part))


def _is_chrome(element: Tag) -> bool:
    """True for a site-chrome container: by tag, ARIA role or class name."""
    if element.name in _CHROME_TAGS or element.get("role") in ("complementary", "navigation"):
        return True
    for name in _classes(element):
        if name in _CHROME_CLASSES or set(_CLASS_WORD_SPLIT_RE.split(name)) & _CHROME_CLASS_WORDS:
            return True
    return False


def _classes(element: Tag) -> list[str]:
    """The lower-cased class names of ``element``."""
    classes = element.get("class") or []
    return [c.lower() for c in ([classes] if isinstance(classes, str) else classes)]


def _is_metadata(element: Tag) -> bool:
    """True for an element that holds the title, standfirst, byline or date."""
    return any(name in _METADATA_CLASSES for name in _classes(element))


def _is_chrome_line(run: list[str]) -> bool:
    """True when the raw text gathered so far is a complete chrome line (``Share``)."""
    return chrome_kind(_clean_block("".join(run))) is not None


def _has_block(element: Tag) -> bool:
    """True when ``element`` contains block-level elements (then it is walked into)."""
    return element.find(_BLOCK_TAGS) is not None


@dataclass
class _Walker:
    """Walks the article area and yields ``(zone, text)`` blocks in document order.

    Zones: ``body`` (article text), ``chrome`` (ads, widgets, credits),
    ``caption`` (image captions) and ``other`` (the rest of the article
    area; only its chrome-looking lines are kept).
    """

    body: Tag | None
    metadata_ids: set[int] = field(default_factory=set)

    def walk(self, node: Tag, zone: str, depth: int = 0) -> Iterator[tuple[str, str]]:
        """Yield the text blocks under ``node``; inline runs make one block."""
        run: list[str] = []
        for child in node.children:
            if isinstance(child, Tag):
                inner = self._zone_of(child, zone)
                if inner is None and child.name in _INLINE_TAGS:
                    # In a widget, links, buttons and complete labels are lines of their own.
                    widget_item = zone == "chrome" and child.name in _WIDGET_ITEM_TAGS
                    if widget_item or (zone == "chrome" and _is_chrome_line(run)):
                        yield from self._flush(run, zone)
                    run.append(child.get_text())
                    if widget_item:
                        yield from self._flush(run, zone)
                    continue
                yield from self._flush(run, zone)
                if inner is not None:
                    yield from self.walk(child, inner, depth + 1)
                elif depth >= _MAX_DEPTH or (
                    child.name in _PARAGRAPH_TAGS and not _has_block(child)
                ):
                    yield from self._flush([child.get_text()], zone)
                else:
                    yield from self.walk(child, zone, depth + 1)
            elif type(child) is NavigableString:
                run.append(str(child))
        yield from self._flush(run, zone)

    def _zone_of(self, element: Tag, zone: str) -> str | None:
        """The zone ``element`` opens, or ``None`` when it stays in ``zone``."""
        if zone in ("chrome", "caption"):
            return None
        if element is self.body:
            return "body"
        if id(element) in self.metadata_ids or _is_metadata(element):
            return "other"
        if _is_chrome(element):
            return "chrome"
        if element.name in _CAPTION_TAGS:
            return "caption"
        return None

    @staticmethod
    def _flush(run: list[str], zone: str) -> Iterator[tuple[str, str]]:
        """Yield the gathered raw text as one block (if not blank) and empty ``run``."""
        text = _clean_block("".join(run))
        run.clear()
        if text:
            yield zone, text


@dataclass
class _Collected:
    """Body paragraphs, chrome and byline names found while reading the blocks."""

    paragraphs: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    in_related_list: bool = False

    def add(self, zone: str, text: str) -> None:
        """Route one block by its zone and content."""
        if zone in ("chrome", "caption"):
            self.boilerplate.append(text)
        elif zone == "body":
            self._add_body_block(text)
        elif chrome_kind(text) is not None:
            self.boilerplate.append(text)

    def _add_body_block(self, text: str) -> None:
        """A body block is chrome (an ad label, a related-stories list), a byline or text."""
        kind = chrome_kind(text)
        if kind == "list_start":
            self.in_related_list = True
            self.boilerplate.append(text)
            return
        if self.in_related_list:
            if text.lower() == "end of list":
                self.in_related_list = False
                self.boilerplate.append(text)
                return
            if is_list_item(text):
                self.boilerplate.append(text)
                return
            self.in_related_list = False
        if kind is not None:
            self.boilerplate.append(text)
            return
        names = parse_byline(text)
        if names:
            self.authors.extend(n for n in names if n not in self.authors)
            return
        self.paragraphs.append(text)


# ---------------------------------------------------------------------------
# The page parser
# ---------------------------------------------------------------------------

_BODY_SELECTORS = (
    "div.wysiwyg--all-content",
    "div.wysiwyg",
    "div.main-article-body",
    "#main-article-block",
    "div.article-p-wrapper",
    "[itemprop=articleBody]",
    ".article-body",
)
_ROOT_SELECTORS = ("main#main-content-area", "main", "article")


def _prepare(soup: BeautifulSoup) -> None:
    """Drop scripts, styles, frames and comments; mark ``<br>`` as a line break."""
    for element in soup.find_all(_DROPPED_TAGS):
        element.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for br in soup.find_all("br"):
        br.replace_with(_BREAK)


def _ancestors(element: Tag) -> list[Tag]:
    """``element`` and its ancestors, innermost first."""
    return [element, *element.parents]


def _article_root(soup: BeautifulSoup, title: Tag | None, body: Tag | None) -> Tag:
    """The element that holds the article: ``main``, ``article`` or title and body's ancestor."""
    root = _first(soup, _ROOT_SELECTORS)
    anchors = [e for e in (title, body) if e is not None]
    if root is not None and all(any(a is root for a in _ancestors(e)) for e in anchors):
        return root
    if len(anchors) == 2:
        title_line = {id(a) for a in _ancestors(anchors[0])}
        for ancestor in _ancestors(anchors[1]):
            if id(ancestor) in title_line:
                return ancestor
    if anchors:
        return anchors[-1]
    return soup.body or soup


def _slot(text: str | None, latin_lang: str) -> dict[str, str]:
    """``{language: text}`` for a title or summary (``{}`` when there is none)."""
    if not text:
        return {}
    return {cyrillic_language(text) if is_cyrillic_text(text) else latin_lang: text}


def parse_html(text: str) -> Article:
    """Parse a saved Al Jazeera article page into an ``Article``.

    Raises ``InputError`` when the page holds no article text.
    """
    if not text.strip():
        raise InputError("empty input")
    soup = BeautifulSoup(text, "lxml")
    from_ld = _json_ld_metadata(soup)
    _prepare(soup)
    title_el = _first(soup, _TITLE_SELECTORS)
    standfirst_el = _first(soup, _STANDFIRST_SELECTORS)
    body_el = _first(soup, _BODY_SELECTORS)
    root = _article_root(soup, title_el, body_el)

    walker = _Walker(body=body_el or root)
    walker.metadata_ids = {id(e) for e in (title_el, standfirst_el) if e is not None}
    walker.metadata_ids.discard(id(walker.body))
    collected = _Collected()
    start_zone = "body" if walker.body is root else "other"
    for zone, block in walker.walk(root, start_zone):
        collected.add(zone, block)
    if not collected.paragraphs:
        raise InputError("no article text found in the Al Jazeera page")

    title = from_ld.title or _markup_title(soup, title_el)
    summary = from_ld.summary or _markup_summary(soup, standfirst_el)
    latin_paragraphs = [p for p in collected.paragraphs if not is_cyrillic_text(p)]
    lang = latin_language("\n\n".join([title or "", summary or "", *latin_paragraphs]))
    authors = from_ld.authors or _markup_authors(soup) or tuple(collected.authors)
    return Article(
        source=SOURCE,
        title=_slot(title, lang),
        summary=_slot(summary, lang),
        body=group_by_language(collected.paragraphs, lang),
        url=from_ld.url or _canonical(soup),
        authors=authors,
        published=from_ld.published or _markup_date(soup),
        boilerplate=tuple(collected.boilerplate),
    )
