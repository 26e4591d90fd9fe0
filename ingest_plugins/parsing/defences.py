"""Defences: generic signs that an element inside an article's text is no article text.

Pages put things inside the article's container that are not part of the
article: a list of related stories under a ``More:`` or ``Read also``
heading, an element hidden with ``style="display: none"`` that holds an
embed id, an about-the-author box, the topic tags at the end, share,
newsletter and ad widgets, the fallback text of an embedded post. A parser
that reads the container reads them too. Each detector here looks at one
element and returns a short reason (``"hidden"``, ``"link list"``…, see
``REASONS``) or ``None``; ``boilerplate_reason`` asks them all, and
``route_boilerplate`` turns its finding into a zone callback's answer for
``blocks.text_blocks``, so a plugin uses them in one line::

    def zone_of(element, zone):
        if zone == "body" and (routed := route_boilerplate(element, "boilerplate")):
            return routed  # to boilerplate, with the reason on its blocks
        ...

Nothing is dropped: the element's text goes to the plugin's boilerplate
zone, each block with its reason (``TextBlock.reason``), and ``ingest parse
--explain`` shows the reasons. Ask only about elements inside the article
text (the parser already knows what the rest of the page is).

What is never taken for boilerplate: a paragraph of ordinary prose with a
link or two (a link block is mostly link text), a heading (only a whole
label such as ``Related`` or ``About the author`` counts), the text of an
inline element inside a sentence (only hidden ones and ad slots go).

The detectors see an element through ``looks.Look``: each reads at most
``looks.MAX_NODES`` elements and ``looks.MAX_TEXT`` characters of it, and
only list, paragraph and heading elements are read (a box only when its
first child is a label). The labels they know are in ``labels``, the words
of class names and ids in ``classnames``, the reasons they give in
``reasons``.
"""

from __future__ import annotations

import re
from typing import TypeVar

from . import labels, looks
from .blocks import BLOCK_TAGS, Routed, Whole
from .classnames import element_class_reason
from .html import Element
from .lines import AD_LABEL_RE
from .looks import LinkReading, Look
from .reasons import (
    AD,
    AUTHOR_BIO,
    CAPTION,
    EMBED,
    EMBED_ID,
    HIDDEN,
    LINK_LIST,
    NEWSLETTER,
    SHARE,
    TAGS,
)

__all__ = [
    "author_bio_reason",
    "boilerplate_reason",
    "embed_reason",
    "hidden_reason",
    "is_bare_id",
    "link_block_reason",
    "route_boilerplate",
    "tag_list_reason",
    "widget_reason",
]

Z = TypeVar("Z")

_HEADLINE_WORDS = 15
"""A link that is all of its paragraph reads as a headline up to this many words."""
_LIST_LINK_SHARE = 0.6
"""Share of link text that makes a list item a link."""
_LINK_SHARE = 0.5
"""Share of link text after a label (``More:``, ``Tags:``) that makes the rest links."""
_ALL_LINKS = 0.9
"""Share of link text of a paragraph that is nothing but links."""
_HEADED_LIST_SHARE = 0.3
"""Share of link text of a list under a ``Related``-type heading."""

_WIDGETS = frozenset({SHARE, NEWSLETTER, AD})
_INLINE_AD_EXEMPT = frozenset({"a"})
"""Inline tags never taken as an ad slot by class (a link in a sentence stays)."""
_ITEM_TAGS = frozenset({"li", "dt", "dd"})
"""Items of a list: judged with their list, not on their own (but for a label)."""
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# One id: a long number, a UUID, a long hex string or a name-number id (video-1234567).
_ID = (
    r"(?:#?\d{6,}|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}"
    r"|(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}|[a-z][a-z_-]*[-_:]\d{5,})"
)
_BARE_ID_RE = re.compile(rf"{_ID}(?:[\s,;|/]+{_ID})*", re.I)
_HIDDEN_STYLE_RE = re.compile(
    r"(?<![\w-])(?:display\s*:\s*none|visibility\s*:\s*hidden)(?![\w-])", re.I
)
_EMBED_ATTRIBUTE_PREFIXES = ("data-embed", "data-oembed", "data-instgrm", "data-tweet")


