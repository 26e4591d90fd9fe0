"""Markup: sniffing it, parsing it and taking its text.

Whether an input is markup is decided once, by the host
(``SourceText.is_html``, from ``looks_like_html``, re-exported here);
plugins follow that decision. The rest works on an lxml tree from
``parse_page``.

Every tree is bounded in depth: markup nested deeper than ``MAX_DEPTH``
elements is flattened at that depth when it is parsed (``parse_page``), so
nothing that reads a tree needs its own defence against pathological
nesting (a page of 20,000 unclosed ``<div>`` is read like a shallow one).

The built-in plugins work on lxml trees (``SourceText.tree``), which
libxml2 builds many times faster than a BeautifulSoup tree of the same
page; a plugin that prefers BeautifulSoup's API has ``SourceText.soup``,
built by the same parser. CSS selectors are in ``select``.

In an lxml tree an element's text is ``el.text`` (before its first child)
and each child's ``tail`` (after it): "the text between" belongs to the
parent, as in the HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple, TypeAlias, cast

from lxml import etree

from ingest_plugins.decode import looks_like_html

from .lines import clean_line, is_clean_line, strip_invisible

__all__ = [
    "BR_MARK",
    "MAX_DEPTH",
    "NON_TEXT_TAGS",
    "PATH_STEPS",
    "Element",
    "PageError",
    "ParsedPage",
    "ancestors",
    "canonical_url",
    "class_list",
    "drop_elements",
    "element_path",
    "element_text",
    "inner_text",
    "looks_like_html",
    "mark_line_breaks",
    "markup_text",
    "meta_content",
    "parse_page",
    "read_page",
    "spaced_text",
    "text_pieces",
]

Element: TypeAlias = etree._Element
"""An element of a parsed page."""

NON_TEXT_TAGS = ("script", "style", "iframe", "noscript", "template", "svg", "object", "embed")
"""Elements whose content is never text (``drop_elements``' default)."""

BR_MARK = "\ue000"
"""Stands for a ``<br>`` (``mark_line_breaks``) while white space is collapsed."""


def _html_parser(huge: bool, target: etree.TreeBuilder | None = None) -> etree.HTMLParser:
    """A libxml2 HTML parser as every page is read.

    The text is fed as UTF-8 whatever the page's ``<meta charset>`` says
    (the host has decoded it already). ``huge`` lifts libxml2's limits: on
    depth (256, ``MAX_DEPTH``, then 2048) and on the size of one text node
    (10 MB; inputs are size-capped as a whole).
    """
    return etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True,
        huge_tree=huge, target=target,
    )  # fmt: skip


_PARSER = _html_parser(huge=False)
"""Within libxml2's limits: every page but pathological ones is read by this one alone."""
_HUGE_PARSER = _html_parser(huge=True)


# Control characters lxml refuses in element text (the decoder removes them already),
# as UTF-8 bytes: each is one byte there, and no multi-byte sequence holds one.
_NOT_XML_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


MAX_DEPTH = 256
"""Elements nested deeper than this (``<html>`` being 1) are flattened when a page is
parsed: each element at this depth keeps the text inside it, in order, as its own
text (block elements and ``<br>`` leave white space), and loses the elements inside
it (non-text ones, ``NON_TEXT_TAGS``, with their content). Real pages nest a few
dozen deep."""


class PageError(ValueError):
    """The markup holds no document at all (empty, or nothing the parser can build on)."""


class ParsedPage(NamedTuple):
    """A parsed page (``read_page``) and what bounding its depth changed."""

    root: Element
    """The ``<html>`` element."""
    flattened: int
    """Elements at ``MAX_DEPTH`` whose content was flattened (0: none was deeper)."""

    @property
    def warnings(self) -> tuple[str, ...]:
        """One line saying what was flattened, if anything was (for ``Document.warnings``)."""
        if not self.flattened:
            return ()
        places = "1 place" if self.flattened == 1 else f"{self.flattened} places"
        return (
            f"markup nested deeper than {MAX_DEPTH} elements, flattened at that depth "
            f"in {places} (text kept, inner markup dropped)",
        )


def parse_page(markup: str) -> Element:
    """Parse ``markup`` into a tree; its root is the ``<html>`` element.

    Markup comments and processing instructions are left out, and nesting
    deeper than ``MAX_DEPTH`` is flattened (``read_page`` tells whether it
    was). Raises ``PageError`` when there is no document (e.g. only white space).
    """
    return read_page(markup).root


