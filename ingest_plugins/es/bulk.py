"""Bulk push: documents and their comments into Elasticsearch, nothing lost, nothing twice.

Each input becomes one ``index`` action for its article and one per comment,
all with stable ``_id``s, so sending an action twice is harmless: that is
what makes retrying safe and re-runs idempotent. Actions go out in chunks
(``chunk_size`` actions, at most ``max_chunk_bytes``), one chunk at a time:

* the whole request is sent again when the cluster cannot be reached, times
  out, or answers 429/502/503/504 (a node restarting, back-pressure);
* items answered 429 (write queue full) or 502/503/504 (shard not ready yet)
  are sent again on their own;
* any other item error is a rejection: the document goes to the dead-letter
  file, its input is reported as failed, and the run goes on.

Waits follow ``RetryPolicy`` (exponential backoff, full jitter, a cap) and
end when the cluster has made no progress for ``retry_for`` seconds; then
``push`` stops and says so in ``PushReport.stopped`` (a re-run finishes the
job: nothing is duplicated).

**Comments are replaced, not accumulated.** Once every action of a document
is settled, the comments of that article which the input no longer has are
deleted: a search by ``article_id`` excluding the current comment ids, then
bulk deletes (the cluster may lack ``_delete_by_query``). New comments are
indexed *before* stale ones are deleted, so an interruption at any point
leaves at worst a stale comment that the next run removes, never a missing
one.

Every text field is passed through ``plaintext.plain`` on the way: whatever
a plugin returned, no markup or script content reaches the index.

Memory: the chunk in flight and the documents it touches; counts, not lists.

Why not ``elasticsearch.helpers.streaming_bulk``: its own retries cover 429
only, with no jitter, no time bound and no word to the caller; with them
off and ours fed back through its stream, retried items go out together
with new ones (its chunker has taken the next action already), so under
back-pressure every request keeps touching every shard. Here the items
pushed back go out on their own until they are through.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from elasticsearch import ApiError, Elasticsearch

from ..deadletter import DeadLetter
from ..document import Document
from ..pipeline import Failure
from ..plaintext import plain_record
from ..serialize import article_source, comment_doc_id, comment_source
from .mappings import comments_index
from .retry import (
    TRANSIENT_STATUS,
    Backoff,
    ClusterUnavailable,
    Outage,
    RetryPolicy,
    describe,
    is_transient,
    retrying,
)

MAX_CHUNK_BYTES = 10 * 1024 * 1024
STALE_PAGE = 1000
_FILTER_PATH = "items.*.status,items.*.error,items.*.result"

Note = Callable[[str], None]
log = logging.getLogger(__name__)


@dataclass
class PushReport:
    """Counts for the run summary (no per-input lists: memory stays flat)."""

    inputs: int = 0
    documents: int = 0
    """Inputs whose article and every comment were indexed."""
    comments: int = 0
    failures: int = 0
    """Inputs that did not make it: unreadable, unparseable, or refused by Elasticsearch."""
    rejected: int = 0
    """Bulk items refused by Elasticsearch (each one written to the dead-letter file)."""
    throttled: int = 0
    """Items sent again after a 429/502/503/504 item answer."""
    resent: int = 0
    """Whole requests sent again after a connection error, a timeout or a 429/5xx answer."""
    waited: float = 0.0
    """Seconds spent in backoff."""
    stale_comments: int = 0
    """Comments deleted because their re-parsed article no longer has them."""
    markup_removed: int = 0
    """Documents whose text still carried markup, removed before indexing (``plaintext``)."""
    stopped: str | None = None
    """Why the push stopped before the end (the cluster made no progress), else None."""


@dataclass
class _Doc:
    """An input whose actions are in flight."""

    id: str
    path: str
    remaining: int
    comment_ids: tuple[str, ...]
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Action:
    """One bulk item: its NDJSON lines, and what to report it against."""

    op: str
    index: str
    id: str
    lines: bytes
    source: dict[str, Any] | None
    doc: _Doc | None


class _Pusher:
    """Sends chunks with retries, settles items, deletes stale comments."""

    def __init__(
        self,
        client: Elasticsearch,
        index: str,
        report: PushReport,
        policy: RetryPolicy,
        dead_letter: DeadLetter | None,
        on_failure: Callable[[Failure], None],
        on_note: Note,
    ) -> None:
        # Retries are ours (with jitter and a deadline), not the transport's.
        self.client = client.options(max_retries=0)
        self.serializer = client.transport.serializers.get_serializer("application/json")
        self.index = index
        self.report = report
        self.policy = policy
        self.dead_letter = dead_letter
        self.on_failure = on_failure
        self.outage = Outage(on_note, policy.retry_for)

    # ------------------------------------------------------------ actions
    def action(
        self, op: str, index: str, doc_id: str, source: dict[str, Any] | None, doc: _Doc | None
    ) -> _Action:
        meta = self.serializer.dumps({op: {"_index": index, "_id": doc_id}})
        lines = meta + b"\n"
        if source is not None:
            lines += self.serializer.dumps(source) + b"\n"
        return _Action(op, index, doc_id, lines, source, doc)

    def document_actions(self, document: Document) -> list[_Action]:
        """The article, then each comment, all tied to one ``_Doc``; text made plain."""
        comments = document.article.comments
        ids = tuple(comment_doc_id(document, c) for c in comments)
        doc = _Doc(document.id, document.path, 1 + len(comments), ids)
        article, marked = plain_record(article_source(document))
        actions = [self.action("index", self.index, document.id, article, doc)]
        for comment, comment_id in zip(comments, ids, strict=True):
            source, changed = plain_record(comment_source(document, comment))
            marked = marked or changed
            actions.append(
                self.action("index", comments_index(self.index), comment_id, source, doc)
            )
        if marked:
            self.report.markup_removed += 1
            log.debug("%s: markup removed from its text before indexing", document.path)
        return actions

    # ------------------------------------------------------------ sending
    def send(self, actions: list[_Action]) -> None:
        """Send ``actions`` until each is acknowledged or refused, then clean up."""
        finished: list[_Doc] = []
        backoff = self.policy.backoff()
        todo = actions
        while todo:
            try:
                items = self.bulk(todo)
            except Exception as err:
                if not is_transient(err):
                    raise
                why = describe(err)
                self.report.resent += 1
                self.outage.begin(why)
                self.wait(backoff, why)
                continue
            self.outage.end()
            again: list[_Action] = []
            for action, item in zip(todo, items, strict=True):
                if item.get("status") in TRANSIENT_STATUS:
                    again.append(action)
                elif (doc := self.settle(action, item)) is not None:
                    finished.append(doc)
            if again:
                if len(again) < len(todo):
                    backoff.progress()
                self.report.throttled += len(again)
                self.wait(backoff, f"{len(again)} item(s) answered {again_status(items)}")
            todo = again
        if finished:
            self.delete_stale(finished)

    def bulk(self, actions: list[_Action]) -> list[dict[str, Any]]:
        """One ``_bulk`` request; the per-item answers in request order."""
        body = b"".join(a.lines for a in actions)
        response = self.client.bulk(operations=cast(Any, body), filter_path=_FILTER_PATH)
        items = response.get("items", [])
        if len(items) != len(actions):
            raise RuntimeError(f"bulk answered {len(items)} items for {len(actions)} actions")
        return [next(iter(item.values())) for item in items]

    def wait(self, backoff: Backoff, reason: str) -> None:
        self.report.waited += backoff.wait(reason)

    # ------------------------------------------------------------ settling
    def settle(self, action: _Action, item: dict[str, Any]) -> _Doc | None:
        """Record one final item answer; return its document if that finished it."""
        gone = action.op == "delete" and item.get("status") == 404
        if "error" in item and not gone:
            self.reject(action, reason(item))
        elif action.op == "delete" and not gone:
            self.report.stale_comments += 1
        doc = action.doc
        if doc is None:
            return None
        doc.remaining -= 1
        if doc.remaining:
            return None
        if doc.errors:
            self.report.failures += 1
            self.on_failure(
                Failure(doc.path, "rejected by Elasticsearch: " + "; ".join(doc.errors))
            )
        else:
            self.report.documents += 1
            self.report.comments += len(doc.comment_ids)
        return doc

    def reject(self, action: _Action, why: str) -> None:
        self.report.rejected += 1
        if action.doc is None:
            self.report.failures += 1
            self.on_failure(Failure(f"{action.index}/{action.id}", f"{action.op} refused: {why}"))
            return
        action.doc.errors.append(why)
        if self.dead_letter is not None:
            self.dead_letter.write(action.doc.path, action.id, action.index, why, action.source)

    # ------------------------------------------------------------ stale comments
    def delete_stale(self, docs: list[_Doc]) -> None:
        """Delete comments of ``docs``' articles that the inputs no longer have."""
        query = {
            "bool": {
                "filter": [{"terms": {"article_id": [d.id for d in docs]}}],
                "must_not": [{"ids": {"values": [c for d in docs for c in d.comment_ids]}}],
            }
        }
        comments = comments_index(self.index)
        after: list[Any] | None = None
        while True:
            page = self.search_page(comments, query, after)
            if page:
                self.send([self.action("delete", comments, hit["_id"], None, None) for hit in page])
            if len(page) < STALE_PAGE:
                return
            after = page[-1]["sort"]

    def search_page(
        self, index: str, query: dict[str, Any], after: list[Any] | None
    ) -> list[dict[str, Any]]:
        def call() -> Any:
            return self.client.search(
                index=index,
                query=query,
                sort=[{"id": "asc"}],
                search_after=after,
                size=STALE_PAGE,
                source=False,
                filter_path="hits.hits._id,hits.hits.sort",
            )

        def waited(why: str, seconds: float) -> None:
            self.report.resent += 1
            self.report.waited += seconds
            self.outage.begin(why)

        response = retrying(call, self.policy, waited)
        self.outage.end()
        return cast("list[dict[str, Any]]", response.get("hits", {}).get("hits", []))


