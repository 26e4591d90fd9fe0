"""Reading a page as text blocks, each from a zone the plugin names.

A block is the text gathered between two block boundaries, in document
order: white space collapsed, a ``<br>`` kept as a line break (see
``markup_text``), blocks without text left out. Every element starts and
ends a block when its tag is a block tag (``BLOCK_TAGS``: ``p``, ``div``,
``li``, ``h2``…) or when it is in another zone than its parent; inline
elements (``a``, ``em``, ``span``…) add their text to the block around them.

Zones are the plugin's own names (strings, an enum…): the walk only
compares them. A callback gives each element's zone from its parent's::

    def zone_of(element, zone):
        if element is article:
            return "body"
        if element.tag == "nav" or "sidebar" in class_list(element):
            return None  # left out, with all it holds
        if "share" in class_list(element):
            return "boilerplate"
        if "comment" in class_list(element):
            return "comments"
        return zone  # as its parent

    for block in text_blocks(page.find("body"), zone_of, "site"):
        ...  # block.text, block.zone

``None`` leaves an element and all it holds out (the text after it still
counts; a skipped block element still separates the text around it).
``Whole(zone)`` takes the element's text as it is, without visiting what is
inside: no boundary or zone inside it counts, and a large subtree is read
at C speed (``inner_text``; run ``mark_line_breaks`` first to keep its
``<br>`` as line breaks). ``Whole(zone, block=True)`` makes that text a
block of its own whatever the element's tag; a callback that has read
the text to decide passes it on (``Whole(zone, text=text)``).

A callback may also say *why* an element goes where it goes:
``Routed(zone, reason)`` walks the element in ``zone`` like a plain zone
answer, and ``Whole(zone, reason=...)`` reads it whole; every block inside
it carries the reason (``TextBlock.reason``), so what a plugin keeps out of
the body stays explainable (``defences.route_boilerplate`` answers this
way). ``Whole(zone, apart=True)`` takes an element out of the flow: its text
becomes a block of its own while the text around it joins up as if it were
left out (a hidden ``<span>`` inside a paragraph does not split it).

``recording()`` lets a host watch the walks of a parse: while it is
active, every block each walk produces is recorded with its zone, reason
and the short path of its element, and so is every element left out
(``ingest parse --explain`` shows them). It costs nothing when inactive.

The walk keeps its own stack (no recursion) and takes time linear in the page.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Generic, NamedTuple, TypeAlias, TypeVar

from .html import BR_MARK, Element, element_path, inner_text, markup_text

__all__ = [
    "BLOCK_TAGS",
    "Recorded",
    "Recorder",
    "Routed",
    "TagsExcept",
    "TextBlock",
    "Whole",
    "ZoneOf",
    "recording",
    "text_blocks",
]

Z = TypeVar("Z")
"""The type of a zone: whatever the plugin names its zones with."""

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu "
    "nav ol p pre search section summary table tbody td tfoot th thead tr ul".split()
)
"""Tags of HTML's block-level elements: each starts and ends a block (``text_blocks``' default)."""


class TextBlock(NamedTuple, Generic[Z]):
    """One block of text, the zone it came from and why, when the callback said so."""

    text: str
    zone: Z
    reason: str | None = None
    """The reason of the ``Routed`` or ``Whole`` answer that put the block in its zone."""


@dataclass(frozen=True, slots=True)
class Whole(Generic[Z]):
    """A zone callback's answer for an element whose text is taken whole, in ``zone``.

    Nothing inside the element is visited: its text joins the block around
    it (an inline element in the same zone) or makes a block of its own (a
    block tag, another zone, or ``block``).
    """

    zone: Z
    block: bool = False
    """A block of its own, whatever the element's tag."""
    text: str | None = None
    """The element's raw text (``inner_text``), when the callback has read it already."""
    reason: str | None = None
    """Why the element is in ``zone`` (kept on its block); else its parent's, in the same zone."""
    apart: bool = False
    """Out of the flow: a block of its own, and the text around it joins up as if the
    element were left out (a block element still ends the block before it)."""


@dataclass(frozen=True, slots=True)
class Routed(Generic[Z]):
    """A zone callback's answer for an element walked in ``zone`` for a ``reason``.

    The same as answering ``zone``, but every block inside the element
    carries ``reason`` (``TextBlock.reason``) until an element inside it
    opens another zone or gives another reason.
    """

    zone: Z
    reason: str


ZoneOf: TypeAlias = Callable[[Element, Z], "Z | Whole[Z] | Routed[Z] | None"]
"""``zone_of(element, parent_zone)``: the element's zone, ``Whole(zone)``,
``Routed(zone, reason)``, or ``None`` to leave the element out with all it holds."""


class Recorded(NamedTuple):
    """One entry of a ``Recorder``: a block a walk produced, or an element it left out."""

    text: str
    """The block's text; for an element left out, its whole text (``element_text``)."""
    zone: Any
    """The block's zone; ``None`` for an element left out."""
    reason: str | None
    """The block's ``TextBlock.reason``; ``None`` for an element left out."""
    path: str
    """The short path of the element the block ended in (``html.element_path``)."""
    element: Element
    """That element (kept alive while the recorder is)."""
    walk: int
    """Which ``text_blocks`` call of the recording produced it (0, 1...)."""


@dataclass
class Recorder:
    """What the walks of one ``recording()`` produced, in the order they produced it."""

    entries: list[Recorded] = field(default_factory=list)
    walks: int = 0
    """How many ``text_blocks`` calls were recorded."""


_RECORDER: ContextVar[Recorder | None] = ContextVar("ingest_block_recorder", default=None)


