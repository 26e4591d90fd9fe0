"""Probing logic for every branch, on a stand-in for the cluster's answers (pure logic).

The live node's own answers are checked in tests/test_search_live.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders
from elasticsearch import BadRequestError

from ingest_plugins.es.analysis import normalize_query, probe


def _missing() -> BadRequestError:
    meta = ApiResponseMeta(400, "1.1", HttpHeaders(), 0.0, None)  # type: ignore[arg-type]
    return BadRequestError("illegal_argument_exception", meta, {})


class Cluster:
    """Answers ``_analyze`` like a node with the given features."""

    def __init__(self, english: bool, ukrainian: bool, hunspell: set[str], mapping: bool) -> None:
        self.features = (english, ukrainian, hunspell, mapping)
        self.indices = self
        self.nodes = self

    def info(self, metric: str) -> dict[str, Any]:
        return {"nodes": {"a": {"modules": [{"name": "x-pack-core"}], "plugins": []}}}

    def analyze(self, **body: Any) -> dict[str, Any]:
        english, ukrainian, hunspell, mapping = self.features
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
        locale = body["filter"][1]["locale"]
        stem = {"en_US": "treaty", "uk_UA": "санкція"}[locale] if locale in hunspell else text
        return {"tokens": [{"token": stem}]}


@pytest.mark.parametrize(
    ("cluster", "expected"),
    [
        (Cluster(True, True, set(), True), ("english", "ukrainian", True)),
        (Cluster(False, False, {"en_US", "uk_UA"}, False), ("hunspell", "hunspell", False)),
        (Cluster(True, False, {"uk_UA"}, True), ("english", "hunspell", True)),
        (Cluster(False, False, set(), False), ("basic", "basic", False)),
        (Cluster(False, True, {"en_US"}, False), ("hunspell", "ukrainian", False)),
    ],
)
def test_probe_picks_the_best_chain_per_language(
    cluster: Cluster, expected: tuple[str, str, bool]
) -> None:
    profile = probe(cluster)  # type: ignore[arg-type]
    assert (profile.english, profile.ukrainian, profile.char_filters) == expected
    assert profile.modules == ("x-pack-core",)


def test_query_normalization_unifies_apostrophes_and_drops_stress() -> None:
    assert normalize_query("обʼє\u0301днання об’єднання") == "об'єднання об'єднання"