def push(
    client: Elasticsearch,
    items: Iterable[Document | Failure],
    index: str,
    on_failure: Callable[[Failure], None] = lambda failure: None,
    on_input: Callable[[], None] = lambda: None,
    chunk_size: int = 500,
    max_chunk_bytes: int = MAX_CHUNK_BYTES,
    policy: RetryPolicy | None = None,
    dead_letter: DeadLetter | None = None,
    on_note: Note = lambda message: None,
) -> PushReport:
    """Index every ``Document`` of ``items``; report every ``Failure`` and refused document."""
    report = PushReport()
    pusher = _Pusher(
        client, index, report, policy or RetryPolicy(), dead_letter, on_failure, on_note
    )

    def actions() -> Iterator[_Action]:
        for item in items:
            report.inputs += 1
            on_input()
            if isinstance(item, Failure):
                report.failures += 1
                on_failure(item)
            else:
                yield from pusher.document_actions(item)

    try:
        for chunk in chunks(actions(), chunk_size, max_chunk_bytes):
            pusher.send(chunk)
    except ClusterUnavailable as err:
        report.stopped = str(err)
    return report


def refresh(client: Elasticsearch, index: str, policy: RetryPolicy, on_note: Note) -> str | None:
    """Make what was indexed into ``index`` (articles and comments) searchable now.

    An outage met here is announced, and its end too, like one met while
    sending. Returns ``None``, or why it failed (no progress for
    ``retry_for``, or an error answer such as a key without the right to
    refresh): every document was acknowledged already, so nothing is lost;
    the cluster's own refresh shows them later.
    """
    outage = Outage(on_note, policy.retry_for, at=" at the final refresh", then="refreshed")
    targets = f"{index},{comments_index(index)}"
    try:
        retrying(
            lambda: client.indices.refresh(index=targets),
            policy,
            lambda reason, _: outage.begin(reason),
        )
    except ClusterUnavailable as err:
        return f"Elasticsearch made {err}"
    except ApiError as err:
        return f"Elasticsearch answered {err.meta.status} {err.error}"
    outage.end()
    return None


