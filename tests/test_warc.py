"""Web archives in: ``ingest parse`` / ``run`` of ``.warc`` and ``.warc.gz`` files.

The archives are written here with warcio's ``WARCWriter``; their pages are
the hand-written fixture pages of the built-in plugins.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ingest_plugins import Article, Source, SourceText
from ingest_plugins.cli import Progress, main
from ingest_plugins.incremental import Indexed, UnchangedInputs
from ingest_plugins.pipeline import Failure, Pipeline
from ingest_plugins.plugins import load_host
from ingest_plugins.warc import WarcTally, iter_warc_inputs, read_warc_payload
from tests.plugin_helpers import sources_plugin

FIXTURES = Path(__file__).parent / "fixtures"
VT_PAGE = (FIXTURES / "vt" / "VT_2019-03-14.html").read_bytes()
VT_NO_CANONICAL = re.sub(rb'<link rel="canonical"[^>]*>\n?', b"", VT_PAGE)
AJ_PAGE = (FIXTURES / "aljazeera" / "AlJazeera_2023-03-09.html").read_bytes()

VT_URL = "https://www.veteranstoday.com/2019/03/14/town-council-approves-veterans-clinic/"
AJ_CANONICAL = "https://www.aljazeera.com/economy/2023/3/9/lithium-towns-weigh-water-against-jobs"
AJ_URL = AJ_CANONICAL + "?utm_source=feed"  # the page's own canonical URL wins over it
VT_DATE = "2024-05-20T10:00:00Z"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


@dataclass(frozen=True)
class Rec:
    """One record to write: ``kind`` response, request, metadata or warcinfo."""

    kind: str
    url: str = ""
    body: bytes = b""
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    date: str = "2024-05-21T08:00:00Z"
    encoding: str | None = None  # HTTP Content-Encoding (gzip): the body is stored compressed


CRAWL = (
    Rec("warcinfo"),
    Rec("request", VT_URL),
    Rec("response", VT_URL, VT_NO_CANONICAL, date=VT_DATE),
    Rec("metadata", VT_URL, b"outlinks: none\n"),
    Rec("response", "https://www.aljazeera.com/logo.png", PNG, content_type="image/png"),
    Rec("response", AJ_URL, AJ_PAGE, content_type="application/xhtml+xml"),
    Rec("response", "https://www.aljazeera.com/gone", b"<html>Not found</html>", "404 Not Found"),
    Rec("request", AJ_URL),
    Rec("response", AJ_CANONICAL, AJ_PAGE),  # the same payload again: parsed once
)
NOTE = (
    "crawl.warc.gz: 2 records read as inputs, 7 skipped (2 request, 1 warcinfo, 1 metadata, "
    "1 image/png, 1 status 404, 1 duplicate payload)"
)


def write_warc(path: Path, records: Sequence[Rec] = CRAWL, compress: bool = True) -> list[int]:
    """Write ``records`` to ``path``; the offset of each, as warcio's iterator reports it."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for rec in records:
            writer.write_record(_record(writer, rec))
    offsets = []
    with path.open("rb") as handle:
        iterator = ArchiveIterator(handle)
        for _ in iterator:
            offsets.append(iterator.get_record_offset())
    assert len(offsets) == len(records)
    return offsets


def _record(writer: WARCWriter, rec: Rec) -> object:
    if rec.kind == "warcinfo":
        return writer.create_warcinfo_record("crawl.warc.gz", {"software": "tests"})
    dated = {"WARC-Date": rec.date}
    if rec.kind == "request":
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
        return writer.create_warc_record(
            rec.url, "request", payload=io.BytesIO(b""), http_headers=request,
            warc_headers_dict=dated,
        )  # fmt: skip
    if rec.kind == "metadata":
        return writer.create_warc_record(
            rec.url, "metadata", payload=io.BytesIO(rec.body), warc_content_type="text/plain",
            warc_headers_dict=dated,
        )  # fmt: skip
    headers = [("Content-Type", rec.content_type)]
    body = rec.body
    if rec.encoding == "gzip":
        headers.append(("Content-Encoding", "gzip"))
        body = gzip.compress(body)
    http = StatusAndHeaders(rec.status, headers, protocol="HTTP/1.1")
    return writer.create_warc_record(
        rec.url, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=dated
    )


def parse(
    capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, list[dict[str, object]], str]:
    code = main(["parse", *args])
    out = capsys.readouterr()
    return code, [json.loads(line) for line in out.out.splitlines()], out.err


