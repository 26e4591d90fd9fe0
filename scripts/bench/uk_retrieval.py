"""Ukrainian retrieval per analysis profile: ``python -m scripts.bench.uk_retrieval [--json]``.

The judged set in ``data/uk_retrieval/``: ``corpus.json`` (40 news-like
Ukrainian texts written for this benchmark), ``queries.json`` and
``pairs.json`` (word forms a searcher expects to match). ``queries.json``
holds three groups, each query with its relevant documents:

* ``queries``: inflected forms that occur nowhere in the texts (another
  case or number of words that do), so only morphology finds them;
* ``variants``: some of those written with each apostrophe (’ ʼ ') or
  with a stress mark;
* ``spellings``: forms that do occur in the texts, but written there with
  another apostrophe or with / without a stress mark: normalisation alone.

For each profile one index is created with the body ``ingest run`` would
generate for it (``es/mappings.py``), the corpus goes into the ``uk``
sub-fields, and every query runs through ``search_articles`` with
``--lang uk``, normalised by ``normalize_query`` as ``ingest search`` does;
the variants and spellings run a second time as written (``raw``: what any
other client gets from the analyzer alone). Printed per profile and group:
recall@10 and MRR, and how many pairs the profile's ``uk_text`` conflates
(``_analyze``). A profile whose components the node lacks (index creation
refused) is reported unavailable.

The node is the one in ``INGEST_ES_*``, else the local one (see
``node.py``); indices are named ``bench-uk-*`` and deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from elasticsearch import ApiError, Elasticsearch, helpers

from ingest_plugins.es.analysis import AnalysisProfile, UkrainianChain, normalize_query, probe
from ingest_plugins.es.mappings import index_bodies
from ingest_plugins.es.search import search_articles
from ingest_plugins.plugins import Host

from . import node

DATA = Path(__file__).resolve().parent / "data" / "uk_retrieval"
K = 10
GROUPS = ("queries", "variants", "spellings")


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    relevant: tuple[str, ...]
    group: str
    """``queries``, ``variants`` or ``spellings`` (the lists of ``queries.json``)."""


@dataclass(frozen=True)
class JudgedSet:
    documents: list[dict[str, str]]
    queries: list[Query]
    pairs: list[tuple[str, str]]


def load(data: Path = DATA) -> JudgedSet:
    """The corpus, the queries with their variants, and the Ukrainian pairs."""
    documents = json.loads((data / "corpus.json").read_text(encoding="utf-8"))
    raw = json.loads((data / "queries.json").read_text(encoding="utf-8"))
    queries = [
        Query(q["id"], q["text"], tuple(q["relevant"]), group)
        for group in GROUPS
        for q in raw[group]
    ]
    pairs = json.loads((data / "pairs.json").read_text(encoding="utf-8"))["uk"]
    return JudgedSet(documents, queries, [(a, b) for a, b in pairs])


# ------------------------------------------------------------------ metrics
def recall_at(ranked: Sequence[str], relevant: Sequence[str], k: int = K) -> float:
    """Share of the relevant documents found in the first ``k``."""
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: Sequence[str], k: int = K) -> float:
    """1 / rank of the first relevant document in the first ``k``, else 0."""
    for rank, doc in enumerate(ranked[:k], 1):
        if doc in relevant:
            return 1 / rank
    return 0.0


@dataclass(frozen=True)
class Scores:
    queries: int
    recall: float
    mrr: float


def scores(runs: Sequence[tuple[Sequence[str], Sequence[str]]]) -> Scores:
    """Mean recall@K and MRR over ``(ranked ids, relevant ids)`` runs."""
    if not runs:
        return Scores(0, 0.0, 0.0)
    recall = sum(recall_at(r, rel) for r, rel in runs) / len(runs)
    mrr = sum(reciprocal_rank(r, rel) for r, rel in runs) / len(runs)
    return Scores(len(runs), round(recall, 3), round(mrr, 3))


# ------------------------------------------------------------------ profiles
@dataclass(frozen=True)
class Profile:
    name: str
    ukrainian: UkrainianChain
    char_filters: bool | None
    """``None``: whatever the node has (the char filter is optional there)."""
    what: str


PROFILES = (
    Profile("production", "ukrainian", True, "`ukrainian` analyzer"),
    Profile("ingest_uk_lemma", "ingest_uk_lemma", None, "`ingest_uk_lemma` filter"),
    Profile("hunspell", "hunspell", None, "hunspell uk_UA dictionary"),
    Profile("no-morphology", "basic", True, "stopwords: a cluster without a Ukrainian plugin"),
    Profile("stopwords-only", "basic", False, "stopwords: a cluster without analysis-common"),
)


@dataclass
class Result:
    profile: str
    what: str
    available: bool
    reason: str = ""
    char_filters: bool = False
    scores: dict[str, Scores] = field(default_factory=dict)
    """Per group of ``GROUPS``, and ``raw``: variants and spellings sent as written."""
    pairs_conflated: int = 0
    pairs: int = 0
    misses: list[str] = field(default_factory=list)


def _index_name(profile: Profile) -> str:
    return f"{node.PREFIX}uk-{profile.name.replace('_', '-')}"


def _create(es: Elasticsearch, name: str, analysis: AnalysisProfile) -> str | None:
    """Create the index; the refusal's reason when the node lacks a component."""
    es.options(ignore_status=404).indices.delete(index=name)
    body = index_bodies(Host(), analysis)["articles"]
    try:
        es.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])
    except ApiError as err:
        info = err.info if isinstance(err.info, dict) else {}
        return str(info.get("error", {}).get("reason", err.message))
    return None


