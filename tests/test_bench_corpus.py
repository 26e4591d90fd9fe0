"""The benchmark's corpus generator is honest: what it writes parses to what it says.

Every kind, layout and encoding the generator produces goes through the
real pipeline (decode, claim, parse), and the parsed source, format,
title, body and comment count must equal the generator's known values.
No timing here: the benchmark itself is ``tox -e bench``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest_plugins.document import Document
from ingest_plugins.pipeline import Failure, Pipeline
from ingest_plugins.plugins import load_host
from scripts.bench import corpus
from scripts.bench.metrics import body_f1, body_text

VARIANTS = [
    (kind, layout, encoding)
    for kind in corpus.KINDS
    for layout in corpus.LAYOUTS[kind]
    for encoding in corpus.ENCODINGS
    if not (encoding == "cp1251" and kind.startswith("vt"))
]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(load_host())


def _title(document: Document) -> str | None:
    return next(iter(document.article.title.values()), None)


@pytest.mark.parametrize(("kind", "layout", "encoding"), VARIANTS)
def test_every_variant_parses_to_its_known_values(
    pipeline: Pipeline, kind: str, layout: str, encoding: str
) -> None:
    for index in (3, 11):
        generated = corpus.make_document(5, index, kind=kind, layout=layout, encoding=encoding)
        document = pipeline.parse_bytes(generated.data, f"{kind}-{index}")
        assert document.article.source == generated.source
        assert document.format == generated.format
        assert document.article.body == generated.body
        assert _title(document) == generated.title
        assert len(document.article.comments) == generated.comments


def test_encodings_are_what_they_claim(pipeline: Pipeline) -> None:
    cp1251 = corpus.make_document(2, 0, kind="aj-text", layout="repost", encoding="cp1251")
    with pytest.raises(UnicodeDecodeError):
        cp1251.data.decode("utf-8")
    assert pipeline.parse_bytes(cp1251.data, "a").encoding.encoding == "cp1251"
    broken = corpus.make_document(2, 1, kind="vt-text", encoding="mojibake")
    assert "â€" in broken.data.decode("utf-8")
    assert "mojibake" in pipeline.parse_bytes(broken.data, "b").encoding.fixes


def test_documents_are_a_function_of_seed_and_index() -> None:
    assert corpus.make_document(1, 7).data == corpus.make_document(1, 7).data
    assert corpus.make_document(1, 7).data != corpus.make_document(2, 7).data


def test_a_corpus_on_disk_parses_to_its_known_bodies(tmp_path: Path, pipeline: Pipeline) -> None:
    corpus.generate(tmp_path, 60, seed=9, known=60)
    records = corpus.read_records(tmp_path)
    assert [r["index"] for r in records] == list(range(60))
    assert {r["kind"] for r in records} == set(corpus.KINDS)
    by_path = {str(tmp_path / r["path"]): r for r in records}
    parsed = list(pipeline.process([str(tmp_path / "docs")]))
    assert len(parsed) == len(records)
    for item in parsed:
        assert not isinstance(item, Failure), item
        record = by_path[item.path]
        assert Path(item.path).stat().st_size == record["bytes"]
        assert item.article.body == record["body"]
        assert body_f1(body_text(item.article.body), body_text(record["body"])) == 1.0
        if record["format"] == "html":
            assert 15_000 <= record["bytes"] <= 100_000
        else:
            assert 1_500 <= record["bytes"] <= 15_000


def test_body_f1() -> None:
    assert body_f1("The cat sat.", "the CAT sat") == 1.0
    assert body_f1("", "") == 1.0
    assert body_f1("dog", "cat") == 0.0
    assert body_f1("", "cat") == 0.0
    assert body_f1("a b c d", "a b") == pytest.approx(2 * 0.5 * 1.0 / 1.5)