@pytest.fixture
def crawl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """``crawl.warc.gz`` (the ``CRAWL`` records) in the working directory: its offsets."""
    monkeypatch.chdir(tmp_path)
    return write_warc(tmp_path / "crawl.warc.gz")


# ------------------------------------------------------------------ ingest parse
def test_parse_reads_the_two_article_records_and_counts_the_rest(
    crawl: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, records, err = parse(capsys, "crawl.warc.gz")
    assert code == 0
    assert [r["path"] for r in records] == [
        f"crawl.warc.gz#{crawl[2]}",
        f"crawl.warc.gz#{crawl[5]}",
    ]
    vt, aj = records
    assert vt["source"] == "vt" and vt["url"] == VT_URL  # no canonical: the record's URL
    assert aj["source"] == "aljazeera" and aj["url"] == AJ_CANONICAL  # the page's own wins
    assert f"ingest: {NOTE}" in err.splitlines()


def test_an_uncompressed_warc_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    offsets = write_warc(tmp_path / "crawl.warc", compress=False)
    code, records, err = parse(capsys, "crawl.warc")
    assert code == 0
    assert [r["path"] for r in records] == [f"crawl.warc#{offsets[2]}", f"crawl.warc#{offsets[5]}"]
    assert [r["url"] for r in records] == [VT_URL, AJ_CANONICAL]
    assert NOTE.replace("crawl.warc.gz", "crawl.warc") in err


def test_an_archive_in_a_folder_is_read_with_the_other_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.html").write_bytes(VT_PAGE)
    write_warc(tmp_path / "b.warc.gz", CRAWL[:3])
    code, records, err = parse(capsys, str(tmp_path))
    assert code == 0
    assert len(records) == 2 and records[0]["path"] == str(tmp_path / "a.html")
    assert str(records[1]["path"]).startswith(str(tmp_path / "b.warc.gz#"))
    assert "b.warc.gz: 1 record read as inputs, 2 skipped (1 warcinfo, 1 request)" in err


def test_workers_give_the_same_output(crawl: list[int], capsys: pytest.CaptureFixture[str]) -> None:
    Path("page.html").write_bytes(AJ_PAGE)
    outputs = [parse(capsys, "--workers", n, "crawl.warc.gz", "page.html") for n in ("1", "2")]
    assert outputs[0] == outputs[1]
    code, records, err = outputs[1]
    assert code == 0 and len(records) == 3 and NOTE in err


# ------------------------------------------------------------------ damaged archives
def test_a_truncated_gzip_member_is_one_failure_and_the_rest_parses(
    crawl: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    data = Path("crawl.warc.gz").read_bytes()
    start, end = crawl[4], crawl[5]  # the image's gzip member, cut in half
    Path("crawl.warc.gz").write_bytes(data[: start + (end - start) // 2] + data[end:])
    code, records, err = parse(capsys, "crawl.warc.gz")
    assert code == 1
    failures = [line for line in err.splitlines() if "crawl.warc.gz#" in line]
    assert len(failures) == 1
    assert failures[0].startswith(f"ingest: crawl.warc.gz#{start}: corrupt record: ")
    assert [r["url"] for r in records] == [VT_URL, AJ_CANONICAL]
    assert "2 records read as inputs, 6 skipped" in err and "1 damaged" in err
    assert "image/png" not in err  # the damaged record is not also counted as skipped


def test_garbage_after_the_last_record_is_one_failure(
    crawl: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    size = Path("crawl.warc.gz").stat().st_size
    with Path("crawl.warc.gz").open("ab") as out:
        out.write(b"\x00garbage \xff\xfe bytes\n" * 50)
    code, records, err = parse(capsys, "crawl.warc.gz")
    assert code == 1
    failures = [line for line in err.splitlines() if "crawl.warc.gz#" in line]
    assert failures == [f"ingest: crawl.warc.gz#{size}: {failures[0].split(': ', 2)[2]}"]
    assert failures[0].isascii() or "…" in failures[0]  # no raw bytes on the terminal
    assert len(records) == 2


def test_a_cut_off_archive_reports_the_truncated_last_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    offsets = write_warc(tmp_path / "crawl.warc", CRAWL[:6], compress=False)
    data = Path("crawl.warc").read_bytes()
    Path("crawl.warc").write_bytes(data[: offsets[5] + 2000])  # in the Al Jazeera page
    code, records, err = parse(capsys, "crawl.warc")
    assert code == 1
    assert f"crawl.warc#{offsets[5]}: truncated record: " in err
    assert [r["url"] for r in records] == [VT_URL]


def test_a_file_that_is_no_archive_fails_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "page.warc").write_bytes(VT_PAGE)
    code, records, err = parse(capsys, str(tmp_path / "page.warc"))
    assert code == 1 and records == []
    assert len([line for line in err.splitlines() if "corrupt record" in line]) == 1
    assert f"{tmp_path / 'page.warc'}#0: corrupt record: ArchiveLoadFailed" in err


# ------------------------------------------------------------------ the records themselves
def test_the_url_and_fetch_time_reach_the_plugins(crawl: list[int]) -> None:
    seen: list[tuple[str | None, str | None]] = []

    def claim(text: SourceText) -> bool:
        seen.append((text.url, text.fetched))
        return False

    def never(text: SourceText) -> Article:
        raise AssertionError("never claimed")

    host = load_host(env={"INGEST_PLUGINS": "vt,aljazeera"}, strict=True)
    host.register(sources_plugin(Source("watcher", claim, never)), "watcher")
    documents = list(
        Pipeline(host).process(["crawl.warc.gz", str(FIXTURES / "vt" / "VT_2024-05-20.html")])
    )
    assert all(not isinstance(d, Failure) for d in documents)
    assert seen[:2] == [(VT_URL, VT_DATE), (AJ_URL, "2024-05-21T08:00:00Z")]
    assert seen[2:] == [(None, None)]  # a saved file: not known


def test_payload_encodings_are_undone_and_the_size_limit_holds(tmp_path: Path) -> None:
    archive = tmp_path / "enc.warc.gz"
    offsets = write_warc(archive, [Rec("response", VT_URL, VT_PAGE, encoding="gzip")])
    assert read_warc_payload(str(archive), offsets[0], len(VT_PAGE)) == VT_PAGE
    items = list(Pipeline(load_host(env={}), max_bytes=1000).process([str(archive)]))
    assert items == [
        Failure(f"{archive}#{offsets[0]}", "too large: over 1,000 bytes (see --max-bytes)")
    ]


def test_the_tally_names_what_was_skipped(crawl: list[int]) -> None:
    tally = WarcTally()
    inputs = list(iter_warc_inputs("crawl.warc.gz", tally))
    assert [i.offset for i in inputs if not isinstance(i, Exception)] == [crawl[2], crawl[5]]
    assert tally.summary("crawl.warc.gz") == NOTE


def test_archive_records_are_never_skipped_as_unchanged(crawl: list[int]) -> None:
    asked: list[str] = []

    def skip(path: str) -> bool:
        asked.append(path)
        return True

    host = load_host(env={"INGEST_PLUGINS": "vt,aljazeera"}, strict=True)
    items = list(Pipeline(host).process(["crawl.warc.gz"], skip=skip))
    assert len(items) == 2 and asked == []
    record = f"crawl.warc.gz#{crawl[2]}"  # even when indexed by the same parser: False
    unchanged = UnchangedInputs({record: Indexed("0" * 64, "vt 0.1.0")}, {"vt": "vt 0.1.0"})
    assert unchanged(record) is False and unchanged.count == 0


def test_progress_counts_without_a_total_when_an_archive_is_among_the_inputs(
    crawl: list[int],
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown = Terminal()
    progress = Progress(shown, "parsing", ["crawl.warc.gz"])
    progress.tick()
    progress.tick()
    assert "parsing 2 (" in shown.getvalue() and "[" not in shown.getvalue()


# ------------------------------------------------------------------ ingest run, live
@pytest.mark.es
@pytest.mark.usefixtures("es_env")
def test_run_indexes_the_two_articles_and_a_rerun_duplicates_nothing(
    crawl: list[int], es: Elasticsearch, index_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        assert main(["run", "crawl.warc.gz", "--index", index_name, "--workers", "1"]) == 0
        err = capsys.readouterr().err
        assert NOTE in err
        assert "inputs: 2  documents: 2" in err and "failures: 0" in err
    assert es.count(index=index_name)["count"] == 2
    hits = es.search(index=index_name, query={"match_all": {}}, sort=["path"])["hits"]["hits"]
    assert [h["_source"]["path"] for h in hits] == [
        f"crawl.warc.gz#{crawl[2]}",
        f"crawl.warc.gz#{crawl[5]}",
    ]
    assert [h["_source"]["url"] for h in hits] == [VT_URL, AJ_CANONICAL]
