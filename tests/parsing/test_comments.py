"""Comment drafts linked into threads (``parsing.comments``)."""

from __future__ import annotations

from ingest_plugins.parsing.comments import CommentDraft, finish_comments


def draft(depth: int, text: str, id: str | None = None, author: str = "Ann") -> CommentDraft:
    return CommentDraft(depth, [text], id=id, author=author, published="2024-05-01")


def tree(comments: tuple[object, ...]) -> list[tuple[str, str | None, int]]:
    return [(c.id, c.parent, c.depth) for c in comments]  # type: ignore[attr-defined]


def test_parents_come_from_depths_and_ids_from_positions() -> None:
    found = finish_comments(
        [draft(0, "First."), draft(1, "A reply."), draft(2, "Deeper."), draft(1, "Second reply.")]
    )
    assert tree(found) == [("c1", None, 0), ("c2", "c1", 1), ("c3", "c2", 2), ("c4", "c1", 1)]
    assert [c.text for c in found] == ["First.", "A reply.", "Deeper.", "Second reply."]


def test_a_reply_whose_thread_start_is_missing_keeps_its_depth() -> None:
    assert tree(finish_comments([draft(1, "Orphan reply.")])) == [("c1", None, 1)]


def test_a_structural_draft_keeps_the_parent_its_markup_gave() -> None:
    reply = CommentDraft(1, ["Reply."], id="7", parent="3", structural=True)
    found = finish_comments([draft(0, "Top.", id="3"), draft(0, "Other.", id="5"), reply])
    assert tree(found) == [("3", None, 0), ("5", None, 0), ("7", "3", 1)]


def test_a_comment_shown_twice_is_kept_once() -> None:
    """A "top comments" box repeats comments of the thread below it, ids and all."""
    found = finish_comments(
        [
            draft(0, "Best comment.", id="12"),  # the box
            draft(0, "Opening comment.", id="10"),
            draft(0, "Best comment.", id="12"),  # the thread
            draft(1, "A reply to the best one.", id="13"),
        ]
    )
    assert tree(found) == [("12", None, 0), ("10", None, 0), ("13", "12", 1)]


def test_a_different_comment_under_a_taken_id_keeps_its_place_under_a_new_id() -> None:
    found = finish_comments(
        [
            draft(0, "One text.", id="12"),
            draft(0, "Another text.", id="12"),
            draft(0, "Same words, other author.", id="12"),
            draft(0, "Same words, other author.", id="12", author="Bob"),
            draft(1, "Reply to the last.", id="13"),
        ]
    )
    assert tree(found) == [
        ("12", None, 0),
        ("12-2", None, 0),
        ("12-3", None, 0),
        ("12-4", None, 0),
        ("13", "12-4", 1),
    ]
    assert len({c.id for c in found}) == len(found)


def test_a_numbered_id_never_repeats_a_markup_id() -> None:
    found = finish_comments([draft(0, "Marked.", id="c2"), draft(0, "Unmarked.")])
    assert [c.id for c in found] == ["c2", "c2-2"]


def test_each_comment_gets_its_language() -> None:
    found = finish_comments(
        [
            draft(0, "The talks in the capital were about the new law."),
            draft(0, "Це було дуже цікаво, і ми чекаємо на продовження."),
        ]
    )
    assert [c.lang for c in found] == ["en", "uk"]
