"""Near-duplicate detection: MinHash bands in the index against ``more_like_this``.

``python -m scripts.bench.near_duplicates [-n 300] [--json]`` builds a
labelled set: ``n`` generated articles (all drawn from the same vocabulary
and sentence patterns, so unrelated articles share many words: the hard
case for term-based similarity), and for a third of them three reposts
(site chrome around the text, light edits with a paragraph dropped, the
first 70% only). Pairs of one article's versions are the truth.

Both methods run on the same index, created with the production mapping,
and are judged on stories (two documents are predicted to be one story
when a chain of detected pairs joins them, as ``story_id`` does):

* **minhash**: exactly what ``ingest run`` does (``es/stories.py``
  ``link_stories``): candidates sharing LSH bands, kept when the
  signatures' estimated Jaccard similarity reaches ``stories.THRESHOLD``;
* **more_like_this**: the document as the example over its body fields,
  with the parameters ``ingest related`` uses; a pair is kept when the
  score reaches a threshold. MLT scores have no fixed scale, so the
  threshold is the best one on a first labelled set (seed 7) and is then
  applied to a second one (seed 8, another size): how it would be used.

Printed: precision, recall, F1 and milliseconds per document of each, on
the second set.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import combinations
from typing import Any

from elasticsearch import Elasticsearch, helpers

from ingest_plugins.document import Article
from ingest_plugins.es.analysis import probe
from ingest_plugins.es.mappings import articles_body
from ingest_plugins.es.stories import link_stories
from ingest_plugins.stories import bands, fingerprint

from . import corpus, node

INDEX = "bench-near-duplicates"
Pair = tuple[str, str]


def _edited(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """A paragraph dropped and about 3% of the words replaced."""
    kept = [p for i, p in enumerate(paragraphs) if i != rng.randrange(len(paragraphs))]
    out = []
    for paragraph in kept:
        words = paragraph.split()
        for _ in range(max(1, len(words) // 33)):
            words[rng.randrange(len(words))] = rng.choice(("reportedly", "also", "now", "said"))
        out.append(" ".join(words))
    return out


def labelled_set(n: int, seed: int = 7) -> tuple[dict[str, str], set[Pair]]:
    """Bodies by id and the true near-duplicate pairs."""
    rng = random.Random(seed)
    bodies: dict[str, str] = {}
    truth: set[Pair] = set()
    for number in range(n):
        story = corpus.make_story(rng, "aj_html")
        paragraphs = [block.text for block in story.blocks]
        versions = {f"a{number:04d}": paragraphs}
        if number % 3 == 0:
            chrome = ["Originally published by a wire service.", *paragraphs]
            versions[f"a{number:04d}-repost"] = [*chrome, "Reposted with permission."]
            versions[f"a{number:04d}-edited"] = _edited(rng, paragraphs)
            versions[f"a{number:04d}-trimmed"] = paragraphs[: max(1, len(paragraphs) * 7 // 10)]
        for doc_id, text in versions.items():
            bodies[doc_id] = "\n\n".join(text)
        truth |= {(a, b) for a, b in combinations(sorted(versions), 2)}
    return bodies, truth


def index_bodies(es: Elasticsearch, bodies: dict[str, str]) -> str:
    """A fresh index of ``bodies`` as the run sends them; the time they were sent."""
    body = articles_body(probe(es))
    es.indices.delete(index=INDEX, ignore_unavailable=True)
    es.indices.create(index=INDEX, settings=body["settings"], mappings=body["mappings"])
    since = datetime.now(UTC).isoformat(timespec="seconds")

    def actions() -> Iterator[dict[str, Any]]:
        for doc_id, text in bodies.items():
            signature = fingerprint(Article(body={"en": text}))
            yield {
                "_index": INDEX,
                "_id": doc_id,
                "body": {"en": text},
                "story_id": doc_id,
                "ingested_at": since,
                "near_dup": {"bands": bands(signature), "minhash": signature},
            }

    helpers.bulk(es, actions(), refresh=True)
    return since


def story_pairs(groups: Iterable[Iterable[str]]) -> set[Pair]:
    """Every pair of documents within each group."""
    return {pair for group in groups for pair in combinations(sorted(group), 2)}


def minhash_pairs(es: Elasticsearch, since: str) -> set[Pair]:
    """Pairs of documents ``link_stories`` puts in one story."""
    link_stories(es, INDEX, since)
    stories: dict[str, list[str]] = defaultdict(list)
    for hit in helpers.scan(es, index=INDEX, _source=["story_id"]):
        stories[hit["_source"]["story_id"]].append(hit["_id"])
    return story_pairs(stories.values())


def mlt_scores(es: Elasticsearch, ids: Sequence[str]) -> dict[Pair, float]:
    """The ``more_like_this`` score of each pair found (the higher of both ways)."""
    scores: dict[Pair, float] = {}
    for start in range(0, len(ids), 100):
        page = ids[start : start + 100]
        searches: list[dict[str, Any]] = []
        for doc_id in page:
            like = {
                "more_like_this": {
                    "fields": ["body.*"],
                    "like": [{"_index": INDEX, "_id": doc_id}],
                    "min_term_freq": 1,
                    "min_doc_freq": 1,
                    "max_query_terms": 50,
                    "minimum_should_match": "5%",
                }
            }
            searches += [{"index": INDEX}, {"query": like, "size": 20, "_source": False}]
        for doc_id, response in zip(page, es.msearch(searches=searches)["responses"], strict=True):
            for hit in response["hits"]["hits"]:
                pair = (min(doc_id, hit["_id"]), max(doc_id, hit["_id"]))
                scores[pair] = max(scores.get(pair, 0.0), float(hit["_score"]))
    return scores


def mlt_stories(scores: dict[Pair, float], threshold: float) -> set[Pair]:
    """Story pairs when MLT pairs scoring ``threshold`` or more are joined."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for (a, b), score in scores.items():
        if score >= threshold:
            ra, rb = find(a), find(b)
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for doc_id in list(parent):
        groups[find(doc_id)].append(doc_id)
    return story_pairs(groups.values())


