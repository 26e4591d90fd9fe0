"""Mappings: the reviewed templates in mappings/, and the bodies each profile generates.

The live tests (marked ``es``) create indices under both profiles of
``tests/profiles.py`` and check, with ``_analyze``, that the word forms in
``scripts/bench/data/uk_retrieval/pairs.json`` conflate.
"""

from __future__ import annotations

import json

import pytest
from elasticsearch import Elasticsearch

from ingest_plugins.es.analysis import FULL_PROFILE, AnalysisProfile, analysis_settings, probe
from ingest_plugins.es.indices import template_body
from ingest_plugins.es.mappings import index_bodies, mapping_hash
from ingest_plugins.plugins import Host
from tests.conftest import REPO
from tests.profiles import MAPPINGS, PROFILES, checked_in_template, profile_for

MINIMAL = AnalysisProfile("basic", "basic", False)
BARE_NODE = AnalysisProfile("hunspell", "hunspell", False)


@pytest.mark.parametrize(("name", "alias"), [("articles", "news"), ("comments", "news-comments")])
def test_checked_in_template_matches_the_code(name: str, alias: str) -> None:
    checked_in = json.loads((MAPPINGS / f"{name}.template.json").read_text())
    expected = template_body(alias, index_bodies(Host())[name])
    assert checked_in == expected, f"run scripts/write-mappings and review mappings/{name}*"


def test_full_profile_uses_the_language_analyzers_and_char_filter() -> None:
    analysis = analysis_settings(FULL_PROFILE)
    assert analysis["analyzer"]["en_text"] == {"type": "english"}
    assert analysis["analyzer"]["uk_text"] == {"type": "ukrainian"}
    assert analysis["char_filter"]["uk_normalize"]["mappings"] == [
        "’=>'",
        "ʼ=>'",
        "‘=>'",
        "`=>'",
        "\\u0301=>",
    ]


def test_hunspell_profile_chains_look_words_up_before_lowercasing() -> None:
    analysis = analysis_settings(BARE_NODE)
    assert analysis["analyzer"]["en_text"]["filter"] == ["en_hunspell", "lowercase", "en_stop"]
    assert analysis["analyzer"]["uk_text"]["filter"] == ["uk_hunspell", "lowercase", "uk_stop"]
    assert analysis["filter"]["uk_hunspell"] == {
        "type": "hunspell",
        "locale": "uk_UA",
        "dedup": True,
    }
    assert "char_filter" not in analysis


def test_hunspell_chain_with_char_filters_upper_cases_cyrillic_first() -> None:
    analysis = analysis_settings(AnalysisProfile("hunspell", "hunspell", True))
    assert analysis["analyzer"]["uk_text"]["char_filter"] == ["uk_normalize", "uk_upper"]
    upper = analysis["char_filter"]["uk_upper"]["mappings"]
    assert len(upper) == 33 and "ґ=>Ґ" in upper and "ї=>Ї" in upper
    assert "char_filter" not in analysis["analyzer"]["en_text"]


def test_lemma_filter_chain() -> None:
    analysis = analysis_settings(AnalysisProfile("english", "ingest_uk_lemma", True))
    assert analysis["analyzer"]["uk_text"] == {
        "type": "custom",
        "tokenizer": "standard",
        "char_filter": ["uk_normalize"],
        "filter": ["lowercase", "uk_stop", "uk_lemma"],
    }
    assert analysis["filter"]["uk_lemma"] == {"type": "ingest_uk_lemma"}
    assert "uk_upper" not in analysis["char_filter"]


def test_minimal_profile_still_has_stopwords_and_lowercase() -> None:
    analysis = analysis_settings(MINIMAL)
    assert analysis["analyzer"]["en_text"]["filter"] == ["lowercase", "en_stop"]
    assert analysis["analyzer"]["uk_text"]["filter"] == ["lowercase", "uk_stop"]
    assert "санкції" not in analysis["filter"]["uk_stop"]["stopwords"]
    assert "що" in analysis["filter"]["uk_stop"]["stopwords"]


