"""The benchmark's corpus is what the speed runs say it is.

Every kind, layout and encoding the generator produces goes through the
real pipeline (decode, claim, parse) and must come out as a whole article of
its source and format, with its comments: a page that failed, or that a
parser only half read, would make the speed figures measure something else.
No timing here: the benchmark itself is ``tox -e bench``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest_plugins.pipeline import Failure, Pipeline
from ingest_plugins.plugins import load_host
from scripts.bench import corpus
from scripts.bench.metrics import body_text

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


@pytest.mark.parametrize(("kind", "layout", "encoding"), VARIANTS)
def test_every_variant_parses_as_a_whole_article_of_its_source(
    pipeline: Pipeline, kind: str, layout: str, encoding: str
) -> None:
    for index in (3, 11):
        generated = corpus.make_document(5, index, kind=kind, layout=layout, encoding=encoding)
        document = pipeline.parse_bytes(generated.data, f"{kind}-{index}")
        assert document.article.source == generated.source
        assert document.format == generated.format
        assert len(body_text(document.article.body).split()) >= 100
        assert len(document.article.comments) == generated.comments


def test_vt_documents_carry_comment_threads() -> None:
    counts = [corpus.make_document(1, i, kind="vt-html").comments for i in range(20)]
    assert sum(counts) > 40
    assert corpus.make_document(1, 0, kind="aj-html").comments == 0


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


def test_a_corpus_on_disk_matches_its_records(tmp_path: Path, pipeline: Pipeline) -> None:
    records = corpus.generate(tmp_path, 60, seed=9)
    assert corpus.read_records(tmp_path) == records
    assert [r["path"] for r in records] == sorted(r["path"] for r in records)
    assert {(r["source"], r["format"]) for r in records} == {
        (source, fmt) for source in ("vt", "aljazeera") for fmt in ("text", "html")
    }
    by_path = {str(tmp_path / r["path"]): r for r in records}
    parsed = list(pipeline.process([str(tmp_path / "docs")]))
    assert len(parsed) == len(records)
    for item in parsed:
        assert not isinstance(item, Failure), item
        record = by_path[item.path]
        assert (item.article.source, item.format) == (record["source"], record["format"])
        assert Path(item.path).stat().st_size == record["bytes"]
        if record["format"] == "html":
            assert 15_000 <= record["bytes"] <= 100_000
        else:
            assert 1_500 <= record["bytes"] <= 15_000


def test_a_corpus_written_in_parallel_is_the_same(tmp_path: Path) -> None:
    serial = corpus.generate(tmp_path / "a", 2100, seed=3)
    parallel = corpus.generate(tmp_path / "b", 2100, seed=3, workers=2)
    assert serial == parallel
    assert len(serial) == 2100
    assert serial[2000]["path"] == f"docs/002/002000{Path(serial[2000]['path']).suffix}"
    for record in (serial[0], serial[1500], serial[2099]):
        path = record["path"]
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes()
