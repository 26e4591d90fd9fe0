"""``push``'s bookkeeping around ``streaming_bulk``: what is sent again, and when.

Pure logic, so no live node: the real client and the real helper talk to a
scripted in-memory node (a transport ``node_class``) that can refuse the
connection or answer chosen items 429. The live node's own faults (a
SIGKILLed node, a 429 storm) are in ``tests/reliability/test_faults.py``.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport._node import NodeApiResponse  # what a node_class returns
from elastic_transport.client_utils import DEFAULT, DefaultType
from elasticsearch import Elasticsearch

from ingest_plugins.document import Article, Comment, Document, EncodingReport
from ingest_plugins.es.bulk import push
from ingest_plugins.es.retry import RetryPolicy
from ingest_plugins.serialize import comment_doc_id

FAST = RetryPolicy(retry_for=5.0, initial=0.001, cap=0.001)


class ScriptedNode(BaseNode):
    """Answers ``_bulk`` as told by ``ScriptedNode.plan`` (one entry per request), else 201s."""

    plan: ClassVar[list[str | int]] = []
    """Per request: ``"down"`` (connection refused), N (first N items answered 429), 0."""
    acknowledged: ClassVar[list[tuple[str, str]]] = []
    requests: ClassVar[list[list[str]]] = []

    def perform_request(
        self,
        method: str,
        target: str,
        body: bytes | None = None,
        headers: HttpHeaders | None = None,
        request_timeout: DefaultType | float | None = DEFAULT,
    ) -> NodeApiResponse:
        if target.split("?")[0].endswith("/_search"):
            return self.answer({"hits": {"hits": []}})
        lines = [json.loads(line) for line in (body or b"").splitlines() if line]
        actions = [
            line for line in lines if len(line) == 1 and next(iter(line)) in ("index", "delete")
        ]
        ScriptedNode.requests.append([next(iter(a.values()))["_id"] for a in actions])
        step = ScriptedNode.plan.pop(0) if ScriptedNode.plan else 0
        if step == "down":
            raise TransportConnectionError("connection refused")
        items: list[dict[str, Any]] = []
        for n, action in enumerate(actions):
            ((op, meta),) = action.items()
            if n < int(step):
                items.append({op: {"_id": meta["_id"], "status": 429, "error": {"type": "busy"}}})
            else:
                ScriptedNode.acknowledged.append((op, meta["_id"]))
                items.append({op: {"_id": meta["_id"], "status": 201, "result": "created"}})
        return self.answer({"errors": int(step) > 0, "items": items})

    def answer(self, body: dict[str, Any]) -> NodeApiResponse:
        answer_headers = {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
        meta = ApiResponseMeta(200, "1.1", HttpHeaders(answer_headers), 0.0, self.config)
        return NodeApiResponse(meta, json.dumps(body).encode())


def scripted(plan: list[str | int]) -> Elasticsearch:
    ScriptedNode.plan = list(plan)
    ScriptedNode.acknowledged = []
    ScriptedNode.requests = []
    return Elasticsearch("http://scripted:9200", node_class=ScriptedNode)


def documents(n: int, comments: int) -> list[Document]:
    """``n`` documents ``doc0``… with ``comments`` comments each."""
    return [
        Document(
            f"doc{i}",
            f"in/{i}.txt",
            Article(
                source="vt",
                title={"en": f"Story {i}"},
                body={"en": f"Story number {i}."},
                comments=tuple(
                    Comment(id=str(c), parent=None, depth=0, text="Agreed.", lang="en")
                    for c in range(comments)
                ),
            ),
            EncodingReport("utf-8"),
            "text",
        )
        for i in range(n)
    ]


def test_a_refused_connection_sends_again_what_was_taken_and_unanswered() -> None:
    client = scripted([0, "down", 0])
    notes: list[str] = []
    docs = documents(6, 1)
    report = push(client, docs, "news", chunk_size=4, policy=FAST, on_note=notes.append)
    acknowledged = [doc_id for _, doc_id in ScriptedNode.acknowledged]
    assert report.documents == 6 and report.comments == 6 and report.failures == 0
    assert len(acknowledged) == 12 == len(set(acknowledged))  # every action once
    assert report.resent == 1 and report.throttled == 0
    # The request after the refusal carries what the refused one carried, first.
    refused = ["doc2", comment_doc_id(docs[2], docs[2].article.comments[0]), "doc3"]
    assert ScriptedNode.requests[1][:3] == refused
    assert ScriptedNode.requests[2][:3] == refused
    assert notes[0].startswith("Elasticsearch unavailable (ConnectionError")
    assert notes[1].startswith("Elasticsearch is back after")


def test_items_answered_429_go_out_again_on_their_own_and_only_they() -> None:
    client = scripted([3])
    report = push(client, documents(4, 1), "news", chunk_size=4, policy=FAST)
    first, *later = ScriptedNode.requests
    assert first == ["doc0", "doc0.0", "doc1", "doc1.0"]
    # Not mixed with new actions: with them, every request touches every
    # shard, and a busy node pushes back on more and more of each.
    assert ["doc0", "doc0.0", "doc1"] in later
    assert "doc1.0" not in [doc_id for request in later for doc_id in request]
    assert report.throttled == 3 and report.resent == 0
    assert report.documents == 4 and report.comments == 4
    assert len(ScriptedNode.acknowledged) == 8 == len(set(ScriptedNode.acknowledged))


def test_a_cluster_that_stays_down_stops_the_push_in_bounded_time() -> None:
    client = scripted(["down"] * 1000)
    policy = RetryPolicy(retry_for=0.05, initial=0.001, cap=0.01)
    report = push(client, documents(3, 0), "news", chunk_size=2, policy=policy)
    assert report.stopped is not None and report.stopped.startswith("no progress for 0 s")
    assert report.documents == 0 and ScriptedNode.acknowledged == []
