"""The scoring and summary of ``scripts.bench.realpages`` on small hand-written values."""

from __future__ import annotations

import pytest

from scripts.bench.realpages import PageResult, Scores, leaked, score, summary


def test_perfect_extraction_scores_one() -> None:
    assert score("The cat sat.", "the CAT sat") == Scores(1.0, 1.0, 1.0)


def test_extra_words_lower_precision_only() -> None:
    # 4 extracted tokens, 2 of them in the 2-token truth
    got = score("cat sat Read more", "cat sat")
    assert got.precision == pytest.approx(0.5)
    assert got.recall == pytest.approx(1.0)
    assert got.f1 == pytest.approx(2 / 3)


def test_missing_words_lower_recall_only() -> None:
    got = score("one two", "one two three four five")
    assert got.precision == pytest.approx(1.0)
    assert got.recall == pytest.approx(0.4)
    assert got.f1 == pytest.approx(2 * 0.4 / 1.4)


def test_tokens_count_with_multiplicity() -> None:
    # "the" twice in the extraction but once in the truth: one of them is extra
    got = score("the the end", "the end")
    assert got.precision == pytest.approx(2 / 3)
    assert got.recall == pytest.approx(1.0)


def test_empty_cases() -> None:
    assert score("", "") == Scores(1.0, 1.0, 1.0)
    assert score("", "some body") == Scores(0.0, 0.0, 0.0)
    assert score("chrome only", "some body") == Scores(0.0, 0.0, 0.0)


def test_leaked_names_the_lines_not_in_the_truth() -> None:
    body = "Rain fell on Monday.\nRead more: Floods\nRain fell on Monday, officials said."
    found = leaked(body, "Rain fell on Monday. Rivers rose.")
    # a whole widget line, and a true line with words glued on, are both reported whole
    assert found == [("Read more: Floods", 3), ("Rain fell on Monday, officials said.", 6)]
    # lines found as contiguous runs (case and punctuation aside) are not leaks
    assert leaked("rain FELL\n\nRivers rose", "Rain fell on Monday. Rivers rose.") == []


def page(name: str, ours_ms: float, theirs_ms: float, metadata_ms: float) -> PageResult:
    return PageResult(name, Scores(1, 1, 1), Scores(1, 0.5, 2 / 3), ours_ms, theirs_ms,
                      metadata_ms, failure=None, leaks=[])  # fmt: skip


def test_summary_gives_median_times_and_both_speed_ratios() -> None:
    found = summary(
        [page("a", 2.0, 6.0, 9.0), page("b", 4.0, 10.0, 12.0), page("c", 3.0, 7.0, 30.0)]
    )
    assert found["ours_median_ms"] == 3.0
    assert found["trafilatura_median_ms"] == 7.0
    assert found["trafilatura_metadata_median_ms"] == 12.0
    assert found["speed_ratio_trafilatura_over_ours"] == pytest.approx(7 / 3, abs=0.01)
    assert found["speed_ratio_trafilatura_metadata_over_ours"] == 4.0
    assert found["theirs_recall"] == 0.5
