"""Saved Veterans Today pages (a WordPress site): metadata, body, disclaimers, comments.

Two generations of the site's markup are handled the same way:

* the older tagDiv "Newspaper" theme: ``h1.entry-title``,
  ``.td-post-author-name``, ``time.entry-date[datetime]``, the article text
  in ``div.td-post-content``;
* current WordPress themes: ``article`` with ``div.entry-content``, a
  JSON-LD ``NewsArticle``/``Article`` (headline, datePublished, author) and
  ``link rel=canonical``.

The page's parts and metadata are found by ``metadata``, its comments
(WordPress' threaded list) read by ``comments``. The page is read as a
sequence of text blocks, each tagged with the zone it came from: the article content
(body), the rest of the post area (boilerplate: share bars, tags, related
posts, ads) or the rest of the site (navigation, sidebar, footer, which is
not part of the document and is left out). VT's disclaimers are taken from
any zone by their content. Scripts, styles, frames, media and forms (the
comment form) never reach the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest_plugins import Article, InputError, SourceText
from ingest_plugins.parsing import jsonld
from ingest_plugins.parsing.blocks import (
    BLOCK_TAGS,
    Routed,
    TextBlock,
    Whole,
    ZoneOf,
    text_blocks,
)
from ingest_plugins.parsing.comments import finish_comments
from ingest_plugins.parsing.defences import route_boilerplate
from ingest_plugins.parsing.html import NON_TEXT_TAGS, Element, ancestors, drop_elements, inner_text
from ingest_plugins.parsing.languages import lang_slot, slot_language

from .comments import read_comments
from .metadata import find_content, find_region, read_metadata
from .site import NAME, chrome_kind, may_hold_disclaimer, merge_disclaimers

# Elements whose content is never text: dropped before anything is read. Media and
# forms too (the comment form).
_DROPPED_TAGS = (
    *NON_TEXT_TAGS,
    "canvas", "video", "audio", "form", "input", "textarea", "select", "button", "option",
)  # fmt: skip

# class/id tokens of share bars, related posts and ads (boilerplate inside the post).
_CHROME_TOKEN_RE = re.compile(
    r"share|sharing|sharedaddy|social|related|yarpp|td-a-rec|adsbygoogle|advert|sponsor"
    r"|^ads?$|^ads?[-_]|[-_]ads?$|code-block|newsletter|subscribe",
    re.I,
)

# "…", "...", "[…]" or "[...]" ending an excerpt.
_ELLIPSIS_RE = re.compile(r"\s*(?:\[?(?:…|\.\.\.)\]?)\s*$")

_BODY, _POST, _SITE, _GAP = "body", "post", "site", "gap"
"""Zones: the article content, the rest of the post area, the rest of the
site, and a site subtree that cannot hold a disclaimer (see ``_SiteSkim``)."""


class _SiteSkim:
    """Reads the site-zone subtrees that cannot hold a disclaimer whole, as gaps.

    Blocks of the rest of the site only matter when they are (part of) a
    disclaimer, and the disclaimer search only needs to know that other
    blocks stand between its candidates: a block element of the site zone
    whose whole text holds no disclaimer phrase (``may_hold_disclaimer``) is
    read whole as one gap block (none when it has no text) instead of being
    walked. Elements that hold the post area or a skipped element are always
    walked.
    """

    def __init__(self, special: Iterable[Element]) -> None:
        self.holders = {parent for tag in special for parent in ancestors(tag)}

    def zone_of(self, tag: Element, zone: str) -> str | Whole[str]:
        """``tag``'s zone in the site zone: a gap, or the site zone to walk it in."""
        if tag in self.holders or tag.tag not in BLOCK_TAGS:
            return zone
        text = inner_text(tag)
        return zone if may_hold_disclaimer(text) else Whole(_GAP, text=text)


def _is_chrome_container(tag: Element) -> bool:
    """True for a share bar, related-posts box or ad slot (by class or id)."""
    tokens = (tag.get("class") or "").split()
    if (tag_id := tag.get("id")) is not None:
        tokens.append(tag_id)
    return any(_CHROME_TOKEN_RE.search(token) for token in tokens)