# ---------------------------------------------------------------------------
# The detectors
# ---------------------------------------------------------------------------


def hidden_reason(element: Element) -> str | None:
    """``"hidden"`` for an element a reader never sees, else ``None``.

    The ``hidden`` attribute, an inline style with ``display: none`` or
    ``visibility: hidden``, or ``aria-hidden="true"`` on a block element
    (an inline one, such as an icon or a visible date, is only hidden from
    screen readers).
    """
    if element.get("hidden") is not None:
        return HIDDEN
    style = element.get("style")
    if style and _HIDDEN_STYLE_RE.search(style):
        return HIDDEN
    aria = element.get("aria-hidden")
    if aria and aria.strip().lower() == "true" and element.tag in BLOCK_TAGS:
        return HIDDEN
    return None


def widget_reason(element: Element) -> str | None:
    """``"share widget"``, ``"newsletter"`` or ``"ad"`` for such a widget, else ``None``.

    By the words of its class names and id (``article-share``,
    ``newsletter-signup``, ``ad-container``, ``adsbygoogle``…), or, for a
    short paragraph or heading, by its whole text (``Share this article``,
    ``Advertisement``, ``Sign up for our newsletter``). An inline element
    inside a sentence counts only as an ad slot, and a link never does.
    """
    named = element_class_reason(element)
    if element.tag not in BLOCK_TAGS:
        return _inline_ad(element, named)
    return named if named in _WIDGETS else _widget_text(Look(element))


def _inline_ad(element: Element, named: str | None) -> str | None:
    return AD if named == AD and element.tag not in _INLINE_AD_EXEMPT else None


def _widget_text(look: Look) -> str | None:
    text = look.short if look.text_block else None
    if text:
        if AD_LABEL_RE.fullmatch(text):
            return AD
        if (
            len(text) <= looks.LABEL_CHARS // 2
            and labels.SHARE_LABEL_RE.fullmatch(text)
            and not (look.tag in _HEADINGS and labels.NETWORK_RE.fullmatch(text))
        ):
            return SHARE  # (a heading that names a network is no button)
        if labels.NEWSLETTER_LABEL_RE.fullmatch(text):
            return NEWSLETTER
    return None


def author_bio_reason(element: Element) -> str | None:
    """``"author bio"`` for an about-the-author box, else ``None``.

    A block whose class names or id say so (``author-bio``, ``author-box``,
    ``about-author``, ``bio``), a schema.org ``Person``, a box headed by an
    ``About the author`` label, that label itself, and the paragraph right
    after it.
    """
    if element.tag not in BLOCK_TAGS:
        return None
    if element_class_reason(element) == AUTHOR_BIO or _is_person(element):
        return AUTHOR_BIO
    return _author_text(Look(element))


def _is_person(element: Element) -> bool:
    return "schema.org/person" in str(element.get("itemtype") or "").lower()


def _author_text(look: Look) -> str | None:
    tag = look.tag
    if tag in looks.LEAF_TAGS or tag in looks.BOX_TAGS:
        if look.label == "author" or look.previous_label == "author":
            return AUTHOR_BIO
        if tag in looks.BOX_TAGS and look.first_label == "author":
            return AUTHOR_BIO
    return None


def tag_list_reason(element: Element) -> str | None:
    """``"tags"`` for the article's tag or topic list, else ``None``.

    A block (not a heading) whose class names or id say so (``tags``,
    ``post-tags``, ``topics``…); a list or paragraph whose links all go to
    tag or topic pages (``rel="tag"``, ``/tag/``, ``/topics/`` URLs) and
    make half its text or more; or links after a ``Tags:``/``Topics:``/
    ``Теги:`` label, in the same element or the one after the label.
    """
    tag = element.tag
    if tag in BLOCK_TAGS and tag not in _HEADINGS and element_class_reason(element) == TAGS:
        return TAGS
    return _tag_list(Look(element))