def _index(es: Elasticsearch, name: str, documents: Sequence[dict[str, str]]) -> None:
    actions = (
        {
            "_index": name,
            "_id": doc["id"],
            "_source": {
                "id": doc["id"],
                "source": "bench",
                "languages": ["uk"],
                "title": {"uk": doc["title"]},
                "body": {"uk": doc["body"]},
            },
        }
        for doc in documents
    )
    helpers.bulk(es, actions, refresh="wait_for")


def _ranked(es: Elasticsearch, name: str, text: str) -> list[str]:
    return [hit.id for hit in search_articles(es, name, text, lang="uk", size=K)]


def _tokens(es: Elasticsearch, name: str, text: str) -> set[str]:
    found = es.indices.analyze(index=name, analyzer="uk_text", text=text)
    return {t["token"] for t in found["tokens"]}


def measure(
    es: Elasticsearch, judged: JudgedSet, profile: Profile, node_has: AnalysisProfile
) -> Result:
    """One profile: create, index, query, analyze the pairs, delete.

    The English chain and, where the profile leaves it open, the char filter
    are what the node has (``node_has``): only ``uk_text`` is measured.
    """
    char_filters = node_has.char_filters if profile.char_filters is None else profile.char_filters
    analysis = AnalysisProfile(node_has.english, profile.ukrainian, char_filters)
    name = _index_name(profile)
    result = Result(profile.name, profile.what, False, char_filters=char_filters)
    refused = _create(es, name, analysis)
    if refused is not None:
        result.reason = refused
        return result
    try:
        _index(es, name, judged.documents)
        result.available = True
        for group in GROUPS:
            runs = [
                (_ranked(es, name, normalize_query(q.text)), q.relevant)
                for q in judged.queries
                if q.group == group
            ]
            result.scores[group] = scores(runs)
        raw = [q for q in judged.queries if q.group != "queries"]
        result.scores["raw"] = scores([(_ranked(es, name, q.text), q.relevant) for q in raw])
        for a, b in judged.pairs:
            if _tokens(es, name, a) & _tokens(es, name, b):
                result.pairs_conflated += 1
            else:
                result.misses.append(f"{a}/{b}")
        result.pairs = len(judged.pairs)
    finally:
        es.options(ignore_status=404).indices.delete(index=name)
    return result


def run(es: Elasticsearch, judged: JudgedSet) -> list[Result]:
    """Every profile on this node."""
    node_has = probe(es)
    return [measure(es, judged, profile, node_has) for profile in PROFILES]


# ------------------------------------------------------------------ output
def _cell(s: Scores | None) -> str:
    return f"{s.recall:.3f} / {s.mrr:.3f}" if s else "–"


def table(results: Sequence[Result], judged: JudgedSet) -> str:
    """A Markdown table: recall@10 / MRR per profile and query group."""
    sizes = {g: sum(q.group == g for q in judged.queries) for g in GROUPS}
    sizes["raw"] = sizes["variants"] + sizes["spellings"]
    lines = [
        f"| profile | uk_text chain | {sizes['queries']} inflected queries | "
        f"{sizes['variants']} apostrophe / stress variants | {sizes['spellings']} spellings | "
        f"{sizes['raw']} variants + spellings sent raw | pairs conflated |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if not r.available:
            lines.append(f"| {r.profile} | {r.what} | unavailable: {r.reason} | | | | |")
            continue
        cells = " | ".join(_cell(r.scores.get(g)) for g in (*GROUPS, "raw"))
        chars = " (+ char filter)" if r.char_filters else " (no char filter)"
        chain = r.what + ("" if r.profile == "production" else chars)
        lines.append(f"| {r.profile} | {chain} | {cells} | {r.pairs_conflated}/{r.pairs} |")
    lines.append("")
    lines.append(f"cells: recall@{K} / MRR")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench.uk_retrieval")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    args = parser.parse_args(argv)
    node.ensure_node()
    es = node.client()
    judged = load()
    results = run(es, judged)
    if args.json:
        print(json.dumps([asdict(r) for r in results], ensure_ascii=False))
    else:
        print(f"Elasticsearch {node.node_version(es)}")
        print(table(results, judged))
        for r in results:
            if r.misses:
                print(f"{r.profile}: pairs apart: {', '.join(r.misses)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
