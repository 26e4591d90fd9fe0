"""Saved Al Jazeera article pages: metadata, body and site chrome.

Two generations of aljazeera.com markup are handled:

* the older site (until 2020): ``h1.post-title`` with the standfirst in
  ``p.article-heading-des``, the byline in ``.article-heading-author-name``
  (``a[rel=author]``), the date in ``.article-duration`` and the text in
  ``div.main-article-body`` > ``div.article-p-wrapper``;
* the current site: ``main#main-content-area`` with ``header.article-header
  h1`` and ``p.article__subhead`` (or ``p.article-excerpt``), an
  ``div.article-info-block`` holding ``.article-author-name`` (on 2026
  pages ``.contributors-list``) and ``.date-simple``, and the text in
  ``div.wysiwyg.wysiwyg--all-content`` among ad containers, the
  ``Recommended Stories`` widget and share bars.

Both carry a JSON-LD ``NewsArticle`` and ``link rel=canonical``. Metadata
(title, standfirst, authors, date, URL) comes from JSON-LD first and from
the markup when JSON-LD lacks it (``metadata``); the body always comes
from the markup.

This module finds the article area (``main``, ``article`` or what holds
title and text) and reads it as a sequence of text blocks, each from a zone
(``zones``): the article text (body), site chrome inside the article area
(boilerplate) or the rest of the area (metadata). Navigation, sidebars and
footers outside the article area are not part of the document. Scripts,
styles, frames and comments never reach any text.
"""

from __future__ import annotations

from ingest_plugins import Article, InputError, SourceText
from ingest_plugins.parsing.blocks import text_blocks
from ingest_plugins.parsing.html import (
    Element,
    ancestors,
    canonical_url,
    drop_elements,
    mark_line_breaks,
)
from ingest_plugins.parsing.languages import detect_language, group_by_language, is_cyrillic_text
from ingest_plugins.parsing.lines import is_blank
from ingest_plugins.parsing.select import select_first, selectors

from .metadata import (
    STANDFIRST_SELECTORS,
    TITLE_SELECTORS,
    json_ld_metadata,
    markup_authors,
    markup_date,
    markup_summary,
    markup_title,
)
from .site import NAME, latin_language
from .zones import BLOCK_BOUNDARIES, ENDS_BLOCK, ArticleZones, CollectedBlocks

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
        # The innermost ancestor of the body that holds the title too. (The set keeps
        # the title's ancestors alive, so lxml hands back those same objects.)
        title_line = {anchors[0], *ancestors(anchors[0])}
        common = next((e for e in (anchors[1], *ancestors(anchors[1])) if e in title_line), None)
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
    from_ld = json_ld_metadata(source)
    drop_elements(page)
    mark_line_breaks(page)
    title_el = select_first(page, TITLE_SELECTORS)
    standfirst_el = select_first(page, STANDFIRST_SELECTORS)
    body_el = select_first(page, _BODY_SELECTORS)
    root = _article_root(page, title_el, body_el)

    body = body_el if body_el is not None else root
    start_zone = "body" if body is root else "other"
    metadata = {e for e in (title_el, standfirst_el) if e is not None and e is not body}
    zones = ArticleZones(root, start_zone, body, metadata)
    collected = CollectedBlocks()
    blocks = text_blocks(
        root, zones, start_zone, block_tags=BLOCK_BOUNDARIES, ends_block=ENDS_BLOCK
    )
    for block in blocks:
        collected.add(block.zone, block.text)
    if not collected.paragraphs:
        raise InputError("no article text found in the Al Jazeera page")

    title = from_ld.title or markup_title(page, title_el)
    summary = from_ld.description or markup_summary(page, standfirst_el)
    cyrillic = [is_cyrillic_text(p) for p in collected.paragraphs]
    latin_paragraphs = [p for p, yes in zip(collected.paragraphs, cyrillic, strict=True) if not yes]
    lang = latin_language("\n\n".join([title or "", summary or "", *latin_paragraphs]))
    # Byline and date are the article's own: looked for in its area, unless
    # that is only the text (then the page around it is searched).
    area = page if root is body_el else root
    authors = from_ld.authors or markup_authors(area) or tuple(collected.authors)
    return Article(
        source=NAME,
        title=_slot(title, lang),
        summary=_slot(summary, lang),
        body=group_by_language(collected.paragraphs, lang, cyrillic),
        url=from_ld.url or canonical_url(page),
        authors=authors,
        published=from_ld.published or markup_date(page, area),
        disclaimers=tuple(collected.disclaimers),
        boilerplate=tuple(collected.boilerplate),
    )