def chunks(actions: Iterable[_Action], size: int, max_bytes: int) -> Iterator[list[_Action]]:
    """Consecutive runs of at most ``size`` actions and ``max_bytes`` (unless one is larger)."""
    chunk: list[_Action] = []
    used = 0
    for action in actions:
        if chunk and (len(chunk) >= size or used + len(action.lines) > max_bytes):
            yield chunk
            chunk, used = [], 0
        chunk.append(action)
        used += len(action.lines)
    if chunk:
        yield chunk


def again_status(items: list[dict[str, Any]]) -> str:
    """The transient statuses among ``items``, e.g. ``429`` or ``429/503``."""
    found = sorted({int(item.get("status", 0)) for item in items} & TRANSIENT_STATUS)
    return "/".join(str(s) for s in found)


def reason(item: dict[str, Any]) -> str:
    """A one-line reason from a bulk item error (no request bodies, no secrets)."""
    error = item.get("error")
    if isinstance(error, dict):
        text = f"{error.get('type', 'error')}: {error.get('reason', '')}".strip()
        cause = error.get("caused_by")
        if isinstance(cause, dict) and cause.get("reason"):
            text += f" (caused by {cause.get('type', 'error')}: {cause['reason']})"
        return text.splitlines()[0][:500] if text else f"status {item.get('status')}"
    if error:
        return str(error).splitlines()[0][:300]
    return f"status {item.get('status')}"