@contextmanager
def recording() -> Iterator[Recorder]:
    """Record every walk of ``text_blocks`` in this context (thread, task) until the end.

    ::

        with recording() as recorder:
            article = source.parse(text)
        for entry in recorder.entries:
            ...  # entry.text, entry.zone, entry.reason, entry.path
    """
    recorder = Recorder()
    token = _RECORDER.set(recorder)
    try:
        yield recorder
    finally:
        _RECORDER.reset(token)


class TagsExcept:
    """Every tag name but ``tags``: as ``block_tags``, where anything not inline starts a block."""

    def __init__(self, tags: Iterable[str]) -> None:
        self.tags = frozenset(tags)

    def __contains__(self, tag: object) -> bool:
        return tag not in self.tags

    def __repr__(self) -> str:
        return f"TagsExcept({sorted(self.tags)!r})"


def text_blocks(
    root: Element,
    zone_of: ZoneOf[Z],
    zone: Z,
    *,
    block_tags: Container[str] = BLOCK_TAGS,
    ends_block: Mapping[Z, Callable[[str], bool]] | None = None,
) -> list[TextBlock[Z]]:
    """Read ``root`` as text blocks in document order, each with its zone.

    ``zone`` is the zone around ``root``; every element, ``root``
    included, gets its own from ``zone_of(element, parent_zone)`` (see the
    module's description). ``block_tags`` are the tags that start and end
    a block. ``ends_block`` maps zones to a test of the raw text gathered
    so far in a block of that zone, run before an inline element joins it:
    ``True`` ends the block there (a label such as ``Share`` that must not
    run into the item after it).
    """
    blocks: list[TextBlock[Z]] = []
    pieces: list[str] = []
    recorder = _RECORDER.get()
    walk = 0
    if recorder is not None:
        walk = recorder.walks
        recorder.walks += 1

    def flush(block_zone: Z, reason: str | None, element: Element) -> None:
        """End the block gathered in ``pieces`` (called only when there are some)."""
        text = markup_text("".join(pieces))
        pieces.clear()
        if text:
            blocks.append(TextBlock(text, block_zone, reason))
            if recorder is not None:
                _record(recorder, walk, text, block_zone, reason, element)

    gather = pieces.append
    ends = ends_block or {}
    # Every tag but some: test those (a test of a TagsExcept is a call in Python).
    inline = block_tags.tags if isinstance(block_tags, TagsExcept) else None
    # The element being walked: its children still to visit, itself, its zone, the
    # reason for it and whether it ends a block; the ones around it wait in ``stack``.
    children: Iterator[Element] = iter(())
    parent, parent_zone, parent_reason, parent_block = root, zone, None, False
    stack: list[tuple[Iterator[Element], Element, Z, str | None, bool]] = []
    node = root
    while True:
        tag = node.tag
        if tag == "br":
            gather(BR_MARK)
        elif isinstance(tag, str):  # not a markup comment or processing instruction
            inner = zone_of(node, parent_zone)
            block = tag in block_tags if inline is None else tag not in inline
            if inner is None:
                if pieces and block:
                    flush(parent_zone, parent_reason, parent)
                if recorder is not None:
                    _record(recorder, walk, None, None, None, node)
            elif isinstance(inner, Whole):
                inner_zone = inner.zone
                reason = inner.reason
                if reason is None and inner_zone == parent_zone:
                    reason = parent_reason
                raw = inner_text(node) if inner.text is None else inner.text
                if inner.apart:
                    if pieces and block:
                        flush(parent_zone, parent_reason, parent)
                    apart = markup_text(raw)
                    if apart:
                        blocks.append(TextBlock(apart, inner_zone, reason))
                        if recorder is not None:
                            _record(recorder, walk, apart, inner_zone, reason, node)
                else:
                    boundary = (
                        block or inner.block or inner_zone != parent_zone or reason != parent_reason
                    )
                    if pieces and (
                        boundary
                        or (ends and (test := ends.get(parent_zone)) and test("".join(pieces)))
                    ):
                        flush(parent_zone, parent_reason, parent)
                    gather(raw)
                    if boundary:
                        flush(inner_zone, reason, node)
            else:
                if isinstance(inner, Routed):
                    inner_zone, reason = inner.zone, inner.reason
                else:
                    inner_zone, reason = inner, parent_reason if inner == parent_zone else None
                boundary = block or inner_zone != parent_zone or reason != parent_reason
                if pieces and (
                    boundary or (ends and (test := ends.get(parent_zone)) and test("".join(pieces)))
                ):
                    flush(parent_zone, parent_reason, parent)
                text = node.text
                if text:
                    gather(text)
                stack.append((children, parent, parent_zone, parent_reason, parent_block))
                children, parent, parent_zone, parent_reason, parent_block = (
                    iter(node),
                    node,
                    inner_zone,
                    reason,
                    boundary,
                )
        if node is not parent and node is not root:  # (a walked one's tail comes after it)
            tail = node.tail
            if tail:
                gather(tail)
        child = next(children, None)
        while child is None and stack:  # the walked element is done: back to its parent
            if parent_block and pieces:
                flush(parent_zone, parent_reason, parent)
            if parent is not root:
                tail = parent.tail
                if tail:
                    gather(tail)
            children, parent, parent_zone, parent_reason, parent_block = stack.pop()
            child = next(children, None)
        if child is None:
            break
        node = child
    if pieces:
        flush(zone, None, root)
    return blocks


def _record(
    recorder: Recorder,
    walk: int,
    text: str | None,
    zone: object,
    reason: str | None,
    element: Element,
) -> None:
    """Add a block (``text``) or an element left out (``text`` ``None``) to ``recorder``."""
    if text is None:
        text = markup_text(inner_text(element))
    recorder.entries.append(Recorded(text, zone, reason, element_path(element), element, walk))
