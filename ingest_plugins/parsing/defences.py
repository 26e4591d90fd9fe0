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

Each call reads at most ``MAX_NODES`` elements and ``MAX_TEXT`` characters
of an element, and only list, paragraph and heading elements are read
(a container only when its first child is a label), so asking about every
element of a page takes time linear in the page.
"""

from __future__ import annotations

import functools
import re
from itertools import islice
from typing import NamedTuple, TypeGuard, TypeVar

from lxml import etree

from .blocks import BLOCK_TAGS, Routed, Whole
from .html import BR_MARK, Element, inner_text
from .lines import AD_LABEL_RE

__all__ = [
    "AD",
    "AUTHOR_BIO",
    "EMBED",
    "EMBED_ID",
    "HIDDEN",
    "LINK_LIST",
    "MAX_NODES",
    "MAX_TEXT",
    "NEWSLETTER",
    "REASONS",
    "SHARE",
    "TAGS",
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

HIDDEN = "hidden"
"""Not shown: the ``hidden`` attribute, inline ``display: none`` / ``visibility: hidden``,
or a block with ``aria-hidden="true"``."""
LINK_LIST = "link list"
"""Links to other stories: a list or paragraph that is mostly link text, or one
headed ``More:``, ``Read more``, ``Related``, ``Recommended``, ``Read also``…"""
AUTHOR_BIO = "author bio"
"""An about-the-author box, its heading and the paragraph after that heading."""
TAGS = "tags"
"""The article's tag or topic list."""
SHARE = "share widget"
"""Share buttons and their labels."""
NEWSLETTER = "newsletter"
"""A newsletter sign-up box."""
AD = "ad"
"""An ad slot or its label."""
EMBED = "embed"
"""An embedded post or player (its fallback text)."""
EMBED_ID = "embed id"
"""A block that is only ids or long numbers (left behind by an embed)."""
REASONS = (HIDDEN, LINK_LIST, AUTHOR_BIO, TAGS, SHARE, NEWSLETTER, AD, EMBED, EMBED_ID)
"""Every reason a detector gives, in the order ``boilerplate_reason`` asks."""

MAX_NODES = 300
"""Elements (and text pieces) of one element a detector reads at most: a bigger
element is no widget, list of links or bio."""
MAX_TEXT = 3000
"""Characters of one element a detector reads at most (likewise)."""