def read_page(markup: str, utf8: bytes | None = None) -> ParsedPage:
    """``parse_page``, with how many elements were flattened at ``MAX_DEPTH``.

    ``utf8`` is ``markup`` as UTF-8 without control characters, when the
    caller has it (``SourceText.tree`` does for most inputs). A page within
    libxml2's limits (nesting up to ``MAX_DEPTH``, text nodes up to 10 MB)
    is read once; one past them is read again without them (through parser
    events when even those are passed), then flattened.
    """
    data = utf8 if utf8 is not None else _xml_bytes(markup)
    root = etree.fromstring(data, _PARSER)
    if not _hit_limit(_PARSER.error_log):
        if root is None:
            raise PageError("no markup to parse")
        return ParsedPage(root, 0 if _LIBXML2_STOPS_AT_MAX_DEPTH else _flatten_deep(root))
    root = etree.fromstring(data, _HUGE_PARSER)
    if root is None or _hit_limit(_HUGE_PARSER.error_log):
        root = _parse_deep(data)
    return ParsedPage(root, _flatten_deep(root))


def _xml_bytes(markup: str) -> bytes:
    """``markup`` as UTF-8, without the control characters lxml refuses."""
    return markup.encode("utf-8", "replace").translate(None, _NOT_XML_BYTES)


def _hit_limit(errors: etree._ListErrorLog) -> bool:
    """True when libxml2 stopped building the tree at one of its limits (a fatal error,
    so the last one; the message names the option that lifts the limit)."""
    last = errors.last_error
    return last is not None and "XML_PARSE_HUGE" in last.message


def _parse_deep(data: bytes) -> Element:
    """Parse nesting deeper than libxml2 builds trees for, through parser events."""
    parser = _html_parser(huge=True, target=etree.TreeBuilder())
    parser.feed(data)
    try:
        return parser.close()
    except etree.LxmlError as err:
        raise PageError(f"no markup to parse ({err})") from None


def _stops_at_max_depth(parser: etree.HTMLParser) -> bool:
    """True when ``parser`` refuses to build a tree deeper than ``MAX_DEPTH``."""
    etree.fromstring(b"<body>" + b"<i>" * MAX_DEPTH, parser)
    return _hit_limit(parser.error_log)


_LIBXML2_STOPS_AT_MAX_DEPTH = _stops_at_max_depth(_PARSER)
"""libxml2's own depth limit is ``MAX_DEPTH`` (256 since long ago): then a tree built
without an error needs no flattening. Checked once, with this libxml2."""


_AT_MAX_DEPTH_WITH_CHILDREN = etree.XPath("/" + "/".join(["*"] * MAX_DEPTH) + "[*]")
"""The elements at ``MAX_DEPTH`` that hold elements (one step per level: on a shallow
page the steps past its depth find nothing, at once)."""


def _flatten_deep(root: Element) -> int:
    """Flatten every element at ``MAX_DEPTH`` that holds elements; how many there were."""
    deep = cast("list[Element]", _AT_MAX_DEPTH_WITH_CHILDREN(root))
    for element in deep:
        _flatten(element)
    return len(deep)


def _flatten(element: Element) -> None:
    """Drop the non-text elements inside ``element`` and the tags of all others, keeping
    their text; a block element or ``<br>`` leaves white space, so words stay apart."""
    from .blocks import BLOCK_TAGS  # (blocks reads the trees of this module)

    etree.strip_elements(element, *NON_TEXT_TAGS, with_tail=False)
    # The list keeps the elements' Python objects alive until it is freed, innermost first:
    # freed one by one as they come, each would make lxml walk up through the whole nest.
    breaks = list(element.iterdescendants("br", *BLOCK_TAGS))
    for inner in breaks:
        inner.text = "\n" + (inner.text or "")
        inner.tail = "\n" + (inner.tail or "")
    text = "".join(text_pieces(element))
    etree.strip_tags(element, "*")
    # strip_tags leaves one text node per former text and tail, which lxml joins again
    # (quadratically) on every read of the text: one node instead.
    element.text = text