def _tag_list(look: Look) -> str | None:
    tag = look.tag
    if tag not in BLOCK_TAGS or tag in _HEADINGS:
        return TAGS if look.label == "tags" and look.links_after(_LINK_SHARE) else None
    reading = None if look.linkless_text else look.reading
    if reading is None or not reading.links:
        if look.label == "tags" and look.links_after(_LINK_SHARE):
            return TAGS
        return TAGS if reading is None and look.box_of_links("tags", _LINK_SHARE) else None
    if reading.tag_links == reading.links and reading.link_share >= _LINK_SHARE:
        return TAGS
    if labels.TAGS_LABEL_RE.fullmatch(reading.label) and _rest_is_links(reading):
        return TAGS
    if look.previous_label == "tags" and reading.link_share >= _LINK_SHARE:
        return TAGS
    return None


def link_block_reason(element: Element) -> str | None:
    """``"link list"`` for a block of links to other stories, else ``None``.

    * a list of two or more items, each mostly a link;
    * a list or paragraph after a ``More:``/``Related``/``Recommended``/
      ``Read also``/``Читайте також``… label, and that label itself;
    * a paragraph that is such a label followed by links (``Read more:
      <a>…</a>``), or nothing but links: two or more, or one that reads as
      a headline (no closing full stop, at most 15 words); a list item
      only with a label (a link as an item of a list of points stays);
    * a box whose first child is such a label and whose text is mostly links.

    A paragraph of prose with a link or two is none of these.
    """
    return _link_block(Look(element))


def _link_block(look: Look) -> str | None:
    tag = look.tag
    if tag not in BLOCK_TAGS:
        return None
    reading = None if look.linkless_text else look.reading
    if reading is None or not reading.links:
        if look.label == "link" and look.links_after(_LINK_SHARE):
            return LINK_LIST
        if reading is None:
            return LINK_LIST if look.box_of_links("link", _LINK_SHARE) else None
        if tag not in looks.LIST_TAGS:
            return None
    if tag in looks.LIST_TAGS:
        if look.previous_label == "link":
            return LINK_LIST if reading.link_share >= _HEADED_LIST_SHARE else None
        return LINK_LIST if _is_link_list(look.element) else None
    if labels.LINK_LABEL_RE.fullmatch(reading.label) and _rest_is_links(reading):
        return LINK_LIST
    share = reading.link_share
    if (
        share >= _ALL_LINKS
        and tag not in _ITEM_TAGS
        and (
            reading.links >= 2
            or labels.LINK_LABEL_START_RE.match(reading.text)
            or _reads_as_headline(reading.text)
        )
    ):
        return LINK_LIST
    if look.previous_label == "link" and share >= _LINK_SHARE:
        return LINK_LIST
    return None


def embed_reason(element: Element) -> str | None:
    """``"embed"`` for an embedded post or player, ``"embed id"`` for a bare-id line.

    An embed by its class names or id (``twitter-tweet``,
    ``instagram-media``, ``wp-block-embed``, ``video-embed``…) or a
    ``data-embed…``/``data-oembed…``/``data-tweet…`` attribute; a bare-id
    line is a paragraph-like block whose whole text is ids (``is_bare_id``).
    """
    if element.tag not in BLOCK_TAGS:
        return None
    if element_class_reason(element) == EMBED or _has_embed_attribute(element):
        return EMBED
    return _embed_text(Look(element))


def _has_embed_attribute(element: Element) -> bool:
    return any(str(name).startswith(_EMBED_ATTRIBUTE_PREFIXES) for name in element.attrib)


def _embed_text(look: Look) -> str | None:
    text = look.short if look.text_block else None
    return EMBED_ID if text and is_bare_id(text) else None


