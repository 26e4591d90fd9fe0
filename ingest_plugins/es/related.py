"""``ingest related ID``: other versions of the same story, then related coverage.

Two kinds of neighbours, in this order:

1. **Same story**: documents with the same ``story_id``: the same canonical
   URL (the original page, its reposts, its translations; why: ``same URL``)
   or a near-duplicate text joined by ``ingest run`` (``es/stories.py``;
   why: ``near-duplicate`` with the estimated similarity of the two bodies,
   or ``same story`` when they are linked through a third document).
2. **Related coverage**: Elasticsearch's ``more_like_this`` over the
   title, summary and body fields of every language, with the document
   itself as the example, ranked by score; why: ``similar text``. On a
   small index the usual frequency cut-offs would drop every term, so any
   term counts here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from elasticsearch import Elasticsearch, NotFoundError

from ..stories import THRESHOLD, similarity
from .mappings import LANG_PARTS

__all__ = ["Related", "find_related"]

_FIELDS = ["source", "title", "url", "canonical_url", "story_id", "near_dup.minhash"]


@dataclass(frozen=True)
class Related:
    """One neighbour of the document asked about."""

    id: str
    source: str
    title: dict[str, str]
    url: str | None
    score: float | None
    """``more_like_this`` score; ``None`` for the same story."""
    why: str

    def record(self) -> dict[str, Any]:
        """The ``--json`` line."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "url": self.url,
            "score": self.score,
            "why": self.why,
        }


class UnknownDocument(LookupError):
    """No document with that id in the index."""


def find_related(client: Elasticsearch, index: str, doc_id: str, size: int = 10) -> list[Related]:
    """Same-story documents first, then up to ``size`` related ones (see the module doc)."""
    try:
        found = client.get(index=index, id=doc_id, source_includes=_FIELDS)
    except NotFoundError:
        raise UnknownDocument(f"no document {doc_id!r} in {index!r}") from None
    story = found["_source"].get("story_id")
    listed = {doc_id}
    results: list[Related] = []
    if story:
        same = client.search(
            index=index,
            query={"bool": {"filter": [{"term": {"story_id": story}}]}},
            source_includes=_FIELDS,
            size=100,
            sort=["_doc"],
        )
        for hit in same["hits"]["hits"]:
            if hit["_id"] not in listed:
                listed.add(hit["_id"])
                results.append(_related(hit, None, _why_same(found["_source"], hit["_source"])))
    like = client.search(
        index=index,
        query={
            "bool": {
                "must": {
                    "more_like_this": {
                        "fields": [f"{part}.*" for part in LANG_PARTS],
                        "like": [{"_index": found["_index"], "_id": doc_id}],
                        "min_term_freq": 1,
                        "min_doc_freq": 1,
                        "max_query_terms": 50,
                        "minimum_should_match": "5%",
                    }
                },
                "must_not": {"ids": {"values": sorted(listed)}},
            }
        },
        source_includes=_FIELDS,
        size=size,
    )
    results.extend(_related(hit, hit["_score"], "similar text") for hit in like["hits"]["hits"])
    return results


def _why_same(asked: dict[str, Any], other: dict[str, Any]) -> str:
    """Why two documents of one story are: the same URL, or near-duplicate bodies."""
    url = asked.get("canonical_url")
    if url and url == other.get("canonical_url"):
        return "same URL"
    mine = asked.get("near_dup", {}).get("minhash", "")
    score = similarity(mine, other.get("near_dup", {}).get("minhash", ""))
    return f"near-duplicate ({score:.2f})" if score >= THRESHOLD else "same story"


def _related(hit: dict[str, Any], score: float | None, why: str) -> Related:
    source = hit["_source"]
    return Related(
        id=hit["_id"],
        source=source.get("source", ""),
        title=source.get("title") or {},
        url=source.get("url"),
        score=score,
        why=why,
    )
