"""Markup: sniffing it, reading the page head, parsing it and taking its text.

Whether an input is markup is decided once, by the host
(``SourceText.is_html``, from ``looks_like_html``, re-exported here);
plugins follow that decision. The raw
head readers (``head_tags``) work on the text with regexes, cheaply enough
for claiming; the rest works on an lxml tree from ``parse_page``.

The built-in plugins work on lxml trees (``SourceText.tree``), which
libxml2 builds many times faster than a BeautifulSoup tree of the same
page; a plugin that prefers BeautifulSoup's API has ``SourceText.soup``,
built by the same parser. CSS selectors are in ``select``.

In an lxml tree an element's text is ``el.text`` (before its first child)
and each child's ``tail`` (after it): "the text between" belongs to the
parent, as in the HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from typing import TypeAlias, cast

from lxml import etree

from ingest_plugins.decode import looks_like_html

from .lines import clean_line, is_clean_line, strip_invisible

__all__ = [
    "BR_MARK",
    "NON_TEXT_TAGS",
    "PATH_STEPS",
    "Element",
    "PageError",
    "ancestors",
    "canonical_url",
    "class_list",
    "drop_elements",
    "element_path",
    "element_text",
    "head_tags",
    "inner_text",
    "looks_like_html",
    "mark_line_breaks",
    "markup_text",
    "meta_content",
    "parse_page",
    "spaced_text",
    "text_pieces",
]

Element: TypeAlias = etree._Element
"""An element of a parsed page."""

NON_TEXT_TAGS = ("script", "style", "iframe", "noscript", "template", "svg", "object", "embed")
"""Elements whose content is never text (``drop_elements``' default)."""

BR_MARK = "\ue000"
"""Stands for a ``<br>`` (``mark_line_breaks``) while white space is collapsed."""

# Any <link …> or <meta …> tag; its attributes are read with _ATTR_RE.
_LINK_OR_META_RE = re.compile(r"<(?:link|meta)\b[^>]*>", re.I)
# One attribute: name="value", name='value' or name=value.
_ATTR_RE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def head_tags(markup: str) -> Iterator[dict[str, str]]:
    """The attributes of every raw ``<link>`` and ``<meta>`` tag (names lower-cased).

    Values have their entities decoded. No HTML parsing: cheap on any input.
    """
    for tag in _LINK_OR_META_RE.findall(markup):
        yield {
            m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
            for m in _ATTR_RE.finditer(tag)
        }


def _html_parser(target: etree.TreeBuilder | None = None) -> etree.HTMLParser:
    """A libxml2 HTML parser as every page is read.

    The text is fed as UTF-8 whatever the page's ``<meta charset>`` says
    (the host has decoded it already); ``huge_tree`` lifts libxml2's limits
    on text size (inputs are size-capped).
    """
    return etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True,
        huge_tree=True, target=target,
    )  # fmt: skip


_PARSER = _html_parser()


# Control characters lxml refuses in element text (the decoder removes them already),
# as UTF-8 bytes: each is one byte there, and no multi-byte sequence holds one.
_NOT_XML_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


class PageError(ValueError):
    """The markup holds no document at all (empty, or nothing the parser can build on)."""


def parse_page(markup: str) -> Element:
    """Parse ``markup`` into a tree; its root is the ``<html>`` element.

    Markup comments and processing instructions are left out. Raises
    ``PageError`` when there is no document (e.g. only white space).
    """
    data = markup.encode("utf-8", "replace").translate(None, _NOT_XML_BYTES)
    root = etree.fromstring(data, _PARSER)
    if root is not None and not _hit_depth_limit(_PARSER.error_log):
        return root
    if root is None:
        raise PageError("no markup to parse")
    return _parse_deep(data)


def _hit_depth_limit(errors: etree._ListErrorLog) -> bool:
    """True when libxml2 stopped building the tree at its nesting limit (a fatal error,
    so the last one)."""
    last = errors.last_error
    return last is not None and "Excessive depth" in last.message


def _parse_deep(data: bytes) -> Element:
    """Parse nesting deeper than libxml2 builds trees for, through parser events.

    About four times slower than ``etree.fromstring``; only for pathological pages.
    """
    parser = _html_parser(target=etree.TreeBuilder())
    parser.feed(data)
    try:
        return parser.close()
    except etree.LxmlError as err:
        raise PageError(f"no markup to parse ({err})") from None


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
    return "".join(text_pieces(element))


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