_TEXT_NODES = 60
"""Elements of a paragraph, heading or list item a detector reads at most."""
_LABEL_NODES = 16
"""Elements of a label, at most."""
_LABEL_CHARS = 100
"""A label (``Related``, ``Share``, ``Advertisement``, an id line) is a short text."""
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
_LIST_TAGS = frozenset({"ul", "ol", "dl", "menu"})
_ITEM_TAGS = frozenset({"li", "dt", "dd"})
"""Items of a list: judged with their list, not on their own (but for a label)."""
_LEAF_TAGS = frozenset({"p", "li", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "figcaption"})
_BOX_TAGS = frozenset({"div", "section", "aside", "footer", "header", "nav", "figure"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LABEL_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b", "em"})
"""Tags of an element that may be a label heading a list or a box."""

_SEPARATOR = r"[\s:：.…»>→|•·–—-]*"
# Labels heading a list of links to other stories, as a whole text.
_LINK_LABEL = (
    r"(?:read more|more|related(?: stories| articles| coverage| content| news| posts| reading)?"
    r"|recommended(?: stories| reading| for you)?|read also|also read|see also|read next"
    r"|further reading|keep reading|you may also like|more on (?:this|the) (?:story|topic)"
    r"|more from [\w ]{2,40}|читайте також|також читайте|читайте также|также читайте"
    r"|читайте тоже|дивіться також|смотрите также|по темі|по теме|за темою|на тему"
    r"|ще на тему|ещё по теме|еще по теме|рекомендуємо|рекомендуем)"
)
_LINK_LABEL_RE = re.compile(rf"{_SEPARATOR}{_LINK_LABEL}{_SEPARATOR}", re.I)
_LINK_LABEL_START_RE = re.compile(rf"{_SEPARATOR}{_LINK_LABEL}\s*[:：|»>→–—-]", re.I)
_TAGS_LABEL_RE = re.compile(
    rf"{_SEPARATOR}(?:tags?|topics?|keywords|filed under|теги|тег|мітки|теми|темы"
    rf"|ключові слова|ключевые слова|рубрики){_SEPARATOR}",
    re.I,
)
_AUTHOR_LABEL_RE = re.compile(
    rf"{_SEPARATOR}(?:about the authors?|about author|the author|author bio|about the writer"
    rf"|про автора|про авторів|про авторку|об авторе|об авторах){_SEPARATOR}",
    re.I,
)
_LABEL_RE = re.compile(
    "|".join(
        f"(?P<{kind}>{pattern.pattern})"
        for kind, pattern in (
            ("link", _LINK_LABEL_RE),
            ("tags", _TAGS_LABEL_RE),
            ("author", _AUTHOR_LABEL_RE),
        )
    ),
    re.I,
)
"""Any label heading a box or a list; the group that matched (``link``, ``tags`` or
``author``) is its kind, as ``_Look.label`` names it."""
_NETWORK = r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|e-?mail|vk|viber|messenger)"
_NETWORK_RE = re.compile(_NETWORK, re.I)
_SHARE_LABEL_RE = re.compile(
    rf"(?:share(?: this(?: article| story| post| page)?)?(?:(?: on| via) {_NETWORK})?"
    rf"|поділитися|поделиться|{_NETWORK})\s*:?",
    re.I,
)
_NEWSLETTER_LABEL_RE = re.compile(
    r"(?:sign up|subscribe)(?: (?:to|for))?(?: (?:our|the))?[\w ]{0,30} newsletters?\b.*"
    r"|підпишіться на [\w ]{0,30}розсилку.*|подпишитесь на [\w ]{0,30}рассылку.*",
    re.I,
)
# One id: a long number, a UUID, a long hex string or a name-number id (video-1234567).
_ID = (
    r"(?:#?\d{6,}|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}"
    r"|(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}|[a-z][a-z_-]*[-_:]\d{5,})"
)
_BARE_ID_RE = re.compile(rf"{_ID}(?:[\s,;|/]+{_ID})*", re.I)
_HIDDEN_STYLE_RE = re.compile(
    r"(?<![\w-])(?:display\s*:\s*none|visibility\s*:\s*hidden)(?![\w-])", re.I
)
_TAG_URL_RE = re.compile(r"/(?:tags?|topics?|keywords?|tema|temy|teg[iy]?)/", re.I)

# Words of class names and ids (split at "-" and "_"), by reason.
_SHARE_WORDS = frozenset(
    "share shares sharing sharebar sharer sharethis sharedaddy addthis addtoany a2a social "
    "socials socialshare".split()
)
_NEWSLETTER_WORDS = frozenset(
    "newsletter newsletters subscribe subscription signup mailchimp mc4wp optin".split()
)
_AD_WORDS = frozenset(
    "ad ads adv advert adverts advertisement advertising adsbygoogle adslot adsense adunit dfp "
    "gpt sponsor sponsored promo outbrain taboola teads".split()
)
_EMBED_WORDS = frozenset("embed embeds embedded oembed".split())
_EMBED_NAMES = frozenset(
    "twitter-tweet twitter-timeline instagram-media tiktok-embed fb-post fb-video "
    "telegram-post reddit-card".split()
)
_TAG_WORDS = frozenset("tags tag tagcloud taglist topics topic keywords rubrics".split())
_AUTHOR_WORDS = frozenset({"author", "authors"})
_BIO_WORDS = frozenset("bio box about info card profile description desc details".split())
_BIO_ALONE = frozenset("bio biography authorbio authorbox".split())
_EMBED_ATTRIBUTE_PREFIXES = ("data-embed", "data-oembed", "data-instgrm", "data-tweet")
_WORD_SPLIT_RE = re.compile(r"[-_]+")


# ---------------------------------------------------------------------------
# Reading an element, bounded
# ---------------------------------------------------------------------------


class _Reading(NamedTuple):
    """What a bounded read of an element found."""

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
        return self.link_chars / self.chars if self.chars else 0.0


def _read(element: Element, limit: int = MAX_NODES) -> _Reading | None:
    """Read ``element`` (its text, links and link text); ``None`` when it has more than
    ``limit`` elements or ``MAX_TEXT`` characters."""
    # Counted first, at C speed. The list keeps the elements alive until it is freed,
    # innermost first: lxml frees each in constant time (freed one by one while its
    # parent is gone, each would make lxml walk up a deep nest).
    if len(list(islice(element.iter(), limit + 1))) > limit:
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
    return _Reading(
        text, chars, link_chars, links, tag_links, text if label is None else _collapse(label)
    )


def _collapse(text: str) -> str:
    """``text`` with ``BR_MARK`` as a space and white space collapsed."""
    return " ".join(text.replace(BR_MARK, " ").split())


def _short_text(element: Element, limit: int = _LABEL_CHARS) -> str | None:
    """The collapsed text of ``element`` if it is at most ``limit`` characters, else ``None``.

    An element of more than ``_LABEL_NODES`` elements is no label (a word
    or two in an element or two) and is not read: a deep nest is not
    walked down.
    """
    first = element.text
    if first and len(first) > limit and len(" ".join(first.split())) > limit:
        return None  # (the common case: a paragraph of prose)
    if not len(element):
        raw = first or ""
    elif len(list(islice(element.iter(), _LABEL_NODES + 1))) > _LABEL_NODES:
        return None  # (the list frees the elements innermost first, see ``_read``)
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


def _is_leaf(element: Element) -> bool:
    """True when no child of ``element`` is a block element."""
    return all(child.tag not in BLOCK_TAGS for child in element)


def _content(element: Element) -> _Reading | None:
    """A bounded read of a list, or of a paragraph, heading, item or box without blocks.

    ``None`` for other elements (boxes and items holding blocks: their parts
    are asked on their own), for a list inside a list item (its list was
    read) and for elements too big to be a widget.
    """
    tag = element.tag
    if tag in _LIST_TAGS:
        parent = element.getparent()
        if parent is not None and parent.tag == "li":
            return None
        return _read(element)
    if not ((tag in _LEAF_TAGS or tag in _BOX_TAGS) and _is_leaf(element)):
        return None  # (an item holding a list was read with its list)
    return _read(element, _TEXT_NODES)


_UNREAD: object = object()
"""A ``_Look`` value not read yet."""


class _Look:
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

    @property
    def leaf(self) -> bool:
        """No child is a block element."""
        if self._leaf is None:
            self._leaf = _is_leaf(self.element)
        return self._leaf

    @property
    def text_block(self) -> bool:
        """A paragraph, heading, item or box that holds no block element."""
        return (self.tag in _LEAF_TAGS or self.tag in _BOX_TAGS) and self.leaf

    @property
    def short(self) -> str | None:
        """The element's text when it holds no block and is short (a label, an id line)."""
        if self._short is _UNREAD:
            self._short = _short_text(self.element) if self.leaf else None
        return self._short  # type: ignore[return-value]

    @property
    def label(self) -> str | None:
        """``"link"``, ``"tags"`` or ``"author"`` when the element is such a label."""
        if self._label is _UNREAD:
            self._label = None
            text = self.short if self.tag in _LABEL_TAGS and self.leaf else None
            if text:
                found = _LABEL_RE.fullmatch(text)
                self._label = found.lastgroup if found else None
        return self._label  # type: ignore[return-value]

    @property
    def reading(self) -> _Reading | None:
        """``_content`` of the element."""
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
            previous = self.element.getprevious()
            self._prev = _label_of(previous)
        return self._prev  # type: ignore[return-value]

    @property
    def first_label(self) -> str | None:
        """The ``label`` of the element's first child."""
        if self._first is _UNREAD:
            self._first = _label_of(next((c for c in self.element if _is_element(c)), None))
        return self._first  # type: ignore[return-value]

    def links_after(self, share: float) -> bool:
        """True when the element after this one holds links, ``share`` of its text or more."""
        following = self.element.getnext()
        if not _is_element(following):
            return False
        reading = _content(following)
        return reading is not None and reading.links > 0 and reading.link_share >= share

    def box_of_links(self, kind: str) -> bool:
        """True for a box whose first child is a ``kind`` label, the rest lists and
        paragraphs whose text is mostly links (``_LINK_SHARE`` or more)."""
        if self.tag not in _BOX_TAGS or self.first_label != kind:
            return False
        label = next(c for c in self.element if isinstance(c.tag, str))
        if not all(child.tag in _LIST_TAGS or _is_leaf(child) for child in label.itersiblings()):
            return False  # (more boxes: not a widget; nothing deep is read)
        reading = _read(self.element)
        if reading is None or not reading.links:
            return False
        rest = reading.chars - len((_short_text(label) or "").replace(" ", ""))
        return rest > 0 and reading.link_chars >= _LINK_SHARE * rest


def _label_of(node: Element | None) -> str | None:
    """The ``_Look.label`` of ``node`` (``None`` for no element)."""
    if not _is_element(node) or node.tag not in _LABEL_TAGS or _is_long(node.text):
        return None
    return _Look(node).label


def _is_long(text: str | None) -> bool:
    """True when ``text`` is longer than a label, white space collapsed."""
    return (
        text is not None and len(text) > _LABEL_CHARS and len(" ".join(text.split())) > _LABEL_CHARS
    )


def _half_links(element: Element) -> bool:
    """True when links hold half the text of ``element`` or more (white space left out)."""
    link_chars = sum(_chars(inner_text(link)) for link in element.iter("a"))
    return link_chars > 0 and 2 * link_chars >= _chars(inner_text(element))


def _chars(text: str) -> int:
    """Characters of ``text`` other than white space."""
    return len("".join(text.split()))


def _is_element(node: Element | None) -> TypeGuard[Element]:
    """True for an element (not ``None``, a markup comment or a processing instruction)."""
    return node is not None and isinstance(node.tag, str)


# ---------------------------------------------------------------------------
# Class names and ids
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _named_reason(classes: str | None, element_id: str | None) -> str | None:
    """The reason a ``class`` and an ``id`` value give by their words, if any.

    Remembered per value: a page repeats a few dozen.
    """
    names = f"{classes or ''} {element_id or ''}".lower().split()
    words = {word for name in names for word in _WORD_SPLIT_RE.split(name) if word}
    if words & _SHARE_WORDS:
        return SHARE
    if words & _NEWSLETTER_WORDS:
        return NEWSLETTER
    if words & _AD_WORDS:
        return AD
    if words & _EMBED_WORDS or _EMBED_NAMES.intersection(names):
        return EMBED
    if words & _BIO_ALONE or (words & _AUTHOR_WORDS and words & _BIO_WORDS):
        return AUTHOR_BIO
    if words & _TAG_WORDS:
        return TAGS
    return None


def _names(element: Element) -> str | None:
    """The reason ``element``'s class names and id give, if any."""
    classes, element_id = element.get("class"), element.get("id")
    if classes is None and element_id is None:
        return None
    return _named_reason(classes, element_id)


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
    named = _names(element)
    if element.tag not in BLOCK_TAGS:
        return _inline_ad(element, named)
    return named if named in _WIDGETS else _widget_text(_Look(element))


def _inline_ad(element: Element, named: str | None) -> str | None:
    return AD if named == AD and element.tag not in _INLINE_AD_EXEMPT else None


def _widget_text(look: _Look) -> str | None:
    text = look.short if look.text_block else None
    if text:
        if AD_LABEL_RE.fullmatch(text):
            return AD
        if (
            len(text) <= _LABEL_CHARS // 2
            and _SHARE_LABEL_RE.fullmatch(text)
            and not (look.tag in _HEADINGS and _NETWORK_RE.fullmatch(text))
        ):
            return SHARE  # (a heading that names a network is no button)
        if _NEWSLETTER_LABEL_RE.fullmatch(text):
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
    if _names(element) == AUTHOR_BIO or _is_person(element):
        return AUTHOR_BIO
    return _author_text(_Look(element))


def _is_person(element: Element) -> bool:
    return "schema.org/person" in str(element.get("itemtype") or "").lower()


def _author_text(look: _Look) -> str | None:
    tag = look.tag
    if tag in _LEAF_TAGS or tag in _BOX_TAGS:
        if look.label == "author" or look.previous_label == "author":
            return AUTHOR_BIO
        if tag in _BOX_TAGS and look.first_label == "author":
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
    if tag in BLOCK_TAGS and tag not in _HEADINGS and _names(element) == TAGS:
        return TAGS
    return _tag_list(_Look(element))


def _tag_list(look: _Look) -> str | None:
    tag = look.tag
    if tag not in BLOCK_TAGS or tag in _HEADINGS:
        return TAGS if look.label == "tags" and look.links_after(_LINK_SHARE) else None
    reading = None if look.linkless_text else look.reading
    if reading is None or not reading.links:
        if look.label == "tags" and look.links_after(_LINK_SHARE):
            return TAGS
        return TAGS if reading is None and look.box_of_links("tags") else None
    if reading.tag_links == reading.links and reading.link_share >= _LINK_SHARE:
        return TAGS
    if _TAGS_LABEL_RE.fullmatch(reading.label) and _rest_is_links(reading):
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
    return _link_block(_Look(element))


def _link_block(look: _Look) -> str | None:
    tag = look.tag
    if tag not in BLOCK_TAGS:
        return None
    reading = None if look.linkless_text else look.reading
    if reading is None or not reading.links:
        if look.label == "link" and look.links_after(_LINK_SHARE):
            return LINK_LIST
        if reading is None:
            return LINK_LIST if look.box_of_links("link") else None
        if tag not in _LIST_TAGS:
            return None
    if tag in _LIST_TAGS:
        if look.previous_label == "link":
            return LINK_LIST if reading.link_share >= _HEADED_LIST_SHARE else None
        return LINK_LIST if _is_link_list(look.element) else None
    if _LINK_LABEL_RE.fullmatch(reading.label) and _rest_is_links(reading):
        return LINK_LIST
    share = reading.link_share
    if (
        share >= _ALL_LINKS
        and tag not in _ITEM_TAGS
        and (
            reading.links >= 2
            or _LINK_LABEL_START_RE.match(reading.text)
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
    if _names(element) == EMBED or _has_embed_attribute(element):
        return EMBED
    return _embed_text(_Look(element))


def _has_embed_attribute(element: Element) -> bool:
    return any(str(name).startswith(_EMBED_ATTRIBUTE_PREFIXES) for name in element.attrib)


def _embed_text(look: _Look) -> str | None:
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
    them), then what its text and its neighbours say, in the order
    ``widget_reason``, ``author_bio_reason``, ``embed_reason``,
    ``tag_list_reason``, ``link_block_reason``. The first reason found is
    the answer.
    """
    tag = element.tag
    if not isinstance(tag, str):
        return None
    named = None
    if len(element.attrib):
        reason = hidden_reason(element)
        if reason is not None:
            return reason
        named = _names(element)
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
    if tag in _LEAF_TAGS and _is_long(element.text):
        # The common case, a paragraph of prose: no label or id line by its text; only
        # what comes before it, or its links when they are half its text or more.
        previous = _label_of(element.getprevious())
        if previous == "author":
            return AUTHOR_BIO
        if not _half_links(element):
            return None
        look = _Look(element)
        look._short = look._label = None
        look._prev = previous
        return _tag_list(look) or _link_block(look)
    look = _Look(element)  # each part read once, for all detectors
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


def _rest_is_links(reading: _Reading) -> bool:
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
        reading = _read(item, _TEXT_NODES)
        if reading is None:
            return False
        if not reading.chars:
            continue
        if reading.link_share < _LIST_LINK_SHARE:
            return False
        items += 1
    return items >= 2