def _zone_function(
    region: Element, content: Element, consumed: list[Element], skim: _SiteSkim
) -> ZoneOf[str]:
    """Build the ``zone_of`` function of the page walk.

    Inside the article content, the toolkit's defences go first: what they
    find (hidden elements, link lists, author bios, tags, widgets, embeds)
    goes to the post zone (boilerplate), with the reason on its blocks.
    """
    skipped = set(consumed)

    def zone_of(tag: Element, zone: str) -> str | Whole[str] | Routed[str] | None:
        if tag in skipped:
            return None
        if tag is content:
            return _BODY
        if tag is region:
            return _POST
        if zone == _BODY and (routed := route_boilerplate(tag, _POST)) is not None:
            return routed
        if zone != _SITE:
            return _POST if _is_chrome_container(tag) else zone
        return skim.zone_of(tag, zone)

    return zone_of


def _is_excerpt_of(description: str, body: str) -> bool:
    """True when ``description`` is only a (shortened) piece of ``body``."""
    key = _ELLIPSIS_RE.sub("", description).strip().lower()
    return key in " ".join(body.split()).lower()


def parse_html(source: SourceText) -> Article:
    """Parse a saved VT article page (``source.tree``) into an ``Article``.

    Raises ``InputError`` when the page has no article content.
    """
    try:
        page = source.tree
    except InputError:
        raise InputError("VT page has no article content element") from None
    ld = jsonld.article_metadata(list(source.jsonld))
    drop_elements(page, _DROPPED_TAGS)
    drafts, comment_parts = read_comments(page)
    content = find_content(page)
    region = find_region(content)
    meta = read_metadata(page, region, content, ld)
    body_element = page.find("body")
    root = body_element if body_element is not None else page
    skipped = [*meta.consumed, *comment_parts]
    zone_of = _zone_function(region, content, skipped, _SiteSkim([region, *skipped]))
    blocks = text_blocks(root, zone_of, _SITE)

    body, disclaimers, boilerplate = _sort_blocks(blocks)
    if not body:
        raise InputError("VT page has no article body")
    body_slot = lang_slot("\n\n".join(body))
    body_lang = slot_language(body_slot)
    summary = meta.subtitle
    if not summary and meta.description and not _is_excerpt_of(meta.description, "\n".join(body)):
        summary = meta.description
    return Article(
        source=NAME,
        title=lang_slot(meta.title, body_lang),
        summary=lang_slot(summary, body_lang),
        body=body_slot,
        url=meta.url,
        authors=meta.authors,
        published=meta.published,
        disclaimers=disclaimers,
        comments=finish_comments(drafts),
        boilerplate=boilerplate,
    )


def _sort_blocks(
    blocks: list[TextBlock[str]],
) -> tuple[list[str], tuple[str, ...], tuple[str, ...]]:
    """Split blocks into body paragraphs, disclaimers and boilerplate.

    Disclaimers come from any zone; body blocks lose their chrome lines
    (``Advertisement``…) to the boilerplate; other post blocks are
    boilerplate; blocks of the rest of the site are left out. A gap's text
    holds no disclaimer phrase: it is not searched.
    """
    spans = merge_disclaimers(["" if block.zone == _GAP else block.text for block in blocks])
    span_end = dict(spans)
    inside = {i for first, last in spans for i in range(first + 1, last + 1)}
    body: list[str] = []
    disclaimers: list[str] = []
    boilerplate: list[str] = []
    for i, block in enumerate(blocks):
        if i in span_end:
            text = "\n".join(b.text for b in blocks[i : span_end[i] + 1])
            if text not in disclaimers:
                disclaimers.append(text)
        elif i in inside or block.zone in (_GAP, _SITE):
            continue
        elif block.zone == _POST:
            boilerplate.append(block.text)
        else:
            prose: list[str] = []
            for line in block.text.split("\n"):
                if chrome_kind(line):
                    boilerplate.append(line)
                else:
                    prose.append(line)
            if prose:
                body.append("\n".join(prose))
    return body, tuple(disclaimers), tuple(boilerplate)
