"""How the defences look at one element: its text and links, read within bounds, once.

A widget, a list of links or an author box is small: a detector reads at
most ``MAX_NODES`` elements and ``MAX_TEXT`` characters of an element
(``read_links``), and a bigger one is none of those. ``Look`` holds what
the detectors ask about one element (its short text, whether it is a
label, its reading, the labels of its neighbours and of its first child),
each part read when first asked for and then kept, so asking every
detector about an element reads it once.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import NamedTuple, TypeGuard

from lxml import etree

from .blocks import BLOCK_TAGS
from .html import BR_MARK, Element, inner_text
from .labels import label_kind

__all__ = [
    "BOX_TAGS",
    "LABEL_CHARS",
    "LEAF_TAGS",
    "LIST_TAGS",
    "MAX_NODES",
    "MAX_TEXT",
    "TEXT_NODES",
    "LinkReading",
    "Look",
    "is_leaf",
    "is_long",
    "label_of",
    "read_links",
]

MAX_NODES = 300
"""Elements (and text pieces) of one element a detector reads at most: a bigger
element is no widget, list of links or bio."""
MAX_TEXT = 3000
"""Characters of one element a detector reads at most (likewise)."""
TEXT_NODES = 60
"""Elements of a paragraph, heading or list item a detector reads at most."""
LABEL_CHARS = 100
"""A label (``Related``, ``Share``, ``Advertisement``, an id line) is a short text."""
_LABEL_NODES = 16
"""Elements of a label, at most."""

LIST_TAGS = frozenset({"ul", "ol", "dl", "menu"})
"""Lists: read whole, with their items."""
LEAF_TAGS = frozenset({"p", "li", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "figcaption"})
"""Paragraph-like elements: read when they hold no block element."""
BOX_TAGS = frozenset({"div", "section", "aside", "footer", "header", "nav", "figure"})
"""Boxes: read when they hold no block element, else judged by their first child."""
_LABEL_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b", "em"})
"""Tags of an element that may be a label heading a list or a box."""
_TAG_URL_RE = re.compile(r"/(?:tags?|topics?|keywords?|tema|temy|teg[iy]?)/", re.I)


class LinkReading(NamedTuple):
    """What a bounded read of an element found (``read_links``)."""

    text: str
    """Its text, white space collapsed."""
    chars: int
    """Characters of text, white space left out."""
    link_chars: int
    """Characters of text inside links."""
    links: int
    tag_links: int
    """Links to a tag or topic page (``rel=tag`` or a ``/tag/`` URL)."""
    label: str
    """The text before the first link (white space collapsed)."""

    @property
    def link_share(self) -> float:
        """The share of the text inside links (0 for no text)."""
        return self.link_chars / self.chars if self.chars else 0.0


def read_links(element: Element, limit: int = MAX_NODES) -> LinkReading | None:
    """Read ``element`` (its text, links and link text); ``None`` when it has more than
    ``limit`` elements or ``MAX_TEXT`` characters."""
    if len(list(islice(element.iter(), limit + 1))) > limit:  # (counted at C speed)
        return None
    pieces: list[str] = []
    label: str | None = None
    chars = link_chars = links = tag_links = depth = 0
    events = etree.iterwalk(element, events=("start", "end"))
    for event, node in islice(events, 2 * limit):
        tag = node.tag
        if event == "start":
            if tag == "a":
                if label is None:
                    label = "".join(pieces)
                depth += 1
                links += 1
                tag_links += _is_tag_link(node)
            text = node.text if isinstance(tag, str) else None
        else:
            if tag == "a":
                depth -= 1
            if node is element:
                break
            text = node.tail
        if text:
            count = len("".join(text.split()))
            chars += count
            if depth:
                link_chars += count
            pieces.append(text)
            if chars > MAX_TEXT:
                return None
    else:
        return None  # (more elements than counted: the tree changed)
    text = _collapse("".join(pieces))
    return LinkReading(
        text, chars, link_chars, links, tag_links, text if label is None else _collapse(label)
    )


def _collapse(text: str) -> str:
    """``text`` with ``BR_MARK`` as a space and white space collapsed."""
    return " ".join(text.replace(BR_MARK, " ").split())


def _short_text(element: Element, limit: int = LABEL_CHARS) -> str | None:
    """The collapsed text of ``element`` if it is at most ``limit`` characters, else ``None``.

    An element of more than ``_LABEL_NODES`` elements is no label (a word
    or two in an element or two) and is not read.
    """
    first = element.text
    if first and len(first) > limit and len(" ".join(first.split())) > limit:
        return None  # (the common case: a paragraph of prose)
    if not len(element):
        raw = first or ""
    elif len(list(islice(element.iter(), _LABEL_NODES + 1))) > _LABEL_NODES:
        return None
    else:
        raw = inner_text(element)
        if len(raw) > 4 * limit:
            return None
    text = _collapse(raw)
    return text if len(text) <= limit else None


def _is_tag_link(link: Element) -> bool:
    """True for a link to a tag or topic page."""
    if "tag" in str(link.get("rel") or "").lower().split():
        return True
    return _TAG_URL_RE.search(str(link.get("href") or "")) is not None


def is_leaf(element: Element) -> bool:
    """True when no child of ``element`` is a block element."""
    return all(child.tag not in BLOCK_TAGS for child in element)


def is_long(text: str | None) -> bool:
    """True when ``text`` is longer than a label (``LABEL_CHARS``), white space collapsed."""
    return (
        text is not None and len(text) > LABEL_CHARS and len(" ".join(text.split())) > LABEL_CHARS
    )


def _content(element: Element) -> LinkReading | None:
    """A bounded read of a list, or of a paragraph, heading, item or box without blocks.

    ``None`` for other elements (boxes and items holding blocks: their parts
    are asked on their own), for a list inside a list item (its list was
    read) and for elements too big to be a widget.
    """
    tag = element.tag
    if tag in LIST_TAGS:
        parent = element.getparent()
        if parent is not None and parent.tag == "li":
            return None
        return read_links(element)
    if not ((tag in LEAF_TAGS or tag in BOX_TAGS) and is_leaf(element)):
        return None  # (an item holding a list was read with its list)
    return read_links(element, TEXT_NODES)


def _is_element(node: Element | None) -> TypeGuard[Element]:
    """True for an element (not ``None``, a markup comment or a processing instruction)."""
    return node is not None and isinstance(node.tag, str)


def label_of(node: Element | None) -> str | None:
    """The ``Look.label`` of ``node``; ``None`` for no element, and for one whose tag no
    label has or whose first text is longer than a label."""
    if not _is_element(node) or node.tag not in _LABEL_TAGS or is_long(node.text):
        return None
    return Look(node).label


_UNREAD: object = object()
"""A ``Look`` value not read yet."""


class Look:
    """One element as the detectors see it; each part is read once, when first asked for."""

    __slots__ = (
        "_first", "_label", "_leaf", "_linkless", "_prev", "_reading", "_short", "element", "tag"
    )  # fmt: skip

    def __init__(self, element: Element) -> None:
        self.element = element
        self.tag = element.tag
        self._leaf: bool | None = None
        self._linkless: bool | None = None
        self._short: object = _UNREAD
        self._label: object = _UNREAD
        self._reading: object = _UNREAD
        self._prev: object = _UNREAD
        self._first: object = _UNREAD

    @classmethod
    def of_prose(cls, element: Element, previous_label: str | None) -> Look:
        """The look of a paragraph of prose (its first text is longer than a label):
        no label or id line by its text; ``previous_label`` already read."""
        look = cls(element)
        look._short = look._label = None
        look._prev = previous_label
        return look

    @property
    def leaf(self) -> bool:
        """No child is a block element."""
        if self._leaf is None:
            self._leaf = is_leaf(self.element)
        return self._leaf

    @property
    def text_block(self) -> bool:
        """A paragraph, heading, item or box that holds no block element."""
        return (self.tag in LEAF_TAGS or self.tag in BOX_TAGS) and self.leaf

    @property
    def short(self) -> str | None:
        """The element's text when it holds no block and is short (a label, an id line)."""
        if self._short is _UNREAD:
            self._short = _short_text(self.element) if self.leaf else None
        return self._short  # type: ignore[return-value]

    @property
    def label(self) -> str | None:
        """``"link"``, ``"tags"`` or ``"author"`` when the element is such a label
        (``labels.label_kind``)."""
        if self._label is _UNREAD:
            text = self.short if self.tag in _LABEL_TAGS and self.leaf else None
            self._label = label_kind(text) if text else None
        return self._label  # type: ignore[return-value]

    @property
    def reading(self) -> LinkReading | None:
        """The bounded reading of a list, or of a paragraph, heading, item or box without
        blocks; ``None`` for other elements and those too big to be a widget."""
        if self._reading is _UNREAD:
            self._reading = _content(self.element)
        return self._reading  # type: ignore[return-value]

    @property
    def linkless_text(self) -> bool:
        """A text block without a link (most paragraphs of prose): then no link test
        needs to read it."""
        if self._linkless is None:
            self._linkless = (
                self.text_block and next(self.element.iterdescendants("a"), None) is None
            )
        return self._linkless

    @property
    def previous_label(self) -> str | None:
        """The ``label`` of the element before this one."""
        if self._prev is _UNREAD:
            self._prev = label_of(self.element.getprevious())
        return self._prev  # type: ignore[return-value]

    @property
    def first_label(self) -> str | None:
        """The ``label`` of the element's first child."""
        if self._first is _UNREAD:
            self._first = label_of(next((c for c in self.element if _is_element(c)), None))
        return self._first  # type: ignore[return-value]

    def links_after(self, share: float) -> bool:
        """True when the element after this one holds links, ``share`` of its text or more."""
        following = self.element.getnext()
        if not _is_element(following):
            return False
        reading = _content(following)
        return reading is not None and reading.links > 0 and reading.link_share >= share

    def box_of_links(self, kind: str, share: float) -> bool:
        """True for a box whose first child is a ``kind`` label, the rest lists and
        paragraphs whose text is mostly links (``share`` of it or more)."""
        if self.tag not in BOX_TAGS or self.first_label != kind:
            return False
        label = next(c for c in self.element if isinstance(c.tag, str))
        if not all(child.tag in LIST_TAGS or is_leaf(child) for child in label.itersiblings()):
            return False  # (more boxes: not a widget; nothing deep is read)
        reading = read_links(self.element)
        if reading is None or not reading.links:
            return False
        rest = reading.chars - len((_short_text(label) or "").replace(" ", ""))
        return rest > 0 and reading.link_chars >= share * rest

    @property
    def half_links(self) -> bool:
        """True when links hold half the element's text or more (white space left out)."""
        link_chars = sum(_chars(inner_text(link)) for link in self.element.iter("a"))
        return link_chars > 0 and 2 * link_chars >= _chars(inner_text(self.element))


def _chars(text: str) -> int:
    """Characters of ``text`` other than white space."""
    return len("".join(text.split()))
