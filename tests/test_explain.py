"""``ingest parse --explain``: where each piece of a page went, block by block."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ingest_plugins.cli import main
from ingest_plugins.decode import read_source
from ingest_plugins.explain import TEXT_CHARS, explain_document, explain_inputs, render
from ingest_plugins.parsing.blocks import recording
from ingest_plugins.pipeline import Pipeline
from ingest_plugins.plugins import load_host
from tests.conftest import SEEDS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
AJ_LEAKS = FIXTURES / "aljazeera" / "AlJazeera_2024-02-12_leaks.html"
VT_LEAKS = FIXTURES / "vt" / "VT_2020-08-03_leaks.html"
AJ_OLD_LEAKS = FIXTURES / "aljazeera" / "AlJazeera_2018-11-02_leaks.html"
SEED = SEEDS / "002_cb5603a3dcd24ba0.txt"


def rows(output: str) -> list[dict[str, str]]:
    """The explained pieces of ``ingest parse --explain``'s output, as dicts.

    A row has fixed columns: the label (12 characters), the reason (14), then
    the element path and the quoted text.
    """
    found = []
    for line in output.splitlines():
        if not line or line.startswith(("==", " ")):
            continue
        where, quote, text = line[28:].partition(' "')
        assert quote and text.endswith('"'), line
        found.append(
            {"label": line[:12].strip(), "reason": line[13:27].strip(),
             "where": where.strip(), "text": text[:-1]}
        )  # fmt: skip
    return found


def explain(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["parse", "--explain", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def one(found: list[dict[str, str]], **want: str) -> dict[str, str]:
    """The single row whose fields start with the wanted values."""
    hits = [row for row in found if all(row[k].startswith(v) for k, v in want.items())]
    assert len(hits) == 1, (want, hits)
    return hits[0]


def test_each_piece_of_a_page_is_labelled_where_it_went(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = explain(str(AJ_LEAKS), capsys=capsys)
    assert code == 0 and err == ""
    assert out.startswith(f"== {AJ_LEAKS}  (aljazeera, html)\n")
    found = rows(out)
    title = one(found, text="River towns race")
    assert (title["label"], title["where"]) == ("title", "… > header.article-header > h1")
    body = one(found, text="Sandbags are stacked")
    assert (body["label"], body["reason"], body["where"]) == ("body", "", "… > div.wysiwyg > p")
    share = one(found, text="facebook")
    assert (share["label"], share["reason"]) == ("boilerplate", "share widget")
    assert share["where"].endswith("ul.sharing-buttons > li")
    hidden = one(found, text="6341829557112")
    assert (hidden["label"], hidden["reason"]) == ("boilerplate", "hidden")
    inline = one(found, text="7731902")  # hidden inside a sentence...
    assert (inline["label"], inline["reason"]) == ("boilerplate", "hidden")
    sentence = one(found, text="Hydrologists expect")  # ...which stays one body paragraph
    assert sentence["label"] == "body" and "7731902" not in sentence["text"]
    for text, reason in [
        ("More:", "link list"),
        ("Dams under pressure", "link list"),
        ("8a3f5c2e-9b1d", "embed id"),
        ("About the author", "author bio"),
        ("Europe", "tags"),
        ("Advertisement", "ad"),
    ]:
        assert one(found, text=text)["reason"] == reason
    assert one(found, text="Nadia Petrenko", where="… > div.article-author-name")["label"] == (
        "authors"
    )
    dropped = one(found, text="Published On 12 Feb")
    assert (dropped["label"], dropped["reason"]) == ("dropped", "(other)")
    assert "   authors 1, body 7, boilerplate 15, dropped 2, summary 1, title 1\n" in out


def test_photo_credits_and_captions_are_boilerplate(capsys: pytest.CaptureFixture[str]) -> None:
    vt_page = FIXTURES / "vt" / "VT_2019-03-14.html"
    code, out, _ = explain(str(AJ_OLD_LEAKS), str(vt_page), capsys=capsys)
    assert code == 0
    found = rows(out)
    credit = one(found, text="Arun Pillai/Al Jazeera")  # a credit inside the body wrapper
    assert (credit["label"], credit["reason"]) == ("boilerplate", "caption")
    caption = one(found, text="The former post office on Main Street will house")
    assert (caption["label"], caption["reason"]) == ("boilerplate", "caption")


def test_a_video_table_inside_the_text_is_an_embed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = explain(str(AJ_OLD_LEAKS), capsys=capsys)
    assert code == 0
    title = one(rows(out), text="Storm leaves fishing fleet stranded in port (2:41)")
    assert (title["label"], title["reason"]) == ("boilerplate", "embed")


def test_pieces_read_by_walks_of_their_own_come_in_page_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = explain(str(VT_LEAKS), capsys=capsys)
    assert code == 0
    found = rows(out)
    title = one(found, text="County Opens Housing Office")
    assert (title["label"], title["reason"]) == ("title", "left out")  # read as metadata
    assert one(found, text="By Marcus Grant")["label"] == "authors"
    assert one(found, text="August 3, 2020")["label"] == "date"
    labels = [row["label"] for row in found]
    texts = [row["text"] for row in found]
    first_comment = texts.index("Good news. Will they help with deposits too, or only the rent?")
    assert labels[first_comment : first_comment + 2] == ["comments", "comments"]
    assert texts.index("2 COMMENTS") < first_comment < texts.index("Comments are closed.")
    assert labels.count("disclaimers") == 4
    hidden = one(found, text="Harwood County opened", where="… > div.td-visible-desktop")
    assert (hidden["label"], hidden["reason"]) == ("boilerplate", "hidden")  # aria-hidden
    assert one(found, text="Most Popular")["label"] == "dropped"


def test_a_text_input_is_explained_line_by_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = explain(str(SEED), capsys=capsys)
    assert code == 0
    assert "(no block walk recorded: the input line by line)" in out
    found = rows(out)
    assert found[1]["where"] == "line 2" and found[1]["label"] == "title"
    assert one(found, text="President Vladimir Putin has said")["label"] == "body"
    assert one(found, text="<https://www.aljazeera.com/")["label"] == "url"
    assert all(row["where"].startswith("line ") for row in found)


def test_several_paths_and_failures_exit_like_parse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.html"
    code, out, err = explain(str(AJ_LEAKS), str(SEED), str(missing), capsys=capsys)
    assert code == 1
    assert out.count("\n== ") + out.startswith("== ") == 2
    assert f"ingest: {missing}: no such file or directory" in err
    assert main(["parse", "--explain", str(tmp_path)]) == 1  # an empty folder
    assert "no input files under" in capsys.readouterr().err


def test_each_record_of_a_web_archive_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    monkeypatch.chdir(tmp_path)
    with open("crawl.warc.gz", "wb") as archive:
        writer = WARCWriter(archive, gzip=True)
        for page in (FIXTURES / "vt" / "VT_2019-03-14.html", AJ_LEAKS):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    "https://example.org/" + page.name,
                    "response",
                    payload=io.BytesIO(page.read_bytes()),
                    http_headers=http,
                )
            )
    code, out, err = explain("crawl.warc.gz", capsys=capsys)
    assert code == 0
    heads = [line for line in out.splitlines() if line.startswith("== ")]
    assert [head.split("#")[0] for head in heads] == ["== crawl.warc.gz", "== crawl.warc.gz"]
    assert heads[0].endswith("(vt, html)") and heads[1].endswith("(aljazeera, html)")
    assert "ingest: crawl.warc.gz: 2 records read as inputs" in err
    found = rows(out)
    assert one(found, text="Town Council Approves Veterans Clinic")["label"] == "title"
    assert one(found, text="6341829557112")["reason"] == "hidden"


PLUGIN = """
from ingest_plugins import Article, Source, hookimpl
from ingest_plugins.parsing.html import element_text


