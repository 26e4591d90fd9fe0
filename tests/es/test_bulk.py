"""Bulk push against the live node: idempotent re-runs, comment replacement,
the dead-letter file, and memory that does not grow with the corpus."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from ingest_plugins.cli import main
from ingest_plugins.deadletter import DeadLetter
from ingest_plugins.document import Article, Comment, Document, EncodingReport
from ingest_plugins.es.bulk import push
from ingest_plugins.es.indices import ensure_current
from ingest_plugins.plugins import load_host
from tests.conftest import SEEDS
from tests.reliability.helpers import (
    VT_COMMENTS,
    count,
    drop_comment,
    field_values,
    summary,
    vt_page,
    write_corpus,
)

pytestmark = pytest.mark.es

MOOD_PLUGIN = (
    "from ingest_plugins import hookimpl\n"
    "@hookimpl\n"
    "def ingest_mappings():\n"
    "    return {'mood': {'type': 'integer'}}\n"
    "@hookimpl\n"
    "def ingest_enrich(document):\n"
    "    return {'mood': 'grumpy' if document.article.source == 'vt' else 3}\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["run", *args, "--workers", "1"])
    return code, capsys.readouterr().err


def comment_ids(es: Elasticsearch, index: str, article_id: str) -> list[str]:
    es.indices.refresh(index=f"{index}-comments")
    hits = es.search(
        index=f"{index}-comments", query={"term": {"article_id": article_id}}, size=100
    )["hits"]["hits"]
    return sorted(hit["_source"]["comment_id"] for hit in hits)


@pytest.mark.usefixtures("es_env")
def test_rerun_is_idempotent_and_a_changed_input_updates_its_document(
    es: Elasticsearch, index_name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    pages = write_corpus(folder, 3)
    for seed in SEEDS.iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    expected = {"documents": 5, "comments": 3 * VT_COMMENTS + 5, "failures": 0}

    # First run, then every document sent again (--force), then a run that skips them all.
    for flags, numbers in (
        ((), {**expected, "unchanged": 0}),
        (("--force",), {**expected, "unchanged": 0}),
        ((), {"documents": 0, "comments": 0, "failures": 0, "unchanged": 5}),
    ):
        code, err = run(capsys, str(folder), "--index", index_name, *flags)
        assert code == 0, err
        assert summary(err).items() >= numbers.items()
        assert count(es, index_name) == 5
        assert count(es, f"{index_name}-comments") == expected["comments"]
    paths = field_values(es, index_name, "path")
    assert sorted(paths) == sorted(str(p) for p in folder.iterdir())  # each input once

    # Same canonical URL (same id), new title, one comment gone, one renumbered.
    html = drop_comment(vt_page(0, title="Drone Makers Win Their Hearing"), "5501")
    pages[0].write_text(html.replace("comment-5505", "comment-5599"))
    code, err = run(capsys, str(folder), "--index", index_name)
    assert code == 0, err
    assert "removed 2 comment(s) their re-parsed article no longer has" in err
    assert count(es, index_name) == 5
    assert count(es, f"{index_name}-comments") == expected["comments"] - 1
    (hit,) = es.search(index=index_name, query={"term": {"path": str(pages[0])}})["hits"]["hits"]
    assert hit["_source"]["title"] == {"en": "Drone Makers Win Their Hearing"}
    assert comment_ids(es, index_name, hit["_id"]) == ["5502", "5503", "5504", "5599"]


@pytest.mark.usefixtures("es_env")
def test_an_article_that_loses_all_its_comments_loses_them_in_the_index(
    es: Elasticsearch, index_name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text(vt_page(7))
    assert run(capsys, str(page), "--index", index_name)[0] == 0
    assert count(es, f"{index_name}-comments") == VT_COMMENTS
    html = vt_page(7)
    start, end = html.index('<ol class="comment-list">'), html.index('<div id="respond"')
    page.write_text(html[:start] + html[end:])
    code, err = run(capsys, str(page), "--index", index_name)
    assert code == 0, err
    assert summary(err)["comments"] == 0
    assert count(es, f"{index_name}-comments") == 0
    assert count(es, index_name) == 1


@pytest.mark.usefixtures("es_env")
def test_refused_documents_go_to_the_dead_letter_file_and_the_run_goes_on(
    es: Elasticsearch, index_name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    pages = write_corpus(folder, 3)
    aljazeera = sorted(SEEDS.iterdir())[1]
    (folder / aljazeera.name).write_bytes(aljazeera.read_bytes())
    plugin = tmp_path / "mood.py"
    plugin.write_text(MOOD_PLUGIN)
    letters = tmp_path / "out" / "refused.jsonl"

    code, err = run(
        capsys, str(folder), "--index", index_name, "--plugin", str(plugin),
        "--dead-letter", str(letters),
    )  # fmt: skip
    assert code == 1
    numbers = summary(err)
    assert numbers["inputs"] == 4 and numbers["documents"] == 1
    assert numbers["failures"] == 3 and numbers["rejected"] == 3
    assert f"3 refused document(s) written to {letters}" in err
    for page in pages:
        assert f"{page}: rejected by Elasticsearch: document_parsing_exception" in err
    records = [json.loads(line) for line in letters.read_text().splitlines()]
    assert sorted(r["path"] for r in records) == sorted(str(p) for p in pages)
    for record in records:
        assert set(record) == {"path", "id", "index", "reason", "document"}
        assert record["index"] == index_name
        assert record["document"]["id"] == record["id"]
        assert record["document"]["mood"] == "grumpy"
        assert record["reason"].startswith("document_parsing_exception")
    assert field_values(es, index_name, "source") == ["aljazeera"]


@pytest.mark.usefixtures("es_env")
def test_no_dead_letter_file_when_nothing_is_refused(
    index_name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letters = tmp_path / "refused.jsonl"
    code, err = run(capsys, str(SEEDS), "--index", index_name, "--dead-letter", str(letters))
    assert code == 0, err
    assert not letters.exists()
    assert "refused document(s)" not in err


def synthetic(count: int) -> Iterator[Document]:
    """``count`` small distinct documents with two comments each, made on the fly."""
    for n in range(count):
        body = f"Story number {n}. " + "The committee met again and said little. " * 20
        article = Article(
            source="vt",
            title={"en": f"Story {n}"},
            body={"en": body},
            url=f"https://example.org/story/{n}",
            comments=tuple(Comment(id=str(c), parent=None, depth=0, text="Agreed.", lang="en")
                           for c in range(2)),
        )  # fmt: skip
        yield Document(f"{n:020d}", f"mem/{n}.txt", article, EncodingReport("utf-8"), "text")


def peak_push_memory(es: Elasticsearch, index: str, documents: int) -> int:
    tracemalloc.start()
    try:
        report = push(es, synthetic(documents), index, chunk_size=200)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.documents == documents and report.failures == 0
    return peak


def test_push_memory_does_not_grow_with_the_corpus(es: Elasticsearch, index_name: str) -> None:
    """Ten times the documents, about the same peak: nothing is kept per document."""
    ensure_current(es, index_name, load_host())
    small = peak_push_memory(es, index_name, 300)
    large = peak_push_memory(es, index_name, 3000)
    assert count(es, index_name) == 3000
    assert large < small * 1.5 + 512 * 1024, (small, large)


def test_dead_letter_is_created_only_on_the_first_refusal(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dl.jsonl"
    with DeadLetter(path) as letters:
        assert not path.exists()
        letters.write("in/a.html", "abc", "news", "mapper_parsing_exception: x", {"id": "abc"})
        letters.write("in/b.html", "def", "news-comments", "y", None)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines[0] == {
        "path": "in/a.html",
        "id": "abc",
        "index": "news",
        "reason": "mapper_parsing_exception: x",
        "document": {"id": "abc"},
    }
    assert lines[1]["document"] is None and letters.count == 2
