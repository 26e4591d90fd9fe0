"""Probing logic for every branch, on a stand-in for the cluster's answers (pure logic).

The live node's own answers are checked in tests/es/test_search_live.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders
from elasticsearch import BadRequestError

from ingest_plugins.es.analysis import AnalysisProfile, describe, normalize_query, probe


def _missing() -> BadRequestError:
    meta = ApiResponseMeta(400, "1.1", HttpHeaders(), 0.0, None)  # type: ignore[arg-type]
    return BadRequestError("illegal_argument_exception", meta, {})


class Cluster:
    """Answers ``_analyze`` like a node with the given features."""

    def __init__(
        self, english: bool, ukrainian: bool, lemma: bool, hunspell: set[str], mapping: bool
    ) -> None:
        self.features = (english, ukrainian, lemma, hunspell, mapping)
        self.indices = self
        self.nodes = self

    def info(self, metric: str) -> dict[str, Any]:
        return {"nodes": {"a": {"modules": [{"name": "x-pack-core"}], "plugins": []}}}

    def analyze(self, **body: Any) -> dict[str, Any]:
        english, ukrainian, lemma, hunspell, mapping = self.features
        text = body["text"]
        if body.get("analyzer") == "english":
            if not english:
                raise _missing()
            return {"tokens": [{"token": "treati"}]}
        if body.get("analyzer") == "ukrainian":
            if not ukrainian:
                raise _missing()
            return {"tokens": [{"token": "санкція"}]}
        if body.get("char_filter"):
            if not mapping:
                raise _missing()
            return {"tokens": [{"token": text.replace("’", "'")}]}
        token_filter = body["filter"][1]
        if token_filter["type"] == "ingest_uk_lemma":
            if not lemma:
                raise _missing()
            return {"tokens": [{"token": "санкція"}]}
        locale = token_filter["locale"]
        stem = {"en_US": "treaty", "uk_UA": "санкція"}[locale] if locale in hunspell else text
        return {"tokens": [{"token": stem}]}


BOTH = {"en_US", "uk_UA"}


@pytest.mark.parametrize(
    ("cluster", "expected"),
    [
        (Cluster(True, True, True, BOTH, True), ("english", "ukrainian", True)),
        (Cluster(True, False, True, BOTH, True), ("english", "ingest_uk_lemma", True)),
        (Cluster(False, False, False, BOTH, False), ("hunspell", "hunspell", False)),
        (Cluster(True, False, False, {"uk_UA"}, True), ("english", "hunspell", True)),
        (Cluster(True, False, False, set(), True), ("english", "basic", True)),
        (Cluster(False, False, False, set(), False), ("basic", "basic", False)),
        (Cluster(False, True, False, {"en_US"}, False), ("hunspell", "ukrainian", False)),
    ],
)
def test_probe_picks_the_best_chain_per_language(
    cluster: Cluster, expected: tuple[str, str, bool]
) -> None:
    profile = probe(cluster)  # type: ignore[arg-type]
    assert (profile.english, profile.ukrainian, profile.char_filters) == expected
    assert profile.modules == ("x-pack-core",)


def test_describe_names_each_chain_and_what_is_missing() -> None:
    lemma = AnalysisProfile("english", "ingest_uk_lemma", True).describe()
    assert lemma["en_text"] == "english — `english` analyzer (analysis-common)"
    assert lemma["uk_text"].startswith("ingest_uk_lemma — ")
    assert "no `ukrainian`" in lemma["uk_text"]
    bare = AnalysisProfile("hunspell", "hunspell", False).describe()
    assert "no `english` analyzer" in bare["en_text"]
    assert bare["char_filter"].startswith("no `mapping` char filter")
    assert "lower case" in bare["char_filter"]
    assert describe({"ukrainian": "future"})["uk_text"] == "future — unknown chain"


def test_query_normalization_unifies_apostrophes_and_drops_stress() -> None:
    assert normalize_query("обʼє\u0301днання об’єднання") == "об'єднання об'єднання"
