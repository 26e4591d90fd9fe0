"""Fuzzing the whole parse path: bytes → decode → claim → parse → Document.

``tests/decode/`` fuzzes the normaliser and ``test_source_*.py`` each
parser on text. What they leave out is the path as ``ingest run`` drives
it, from raw bytes to the indexed record, including the saved HTML pages:
random bytes, and byte-level mutations (flips, insertions, cuts, spliced
markup) of both seeds and the four HTML fixtures.

``Pipeline.parse_bytes`` turns a plugin's unexpected exception into an
``InputError`` naming the plugin, so "only ``InputError`` escapes" is not
enough here: the reason must not be such a wrapped bug either. And every
document that does come out must serialize to JSON and, as it would be
indexed (after ``plaintext``), carry no markup.
"""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest_plugins.document import Document
from ingest_plugins.errors import InputError
from ingest_plugins.pipeline import Pipeline
from ingest_plugins.plaintext import plain_record
from ingest_plugins.plugins import load_host
from ingest_plugins.serialize import article_source, comment_source
from tests.conftest import REPO, SEEDS

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIPELINE = Pipeline(load_host())
CORPUS = [p.read_bytes() for p in sorted(SEEDS.iterdir())] + [
    p.read_bytes()
    for source in ("vt", "aljazeera")  # the built-in plugins' article pages
    for p in sorted((REPO / "tests" / "fixtures" / source).glob("*.html"))
]
WRAPPED_BUG = re.compile(r"(plugin .* failed|a plugin failed while claiming): \w+")
TAG = re.compile(r"<[A-Za-z/!?]")  # what opens a tag by the HTML tokenizer rules
MARKUP = [
    b"<script>x<1</script>", b"<style>p{}</style>", b"<iframe>", b"</div>", b"<p>", b"<li>",
    b"<![CDATA[", b"<!--", b"-->", b"&#0;", b"&#xD800;", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00",
    b"<div class='entry-content'>", b"<ol class='comment-list'>", b"<time datetime='x'>",
]  # fmt: skip

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("markup"), st.integers(0, 10**6), st.sampled_from(MARKUP)),
    st.tuples(st.just("cut"), st.integers(0, 10**6), st.booleans()),
    st.tuples(st.just("repeat"), st.integers(0, 10**6), st.integers(1, 400)),
)


def mutate(raw: bytes, ops: list[tuple[str, int, object]]) -> bytes:
    """Apply the mutations in order (positions wrap around the current length)."""
    data = bytearray(raw)
    for kind, where, what in ops:
        at = where % (len(data) + 1)
        if kind == "flip" and data:
            data[at % len(data)] ^= int(str(what))
        elif kind in ("insert", "markup"):
            data[at:at] = bytes(what) if isinstance(what, bytes) else b""
        elif kind == "cut":
            data = data[:at] if what else data[at:]
        elif kind == "repeat":
            data[at:at] = bytes(data[at : at + int(str(what))])
    return bytes(data)


def parse_or_input_error(raw: bytes) -> None:
    """Parse ``raw``; an ``InputError`` for the input is fine, anything else is a bug."""
    try:
        document = PIPELINE.parse_bytes(raw, "fuzz/input")
    except InputError as err:
        assert err.path == "fuzz/input"
        assert not WRAPPED_BUG.search(err.reason), err.reason
        return
    check_document(document)


def check_document(document: Document) -> None:
    """What would be indexed serializes, and carries no markup or control characters."""
    records = [article_source(document)]
    records += [comment_source(document, c) for c in document.article.comments]
    for record in records:
        indexed, _ = plain_record(record)
        text = json.dumps(indexed, ensure_ascii=False)
        assert not TAG.search(" ".join(str(v) for k, v in indexed.items() if k != "url")), text
        assert "\x00" not in text and "\x1b" not in text


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes_through_the_whole_pipeline(raw: bytes) -> None:
    parse_or_input_error(raw)


@FUZZ
@given(st.sampled_from(CORPUS), st.lists(mutation, min_size=1, max_size=10))
def test_mutated_seeds_and_pages_through_the_whole_pipeline(
    raw: bytes, ops: list[tuple[str, int, object]]
) -> None:
    parse_or_input_error(mutate(raw, ops))


def test_the_unmutated_corpus_parses() -> None:
    """The fuzz starts from inputs that parse: mutations test robustness, not rejection."""
    for raw in CORPUS:
        check_document(PIPELINE.parse_bytes(raw, "fuzz/input"))