def quality(found: set[Pair], truth: set[Pair]) -> dict[str, float]:
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def best_threshold(scores: dict[Pair, float], truth: set[Pair]) -> float:
    """The MLT score threshold with the best story F1 on this set."""
    candidates = sorted(set(scores.values()))
    return max(candidates, key=lambda t: quality(mlt_stories(scores, t), truth)["f1"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=300, help="generated articles (default 300)")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    args = parser.parse_args(argv)
    node.ensure_node()
    es = node.client()
    try:
        tuning, tuning_truth = labelled_set(max(60, args.n // 2), seed=7)
        index_bodies(es, tuning)
        threshold = best_threshold(mlt_scores(es, sorted(tuning)), tuning_truth)
        bodies, truth = labelled_set(args.n, seed=8)
        since = index_bodies(es, bodies)
        started = time.perf_counter()
        found = minhash_pairs(es, since)
        minhash_ms = (time.perf_counter() - started) * 1000 / len(bodies)
        started = time.perf_counter()
        scores = mlt_scores(es, sorted(bodies))
        mlt_ms = (time.perf_counter() - started) * 1000 / len(bodies)
    finally:
        es.indices.delete(index=INDEX, ignore_unavailable=True)
    results = {
        "documents": len(bodies),
        "true_pairs": len(truth),
        "minhash": {**quality(found, truth), "ms_per_doc": round(minhash_ms, 2)},
        "more_like_this": {
            **quality(mlt_stories(scores, threshold), truth),
            "ms_per_doc": round(mlt_ms, 2),
            "score_threshold": threshold,
        },
    }
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"{results['documents']} documents, {results['true_pairs']} true pairs")
    print(f"{'method':<16}{'precision':>10}{'recall':>8}{'F1':>7}{'ms/doc':>8}")
    for name in ("minhash", "more_like_this"):
        r = results[name]
        assert isinstance(r, dict)
        row = f"{r['precision']:>10.3f}{r['recall']:>8.3f}{r['f1']:>7.3f}{r['ms_per_doc']:>8.2f}"
        print(f"{name:<16}{row}")
    print(f"(more_like_this kept pairs scoring {threshold:.1f} or more: the best on another set)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
