"""Bilingual search on the live node: analysis, language fields, comments, alias swap.

The seeds are ingested once per analysis profile of ``tests/profiles.py``
(the production templates unchanged, and the hunspell fallback), and every
search test runs on both.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from ingest_plugins.cli import main
from ingest_plugins.es.analysis import AnalysisProfile, probe
from ingest_plugins.es.connection import ConnectionSettings
from tests.conftest import SEEDS, delete_index_family
from tests.profiles import PROFILES, checked_in_template, forced, profile_for

pytestmark = pytest.mark.es

RUSSIAN_REPOST = """

Al Jazeera.- 02.07.2022

kremlin says talks with minsk continue

Кремль заявил, что переговоры с Минском о санкциях продолжаются

Представитель Кремля заявил, что переговоры с Беларусью о совместном ответе на санкции продолжаются.

<https://www.aljazeera.com/news/2022/7/2/kremlin-minsk-talks-continue>

The Kremlin said talks with Minsk on a joint response to sanctions are continuing.

A Kremlin spokesman told reporters on Saturday that the talks would go on.
"""


@pytest.fixture(scope="module", params=PROFILES)
def analysis(request: pytest.FixtureRequest, es: Elasticsearch) -> tuple[str, AnalysisProfile]:
    """The profile's name and what it is on this node."""
    return request.param, profile_for(request.param, es)


