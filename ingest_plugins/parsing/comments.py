"""Comment threads: drafts collected in document order, linked into ``Comment`` values.

A parser collects one ``CommentDraft`` per comment as it reads the page:
its depth (0 for top level), its paragraphs and, when the markup says so,
its own id and its parent's (``structural``). ``finish_comments`` links
the rest by depth (the parent of a comment at depth ``d`` is the nearest
earlier comment at ``d - 1``), numbers comments without an id, keeps ids
unique and detects each comment's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest_plugins import Comment
from ingest_plugins.language import detect_language

__all__ = [
    "CommentDraft",
    "finish_comments",
]

# ---------------------------------------------------------------------------
# Comments
# ---------------------------------------------------------------------------


@dataclass
class CommentDraft:
    """A comment being assembled; ``finish_comments`` links and numbers them."""

    depth: int
    paragraphs: list[str] = field(default_factory=list)
    id: str | None = None
    parent: str | None = None
    structural: bool = False
    """True when ``parent`` comes from the markup's nesting (HTML), not from depths."""
    author: str | None = None
    published: str | None = None


def finish_comments(drafts: Iterable[CommentDraft]) -> tuple[Comment, ...]:
    """Turn drafts (in document order) into ``Comment`` values with parents.

    The parent of a comment at depth ``d`` is the nearest preceding comment
    at depth ``d - 1`` in the same thread; when there is none (the thread's
    start is not in the document) the parent is ``None`` and the depth is
    kept. A ``structural`` draft keeps the parent its markup gave. Drafts
    without an id are numbered ``c1``, ``c2``… by position.

    Ids stay unique: a draft with the id of an earlier comment and the same
    author, date and text is that comment shown again (a "top comments" box
    above the thread) and is left out; one that differs keeps its place
    under the next free id (``123-2``, ``123-3``…).
    """
    comments: list[Comment] = []
    by_id: dict[str, Comment] = {}
    last_at_depth: dict[int, str] = {}
    for number, draft in enumerate(drafts, start=1):
        comment_id = draft.id or f"c{number}"
        text = "\n\n".join(p for p in draft.paragraphs if p)
        earlier = by_id.get(comment_id)
        if earlier is not None:
            if (earlier.text, earlier.author, earlier.published) == (
                text,
                draft.author,
                draft.published,
            ):
                _enter(last_at_depth, draft.depth, comment_id)  # (its replies follow it)
                continue
            comment_id = _free_id(comment_id, by_id)
        if draft.structural:
            parent = draft.parent
        else:
            parent = last_at_depth.get(draft.depth - 1) if draft.depth > 0 else None
        _enter(last_at_depth, draft.depth, comment_id)
        comment = Comment(
            id=comment_id,
            parent=parent,
            depth=draft.depth,
            text=text,
            lang=detect_language(text),
            author=draft.author,
            published=draft.published,
        )
        by_id[comment_id] = comment
        comments.append(comment)
    return tuple(comments)


def _enter(last_at_depth: dict[int, str], depth: int, comment_id: str) -> None:
    """Make ``comment_id`` the latest comment at ``depth``, closing deeper threads."""
    for deeper in [d for d in last_at_depth if d >= depth]:
        del last_at_depth[deeper]
    last_at_depth[depth] = comment_id


def _free_id(comment_id: str, taken: dict[str, Comment]) -> str:
    """``comment_id-2``, ``-3``…: the first not in ``taken``."""
    n = 2
    while f"{comment_id}-{n}" in taken:
        n += 1
    return f"{comment_id}-{n}"