def claims(source):
    return source.is_html and "plain-site" in source.text


def parse(source):
    paragraphs = [element_text(p) for p in source.tree.iter("p")]
    return Article(title={"en": element_text(source.tree.find(".//h1"))},
                   body={"en": "\\n\\n".join(paragraphs)})


@hookimpl
def ingest_sources():
    return [Source(name="plain_site", claim=claims, parse=parse)]
"""


def test_a_parser_without_block_walks_is_explained_from_the_page_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plugin = tmp_path / "plain_site.py"
    plugin.write_text(PLUGIN, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><meta name='x' content='plain-site'></head><body><h1>A headline</h1>"
        "<nav>Home</nav><p>First paragraph of the story.</p></body></html>",
        encoding="utf-8",
    )
    code, out, _ = explain("--plugin", str(plugin), str(page), capsys=capsys)
    assert code == 0
    assert [(row["label"], row["text"]) for row in rows(out)] == [
        ("title", "A headline"),
        ("dropped", "Home"),
        ("body", "First paragraph of the story."),
    ]


def test_long_texts_are_shortened_on_one_line() -> None:
    out = io.StringIO()
    failures: list[str] = []
    page = FIXTURES / "vt" / "VT_2019-03-14.html"
    assert explain_inputs(load_host(), [str(page)], out=out, on_failure=failures.append) == 0
    assert failures == []
    hours = one(rows(out.getvalue()), text="Opening hours will be:")
    assert hours["text"].startswith("Opening hours will be: ⏎ Monday to Friday")
    assert len(hours["text"]) == TEXT_CHARS and hours["text"].endswith("…")


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*_*.html")), ids=lambda p: p.stem)
def test_recording_changes_nothing_a_parser_returns(page: Path) -> None:
    pipeline = Pipeline(load_host())
    raw = page.read_bytes()
    try:
        plain = pipeline.parse_bytes(raw, str(page))
    except Exception as err:  # a listing page is refused with or without recording
        with recording(), pytest.raises(type(err)):
            pipeline.parse_bytes(raw, str(page))
        return
    with recording() as recorder:
        recorded = pipeline.parse_bytes(raw, str(page))
    assert recorded.article == plain.article and recorded.warnings == plain.warnings
    assert recorder.entries  # both built-in parsers walk blocks


def test_render_names_the_document_and_its_warnings() -> None:
    path = SEEDS / "000_69b621c95946143e.txt"
    raw = path.read_bytes()
    pipeline = Pipeline(load_host())
    with recording() as recorder:
        document = pipeline.parse_bytes(raw, str(path))
    explained = explain_document(document, recorder, read_source(raw, str(path)))
    assert explained.by_line
    assert sum(explained.counts.values()) == len(explained.lines)
    text = render(explained)
    assert text.splitlines()[:2] == [
        f"== {path}  (vt, text)",
        "   (no block walk recorded: the input line by line)",
    ]
    assert "   warnings: no title; no date\n" in text
    comments = [line for line in explained.lines if line.label == "comments"]
    disclaimers = [line for line in explained.lines if line.label == "disclaimers"]
    assert comments and disclaimers
