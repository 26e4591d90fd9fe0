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

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from itertools import islice

from ingest_plugins import Article, InputError, SourceText
from ingest_plugins.parsing import jsonld
from ingest_plugins.parsing.blocks import Routed, TagsExcept, Whole, text_blocks
from ingest_plugins.parsing.bylines import parse_author_names
from ingest_plugins.parsing.dates import normalize_iso, parse_date_line
from ingest_plugins.parsing.defences import hidden_reason, route_boilerplate
from ingest_plugins.parsing.html import (
    Element,
    ancestors,
    canonical_url,
    drop_elements,
    element_text,
    mark_line_breaks,
    markup_text,
    meta_content,
)
from ingest_plugins.parsing.languages import detect_language, group_by_language, is_cyrillic_text
from ingest_plugins.parsing.lines import is_blank
from ingest_plugins.parsing.select import select, select_first, selectors

from .site import (
    AFFILIATIONS,
    NAME,
    SITE_NAME_RE,
    chrome_kind,
    is_list_item,
    latin_language,
    parse_byline,
)

# ---------------------------------------------------------------------------
# JSON-LD
# ---------------------------------------------------------------------------


def _json_ld_metadata(source: SourceText) -> jsonld.ArticleMetadata:
    """Metadata of the page's JSON-LD article; the site itself is no author."""
    found = jsonld.article_metadata(list(source.jsonld))
    authors = tuple(name for name in found.authors if not SITE_NAME_RE.fullmatch(name))
    return dataclasses.replace(found, authors=authors)


# ---------------------------------------------------------------------------
# Markup metadata (the fallback)
# ---------------------------------------------------------------------------

# Where each kind of metadata sits in the two layouts, most specific first.
_TITLE_SELECTORS = selectors(
    "header.article-header h1", "main h1", "h1.post-title", "article h1", "h1"
)
_STANDFIRST_SELECTORS = selectors(
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


def _markup_authors(root: Element) -> tuple[str, ...]:
    """Author names from the byline markup (``By X and Y`` or plain names)."""
    for compiled in _AUTHOR_SELECTORS:
        names: list[str] = []
        for element in select(root, compiled):
            text = element_text(element)
            found = parse_byline(text) or parse_author_names(text, affiliations=AFFILIATIONS)
            for name in found:
                if name not in names:
                    names.append(name)
        if names:
            return tuple(names)
    return ()


_DATE_CANDIDATES = 10
"""Elements a date selector's matches are read from, at most: a page has one
or two; reading the text of thousands of nested ones is quadratic."""


_DATE_LINE_ELEMENTS = 50
"""More elements than this inside a date candidate: not a date line."""


def _is_large(element: Element) -> bool:
    return next(islice(element.iter(), _DATE_LINE_ELEMENTS, None), None) is not None


def _markup_date(root: Element) -> str | None:
    """The publication date from meta tags, ``time[datetime]`` or the date line."""
    published = meta_content(root, "article:published_time", "datepublished", "publish-date")
    if published and normalize_iso(published):
        return published
    for compiled in _DATE_SELECTORS:
        for element in select(root, compiled)[:_DATE_CANDIDATES]:
            stamp = element.get("datetime")
            if isinstance(stamp, str) and normalize_iso(stamp):
                return stamp.strip()
            if _is_large(element):
                continue  # a date line is a few words in an element or two
            found = parse_date_line(element_text(element))
            if found and found.value and not found.updated:
                return found.value
    return None


def _markup_title(root: Element, title: Element | None) -> str | None:
    """The title from the heading element, else ``og:title`` without the site suffix."""
    text = element_text(title) if title is not None else None
    return text or _TITLE_SUFFIX_RE.sub("", meta_content(root, "og:title") or "") or None


def _markup_summary(root: Element, standfirst: Element | None) -> str | None:
    """The standfirst element's text, else ``og:description`` or the meta description."""
    text = element_text(standfirst) if standfirst is not None else None
    return text or meta_content(root, "og:description", "description")


# ---------------------------------------------------------------------------
# Text blocks of the article area
# ---------------------------------------------------------------------------

_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup "
    "time u var wbr img picture source font".split()
)
_PARAGRAPH_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote pre dt dd td th figcaption".split())
_BLOCK_TAGS = (
    "p div ul ol li h1 h2 h3 h4 h5 h6 blockquote table section article figure aside header "
    "footer nav form pre".split()
)
_BLOCK_TAG_SET = frozenset(_BLOCK_TAGS)
_CHROME_TAGS = frozenset({"aside", "nav", "form", "button", "footer"})
_CAPTION_TAGS = frozenset({"figure", "figcaption"})
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
_BLOCK_BOUNDARIES = TagsExcept(_INLINE_TAGS)
"""Every element that is not inline starts a block (``text_blocks``' ``block_tags``)."""


