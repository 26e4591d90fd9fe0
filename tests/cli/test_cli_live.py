"""``ingest run`` / ``search`` end to end against the live node."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from elasticsearch import BadRequestError, Elasticsearch

from ingest_plugins.cli import main
from tests.conftest import SEEDS
from tests.plugin_helpers import EXAMPLE_FILE, WIRE_TEXT

pytestmark = pytest.mark.es


def count(es: Elasticsearch, index: str) -> int:
    return int(es.count(index=index)["count"])


def search_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["search", *args, "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.usefixtures("es_env")
def test_run_seeds_then_search_finds_both(
    es: Elasticsearch, index_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", str(SEEDS), "--index", index_name]) == 0
    summary = capsys.readouterr().err
    assert "inputs: 2  documents: 2  comments: 5  failures: 0" in summary
    hits = search_json(capsys, "sanctions", "--index", index_name)
    assert sorted(h["source"] for h in hits) == ["aljazeera", "vt"]
    assert all({"id", "source", "title", "url", "score"} <= set(h) for h in hits)
    assert main(["search", "sanctions", "--index", index_name]) == 0
    readable = capsys.readouterr()
    assert "[aljazeera] putin says Western sanctions" in readable.out
    assert "[[sanctions]]" in readable.out and "seeds/000_69b621c95946143e.txt" in readable.out
    assert "2 hit(s)" in readable.err


@pytest.mark.usefixtures("es_env")
def test_rerun_updates_and_never_duplicates(
    es: Elasticsearch, index_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        assert main(["run", str(SEEDS), "--index", index_name]) == 0
    assert count(es, index_name) == 2
    assert count(es, f"{index_name}-comments") == 5


@pytest.mark.usefixtures("es_env")
def test_comment_search_returns_the_article_id(
    es: Elasticsearch, index_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", str(SEEDS), "--index", index_name]) == 0
    assert search_json(capsys, "sausage", "--index", index_name) == []
    comments = search_json(capsys, "sausage", "--index", index_name, "--comments")
    assert len(comments) == 1
    vt = es.search(index=index_name, query={"term": {"source": "vt"}})["hits"]["hits"][0]
    assert comments[0]["article_id"] == vt["_id"]
    assert "sausage" in str(comments[0]["text"])


@pytest.mark.usefixtures("es_env")
def test_bad_inputs_are_named_and_the_rest_is_indexed(
    es: Elasticsearch, index_name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(SEEDS, tmp_path / "in")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "memo.txt").write_text("Minutes of the garden club meeting.\n")
    code = main(["run", str(tmp_path / "in"), "--index", index_name])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{tmp_path / 'in' / 'empty.txt'}: empty input" in err
    assert f"{tmp_path / 'in' / 'memo.txt'}: no plugin claimed this input" in err
    assert "inputs: 4  documents: 2  comments: 5  failures: 2" in err
    assert count(es, index_name) == 2


@pytest.mark.usefixtures("es_env")
def test_third_party_plugin_works_end_to_end(
    es: Elasticsearch, index_name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bulletin.txt").write_text(WIRE_TEXT)
    args = ["--plugin", str(EXAMPLE_FILE), "--index", index_name]
    assert main(["run", str(tmp_path / "bulletin.txt"), *args]) == 0
    (mapping,) = (m["mappings"] for m in es.indices.get_mapping(index=index_name).values())
    assert mapping["properties"]["word_count"] == {"type": "integer"}
    hits = es.search(index=index_name, query={"range": {"word_count": {"gte": 6}}})["hits"]
    assert hits["total"]["value"] == 1
    assert hits["hits"][0]["_source"]["source"] == "example_wire"


def test_unreachable_cluster_fails_fast_and_clearly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INGEST_ES_URL", "https://127.0.0.1:9")
    monkeypatch.setenv("INGEST_ES_PASSWORD", "s3cret-never-printed")
    assert main(["run", str(SEEDS), "--index", "unused"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach Elasticsearch" in err
    assert "s3cret-never-printed" not in err


@pytest.mark.usefixtures("es_env")
def test_wrong_password_is_reported_without_the_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INGEST_ES_PASSWORD", "wrong-Pa55word-xyz")
    assert main(["run", str(SEEDS), "--index", "unused"]) == 2
    out = capsys.readouterr()
    assert "refused the credentials" in out.err
    assert "wrong-Pa55word-xyz" not in out.err + out.out


@pytest.mark.usefixtures("es_env")
def test_a_rejected_document_is_reported_and_the_others_are_indexed(
    es: Elasticsearch, index_name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plugin = tmp_path / "mood.py"
    plugin.write_text(
        "from ingest_plugins import hookimpl\n"
        "@hookimpl\n"
        "def ingest_mappings():\n"
        "    return {'mood': {'type': 'integer'}}\n"
        "@hookimpl\n"
        "def ingest_enrich(document):\n"
        "    return {'mood': 'grumpy' if document.article.source == 'vt' else 3}\n"
    )
    dead = tmp_path / "dead.jsonl"
    code = main(
        [
            "run",
            str(SEEDS),
            "--index",
            index_name,
            "--plugin",
            str(plugin),
            "--dead-letter",
            str(dead),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    vt_seed = sorted(SEEDS.iterdir())[0]
    assert f"{vt_seed}: rejected by Elasticsearch: document_parsing_exception" in err
    assert "inputs: 2  documents: 1  comments: 0  failures: 1" in err
    assert count(es, index_name) == 1
    (letter,) = [json.loads(line) for line in dead.read_text().splitlines()]
    assert letter["path"] == str(vt_seed) and "document_parsing_exception" in letter["reason"]


@pytest.mark.usefixtures("es_env")
def test_a_bad_api_key_is_sent_refused_and_never_printed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = "Ym9ndXMta2V5LWlkOmJvZ3VzLWtleS1zZWNyZXQ="
    monkeypatch.setenv("INGEST_ES_API_KEY", bogus)
    assert main(["search", "sanctions", "--index", "unused"]) == 2
    out = capsys.readouterr()
    assert "refused the credentials" in out.err
    assert bogus not in out.err + out.out


@pytest.mark.usefixtures("es_env")
def test_api_key_authentication_works(
    es: Elasticsearch,
    index_name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    try:
        key = es.security.create_api_key(name=f"{index_name}-key", expiration="1h")
    except BadRequestError as err:
        # The integ-test-zip node cannot create its .security index (its mapping
        # needs analysis-common), so it cannot issue API keys; see the README.
        pytest.skip(f"this cluster cannot issue API keys: {err.message}")
    try:
        monkeypatch.delenv("INGEST_ES_USER")
        monkeypatch.delenv("INGEST_ES_PASSWORD")
        monkeypatch.setenv("INGEST_ES_API_KEY", key["encoded"])
        assert main(["run", str(SEEDS), "--index", index_name]) == 0
        out = capsys.readouterr()
        assert key["encoded"] not in out.err + out.out
        assert len(search_json(capsys, "sanctions", "--index", index_name)) == 2
    finally:
        es.security.invalidate_api_key(ids=[key["id"]])
