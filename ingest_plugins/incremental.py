"""Incremental runs and document identity across one ``ingest run``.

**Unchanged inputs are skipped.** Every indexed article records the
SHA-256 of its input's bytes and the parser that made it
(``Document.sha256``, ``Document.parser``: source and plugin version). A
run first reads that record of every article in the index (``path`` →
``sha256``, ``parser``); an input whose bytes hash the same and whose
source's plugin is still the same version is not parsed or sent again.
A new plugin version re-parses its inputs; ``--force`` re-parses all.

**Two inputs, one id.** When two inputs of one run resolve to the same
document id with different content, the later one replaces the earlier in
the index: ``Identities`` notices, so the run can say so (naming both
paths) and count only the documents the index holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .document import Document
from .pipeline import Failure
from .stories import is_current

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

__all__ = ["Identities", "Indexed", "UnchangedInputs", "indexed_inputs"]

_SHA_DIGITS = 16


@dataclass(frozen=True)
class Indexed:
    """What the index records about the input an article came from."""

    sha256: str
    parser: str


def indexed_inputs(client: Elasticsearch, index: str) -> dict[str, Indexed]:
    """``path`` → ``Indexed`` for every complete, current article of ``index`` (empty
    when there is none). Complete: the comments index holds as many of its comments as
    the article says it has (``comment_count``), so an article whose comments a stopped
    run did not finish sending is parsed and sent again. Current: its near-duplicate
    fingerprint is of this version's scheme (``stories.is_current``), so an index filled
    by an older version gets fingerprints it can link with."""
    from elasticsearch import helpers

    from .es.mappings import comments_index

    if not client.indices.exists(index=index):
        return {}
    comments = _comments_per_article(client, comments_index(index))
    found: dict[str, Indexed] = {}
    for hit in helpers.scan(
        client,
        index=index,
        query={"query": {"exists": {"field": "sha256"}}},
        _source=["path", "sha256", "parser", "comment_count", "near_dup.minhash"],
        size=1000,
    ):
        source = hit["_source"]
        complete = source.get("comment_count", 0) == comments.get(hit["_id"], 0)
        signature = source.get("near_dup", {}).get("minhash")
        if complete and signature is not None and is_current(signature):
            found[source["path"]] = Indexed(source["sha256"], source.get("parser", ""))
    return found


def _comments_per_article(client: Elasticsearch, index: str) -> dict[str, int]:
    """``article_id`` → number of its comments in ``index``, paged with a composite aggregation."""
    if not client.indices.exists(index=index):
        return {}
    counts: dict[str, int] = {}
    after: dict[str, Any] | None = None
    while True:
        composite: dict[str, Any] = {
            "size": 5000,
            "sources": [{"article": {"terms": {"field": "article_id"}}}],
        }
        if after:
            composite["after"] = after
        answer = client.search(index=index, size=0, aggs={"per_article": {"composite": composite}})
        buckets = answer["aggregations"]["per_article"]
        for bucket in buckets["buckets"]:
            counts[bucket["key"]["article"]] = bucket["doc_count"]
        after = buckets.get("after_key")
        if not buckets["buckets"] or after is None:
            return counts


@dataclass
class UnchangedInputs:
    """The skip test of an incremental run: is this file indexed as it is now?

    ``parsers`` maps each loaded source's name to its current ``parser`` value
    (``vt 0.1.0``); ``count`` is how many files were skipped. It is asked about
    files only: a web archive's records (``crawl.warc.gz#1234``) are always
    parsed again (their ids are stable, so a re-run duplicates nothing).
    """

    indexed: Mapping[str, Indexed]
    parsers: Mapping[str, str]
    count: int = 0

    def __call__(self, path: str) -> bool:
        known = self.indexed.get(path)
        if known is None or self.parsers.get(known.parser.split(" ", 1)[0]) != known.parser:
            return False
        try:
            with open(path, "rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            return False  # the parse reports it
        if digest != known.sha256:
            return False
        self.count += 1
        return True


@dataclass
class Identities:
    """Watches a run's documents for two inputs that resolve to one id.

    ``collisions`` holds one line per replaced document, naming both paths.
    """

    seen: dict[str, str] = field(default_factory=dict)
    """Document id -> ``"<first 16 hex digits of its input's SHA-256> <path>"``: one
    string per document, as a long run holds every id it sent."""
    collisions: list[str] = field(default_factory=list)
    repeats: int = 0
    """Documents whose id an earlier input of the run had already (the index holds one)."""

    def record(self, doc_id: str, path: str, sha256: str) -> str | None:
        """Remember one document sent; the path of an earlier input of this run with the
        same id and other content, if there is one."""
        earlier = self.seen.get(doc_id)
        self.seen[doc_id] = f"{sha256[:_SHA_DIGITS]} {path}"
        if earlier is None:
            return None
        self.repeats += 1
        earlier_sha, _, earlier_path = earlier.partition(" ")
        return earlier_path if earlier_sha != sha256[:_SHA_DIGITS] else None

    def watch(self, items: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
        for item in items:
            if isinstance(item, Document):
                earlier = self.record(item.id, item.path, item.sha256)
                if earlier is not None:
                    self.collisions.append(
                        f"{item.path} and {earlier} resolve to the same document "
                        f"{item.id} with different content: the index keeps {item.path}"
                    )
            yield item