@functools.lru_cache(maxsize=4096)
def _class_zone(classes: str) -> str | None:
    """The zone a ``class`` attribute opens by itself: ``other`` when a class
    name is metadata, else ``chrome`` when one is site chrome, else ``None``.
    Remembered per value: a page repeats a few dozen."""
    names = classes.lower().split()
    if any(name in _METADATA_CLASSES for name in names):
        return "other"
    if any(
        name in _CHROME_CLASSES
        or not _CHROME_CLASS_WORDS.isdisjoint(_CLASS_WORD_SPLIT_RE.split(name))
        for name in names
    ):
        return "chrome"
    return None


def _is_chrome_line(pending: str) -> bool:
    """True when the text gathered in a widget so far is a complete chrome line (``Share``)."""
    return chrome_kind(markup_text(pending)) is not None


_ENDS_BLOCK = {"chrome": _is_chrome_line}
"""In a widget, a complete label is a line of its own (``text_blocks``' ``ends_block``)."""


_BLOCK_PEEK = 8
"""Descendants ``_has_block`` looks at in Python before it asks lxml to search the rest."""


def _has_block(element: Element, defended: bool = False) -> bool:
    """True when ``element`` contains block-level elements (then it is walked into).

    ``defended``: in the body, also when it contains a hidden element, which
    the walk takes out of the paragraph (``hidden_reason``).

    A paragraph mostly holds no element or a few links: those are looked at
    directly, which is faster than lxml's tag-filtered search (the filter is
    set up anew on every call) for all but large subtrees.
    """
    if not len(element):
        return False
    nearest = list(islice(element.iterdescendants(), _BLOCK_PEEK))
    if any(descendant.tag in _BLOCK_TAG_SET for descendant in nearest):
        return True
    if defended and any(hidden_reason(descendant) for descendant in nearest):
        return True
    if len(nearest) < _BLOCK_PEEK:
        return False
    if next(element.iterdescendants(*_BLOCK_TAGS), None) is not None:
        return True
    return defended and any(hidden_reason(descendant) for descendant in element.iterdescendants())


_WHOLE = {zone: Whole(zone) for zone in ("body", "other", "chrome", "caption")}
"""An element's text taken whole, in each zone."""
_WIDGET_ITEM = Whole("chrome", block=True)
"""A link in a widget: a line of its own (buttons, not being inline, are blocks anyway)."""


@dataclass
class _Zones:
    """The zone callback of the walk over the article area (``text_blocks``).

    Zones: ``body`` (article text), ``chrome`` (ads, widgets, credits),
    ``caption`` (image captions) and ``other`` (the rest of the article
    area; only its chrome-looking lines are kept). Inline elements, and
    paragraphs that hold no block element (or hidden element), are read
    whole. Inside the body, the toolkit's defences go first: what they
    find (hidden elements, link lists, author bios, tags, widgets, embeds)
    is chrome, with the reason on its blocks.
    """

    root: Element
    start: str
    """The zone of ``root``."""
    body: Element
    metadata: set[Element]
    """Title and standfirst: taken as metadata, so never body text."""

    def __call__(self, element: Element, zone: str) -> str | Whole[str] | Routed[str]:
        if element is self.root:
            return self.start
        if zone == "body" and element is not self.body:
            routed = route_boilerplate(element, "chrome")
            if routed is not None:
                return routed
        tag = element.tag
        if zone != "chrome" and zone != "caption":  # nothing opens a zone inside those
            opened = self._opens(element, tag)
            if opened is not None and opened != zone:
                return opened
        # In its parent's zone: inline elements, and paragraphs without block
        # elements, are read whole.
        if tag in _INLINE_TAGS:
            return _WIDGET_ITEM if tag == "a" and zone == "chrome" else _WHOLE[zone]
        if tag in _PARAGRAPH_TAGS and not _has_block(element, zone == "body"):
            return _WHOLE[zone]
        return zone

    def _opens(self, element: Element, tag: str) -> str | None:
        """The zone ``element`` opens, or ``None`` when it stays in its parent's.

        Metadata (by element or class name) comes first, then chrome (by
        tag, ARIA role or class name), then captions.
        """
        if element is self.body:
            return "body"
        if element in self.metadata:
            return "other"
        classes = element.get("class")
        by_class = _class_zone(classes) if classes else None
        if by_class == "other":
            return "other"
        if tag in _CHROME_TAGS or element.get("role") in ("complementary", "navigation"):
            return "chrome"
        if by_class is not None:
            return by_class
        if tag in _CAPTION_TAGS:
            return "caption"
        return None


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

