"""``ingest run --engine spark`` in Spark local mode against the live node.

One ``SparkContext`` (``local[2,2]``: two cores, a failed task is run once
more) serves the module; ``ingest run`` in this process finds it running and
uses it (as under ``spark-submit``), so Spark starts once. Its Python
workers run this interpreter, as they would for ``--spark-master local[2]``.
"""

from __future__ import annotations

import importlib
import io
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ingest_plugins.cli import build_parser, main
from ingest_plugins.es.connection import ConnectionSettings
from ingest_plugins.es.indices import ensure_current
from ingest_plugins.plugins import load_host
from ingest_plugins.spark import INSTALL_HINT
from tests.conftest import SEEDS
from tests.test_warc import NOTE, write_warc

SEED_FILES = sorted(SEEDS.iterdir())


def count(es: Elasticsearch, index: str) -> int:
    es.indices.refresh(index=index)
    return int(es.count(index=index)["count"])


def summary(err: str) -> str:
    return next(line for line in err.splitlines() if line.startswith("inputs: "))


# ------------------------------------------------------------------ without PySpark
def test_without_pyspark_the_run_stops_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark fails
    assert main(["run", "--engine", "spark", str(SEEDS)]) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [f"ingest: {INSTALL_HINT}"]
    assert "pip install 'ingest-plugins[spark]'" in captured.err


# ------------------------------------------------------------------ the driver's bookkeeping
def test_task_reports_add_up_and_the_first_stop_is_kept() -> None:
    from ingest_plugins.es.bulk import PushReport
    from ingest_plugins.spark.driver import merge_report

    total = PushReport(inputs=1, documents=1, waited=0.5)
    merge_report(total, PushReport(inputs=2, documents=1, comments=3, waited=1.0))
    merge_report(total, PushReport(inputs=1, failures=1, stopped="no progress for 300 s"))
    merge_report(total, PushReport(inputs=1, stopped="a later stop"))
    assert (total.inputs, total.documents, total.comments, total.failures) == (5, 2, 3, 1)
    assert total.waited == 1.5 and total.stopped == "no progress for 300 s"


def test_ids_seen_by_two_tasks_count_once_and_differences_are_named() -> None:
    from ingest_plugins.incremental import Identities
    from ingest_plugins.spark.driver import note_identities

    identities = Identities()
    note_identities(identities, [("a", "one.html", "1"), ("b", "two.html", "2")])
    note_identities(identities, [("a", "copy.html", "1"), ("b", "edited.html", "3")])
    assert identities.repeats == 2
    assert identities.collisions == [
        "edited.html and two.html resolve to the same document b with different content: "
        "the index keeps the one written last"
    ]


def test_an_executor_with_other_plugins_is_named() -> None:
    from ingest_plugins.spark.tasks import _mismatch

    assert _mismatch({"vt": "0.1.0"}, {"vt": "0.1.0"}, {}) is None
    found = _mismatch(
        {"vt": "0.1.0", "mysite": "1.0"},
        {"vt": "0.2.0", "stray": None},
        {"mysite": "entry point: ImportError: no lxml"},
    )
    assert found is not None
    assert "plugin 'mysite' did not load on this executor (entry point: ImportError" in found
    assert "plugin 'vt' is 0.2.0 here but 0.1.0 on the driver" in found
    assert "plugin 'stray' loaded here only" in found and "docs/scale.md" in found


def test_the_master_is_the_flag_else_spark_submit_s_else_all_local_cores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ingest_plugins.spark.driver import choose_master as master

    monkeypatch.delenv("PYSPARK_GATEWAY_PORT", raising=False)
    assert (master("spark://head:7077"), master(None)) == ("spark://head:7077", "local[*]")
    monkeypatch.setenv("PYSPARK_GATEWAY_PORT", "40000")  # set by spark-submit for its driver
    assert (master("local[2]"), master(None)) == ("local[2]", None)


# ------------------------------------------------------------------ live, on Spark
@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    """The module's Spark context (CI installs the spark extra: there it must import)."""
    if not os.environ.get("CI"):
        pytest.importorskip("pyspark", reason="the spark extra is not installed")
    importlib.import_module("pyspark")
    from ingest_plugins.spark.driver import spark_context

    with spark_context("local[2,2]") as context:
        yield context


