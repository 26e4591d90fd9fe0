"""The skip test of incremental runs and the one-id watcher (pure logic, no cluster)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest_plugins import Article, Document, EncodingReport
from ingest_plugins.incremental import Identities, Indexed, UnchangedInputs
from ingest_plugins.pipeline import Failure


def test_unchanged_bytes_and_parser_are_skipped(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes(b"some input")
    digest = hashlib.sha256(b"some input").hexdigest()
    skip = UnchangedInputs({str(page): Indexed(digest, "vt 1.0")}, {"vt": "vt 1.0"})
    assert skip(str(page)) is True
    assert skip.count == 1


def test_changed_bytes_new_version_unknown_or_unloaded_are_parsed(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes(b"edited input")
    old = hashlib.sha256(b"some input").hexdigest()
    now = hashlib.sha256(b"edited input").hexdigest()
    cases = [
        ({str(page): Indexed(old, "vt 1.0")}, {"vt": "vt 1.0"}),  # edited
        ({str(page): Indexed(now, "vt 1.0")}, {"vt": "vt 1.1"}),  # new plugin version
        ({str(page): Indexed(now, "vt 1.0")}, {}),  # its plugin is not loaded
        ({}, {"vt": "vt 1.0"}),  # never indexed
    ]
    for indexed, parsers in cases:
        skip = UnchangedInputs(indexed, parsers)
        assert skip(str(page)) is False
        assert skip.count == 0
    gone = UnchangedInputs({str(tmp_path / "gone"): Indexed(now, "vt 1.0")}, {"vt": "vt 1.0"})
    assert gone(str(tmp_path / "gone")) is False  # unreadable: the parse reports it


def document(doc_id: str, path: str, sha: str) -> Document:
    return Document(doc_id, path, Article(), EncodingReport("utf-8"), "text", sha256=sha)


def test_identities_name_both_paths_and_count_repeats() -> None:
    watcher = Identities()
    items = [
        document("x", "a.txt", "1"),
        Failure("bad.txt", "empty input"),
        document("x", "copy-of-a.txt", "1"),  # same bytes: no news, but one document
        document("x", "b.txt", "2"),
        document("y", "c.txt", "3"),
    ]
    assert list(watcher.watch(items)) == items
    assert watcher.repeats == 2
    assert watcher.collisions == [
        "b.txt and copy-of-a.txt resolve to the same document x with different content: "
        "the index keeps b.txt"
    ]


def test_identities_keep_paths_with_spaces_whole() -> None:
    watcher = Identities()
    sha_a, sha_b = "a" * 64, "b" * 64
    list(watcher.watch([document("x", "my files/a 1.txt", sha_a)]))
    list(watcher.watch([document("x", "b.txt", sha_b)]))
    assert watcher.collisions == [
        "b.txt and my files/a 1.txt resolve to the same document x with different content: "
        "the index keeps b.txt"
    ]
