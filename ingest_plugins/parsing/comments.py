"""Comment threads: drafts collected in document order, linked into ``Comment`` values.

A parser collects one ``CommentDraft`` per comment as it reads the page:
its depth (0 for top level), its paragraphs and, when the markup says so,
its own id and its parent's (``structural``). ``finish_comments`` links
the rest by depth (the parent of a comment at depth ``d`` is the nearest
earlier comment at ``d - 1``), numbers comments without an id and detects
each comment's language.
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
    """
    comments: list[Comment] = []
    last_at_depth: dict[int, str] = {}
    for number, draft in enumerate(drafts, start=1):
        comment_id = draft.id or f"c{number}"
        if draft.structural:
            parent = draft.parent
        else:
            parent = last_at_depth.get(draft.depth - 1) if draft.depth > 0 else None
        last_at_depth = {d: i for d, i in last_at_depth.items() if d < draft.depth}
        last_at_depth[draft.depth] = comment_id
        text = "\n\n".join(p for p in draft.paragraphs if p)
        comments.append(
            Comment(
                id=comment_id,
                parent=parent,
                depth=draft.depth,
                text=text,
                lang=detect_language(text),
                author=draft.author,
                published=draft.published,
            )
        )
    return tuple(comments)