def drop_elements(root: Element, names: Iterable[str] = NON_TEXT_TAGS) -> None:
    """Remove every element named in ``names`` with its content (the text after it stays)."""
    etree.strip_elements(root, *names, with_tail=False)


def mark_line_breaks(root: Element) -> None:
    """Put ``BR_MARK`` after every ``<br>``, so gathered text keeps the break."""
    for br in root.iter("br"):
        br.tail = BR_MARK + (br.tail or "")


def text_pieces(element: Element) -> Iterator[str]:
    """The raw text pieces inside ``element``, in order (not the text after it)."""
    return cast("Iterator[str]", element.itertext())  # str for a tree parsed from str


def inner_text(element: Element) -> str:
    """All the raw text inside ``element`` (not the text after it)."""
    return cast(str, _STRING_VALUE(element))


_STRING_VALUE = etree.XPath("string()", smart_strings=False)
"""An element's text pieces joined by libxml2 (``text_pieces`` would make each a
Python string first)."""


def markup_text(raw: str) -> str:
    """Text gathered from markup as lines: white space collapsed, ``BR_MARK`` a line break.

    Lines are cleaned (``clean_line``) and empty ones dropped.
    """
    if is_clean_line(raw):
        return raw  # one clean line already (BR_MARK, being private use, is not printable)
    raw = strip_invisible(raw)
    if BR_MARK not in raw:  # the common case: one line
        return " ".join(raw.split())
    lines = (" ".join(part.split()) for part in raw.split(BR_MARK))
    return "\n".join(line for line in lines if line)


def element_text(element: Element) -> str:
    """The visible text of ``element`` (see ``markup_text``; run ``mark_line_breaks`` first)."""
    return markup_text(inner_text(element))


def spaced_text(element: Element) -> str:
    """The text pieces of ``element`` joined by spaces, then cleaned (``clean_line``).

    For short labels (a title, a name) whose pieces sit in separate elements.
    """
    return clean_line(" ".join(text_pieces(element)))


def class_list(element: Element) -> list[str]:
    """The class names of ``element``, as written (``[]`` when it has none)."""
    return str(element.get("class") or "").split()


def ancestors(element: Element) -> Iterator[Element]:
    """The ancestors of ``element``, innermost first."""
    return element.iterancestors()


PATH_STEPS = 3
"""Elements ``element_path`` names (the innermost ones)."""


def element_path(element: Element, steps: int = PATH_STEPS) -> str:
    """A short path to ``element`` for people: ``main > div.wysiwyg > p``.

    Each step is a tag with its first class name (else its id); the last
    ``steps`` elements below ``<body>`` are named, ``…`` standing for the
    ones above them.
    """
    line: list[str] = []
    for item in (element, *ancestors(element)):
        if item.tag in ("body", "html") or not isinstance(item.tag, str):
            break
        if len(line) == steps:
            line.append("…")
            break
        line.append(_step(item))
    line.reverse()
    return " > ".join(line) or str(element.tag)


def _step(element: Element) -> str:
    """``tag.first-class``, else ``tag#id``, else ``tag``."""
    classes = str(element.get("class") or "").split()
    if classes:
        return f"{element.tag}.{_short_name(classes[0])}"
    element_id = element.get("id")
    return f"{element.tag}#{_short_name(element_id)}" if element_id else str(element.tag)


def _short_name(name: str) -> str:
    """``name``, cut to 20 characters."""
    return name if len(name) <= 20 else name[:19] + "…"


def meta_content(root: Element, *keys: str) -> str | None:
    """The cleaned ``content`` of a ``<meta property|name=key>``, trying ``keys`` in order.

    Keys are matched without regard to case; an empty ``content`` does not count.
    """
    found: dict[str, str] = {}
    for tag in root.iter("meta"):
        key = str(tag.get("property") or tag.get("name") or "").lower()
        content = clean_line(str(tag.get("content") or ""))
        if content and key not in found:
            found[key] = content
    return next((found[key.lower()] for key in keys if key.lower() in found), None)


def canonical_url(root: Element) -> str | None:
    """The page's URL: its http(s) ``link rel=canonical``, else ``og:url``."""
    for link in root.iter("link"):
        rels = str(link.get("rel") or "").lower().split()
        href = clean_line(str(link.get("href") or ""))
        if "canonical" in rels and href.startswith(("http://", "https://")):
            return href
    return meta_content(root, "og:url")
