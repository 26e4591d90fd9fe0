"""The analysis plugins of ``scripts/analysis-plugin`` on a live node, and their build files.

The local test node gets both plugins unless it was started bare: there a
missing component fails these tests. They skip only with ``INGEST_ES_BARE=1``
or on the user's own cluster (``INGEST_ES_URL``) that lacks a component.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import ApiError, Elasticsearch

from ingest_plugins.es.analysis import UKRAINIAN_STOPWORDS
from tests.conftest import REPO

PROJECT = REPO / "scripts" / "analysis-plugin"
JAVA = PROJECT / "src" / "main" / "java"
TEMPLATE = REPO / "mappings" / "articles.template.json"

# Inflected form, base form, the lemma both must give.
UKRAINIAN_PAIRS = [
    ("України", "Україна", "україна"),
    ("Білорусі", "Білорусь", "білорусь"),
    ("Лукашенком", "Лукашенко", "лукашенко"),
    ("Києві", "Київ", "київ"),
    ("ро\u0301сії", "росії", "росія"),
    ("Придністров’ю", "Придністров'я", "придністров'я"),
    ("санкціями", "санкції", "санкція"),
]


def tokens(es: Elasticsearch, **body: Any) -> list[str]:
    return [t["token"] for t in es.indices.analyze(**body)["tokens"]]


def has_component(es: Elasticsearch, kind: str, name: str) -> bool:
    """Whether ``_analyze`` knows the analyzer, char filter or token filter ``name``."""
    body: dict[str, Any] = {"text": "a"}
    if kind == "analyzer":
        body["analyzer"] = name
    elif kind == "char_filter":
        body.update(tokenizer="standard", char_filter=[{"type": name, "mappings": ["a=>b"]}])
    else:
        body.update(tokenizer="standard", filter=[{"type": name}])
    try:
        es.indices.analyze(**body)
    except ApiError:
        return False
    return True


def node_plugins(es: Elasticsearch) -> set[str]:
    nodes = es.nodes.info(metric="plugins")["nodes"].values()
    return {p["name"] for node in nodes for p in node.get("plugins", [])}


def require(es: Elasticsearch, kind: str, name: str, ours: bool = False) -> None:
    """Skip, with the reason, only where skipping is allowed (see the module docstring).

    ``ours``: the test pins down this project's implementation (the official
    ``ukrainian`` analyzer keeps every lemma in its dictionary case), so on
    a user's cluster it needs the ``ingest-test-analysis`` plugin itself.
    """
    url = os.environ.get("INGEST_ES_URL")
    if not url:
        if os.environ.get("INGEST_ES_BARE") == "1":
            pytest.skip("INGEST_ES_BARE=1: the local node runs without the analysis plugins")
        return  # the local node must have them: a missing one fails the test
    if not has_component(es, kind, name):
        pytest.skip(f"the cluster at {url} has no {kind} [{name}]")
    if ours and "ingest-test-analysis" not in node_plugins(es):
        pytest.skip(f"the [{name}] {kind} at {url} is not ingest-test-analysis's")


@pytest.fixture
def index(es: Elasticsearch, index_name: str) -> Iterator[Any]:
    """Create ``index_name`` with the given ``index.analysis`` settings."""

    def create(analysis: dict[str, Any]) -> str:
        es.indices.create(index=index_name, settings={"analysis": analysis})
        return index_name

    yield create


# ------------------------------------------------------------------ live
@pytest.mark.es
def test_an_index_defines_english_and_ukrainian_analyzers(es: Elasticsearch, index: Any) -> None:
    require(es, "analyzer", "english")
    require(es, "analyzer", "ukrainian")
    name = index({"analyzer": {"en": {"type": "english"}, "uk": {"type": "ukrainian"}}})
    assert tokens(es, index=name, analyzer="en", text="treaties") == ["treati"]
    assert tokens(es, index=name, analyzer="uk", text="партією") == ["партія"]
    assert tokens(es, index=name, analyzer="uk", text="і партією") == ["партія"]  # stop word


@pytest.mark.es
@pytest.mark.parametrize(("form", "base"), [("Russia's", "Russia"), ("Putin's", "Putin")])
def test_english_conflates_possessives(es: Elasticsearch, form: str, base: str) -> None:
    require(es, "analyzer", "english")
    expected = [base.lower()]
    assert tokens(es, analyzer="english", text=form) == expected
    assert tokens(es, analyzer="english", text=base) == expected


@pytest.mark.es
def test_the_templates_mapping_char_filter_unifies_apostrophes_and_drops_stress(
    es: Elasticsearch, index: Any
) -> None:
    require(es, "char_filter", "mapping")
    char_filter = json.loads(TEMPLATE.read_text())["template"]["settings"]["index"]["analysis"][
        "char_filter"
    ]
    name = index({"char_filter": char_filter})
    text = "Придністров’я ро\u0301сії пʼять сім`я"
    assert tokens(
        es, index=name, tokenizer="standard", char_filter=["uk_normalize"], text=text
    ) == [
        "Придністров'я",
        "росії",
        "п'ять",
        "сім'я",
    ]


@pytest.mark.es
def test_a_bad_mapping_rule_fails_index_creation_naming_the_rule(
    es: Elasticsearch, index: Any
) -> None:
    require(es, "char_filter", "mapping")
    with pytest.raises(ApiError) as failure:
        index({"char_filter": {"bad": {"type": "mapping", "mappings": ["no arrow here"]}}})
    assert "no arrow here" in json.dumps(failure.value.body)


@pytest.mark.es
@pytest.mark.parametrize("chain", [["ingest_uk_lemma"], ["lowercase", "ingest_uk_lemma"]])
def test_ingest_uk_lemma_works_in_a_custom_chain(
    es: Elasticsearch, index: Any, chain: list[str]
) -> None:
    require(es, "filter", "ingest_uk_lemma")
    analyzer = {"type": "custom", "tokenizer": "standard", "filter": chain}
    name = index({"analyzer": {"uk_lemma": analyzer}})
    text = "Партією України санкціями невідомослово"
    assert tokens(es, index=name, analyzer="uk_lemma", text=text) == [
        "партія",
        "україна",
        "санкція",
        "невідомослово",
    ]


@pytest.mark.es
def test_the_chain_docs_recommend_for_ingest_uk_lemma(es: Elasticsearch, index: Any) -> None:
    require(es, "filter", "ingest_uk_lemma")
    doc = (REPO / "docs" / "analysis-plugin.md").read_text()
    block = re.search(r"```json\n(.*?)```", doc, re.S)
    assert block, "docs/analysis-plugin.md shows no analysis settings"
    name = index(json.loads(block.group(1)))
    text = "Партією І Києві та санкціями, що"
    assert tokens(es, index=name, analyzer="uk_lemmas", text=text) == ["партія", "київ", "санкція"]


@pytest.mark.es
def test_ingest_uk_lemma_stacks_the_lemmas_of_an_ambiguous_lower_case_word(
    es: Elasticsearch,
) -> None:
    require(es, "filter", "ingest_uk_lemma")
    analyzed = es.indices.analyze(tokenizer="standard", filter=["ingest_uk_lemma"], text="києві")
    assert sorted((t["token"], t["position"]) for t in analyzed["tokens"]) == [
        ("кий", 0),
        ("київ", 0),
    ]


@pytest.mark.es
@pytest.mark.parametrize(("form", "base", "lemma"), UKRAINIAN_PAIRS)
def test_ukrainian_conflates_inflected_and_base_forms(
    es: Elasticsearch, form: str, base: str, lemma: str
) -> None:
    require(es, "analyzer", "ukrainian", ours=True)
    assert tokens(es, analyzer="ukrainian", text=form) == [lemma]
    assert tokens(es, analyzer="ukrainian", text=base) == [lemma]


# ------------------------------------------------------------------ build files
def named_components(zip_dir: str) -> dict[str, dict[str, str]]:
    path = PROJECT / "src" / "plugin" / zip_dir / "named_components.json"
    components: dict[str, dict[str, str]] = json.loads(path.read_text())
    return components


def test_each_registered_class_carries_the_name_it_is_registered_under() -> None:
    for zip_dir in ("test-node", "uk-lemma"):
        for interface, names in named_components(zip_dir).items():
            for name, cls in names.items():
                source = JAVA / Path(*cls.split(".")).with_suffix(".java")
                text = source.read_text()
                assert f'@NamedComponent("{name}")' in text, (zip_dir, source)
                assert f"implements {interface.rsplit('.', 1)[1]}" in text, (zip_dir, source)


def test_the_two_zips_register_disjoint_names_and_the_filter_zip_only_the_filter() -> None:
    def names(zip_dir: str) -> set[str]:
        return {n for names in named_components(zip_dir).values() for n in names}

    assert names("test-node") == {"english", "ukrainian", "mapping"}
    assert named_components("uk-lemma") == {
        "org.elasticsearch.plugin.analysis.TokenFilterFactory": {
            "ingest_uk_lemma": "org.ingestplugins.analysis.UkrainianLemmaFilterFactory"
        }
    }


def test_the_ukrainian_analyzer_stops_the_same_words_as_the_fallback_chains() -> None:
    resource = PROJECT / "src/main/resources/org/ingestplugins/analysis/uk-stopwords.txt"
    words = [w for w in resource.read_text().split("\n") if w and not w.startswith("#")]
    assert words == list(UKRAINIAN_STOPWORDS)


def test_descriptors_take_version_and_java_from_the_build() -> None:
    for zip_dir in ("test-node", "uk-lemma"):
        text = (
            PROJECT / "src/plugin" / zip_dir / "stable-plugin-descriptor.properties"
        ).read_text()
        assert re.search(r"^elasticsearch\.version=\$\{es\.version\}$", text, re.M)
        assert re.search(r"^java\.version=\$\{java\.release\}$", text, re.M)
        assert re.search(r"^version=\$\{plugin\.version\}$", text, re.M)
