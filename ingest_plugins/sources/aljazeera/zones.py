"""The zones of an Al Jazeera article area, and what its blocks become.

The article area is read as text blocks (``blocks.text_blocks``), each from
a zone: ``body`` (the article text), ``chrome`` (ads, related stories,
share and follow widgets, the ``Source:`` credit), ``caption`` (image
captions) and ``other`` (the rest of the area: title, byline and date,
taken as metadata; only its chrome-looking lines are kept). ``ArticleZones``
names each element's zone; ``CollectedBlocks`` sorts the blocks into body
paragraphs, boilerplate and byline names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest_plugins.parsing.blocks import Routed, TagsExcept, Whole
from ingest_plugins.parsing.defences import hidden_reason, route_boilerplate
from ingest_plugins.parsing.html import Element, markup_text

from .metadata import METADATA_CLASSES
from .site import chrome_kind, is_disclaimer, is_list_item, parse_byline, people

__all__ = [
    "BLOCK_BOUNDARIES",
    "ENDS_BLOCK",
    "ArticleZones",
    "CollectedBlocks",
    "class_zone",
    "has_block",
]

_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup "
    "time u var wbr img picture source font".split()
)
_PARAGRAPH_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote pre dt dd td th figcaption".split())
_BLOCK_TAGS = frozenset(
    "p div ul ol li h1 h2 h3 h4 h5 h6 blockquote table section article figure aside header "
    "footer nav form pre".split()
)
_CHROME_TAGS = frozenset({"aside", "nav", "form", "button", "footer"})
_CAPTION_TAGS = frozenset({"figure", "figcaption"})
# Class-name words (split at "-" and "_") of site chrome containers ("container--ads", …).
_CHROME_CLASS_WORDS = frozenset(
    "ad ads adslot advert advertisement recommended related share sharing social newsletter "
    "promo sponsored outbrain taboola".split()
)
# Whole class names of chrome containers that no single word gives away.
_CHROME_CLASSES = frozenset(
    {"more-on", "article-source", "article-body-artsource", "keep-reading", "sib-newsletter-form"}
)
BLOCK_BOUNDARIES = TagsExcept(_INLINE_TAGS)
"""Every element that is not inline starts a block (``text_blocks``' ``block_tags``)."""


def class_zone(classes: str) -> str | None:
    """The zone a ``class`` attribute opens by itself: ``other`` when a class
    name is metadata, else ``chrome`` when one is site chrome, else ``None``."""
    lowered = classes.lower()
    names = lowered.split()
    if not METADATA_CLASSES.isdisjoint(names):
        return "other"
    words = lowered.replace("_", " ").replace("-", " ").split()
    if not _CHROME_CLASSES.isdisjoint(names) or not _CHROME_CLASS_WORDS.isdisjoint(words):
        return "chrome"
    return None


def _is_chrome_line(pending: str) -> bool:
    """True when the text gathered in a widget so far is a complete chrome line (``Share``)."""
    return chrome_kind(markup_text(pending)) is not None


ENDS_BLOCK = {"chrome": _is_chrome_line}
"""In a widget, a complete label is a line of its own (``text_blocks``' ``ends_block``)."""


def has_block(element: Element, defended: bool = False) -> bool:
    """True when ``element`` contains block-level elements (then it is walked into).

    ``defended``: in the body, also when it contains a hidden element, which
    the walk takes out of the paragraph (``hidden_reason``).
    """
    for descendant in element.iterdescendants():
        if descendant.tag in _BLOCK_TAGS or (defended and hidden_reason(descendant)):
            return True
    return False


_WHOLE = {zone: Whole(zone) for zone in ("body", "other", "chrome", "caption")}
"""An element's text taken whole, in each zone."""
_WIDGET_ITEM = Whole("chrome", block=True)
"""A link in a widget: a line of its own (buttons, not being inline, are blocks anyway)."""


@dataclass
class ArticleZones:
    """The zone callback of the walk over the article area (``text_blocks``).

    Inline elements, and paragraphs that hold no block element (or hidden
    element), are read whole. Inside the body, the toolkit's defences go
    first: what they find (hidden elements, link lists, author bios, tags,
    widgets, embeds) is chrome, with the reason on its blocks.
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
        if tag in _PARAGRAPH_TAGS and not has_block(element, zone == "body"):
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
        by_class = class_zone(classes) if classes else None
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
class CollectedBlocks:
    """Body paragraphs, chrome, disclaimers and byline names found while reading the blocks."""

    paragraphs: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    disclaimers: list[str] = field(default_factory=list)
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
        """A body block is chrome (an ad label, a related-stories list), the site's
        disclaimer, a byline or text."""
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
        if is_disclaimer(text):
            self.disclaimers.append(text)
            return
        names = parse_byline(text)
        if names:
            self.authors.extend(n for n in people(names) if n not in self.authors)
            return
        self.paragraphs.append(text)
