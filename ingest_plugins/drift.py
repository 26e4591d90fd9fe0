"""Signs that a parser no longer fits the page: what a layout change looks like.

A per-site parser does not fail when the site changes its markup; it
quietly returns less (a body of one teaser, no date) or the wrong thing (a
list of links as the body). ``extraction_warnings`` looks at a parsed
article next to the page it came from and names what looks off; the host
stores the names on the document (``Document.warnings``) and ``ingest
run`` ends by listing the documents that have any.

``PageFacts`` are read from the page before the parser runs (a parser may
change the tree): how much visible text the page has outside its links (the
page's prose: menus and teaser lists are links), and what its links say.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .document import Article, SourceText

__all__ = ["PageFacts", "extraction_warnings", "page_facts"]

SHORT_BODY_SHARE = 0.15
"""A body with less than this share of the page's prose is suspect..."""
SHORT_BODY_CHARS = 1_500
"""...when it is also shorter than this (a short news item on a busy page is not)."""
MAX_LINKS = 5_000
"""Links read for ``PageFacts.link_texts`` (a page with more is no article page)."""
LINK_DENSE_SHARE = 0.3
"""A body with more than this share of its text in paragraphs that are link texts."""

_PAGE_FACTS = etree.XSLT(
    etree.XML(
        """\
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:variable name="text"><xsl:apply-templates select="(/*|/*/body)[last()]"/></xsl:variable>
    <xsl:value-of select="string-length(normalize-space($text))"/>
    <xsl:for-each select="//a">
      <xsl:variable name="words" select="normalize-space()"/>
      <xsl:if test="string-length($words) &gt;= 20">
        <xsl:text>&#10;</xsl:text><xsl:value-of select="$words"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="a|script|style|noscript|template"/>
</xsl:stylesheet>"""
    )
)
"""One libxslt pass over the page. Its first line is the length of the page's text
(its ``<body>``'s, if it has one) outside links, scripts, styles, ``noscript`` and
``template``, white space collapsed (the other text nodes are copied, those elements
skipped whole); each further line is the text of a link, white space collapsed, when
that is 20 characters or more (a menu's short links make no link-text key)."""


@dataclass(frozen=True)
class PageFacts:
    """What the page held before parsing: its prose and its link texts."""

    prose_chars: int
    """Characters of visible text outside links."""
    link_texts: frozenset[str]


def page_facts(source: SourceText) -> PageFacts | None:
    """The facts of a saved page (``None`` for a text copy)."""
    if not source.is_html:
        return None
    prose, *links = str(_PAGE_FACTS(source.tree)).split("\n")
    keys = (_key(text) for text in links[:MAX_LINKS])
    return PageFacts(int(prose), frozenset(k for k in keys if len(k) >= 20))


def extraction_warnings(article: Article, facts: PageFacts | None) -> tuple[str, ...]:
    """What looks off about ``article`` (checked by the host) given its page's ``facts``."""
    found: list[str] = []
    if not article.title:
        found.append("no title")
    if not article.published:
        found.append("no date")
    paragraphs = [p for text in article.body.values() for p in text.split("\n\n") if p.strip()]
    keys = [_key(p) for p in paragraphs]
    titles = {_key(t) for t in article.title.values()}
    if not titles.isdisjoint(keys):
        found.append("title repeated as a body paragraph")
    body_chars = sum(len(p) for p in paragraphs)
    if facts is not None and body_chars:
        if body_chars < SHORT_BODY_SHARE * facts.prose_chars and body_chars < SHORT_BODY_CHARS:
            share = body_chars / facts.prose_chars
            found.append(f"body far shorter than the page's text ({share:.0%})")
        linked = sum(len(p) for p, k in zip(paragraphs, keys, strict=True) if k in facts.link_texts)
        if linked > LINK_DENSE_SHARE * body_chars:
            found.append(f"link-dense body ({linked / body_chars:.0%} of it is link text)")
    return tuple(found)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()
