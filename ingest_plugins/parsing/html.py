"""Markup: sniffing it, reading the page head, cleaning a soup and taking its text.

The host's decoder already sets ``SourceText.is_html``; ``looks_like_html``
is for a plugin that must also recognise a page nobody flagged. The raw
head readers (``head_tags``) work on the text with regexes, cheaply enough
for claiming; the rest works on a ``BeautifulSoup`` tree.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from bs4 import BeautifulSoup
from bs4.element import Comment, Tag

from .lines import clean_line

NON_TEXT_TAGS = ("script", "style", "iframe", "noscript", "template", "svg", "object", "embed")
"""Elements whose content is never text (``drop_elements``' default)."""

BR_MARK = "\ue000"
"""Stands for a ``<br>`` (``mark_line_breaks``) while white space is collapsed."""

# Markup at the very start of the text (after comments): a doctype or a document tag.
_MARKUP_START_RE = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|main|article)\b", re.I | re.S
)
# Closing tags of common block elements: a fragment of saved markup.
_CLOSING_TAG_RE = re.compile(r"</(?:html|body|div|p|article|main)\s*>", re.I)
_FRAGMENT_MIN_CLOSING_TAGS = 2
_SNIFF_CHARS = 200_000

# Any <link …> or <meta …> tag; its attributes are read with _ATTR_RE.
_LINK_OR_META_RE = re.compile(r"<(?:link|meta)\b[^>]*>", re.I)
# One attribute: name="value", name='value' or name=value.
_ATTR_RE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
# Any run of white space in markup text (source formatting, not line breaks).
_SPACE_RE = re.compile(r"\s+")


def looks_like_html(text: str) -> bool:
    """True when ``text`` is markup: it opens with a document tag, or closes block elements."""
    if _MARKUP_START_RE.match(text):
        return True
    return len(_CLOSING_TAG_RE.findall(text[:_SNIFF_CHARS])) >= _FRAGMENT_MIN_CLOSING_TAGS


def head_tags(markup: str) -> Iterator[dict[str, str]]:
    """The attributes of every raw ``<link>`` and ``<meta>`` tag (names lower-cased).

    Values have their entities decoded. No HTML parsing: cheap on any input.
    """
    for tag in _LINK_OR_META_RE.findall(markup):
        yield {
            m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
            for m in _ATTR_RE.finditer(tag)
        }


def drop_elements(soup: BeautifulSoup, names: Iterable[str] = NON_TEXT_TAGS) -> None:
    """Remove every element named in ``names`` with its content."""
    for element in soup.find_all(list(names)):
        element.decompose()


def drop_comments(soup: BeautifulSoup) -> None:
    """Remove the markup comments (``<!-- -->``) of ``soup``."""
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()


def mark_line_breaks(soup: BeautifulSoup) -> None:
    """Replace every ``<br>`` with ``BR_MARK``, so ``get_text`` keeps the break."""
    for br in soup.find_all("br"):
        br.replace_with(BR_MARK)


def markup_text(raw: str) -> str:
    """Text gathered from markup as lines: white space collapsed, ``BR_MARK`` a line break.

    Lines are cleaned (``clean_line``) and empty ones dropped.
    """
    lines = (clean_line(part) for part in _SPACE_RE.sub(" ", raw).split(BR_MARK))
    return "\n".join(line for line in lines if line)


def element_text(element: Tag) -> str:
    """The visible text of ``element`` (see ``markup_text``; run ``mark_line_breaks`` first)."""
    return markup_text(element.get_text())


def class_list(tag: Tag) -> list[str]:
    """The class names of ``tag``, as written (``[]`` when it has none)."""
    classes = tag.get("class")
    if isinstance(classes, list):
        return [str(name) for name in classes]
    return str(classes or "").split()


def select_first(root: BeautifulSoup | Tag, selectors: Iterable[str]) -> Tag | None:
    """The first element matched by the first of ``selectors`` that matches anything."""
    for selector in selectors:
        found = root.select_one(selector)
        if found is not None:
            return found
    return None


def meta_content(soup: BeautifulSoup, *keys: str) -> str | None:
    """The cleaned ``content`` of a ``<meta property|name=key>``, trying ``keys`` in order.

    Keys are matched without regard to case; an empty ``content`` does not count.
    """
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = str(tag.get("property") or tag.get("name") or "").lower()
        content = clean_line(str(tag.get("content") or ""))
        if content and key not in found:
            found[key] = content
    return next((found[key.lower()] for key in keys if key.lower() in found), None)


def canonical_url(soup: BeautifulSoup) -> str | None:
    """The page's URL: its http(s) ``link rel=canonical``, else ``og:url``."""
    for link in soup.find_all("link"):
        rel = link.get("rel") or []
        rels = rel.split() if isinstance(rel, str) else [str(r) for r in rel]
        href = clean_line(str(link.get("href") or ""))
        if "canonical" in (r.lower() for r in rels) and href.startswith(("http://", "https://")):
            return href
    return meta_content(soup, "og:url")