def test_char_filter_is_used_by_the_basic_ukrainian_chain_when_available() -> None:
    profile = AnalysisProfile("english", "basic", True)
    assert analysis_settings(profile)["analyzer"]["uk_text"]["char_filter"] == ["uk_normalize"]


def test_profile_is_stored_in_meta_and_changes_the_hash() -> None:
    full = index_bodies(Host(), FULL_PROFILE)["articles"]
    minimal = index_bodies(Host(), MINIMAL)["articles"]
    assert full["mappings"]["_meta"]["analysis"] == {
        "english": "english",
        "ukrainian": "ukrainian",
        "char_filters": True,
    }
    assert full["mappings"]["_meta"]["mapping_hash"] == mapping_hash(full)
    assert full["mappings"]["_meta"]["mapping_hash"] != minimal["mappings"]["_meta"]["mapping_hash"]


def test_language_fields_and_other_languages() -> None:
    mappings = index_bodies(Host())["articles"]["mappings"]
    assert mappings["properties"]["title"]["properties"]["uk"]["analyzer"] == "uk_text"
    assert mappings["properties"]["body"]["properties"]["en"]["analyzer"] == "en_text"
    other = mappings["dynamic_templates"][0]["title_other_languages"]
    assert other["path_match"] == "title.*" and other["mapping"]["analyzer"] == "other_text"


# ------------------------------------------------------------------ on the live node
PAIRS = json.loads((REPO / "scripts/bench/data/uk_retrieval/pairs.json").read_text("utf-8"))


@pytest.fixture(params=PROFILES)
def profile(request: pytest.FixtureRequest, es: Elasticsearch) -> AnalysisProfile:
    return profile_for(request.param, es)


def _create(es: Elasticsearch, alias: str, profile: AnalysisProfile) -> str:
    """``alias``-v1 through the template ``ingest run`` would apply (checked-in for production)."""
    if profile == FULL_PROFILE:
        template = checked_in_template("articles", alias)
    else:
        template = template_body(alias, index_bodies(Host(), profile)["articles"])
    es.indices.put_index_template(name=alias, **template)
    es.indices.create(index=f"{alias}-v1")
    return f"{alias}-v1"


@pytest.mark.es
def test_the_node_generates_the_checked_in_templates(es: Elasticsearch) -> None:
    profile_for("production", es)  # fails (or skips) without the production components
    bodies = index_bodies(Host(), probe(es))
    for kind, alias in (("articles", "news"), ("comments", "news-comments")):
        checked_in = json.loads((MAPPINGS / f"{kind}.template.json").read_text())
        assert template_body(alias, bodies[kind]) == checked_in


@pytest.mark.es
def test_word_forms_a_searcher_expects_to_match_do(
    es: Elasticsearch, index_name: str, profile: AnalysisProfile
) -> None:
    index = _create(es, index_name, profile)

    def tokens(analyzer: str, text: str) -> set[str]:
        found = es.indices.analyze(index=index, analyzer=analyzer, text=text)["tokens"]
        return {t["token"] for t in found}

    apart = {
        f"{a}/{b}"
        for lang, analyzer in (("uk", "uk_text"), ("en", "en_text"))
        for a, b in PAIRS[lang]
        if not tokens(analyzer, a) & tokens(analyzer, b)
    }
    expected = set()
    if profile.english == "hunspell":
        expected.add("Belarusians/Belarusian")  # en_US lists Belarusian without a plural
    if profile.ukrainian == "hunspell" and not profile.char_filters:
        # Lower-case proper nouns reach the dictionary only through the uk_upper char filter.
        expected |= {"україни/Україна", "ро́сії/Росії"}
    assert apart == expected
    assert "київ" in tokens("uk_text", "Києві")
    assert tokens("uk_text", "Придністров’ю") == tokens("uk_text", "Придністров'я")