live = pytest.mark.usefixtures("es_env", "spark")


@pytest.mark.es
@live
def test_seeds_are_indexed_and_a_second_run_duplicates_nothing(
    es: Elasticsearch,
    es_settings: ConnectionSettings,
    index_name: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    command = ["run", "--engine", "spark", "--spark-master", "local[2]", str(SEEDS)]
    assert main([*command, "--index", index_name]) == 0
    err = capsys.readouterr().err
    assert "inputs: 2  documents: 2  comments: 5  failures: 0  rejected: 0" in summary(err)
    assert summary(err).endswith("unchanged: 0")
    assert es_settings.password and es_settings.password not in err
    assert (count(es, index_name), count(es, f"{index_name}-comments")) == (2, 5)

    assert main([*command, "--index", index_name]) == 0
    again = summary(capsys.readouterr().err)
    assert "inputs: 2  documents: 0  comments: 0  failures: 0" in again
    assert again.endswith("unchanged: 2")
    assert (count(es, index_name), count(es, f"{index_name}-comments")) == (2, 5)

    assert main([*command, "--index", index_name, "--force"]) == 0
    forced = summary(capsys.readouterr().err)
    assert "inputs: 2  documents: 2  comments: 5" in forced and forced.endswith("unchanged: 0")
    assert (count(es, index_name), count(es, f"{index_name}-comments")) == (2, 5)


@pytest.mark.es
@live
def test_a_bad_file_fails_alone(
    es: Elasticsearch, index_name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    (inputs / "memo.txt").write_text("Minutes of the garden club meeting.\n")
    code = main(["run", "--engine", "spark", str(inputs), str(tmp_path / "gone.txt"),
                 "--index", index_name])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert f"ingest: {inputs / 'memo.txt'}: no plugin claimed this input" in err
    assert f"ingest: {tmp_path / 'gone.txt'}: no such file or directory" in err
    assert "inputs: 4  documents: 2  comments: 5  failures: 2" in summary(err)
    assert count(es, index_name) == 2


@pytest.mark.es
@live
def test_an_archive_is_read_by_a_task(
    es: Elasticsearch,
    index_name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    offsets = write_warc(tmp_path / "crawl.warc.gz")
    assert main(["run", "--engine", "spark", "crawl.warc.gz", "--index", index_name]) == 0
    err = capsys.readouterr().err
    assert NOTE in err
    assert "inputs: 2  documents: 2" in summary(err)
    hits = es.search(index=index_name, query={"match_all": {}}, sort=["path"])["hits"]["hits"]
    paths = [hit["_source"]["path"] for hit in hits]
    assert paths == [f"crawl.warc.gz#{offsets[2]}", f"crawl.warc.gz#{offsets[5]}"]


@pytest.mark.es
@live
def test_paths_with_a_scheme_are_read_by_spark(
    es: Elasticsearch, index_name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs / "seeds")
    write_warc(inputs / "crawl.warc.gz")
    for _ in range(2):
        assert main(["run", "--engine", "spark", inputs.as_uri(), "--index", index_name]) == 0
    err = capsys.readouterr().err
    first, again = [line for line in err.splitlines() if line.startswith("inputs: ")]
    assert "inputs: 4  documents: 4  comments: 9  failures: 0" in first  # the VT page has 4
    assert "documents: 2" in again and again.endswith("unchanged: 2")  # the archive's records
    assert f"file:{inputs}/crawl.warc.gz: 2 records read as inputs, 7 skipped" in err
    assert (count(es, index_name), count(es, f"{index_name}-comments")) == (4, 9)
    hits = es.search(index=index_name, query={"match_all": {}}, sort=["path"])["hits"]["hits"]
    assert all(hit["_source"]["path"].startswith(f"file:{inputs}/") for hit in hits)


# ------------------------------------------------------------------ tasks run again
@pytest.mark.es
@pytest.mark.usefixtures("es_env")
def test_a_partition_run_twice_duplicates_nothing(
    es: Elasticsearch, es_settings: ConnectionSettings, index_name: str
) -> None:
    from ingest_plugins.spark.driver import make_job
    from ingest_plugins.spark.tasks import run_partition

    args = build_parser().parse_args(["run", "--engine", "spark", "--index", index_name, "x"])
    host = load_host()
    ensure_current(es, index_name, host)
    job = make_job(args, host, force=False)
    assert es_settings.password and es_settings.password not in repr(job)
    paths = [(str(path), str(path)) for path in SEED_FILES]
    for _ in range(2):  # a retried or speculative task: the same inputs, sent again
        result = run_partition(job, paths, {})
        assert (result.report.documents, result.report.comments) == (2, 5)
        assert result.failures == [] and len(result.seen) == 2
    assert (count(es, index_name), count(es, f"{index_name}-comments")) == (2, 5)


@pytest.mark.es
@pytest.mark.usefixtures("es_env")
def test_a_task_whose_plugins_differ_fails_each_input(es: Elasticsearch, index_name: str) -> None:
    from ingest_plugins.spark.driver import make_job
    from ingest_plugins.spark.tasks import run_partition

    args = build_parser().parse_args(["run", "--engine", "spark", "--index", index_name, "x"])
    host = load_host()
    ensure_current(es, index_name, host)
    job = make_job(args, host, force=True)
    job = replace(job, token="other", plugins=(*job.plugins, ("ghost", "1.0")))
    result = run_partition(job, [(str(path), str(path)) for path in SEED_FILES], None)
    assert [failure.path for failure in result.failures] == [str(p) for p in SEED_FILES]
    assert all(
        "plugin 'ghost' did not load on this executor (not installed here)" in failure.reason
        for failure in result.failures
    )
    assert (result.report.failures, result.report.documents) == (2, 0)
    assert count(es, index_name) == 0


FLAKY_PLUGIN = '''\
"""Fails the first attempt of the Spark task that parses the archive's second record."""
from pathlib import Path

from pyspark import TaskContext

from ingest_plugins import hookimpl


@hookimpl
def ingest_enrich(document):
    context = TaskContext.get()
    if context is not None and context.attemptNumber() == 0 and document.path.endswith("#{offset}"):
        Path({marker!r}).write_text(document.path)
        raise RuntimeError("executor lost (simulated)")
    return None
'''


@pytest.mark.es
@live
def test_a_task_spark_runs_again_duplicates_nothing(
    es: Elasticsearch, index_name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first attempt sends the first document (``--chunk-size 1``: a request per action),
    then fails; Spark runs the task again, which sends both: the index holds each once."""
    archive = tmp_path / "seeds.warc.gz"
    offsets = write_seed_archive(archive)
    marker = tmp_path / "failed-once"
    plugin = tmp_path / "flaky_once.py"
    plugin.write_text(FLAKY_PLUGIN.format(offset=offsets[1], marker=str(marker)))
    command = ["run", "--engine", "spark", str(archive), "--index", index_name,
               "--plugin", str(plugin), "--chunk-size", "1"]  # fmt: skip
    assert main(command) == 0
    err = capsys.readouterr().err
    assert marker.read_text() == f"{archive}#{offsets[1]}"  # the first attempt did fail
    assert "inputs: 2  documents: 2  comments: 5  failures: 0" in summary(err)
    assert (count(es, index_name), count(es, f"{index_name}-comments")) == (2, 5)
    hits = es.search(index=index_name, query={"match_all": {}}, sort=["path"], version=True)
    versions = [hit["_version"] for hit in hits["hits"]["hits"]]
    assert versions == [2, 1]  # the first record was written by both attempts, in place


def write_seed_archive(path: Path) -> list[int]:
    """The two seeds as ``text/plain`` response records; their offsets."""
    offsets = []
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for number, seed in enumerate(SEED_FILES):
            offsets.append(out.tell())
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/plain; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://example.org/seed{number}", "response",
                payload=io.BytesIO(seed.read_bytes()), http_headers=http,
            )  # fmt: skip
            writer.write_record(record)
    return offsets
