"""Linking near-duplicate documents into one story, after a run.

Every document gets a ``story_id`` when it is parsed: the hash of its
canonical URL (shared by the original page and its reposts) or its own id.
After ``ingest run`` has refreshed the index, ``link_stories`` looks at the
documents this run indexed and joins their story with the stories of
their near-duplicates (``stories.py``: documents sharing a MinHash band,
then an estimated Jaccard similarity of at least ``THRESHOLD``):

* stories joined by a near-duplicate pair take the smallest of their ids,
  so the result does not depend on the order the inputs came in;
* every document of a joined story is updated, not only the pair (the
  other reposts of a URL follow their original);
* documents indexed by earlier runs are found through the index, so a
  repost ingested today joins the story of an original ingested last month.

Updates are partial-document ``update`` actions sent with the client's
bulk helper (no ``_update_by_query``: it belongs to the ``reindex``
module), each retried on version conflicts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from elasticsearch import Elasticsearch, helpers

from ..stories import THRESHOLD, similarity

__all__ = ["LinkError", "StoryLinks", "candidates_query", "link_stories"]

_PAGE = 200
_CANDIDATES = 20


@dataclass
class StoryLinks:
    """What ``link_stories`` did."""

    pairs: int = 0
    """Near-duplicate pairs found with at least one document of this run."""
    stories: int = 0
    """Stories that were joined into another."""
    updated: int = 0
    """Documents whose ``story_id`` changed."""


class LinkError(Exception):
    """A search of the linking step failed."""


class _Labels:
    """Union-find over story ids; a set's name is its smallest id."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, label: str) -> str:
        root = label
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while label != root:  # path compression
            self.parent[label], label = root, self.parent[label]
        return root

    def join(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            low, high = sorted((a, b))
            self.parent[high] = low
            self.parent.setdefault(low, low)

    def renames(self) -> dict[str, str]:
        """Every story id that must change, to the id it joins."""
        return {label: root for label in self.parent if (root := self.find(label)) != label}


def _this_run(client: Elasticsearch, index: str, since: str) -> Iterator[dict[str, Any]]:
    """Documents of ``index`` sent at or after ``since`` that have a fingerprint."""
    query = {
        "bool": {
            "filter": [
                {"range": {"ingested_at": {"gte": since}}},
                {"exists": {"field": "near_dup.bands"}},
            ]
        }
    }
    yield from helpers.scan(
        client,
        index=index,
        query={"query": query},
        _source=["story_id", "near_dup"],
        size=_PAGE,
    )


def candidates_query(bands: list[str], exclude: str) -> dict[str, Any]:
    """Documents sharing a band with ``bands``, those sharing the most first."""
    shared = [{"constant_score": {"filter": {"term": {"near_dup.bands": b}}}} for b in bands]
    return {
        "bool": {
            "should": shared,
            "minimum_should_match": 1,
            "must_not": [{"ids": {"values": [exclude]}}],
        }
    }


def _sharing(client: Elasticsearch, index: str, page: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The documents of ``page`` with a band that another document also has.

    One aggregation for the whole page: most documents share no band, and
    they need no search of their own.
    """
    page_bands = sorted({band for hit in page for band in hit["_source"]["near_dup"]["bands"]})
    response = client.search(
        index=index,
        size=0,
        query={"terms": {"near_dup.bands": page_bands}},
        aggs={
            "shared": {
                "terms": {
                    "field": "near_dup.bands",
                    "include": page_bands,
                    "min_doc_count": 2,
                    "size": len(page_bands),
                }
            }
        },
    )
    shared = {bucket["key"] for bucket in response["aggregations"]["shared"]["buckets"]}
    return [hit for hit in page if shared.intersection(hit["_source"]["near_dup"]["bands"])]


def _neighbours(
    client: Elasticsearch, index: str, page: list[dict[str, Any]]
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(document, candidate) pairs: documents sharing a band with one of ``page``."""
    searches: list[dict[str, Any]] = []
    for hit in page:
        searches.append({"index": index})
        searches.append(
            {
                "query": candidates_query(hit["_source"]["near_dup"]["bands"], hit["_id"]),
                "_source": ["story_id", "near_dup.minhash"],
                "size": _CANDIDATES,
            }
        )
    if not searches:
        return
    responses = client.msearch(searches=searches)["responses"]
    for hit, response in zip(page, responses, strict=True):
        if "error" in response:
            raise LinkError(f"near-duplicate search failed: {response['error']}")
        for candidate in response["hits"]["hits"]:
            yield hit, candidate


def _relabel(client: Elasticsearch, index: str, renames: dict[str, str]) -> int:
    """Give every document of a renamed story its new id; the number updated."""

    def actions() -> Iterator[dict[str, Any]]:
        olds = sorted(renames)
        for start in range(0, len(olds), 500):
            chunk = olds[start : start + 500]
            for hit in helpers.scan(
                client,
                index=index,
                query={"query": {"terms": {"story_id": chunk}}},
                _source=["story_id"],
                size=_PAGE,
            ):
                yield {
                    "_op_type": "update",
                    "_index": hit["_index"],
                    "_id": hit["_id"],
                    "doc": {"story_id": renames[hit["_source"]["story_id"]]},
                    "retry_on_conflict": 3,
                }

    updated, _ = helpers.bulk(client, actions(), refresh=True)
    return updated


def link_stories(client: Elasticsearch, index: str, since: str) -> StoryLinks:
    """Join the stories of near-duplicates among documents sent since ``since`` (ISO 8601)."""
    links = StoryLinks()
    labels = _Labels()
    page: list[dict[str, Any]] = []
    pairs: set[tuple[str, str]] = set()

    def flush() -> None:
        for hit, candidate in _neighbours(client, index, _sharing(client, index, page)):
            mine = hit["_source"]["near_dup"]["minhash"]
            theirs = candidate["_source"].get("near_dup", {}).get("minhash", "")
            pair = (min(hit["_id"], candidate["_id"]), max(hit["_id"], candidate["_id"]))
            if pair not in pairs and similarity(mine, theirs) >= THRESHOLD:
                pairs.add(pair)
                labels.join(hit["_source"]["story_id"], candidate["_source"]["story_id"])
        page.clear()

    for hit in _this_run(client, index, since):
        page.append(hit)
        if len(page) == _PAGE:
            flush()
    if page:
        flush()
    links.pairs = len(pairs)
    renames = labels.renames()
    links.stories = len(renames)
    if renames:
        links.updated = _relabel(client, index, renames)
    return links
