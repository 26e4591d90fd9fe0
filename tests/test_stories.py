"""Near-duplicate fingerprints (``stories.py``) and the story join (pure logic)."""

from __future__ import annotations

from ingest_plugins.document import Article
from ingest_plugins.es.stories import _Labels
from ingest_plugins.stories import (
    BANDS,
    MIN_WORDS,
    THRESHOLD,
    bands,
    fingerprint,
    is_current,
    similarity,
)
from tests.conftest import SEEDS

AJ_TEXT = (SEEDS / "002_cb5603a3dcd24ba0.txt").read_text(encoding="utf-8")
VT_TEXT = (SEEDS / "000_69b621c95946143e.txt").read_text(encoding="utf-8")


def article(text: str, **more: str) -> Article:
    return Article(body={"en": text, **more})


def test_a_short_body_gets_no_fingerprint() -> None:
    assert fingerprint(article(" ".join(["word"] * (MIN_WORDS - 1)))) == ""
    assert fingerprint(Article()) == ""
    assert bands("") == [] and similarity("", fingerprint(article(AJ_TEXT))) == 0.0


def test_the_same_text_gives_the_same_signature_and_bands() -> None:
    first, second = fingerprint(article(AJ_TEXT)), fingerprint(article(AJ_TEXT))
    assert first and first == second and similarity(first, second) == 1.0
    assert len(bands(first)) == BANDS == len(set(bands(first)))


def test_a_repost_with_edits_is_a_near_duplicate_and_another_story_is_not() -> None:
    paragraphs = AJ_TEXT.split("\n\n")
    edited = "\n\n".join(["Reposted from Al Jazeera.", *paragraphs[:-2], "Share this."])
    original, repost = fingerprint(article(AJ_TEXT)), fingerprint(article(edited))
    other = fingerprint(article(VT_TEXT))  # the same event, in other words
    assert similarity(original, repost) >= THRESHOLD
    assert set(bands(original)) & set(bands(repost))
    assert similarity(original, other) < 0.1


def test_the_longest_body_is_fingerprinted() -> None:
    """A translation repost's short Ukrainian body does not hide its English text."""
    with_translation = article(AJ_TEXT, uk="Путін заявив про санкції.")
    assert fingerprint(with_translation) == fingerprint(article(AJ_TEXT))


def test_joined_stories_take_the_smallest_id_in_any_order() -> None:
    for pairs in ([("c", "b"), ("b", "a"), ("x", "y")], [("x", "y"), ("a", "b"), ("b", "c")]):
        labels = _Labels()
        for first, second in pairs:
            labels.join(first, second)
        assert labels.renames() == {"b": "a", "c": "a", "y": "x"}


def test_a_signature_of_another_scheme_is_never_compared() -> None:
    """An index filled by an older version holds unprefixed 64-value signatures."""
    current = fingerprint(article(AJ_TEXT))
    older = current.partition(":")[2][: 64 * 4 * 4 // 3]  # no scheme, another length
    assert similarity(current, older) == 0.0 and bands(older) == []
    assert similarity(current, "1:" + current.partition(":")[2]) == 0.0
    assert is_current(current) and is_current("")  # "": a body too short to have one
    for damaged in ("2:not base64!", "2:" + current.partition(":")[2][:-8], "2:"):
        assert similarity(current, damaged) == 0.0 and bands(damaged) == []
    assert not is_current(older) and not is_current("1:" + current.partition(":")[2])