_BODY_SELECTORS = selectors(
    "div.wysiwyg--all-content",
    "div.wysiwyg",
    "div.main-article-body",
    "#main-article-block",
    "div.article-p-wrapper",
    "[itemprop=articleBody]",
    ".article-body",
)
_ROOT_SELECTORS = selectors("main#main-content-area", "main", "article")


def _line(element: Element) -> list[Element]:
    """``element`` and its ancestors, outermost first.

    A list is freed from its end: the innermost element goes first, and
    lxml finds its parent still held (freed outermost first, each would make
    lxml walk up through all those above it, thousands of nested elements).
    """
    line = [element, *ancestors(element)]
    line.reverse()
    return line


def _holds(container: Element, element: Element) -> bool:
    """True when ``element`` is ``container`` or inside it."""
    return element is container or any(parent is container for parent in ancestors(element))


def _article_root(page: Element, title: Element | None, body: Element | None) -> Element:
    """The element that holds the article: ``main``, ``article`` or title and body's ancestor."""
    root = select_first(page, _ROOT_SELECTORS)
    anchors = [e for e in (title, body) if e is not None]
    if root is not None and all(_holds(root, e) for e in anchors):
        return root
    if len(anchors) == 2:
        # The lines keep their elements alive, so each one's id() stays its own
        # (lxml makes a new Python object for a node whenever none is alive, and
        # the id of a discarded one can come back as another element's).
        title_line, body_line = _line(anchors[0]), _line(anchors[1])
        on_title_line = {id(element) for element in title_line}
        common = next((e for e in reversed(body_line) if id(e) in on_title_line), None)
        if common is not None:
            return common
    if anchors:
        return anchors[-1]
    body_element = page.find("body")
    return body_element if body_element is not None else page


def _slot(text: str | None, latin_lang: str) -> dict[str, str]:
    """``{language: text}`` for a title or summary (``{}`` when there is none)."""
    if not text:
        return {}
    return {detect_language(text) if is_cyrillic_text(text) else latin_lang: text}


def parse_html(source: SourceText) -> Article:
    """Parse a saved Al Jazeera article page into an ``Article``.

    Raises ``InputError`` when the page holds no article text.
    """
    if is_blank(source.text):
        raise InputError("empty input")
    try:
        page = source.tree
    except InputError:
        raise InputError("no article text found in the Al Jazeera page") from None
    from_ld = _json_ld_metadata(source)
    drop_elements(page)
    mark_line_breaks(page)
    title_el = select_first(page, _TITLE_SELECTORS)
    standfirst_el = select_first(page, _STANDFIRST_SELECTORS)
    body_el = select_first(page, _BODY_SELECTORS)
    root = _article_root(page, title_el, body_el)

    body = body_el if body_el is not None else root
    start_zone = "body" if body is root else "other"
    metadata = {e for e in (title_el, standfirst_el) if e is not None and e is not body}
    zones = _Zones(root, start_zone, body, metadata)
    collected = _Collected()
    blocks = text_blocks(
        root, zones, start_zone, block_tags=_BLOCK_BOUNDARIES, ends_block=_ENDS_BLOCK
    )
    for block in blocks:
        collected.add(block.zone, block.text)
    if not collected.paragraphs:
        raise InputError("no article text found in the Al Jazeera page")

    title = from_ld.title or _markup_title(page, title_el)
    summary = from_ld.description or _markup_summary(page, standfirst_el)
    cyrillic = [is_cyrillic_text(p) for p in collected.paragraphs]
    latin_paragraphs = [p for p, yes in zip(collected.paragraphs, cyrillic, strict=True) if not yes]
    lang = latin_language("\n\n".join([title or "", summary or "", *latin_paragraphs]))
    authors = from_ld.authors or _markup_authors(page) or tuple(collected.authors)
    return Article(
        source=NAME,
        title=_slot(title, lang),
        summary=_slot(summary, lang),
        body=group_by_language(collected.paragraphs, lang, cyrillic),
        url=from_ld.url or canonical_url(page),
        authors=authors,
        published=from_ld.published or _markup_date(page),
        boilerplate=tuple(collected.boilerplate),
    )
