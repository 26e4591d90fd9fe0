"""Reader comments of a saved VT page: WordPress' threaded comment list.

``ol.comment-list > li.comment.depth-1 > … > ul.children > li.depth-2``:
each ``li.comment`` is one comment (pingbacks and trackbacks are not), its
id from ``comment-1234``, its depth from ``depth-N``, its parent from the
nesting, its text from ``.comment-content`` (else its own parts without the
metadata), its author and date from the comment's header.
"""

from __future__ import annotations

import re

from ingest_plugins.parsing.blocks import ZoneOf, text_blocks
from ingest_plugins.parsing.comments import CommentDraft
from ingest_plugins.parsing.html import Element, ancestors, spaced_text
from ingest_plugins.parsing.select import CSSSelector, select, select_one, selector

from .elements import has_class, inside, tokens
from .metadata import tag_date

__all__ = ["read_comments"]

_COMMENT_LIST_SELECTOR = selector(
    "ol.comment-list, ul.comment-list, ol.commentlist, ul.commentlist"
)
_COMMENT_TEXT_SELECTOR = selector(".comment-content, .comment-text, [itemprop=text]")
_COMMENT_AUTHOR_SELECTOR = selector(".comment-author .fn, .fn, cite, .comment-author")
_COMMENT_META_SELECTOR = selector(
    ".comment-meta, .comment-metadata, .comment-author, .reply, footer"
)
_COMMENT_TIME_SELECTOR = selector("time[datetime]")
_COMMENT_LINK_SELECTOR = selector(".comment-metadata a")

# The WordPress comment id in an element id: comment-1234, li-comment-1234, div-comment-1234.
_COMMENT_ID_RE = re.compile(r"^(?:li-|div-)?comment-(?P<id>\d+)$")
# WordPress' nesting class on a comment: depth-1 (top level), depth-2…
_DEPTH_CLASS_RE = re.compile(r"^depth-(?P<depth>\d+)$")
# " says:" after a comment author's name.
_SAYS_RE = re.compile(r"\s+says:?$", re.I)
_TEXT_ZONE = "body"
"""The zone of a comment's text blocks (as ``ingest parse --explain`` shows them)."""


def _comment_lists(page: Element) -> list[Element]:
    """The page's top-level comment lists (nested ``.children`` lists excluded)."""
    lists = select(page, _COMMENT_LIST_SELECTOR)
    return [
        tag for tag in lists if not any(inside(tag, other) for other in lists if other is not tag)
    ]


def _own_parts(item: Element) -> list[Element]:
    """The elements of a comment ``li`` that belong to it (not its replies)."""
    return [
        child
        for child in item
        if isinstance(child.tag, str) and not has_class(child, "children") and child.tag != "li"
    ]


def _own_first(parts: list[Element], compiled: CSSSelector) -> Element | None:
    """The first element matching ``compiled`` in or among a comment's own parts."""
    for part in parts:
        found = select_one(part, compiled)
        if found is not None:
            return found
    return None


def _comment_id(item: Element, parts: list[Element], number: int) -> str:
    """The WordPress id of a comment (``comment-1234`` → ``"1234"``), else ``c<n>``."""
    for tag in (item, *parts):
        tag_id = tag.get("id")
        match = _COMMENT_ID_RE.match(tag_id) if isinstance(tag_id, str) else None
        if match:
            return match.group("id")
    return f"c{number}"


def _comment_depth(item: Element) -> int:
    """Depth from WordPress' ``depth-N`` class (N - 1), else from the nesting."""
    for token in tokens(item):
        match = _DEPTH_CLASS_RE.match(token)
        if match and int(match.group("depth")) >= 1:
            return int(match.group("depth")) - 1
    return sum(1 for parent in ancestors(item) if _is_comment_item(parent))


def _is_comment_item(tag: Element) -> bool:
    """True for a comment's ``li`` (pingbacks and trackbacks are not comments)."""
    return tag.tag == "li" and has_class(tag, "comment")


def _comment_text(parts: list[Element]) -> str:
    """A comment's text: paragraphs joined by blank lines, ``<br>`` kept as ``\\n``."""
    holder = _own_first(parts, _COMMENT_TEXT_SELECTOR)
    roots = [holder] if holder is not None else parts
    paragraphs: list[str] = []
    for root in roots:
        # Without a text holder, the comment's metadata is left out.
        meta = set(select(root, _COMMENT_META_SELECTOR)) if holder is None else set()
        blocks = text_blocks(root, _leaving_out(meta), _TEXT_ZONE)
        paragraphs.extend(block.text for block in blocks)
    return "\n\n".join(paragraphs)


def _leaving_out(skipped: set[Element]) -> ZoneOf[str]:
    """A zone callback that leaves ``skipped`` out and keeps the rest in its parent's zone."""

    def zone_of(tag: Element, zone: str) -> str | None:
        return None if tag in skipped else zone

    return zone_of


def _comment_author(parts: list[Element]) -> str | None:
    """The name of a comment's author, without the theme's " says:"."""
    tag = _own_first(parts, _COMMENT_AUTHOR_SELECTOR)
    name = _SAYS_RE.sub("", spaced_text(tag)) if tag is not None else ""
    return name or None


def _comment_date(parts: list[Element]) -> str | None:
    """When a comment was posted: its ``time[datetime]``, else a dated link's text."""
    tag = _own_first(parts, _COMMENT_TIME_SELECTOR)
    if tag is None:
        tag = _own_first(parts, _COMMENT_LINK_SELECTOR)
    return tag_date(tag) if tag is not None else None


def read_comments(page: Element) -> tuple[list[CommentDraft], list[Element]]:
    """Read every comment; return the drafts and the elements they were read from."""
    drafts: list[CommentDraft] = []
    consumed: list[Element] = []
    ids: dict[Element, str] = {}
    for comment_list in _comment_lists(page):
        for item in comment_list.iterdescendants("li"):
            if not _is_comment_item(item):
                continue
            parts = _own_parts(item)
            consumed.extend(parts)
            comment_id = _comment_id(item, parts, len(drafts) + 1)
            ids[item] = comment_id
            parent_item = next((p for p in ancestors(item) if _is_comment_item(p)), None)
            drafts.append(
                CommentDraft(
                    depth=_comment_depth(item),
                    paragraphs=[_comment_text(parts)],
                    id=comment_id,
                    parent=ids.get(parent_item) if parent_item is not None else None,
                    structural=True,
                    author=_comment_author(parts),
                    published=_comment_date(parts),
                )
            )
    return drafts, consumed
