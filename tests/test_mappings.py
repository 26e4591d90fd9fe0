"""Mappings: the reviewed templates in mappings/, and the bodies each profile generates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest_plugins.es.analysis import FULL_PROFILE, AnalysisProfile, analysis_settings
from ingest_plugins.es.indices import template_body
from ingest_plugins.es.mappings import index_bodies, mapping_hash
from ingest_plugins.plugins import Host

MAPPINGS = Path(__file__).parent.parent / "mappings"
MINIMAL = AnalysisProfile("basic", "basic", False)
TEST_NODE = AnalysisProfile("hunspell", "hunspell", False)


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


def test_hunspell_profile_chains() -> None:
    analysis = analysis_settings(TEST_NODE)
    assert analysis["analyzer"]["en_text"]["filter"] == ["lowercase", "en_stop", "en_hunspell"]
    assert analysis["analyzer"]["uk_text"]["filter"] == ["lowercase", "uk_stop", "uk_hunspell"]
    assert analysis["filter"]["uk_hunspell"] == {
        "type": "hunspell",
        "locale": "uk_UA",
        "dedup": True,
    }
    assert "char_filter" not in analysis


def test_minimal_profile_still_has_stopwords_and_lowercase() -> None:
    analysis = analysis_settings(MINIMAL)
    assert analysis["analyzer"]["en_text"]["filter"] == ["lowercase", "en_stop"]
    assert analysis["analyzer"]["uk_text"]["filter"] == ["lowercase", "uk_stop"]
    assert "санкції" not in analysis["filter"]["uk_stop"]["stopwords"]
    assert "що" in analysis["filter"]["uk_stop"]["stopwords"]


def test_char_filter_is_used_by_the_ukrainian_chain_when_available() -> None:
    profile = AnalysisProfile("basic", "hunspell", True)
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
