"""The whole parse path (bytes → text → plugin → Document) on the seeds and their variants."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from ingest_plugins.pipeline import Failure, Pipeline, iter_inputs
from ingest_plugins.plugins import load_host
from ingest_plugins.serialize import document_record
from tests.conftest import SEEDS

GOLDEN = Path(__file__).parent / "golden" / "parse"
SEED_NAMES = sorted(p.name for p in SEEDS.iterdir())


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(load_host(env={"INGEST_PLUGINS": "vt,aljazeera"}, strict=True))


def record_of(pipeline: Pipeline, raw: bytes, path: str) -> dict[str, Any]:
    return document_record(pipeline.parse_bytes(raw, path))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_matches_its_reviewed_golden_record(pipeline: Pipeline, name: str) -> None:
    record = record_of(pipeline, (SEEDS / name).read_bytes(), f"seeds/{name}")
    expected = json.loads((GOLDEN / f"{Path(name).stem}.json").read_text())
    assert record == expected


def test_vt_seed_has_the_expected_shape(pipeline: Pipeline) -> None:
    record = record_of(pipeline, (SEEDS / SEED_NAMES[0]).read_bytes(), "vt.txt")
    assert record["source"] == "vt" and record["authors"] == ["Dave Decamp"]
    assert [c["depth"] for c in record["comments"]] == [1, 0, 1, 1, 1]
    assert [c["parent"] for c in record["comments"]] == [None, None, "c2", "c2", "c2"]
    assert len(record["disclaimers"]) == 2
    body = record["body"]["en"]
    assert "sausage" not in body and "non-VT sources" not in body


def test_aljazeera_seed_has_the_expected_shape(pipeline: Pipeline) -> None:
    record = record_of(pipeline, (SEEDS / SEED_NAMES[1]).read_bytes(), "aj.txt")
    assert record["published"] == "2022-07-01"
    assert (
        record["url"]
        == "https://www.aljazeera.com/news/2022/7/1/russia-belarus-unification-ukraine-war"
    )
    assert set(record["title"]) == {"en", "uk"} and "uk" in record["summary"]
    assert list(record["body"]) == ["en"] and record["languages"] == ["en", "uk"]
    assert not any("\u0400" <= ch <= "\u04ff" for ch in record["body"]["en"])


def _mojibake(text: str) -> bytes:
    """UTF-8 read as Windows-1252 (bytes it leaves undefined read as Latin-1) and saved."""
    import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")

    return text.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")


VARIANTS = {
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "utf-8-bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "utf-16": lambda t: t.encode("utf-16"),
    "cp1251": lambda t: t.encode("cp1251"),
    "mojibake": _mojibake,
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("name", SEED_NAMES)
def test_encoding_variants_give_the_same_document(
    pipeline: Pipeline, name: str, variant: str
) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8").replace("\u00a0", " ")
    try:
        raw = VARIANTS[variant](text)
    except UnicodeEncodeError:
        pytest.skip(f"{name} cannot be written in {variant}")
    clean = record_of(pipeline, (SEEDS / name).read_bytes(), "in.txt")
    damaged = record_of(pipeline, raw, "in.txt")
    assert damaged.pop("encoding")["fixes"] != [] or variant in {"utf-16", "cp1251"}
    clean.pop("encoding")
    assert damaged.pop("sha256") != clean.pop("sha256")  # the bytes differ, the document not
    assert damaged == clean


def test_the_same_input_always_gets_the_same_id(pipeline: Pipeline) -> None:
    raw = (SEEDS / SEED_NAMES[1]).read_bytes()
    assert pipeline.parse_bytes(raw, "a.txt").id == pipeline.parse_bytes(raw, "b/c.txt").id


def test_a_changed_input_keeps_its_id(pipeline: Pipeline) -> None:
    raw = (SEEDS / SEED_NAMES[0]).read_bytes()
    edited = raw.replace(b"Comments are closed.", b"")
    assert pipeline.parse_bytes(raw, "a").id == pipeline.parse_bytes(edited, "a").id


def test_inputs_are_walked_recursively_sorted_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for rel in ("b/2.txt", "a.txt", ".hidden", "b/1.html"):
        (tmp_path / rel).write_text("x")
    assert list(iter_inputs([str(tmp_path)])) == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "1.html"),
        str(tmp_path / "b" / "2.txt"),
    ]


def test_missing_paths_and_symlink_loops_are_failures(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    os.symlink(tmp_path / "self", tmp_path / "self")
    items = list(iter_inputs([str(tmp_path / "nope.txt"), str(tmp_path)]))
    failures = {f.path: f.reason for f in items if isinstance(f, Failure)}
    assert failures[str(tmp_path / "nope.txt")] == "no such file or directory"
    assert "symlink loop" in failures[str(tmp_path / "d" / "loop")]
    assert "broken symbolic link" in failures[str(tmp_path / "self")]


def test_too_large_input_is_refused_with_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    (failure,) = list(Pipeline(load_host(env={}), max_bytes=1024).process([str(big)]))
    assert isinstance(failure, Failure)
    assert failure.reason.startswith("too large: 0.0 MB (limit 0 MB")