@pytest.fixture(scope="module")
def indexed(
    es_settings: ConnectionSettings,
    tmp_path_factory: pytest.TempPathFactory,
    analysis: tuple[str, AnalysisProfile],
) -> Iterator[str]:
    """The seeds plus a Russian-translation repost, ingested once per profile."""
    folder = tmp_path_factory.mktemp("in")
    for seed in SEEDS.iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "ru_repost.txt").write_text(RUSSIAN_REPOST, encoding="utf-8")
    saved = {
        k: os.environ.get(k)
        for k in ("INGEST_ES_URL", "INGEST_ES_USER", "INGEST_ES_PASSWORD", "INGEST_ES_CA_CERTS")
    }
    os.environ.update(
        {
            "INGEST_ES_URL": es_settings.url,
            "INGEST_ES_USER": es_settings.user or "",
            "INGEST_ES_PASSWORD": es_settings.password or "",
            "INGEST_ES_CA_CERTS": es_settings.ca_certs or "",
        }
    )
    index = f"test-bilingual-{analysis[0]}"
    try:
        with forced(analysis[1]):
            assert main(["run", str(folder), "--index", index]) == 0
        yield index
    finally:
        delete_index_family(es_settings.client(), index)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def search(capsys: pytest.CaptureFixture[str], index: str, *args: str) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["search", *args, "--index", index, "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def sources(hits: list[dict[str, object]]) -> list[object]:
    return sorted(str(h["url"] or h["source"]) for h in hits)


AJ_URL = "https://www.aljazeera.com/news/2022/7/1/russia-belarus-unification-ukraine-war"


def test_the_local_node_offers_the_production_chains_unless_bare(es: Elasticsearch) -> None:
    if os.environ.get("INGEST_ES_URL"):
        pytest.skip("the expected profile is that of the local test node")
    profile = probe(es)
    expected = ("english", "ukrainian", True)
    if os.environ.get("INGEST_ES_BARE") == "1":
        expected = ("hunspell", "hunspell", False)
    assert (profile.english, profile.ukrainian, profile.char_filters) == expected


def test_the_index_templates_are_those_of_the_profile(
    indexed: str, es: Elasticsearch, analysis: tuple[str, AnalysisProfile]
) -> None:
    name, profile = analysis
    for kind, alias in (("articles", indexed), ("comments", f"{indexed}-comments")):
        (stored,) = es.indices.get_index_template(name=alias)["index_templates"]
        if name == "production":  # mappings/ as reviewed, applied unchanged
            expected = checked_in_template(kind, alias)
            assert {k: stored["index_template"][k] for k in expected} == expected
        meta = stored["index_template"]["template"]["mappings"]["_meta"]
        assert meta["analysis"] == profile.meta()


def test_ukrainian_inflection_finds_the_base_form(
    indexed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    hits = search(capsys, indexed, "санкціями", "--lang", "uk")
    assert [h["url"] for h in hits] == [AJ_URL]


@pytest.mark.parametrize("spelling", ["об’єднання", "обʼєднання", "об'єднання", "обʼє́днання"])
def test_every_apostrophe_finds_the_text_written_with_another(
    indexed: str, capsys: pytest.CaptureFixture[str], spelling: str
) -> None:
    hits = search(capsys, indexed, spelling, "--lang", "uk")
    assert [h["url"] for h in hits] == [AJ_URL]


def test_english_plural_finds_the_singular_in_both_seeds(
    indexed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    hits = search(capsys, indexed, "treaties", "--lang", "en")
    assert sorted(h["source"] for h in hits) == ["aljazeera", "vt"]


def test_a_comment_word_finds_the_comment_not_the_article(
    indexed: str, capsys: pytest.CaptureFixture[str], es: Elasticsearch
) -> None:
    assert search(capsys, indexed, "sausage") == []
    comments = search(capsys, indexed, "sausage", "--comments")
    vt_id = es.search(index=indexed, query={"term": {"source": "vt"}})["hits"]["hits"][0]["_id"]
    assert [c["article_id"] for c in comments] == [vt_id]


def test_russian_translation_stays_out_of_ukrainian_search(
    indexed: str, capsys: pytest.CaptureFixture[str], es: Elasticsearch
) -> None:
    # "санкціями" is the Ukrainian inflection; the Russian repost says "санкциях"/"санкции".
    hits = search(capsys, indexed, "санкціями", "--lang", "uk")
    assert all("kremlin" not in str(h["url"]) for h in hits)
    ru = es.search(index=indexed, query={"exists": {"field": "title.ru"}})["hits"]["hits"]
    assert len(ru) == 1 and "uk" not in ru[0]["_source"]["title"]
    assert search(capsys, indexed, "санкции", "--lang", "ru")[0]["url"] == (
        "https://www.aljazeera.com/news/2022/7/2/kremlin-minsk-talks-continue"
    )


def test_filters_by_source_and_date(indexed: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert [h["source"] for h in search(capsys, indexed, "sanctions", "--source", "vt")] == ["vt"]
    since = search(capsys, indexed, "sanctions", "--since", "2022-07-02")
    assert [h["url"] for h in since] == [
        "https://www.aljazeera.com/news/2022/7/2/kremlin-minsk-talks-continue"
    ]


def test_mappings_show_reports_the_stored_profile(
    indexed: str,
    capsys: pytest.CaptureFixture[str],
    es: Elasticsearch,
    analysis: tuple[str, AnalysisProfile],
) -> None:
    profile = analysis[1]
    offered = probe(es)
    capsys.readouterr()
    assert main(["mappings", "show", "--index", indexed, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    (articles, comments) = shown["aliases"]
    assert articles["alias"] == indexed and articles["index"] == f"{indexed}-v1"
    assert articles["meta"]["analysis"] == comments["meta"]["analysis"] == profile.meta()
    assert comments["index"] == f"{indexed}-comments-v1"
    # A forced profile other than what the cluster offers is reported as not current.
    assert articles["current"] == comments["current"] == (profile.meta() == offered.meta())
    why = shown["cluster_offers"]["why"]
    assert why["uk_text"].startswith(f"{offered.ukrainian} — ")
    assert main(["mappings", "show", "--index", indexed]) == 0
    text = capsys.readouterr().out
    assert f"  uk_text: {why['uk_text']}" in text
    assert ("`ingest reindex` moves it" in text) != articles["current"]


def test_alias_swap_keeps_search_answering_during_a_reindex(
    es_settings: ConnectionSettings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = "test-swap"
    client = es_settings.client()
    env = {
        "INGEST_ES_URL": es_settings.url,
        "INGEST_ES_USER": es_settings.user or "",
        "INGEST_ES_PASSWORD": es_settings.password or "",
        "INGEST_ES_CA_CERTS": es_settings.ca_certs or "",
    }
    os.environ.update(env)
    delete_index_family(client, index)
    try:
        assert main(["run", str(SEEDS), "--index", index]) == 0
        plugin = tmp_path / "mood.py"
        plugin.write_text(
            "from ingest_plugins import hookimpl\n"
            "@hookimpl\n"
            "def ingest_mappings():\n"
            "    return {'mood': {'type': 'keyword'}}\n"
        )
        answers: list[int] = []
        errors: list[BaseException] = []
        stop = threading.Event()

        def keep_searching() -> None:
            reader = es_settings.client()
            while not stop.is_set():
                try:
                    hits = reader.search(index=index, query={"match": {"body.en": "sanctions"}})
                    answers.append(hits["hits"]["total"]["value"])
                except BaseException as err:  # any failure is the test's finding
                    errors.append(err)

        reader_thread = threading.Thread(target=keep_searching)
        reader_thread.start()
        try:
            assert main(["reindex", "--index", index, "--plugin", str(plugin)]) == 0
        finally:
            stop.set()
            reader_thread.join()
        assert "re-indexed from test-swap-v1 into test-swap-v2" in capsys.readouterr().err
        assert errors == []
        assert answers and set(answers) == {2}
        assert list(client.indices.get_alias(name=index)) == [f"{index}-v2"]
        mapping = client.indices.get_mapping(index=index)[f"{index}-v2"]["mappings"]
        assert mapping["properties"]["mood"] == {"type": "keyword"}
        assert client.count(index=index)["count"] == 2
    finally:
        delete_index_family(client, index)
        for key in env:
            os.environ.pop(key, None)


@pytest.mark.parametrize("spelling", ["об’єднання", "обʼєднання", "обʼє́днання"])
def test_the_analyzer_itself_unifies_apostrophes_for_any_client(
    indexed: str, es: Elasticsearch, spelling: str
) -> None:
    """No help from ``ingest search``: a raw match query through the index analyzer."""
    hits = es.search(index=indexed, query={"match": {"title.uk": spelling}})["hits"]["hits"]
    assert [h["_source"]["url"] for h in hits] == [AJ_URL]