def is_bare_id(text: str) -> bool:
    """True when ``text`` is nothing but ids: numbers of six or more digits,
    UUIDs, long hex strings or name-number ids (``video-1234567``).

    A year, a price or a phone number with spaces is no id.
    """
    return _BARE_ID_RE.fullmatch(text.strip()) is not None


def boilerplate_reason(element: Element) -> str | None:
    """Why ``element`` (inside an article's text) is boilerplate, or ``None`` when it is not.

    What its attributes say comes first (``hidden_reason``, then its class
    names, id, ``itemtype`` and ``data-`` attributes as the detectors read
    them; a ``figcaption`` is a caption by its tag), then what its text and
    its neighbours say, in the order ``widget_reason``, ``author_bio_reason``,
    ``embed_reason``, ``tag_list_reason``, ``link_block_reason``. The first
    reason found is the answer.
    """
    tag = element.tag
    if not isinstance(tag, str):
        return None
    if tag == "figcaption":
        return CAPTION
    named = None
    if len(element.attrib):
        reason = hidden_reason(element)
        if reason is not None:
            return reason
        named = element_class_reason(element)
        if tag not in BLOCK_TAGS:
            return _inline_ad(element, named)
        if named is not None and (named != TAGS or tag not in _HEADINGS):
            return named
        if _is_person(element):
            return AUTHOR_BIO
        if _has_embed_attribute(element):
            return EMBED
    elif tag not in BLOCK_TAGS:
        return None
    if tag in looks.LEAF_TAGS and looks.is_long(element.text):
        # The common case, a paragraph of prose: no label or id line by its text; only
        # what comes before it, or its links when they are half its text or more.
        previous = looks.label_of(element.getprevious())
        if previous == "author":
            return AUTHOR_BIO
        look = Look.of_prose(element, previous)
        if not look.half_links:
            return None
        return _tag_list(look) or _link_block(look)
    look = Look(element)  # each part read once, for all detectors
    return (
        _widget_text(look)
        or _author_text(look)
        or _embed_text(look)
        or _tag_list(look)
        or _link_block(look)
    )


def route_boilerplate(element: Element, zone: Z) -> Routed[Z] | Whole[Z] | None:
    """The zone callback's answer that sends ``element`` to ``zone`` when it is boilerplate.

    ``None`` when ``boilerplate_reason`` finds nothing. A block element is
    walked in ``zone`` (``Routed``: its lists stay one block per item); an
    inline one is taken out of its sentence (``Whole(..., apart=True)``),
    so the text around it stays one block.
    """
    reason = boilerplate_reason(element)
    if reason is None:
        return None
    if element.tag in BLOCK_TAGS:
        return Routed(zone, reason)
    return Whole(zone, reason=reason, apart=True)


# ---------------------------------------------------------------------------
# Helpers of the detectors
# ---------------------------------------------------------------------------


def _rest_is_links(reading: LinkReading) -> bool:
    """True when the text after a label is mostly link text."""
    label_chars = len(reading.label.replace(" ", ""))
    rest = reading.chars - label_chars
    return rest > 0 and reading.link_chars >= _LINK_SHARE * rest


def _reads_as_headline(text: str) -> bool:
    """True when ``text`` is headline-like: no closing full stop, at most 15 words."""
    return len(text.split()) <= _HEADLINE_WORDS and not text.rstrip("\"'”»’ ").endswith(
        (".", "!", "?", ";", ",")
    )


def _is_link_list(element: Element) -> bool:
    """True when a list has two or more items with text, each mostly a link."""
    items = 0
    for item in element:
        if item.tag not in ("li", "dt", "dd"):
            continue
        reading = looks.read_links(item, looks.TEXT_NODES)
        if reading is None:
            return False
        if not reading.chars:
            continue
        if reading.link_share < _LIST_LINK_SHARE:
            return False
        items += 1
    return items >= 2
