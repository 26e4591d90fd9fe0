"""The Ukrainian retrieval benchmark: its judged set, its metrics, and one run on a subset."""

from __future__ import annotations

import re

import pytest
from elasticsearch import Elasticsearch

from ingest_plugins.es.analysis import UKRAINIAN_STOPWORDS, normalize_query
from scripts.bench.uk_retrieval import (
    GROUPS,
    PROFILES,
    JudgedSet,
    Query,
    load,
    recall_at,
    reciprocal_rank,
    run,
    scores,
    table,
)

JUDGED = load()
DOCS = {d["id"]: d for d in JUDGED.documents}


def words(text: str) -> set[str]:
    """Lower-cased words as written (apostrophes and stress marks kept)."""
    return set(re.findall(r"[\w'’ʼ\u0301]+", text.lower()))


RAW_WORDS = set().union(*(words(f"{d['title']} {d['body']}") for d in JUDGED.documents))
NORMAL_WORDS = {normalize_query(w) for w in RAW_WORDS}


def content_words(text: str) -> set[str]:
    return {w for w in words(normalize_query(text)) if w not in UKRAINIAN_STOPWORDS}


def test_corpus_is_forty_texts_of_three_to_eight_sentences() -> None:
    assert len(DOCS) == len(JUDGED.documents) == 40
    for doc in JUDGED.documents:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", doc["body"]) if s]
        assert 3 <= len(sentences) <= 8, doc["id"]


def test_every_query_is_judged_against_existing_documents() -> None:
    assert sum(q.group == "queries" for q in JUDGED.queries) >= 50
    assert {q.group for q in JUDGED.queries} == set(GROUPS)
    assert len({q.id for q in JUDGED.queries}) == len(JUDGED.queries)
    for query in JUDGED.queries:
        assert query.relevant and set(query.relevant) <= set(DOCS), query.id


@pytest.mark.parametrize("group", ["queries", "variants"])
def test_inflected_query_forms_occur_nowhere_in_the_texts(group: str) -> None:
    for query in (q for q in JUDGED.queries if q.group == group):
        assert content_words(query.text), query.id
        assert not content_words(query.text) & NORMAL_WORDS, query.id


def test_variants_differ_only_in_apostrophe_or_stress() -> None:
    base = {q.id: q for q in JUDGED.queries if q.group == "queries"}
    variants = [q for q in JUDGED.queries if q.group == "variants"]
    apostrophes = {ch for q in variants for ch in "’ʼ'" if ch in q.text}
    assert apostrophes == {"’", "ʼ", "'"}
    assert any("\u0301" in q.text for q in variants)
    for variant in variants:
        original = base[variant.id.split("-")[0]]
        assert normalize_query(variant.text) == normalize_query(original.text)
        assert variant.relevant == original.relevant


def test_spellings_occur_in_the_texts_only_when_normalised() -> None:
    for query in (q for q in JUDGED.queries if q.group == "spellings"):
        assert content_words(query.text) <= NORMAL_WORDS, query.id
        assert not words(query.text) <= RAW_WORDS, query.id


def test_metrics_on_hand_counted_rankings() -> None:
    assert recall_at(["a", "x", "b"], ["a", "b", "c", "d"]) == 0.5
    assert recall_at(["x"] * 10 + ["a"], ["a"]) == 0.0  # beyond the first ten
    assert reciprocal_rank(["x", "y", "a"], ["a", "b"]) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x"], ["a"]) == 0.0
    got = scores([(["a"], ["a"]), (["x", "b"], ["b", "c"])])
    assert (got.queries, got.recall, got.mrr) == (2, 0.75, 0.75)


@pytest.mark.es
def test_a_run_on_a_subset_scores_every_profile(es: Elasticsearch) -> None:
    docs = [DOCS["uk16"], DOCS["uk40"], DOCS["uk15"]]
    queries = [
        Query("t1", "об'єкт", ("uk16",), "queries"),  # written so in uk16
        Query("t2", "замок", ("uk40",), "queries"),  # uk40 writes за́мок
        Query("t3", "мʼясо", ("uk15",), "spellings"),  # uk15 writes м’ясо
    ]
    judged = JudgedSet(docs, queries, [("м’ясо", "м'ясо")])
    results = run(es, judged)
    assert [r.profile for r in results] == [p.name for p in PROFILES]
    by_name = {r.profile: r for r in results}
    for result in results:
        if result.available:
            assert set(result.scores) == {*GROUPS, "raw"} and result.pairs == 1
        else:
            assert result.reason and not result.scores
    plain = by_name["stopwords-only"]  # every node can run it
    assert plain.available
    # t1 is found first, t2 not at all (the stress mark stays in the index).
    assert (plain.scores["queries"].recall, plain.scores["queries"].mrr) == (0.5, 0.5)
    assert plain.scores["spellings"].recall == 0.0 and plain.pairs_conflated == 0
    if by_name["no-morphology"].available:  # the char filter unifies all three
        normalised = by_name["no-morphology"].scores
        assert normalised["queries"].recall == normalised["spellings"].recall == 1.0
    rendered = table(results, judged).splitlines()
    assert rendered[0].startswith("| profile | uk_text chain | 2 inflected queries")
    assert len(rendered) == 2 + len(PROFILES) + 2
