"""Bulk push: documents and their comments into Elasticsearch, nothing lost, nothing twice.

Each input becomes one ``index`` action for its article and one per comment,
all with stable ``_id``s, so sending an action twice is harmless: retrying
is safe and re-runs are idempotent. The client's ``helpers.streaming_bulk``
sends them (chunks by count and bytes, one answer per action, in order),
with its own retries off: they wait without jitter, count attempts rather
than time, and do not tell the caller. Around it, this module keeps:

* **per-input accounting**: an input is indexed once its article and every
  comment are acknowledged; any other item error is a rejection, written to
  the dead-letter file, and its input is reported as failed;
* **retries**: items answered 429/502/503/504, and all that the helper had
  taken when a request failed as a whole (unreachable, timeout, 429/5xx),
  are sent again on their own after a ``RetryPolicy`` wait (exponential,
  full jitter, capped); outages are announced when they begin and end; after
  ``retry_for`` seconds without progress ``push`` stops and says so in
  ``PushReport.stopped`` (a re-run finishes the job, duplicating nothing);
* **stale comments**: once a document is settled, the comments of its
  article that the input no longer has are found (by ``article_id``,
  excluding the current ids) and bulk-deleted (the cluster may lack
  ``_delete_by_query``). New comments are indexed before stale ones are
  deleted, so an interruption leaves at worst a stale comment, never a
  missing one.

Every text field passes ``plaintext.plain`` on the way: no markup or script
content reaches the index. Memory: the chunk in flight, the items to send
again and the documents they touch.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from elasticsearch import ApiError, Elasticsearch
from elasticsearch.helpers import streaming_bulk

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
_FILTER_PATH = "items.*._id,items.*.status,items.*.error,items.*.result"

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
    """Requests that failed as a whole (unreachable, timeout, 429/5xx) and were sent again."""
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
    """One bulk item, and what to report it against."""

    op: str
    index: str
    id: str
    source: dict[str, Any] | None
    doc: _Doc | None

    def expand(self) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """Its header and body, as ``streaming_bulk`` sends them."""
        return {self.op: {"_index": self.index, "_id": self.id}}, self.source


class _Pusher:
    """Feeds ``streaming_bulk``, settles its answers, sends again, deletes stale comments."""

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
        self.index = index
        self.report = report
        self.policy = policy
        self.dead_letter = dead_letter
        self.on_failure = on_failure
        self.outage = Outage(on_note, policy.retry_for)
        # Waits since the cluster last took a whole round.
        self.backoff: Backoff | None = None
        self.queue: deque[_Action] = deque()  # new actions, for the helper to take next
        self.sent: deque[_Action] = deque()  # taken by the helper, not answered yet, in order
        self.again: list[tuple[_Action, int]] = []  # answered 429/5xx in this round, and how
        self.resend: deque[_Action] = deque()  # pushed back or unanswered: out on their own
        self.finished: list[_Doc] = []  # settled; their stale comments not looked for yet
        self.accepted = 0  # answers in this round that were not pushed back
        self.inputs_done = False

    # ------------------------------------------------------------ actions
    def document_actions(self, document: Document) -> list[_Action]:
        """The article, then each comment, all tied to one ``_Doc``; text made plain."""
        comments = document.article.comments
        ids = tuple(comment_doc_id(document, c) for c in comments)
        doc = _Doc(document.id, document.path, 1 + len(comments), ids)
        article, marked = plain_record(article_source(document))
        actions = [_Action("index", self.index, document.id, article, doc)]
        for comment, comment_id in zip(comments, ids, strict=True):
            source, changed = plain_record(comment_source(document, comment))
            marked = marked or changed
            actions.append(_Action("index", comments_index(self.index), comment_id, source, doc))
        if marked:
            self.report.markup_removed += 1
            log.debug("%s: markup removed from its text before indexing", document.path)
        return actions

    # ------------------------------------------------------------ sending
    def push(self, documents: Iterator[Document], chunk_size: int, max_chunk_bytes: int) -> None:
        """Send every action of ``documents`` until each is acknowledged or refused.

        In rounds, one helper stream each: new actions until the cluster
        pushes back or fails, then (after a wait) what it pushed back or left
        unanswered, on its own. Mixed with new actions, pushed-back items make
        every request touch every shard, and a busy node refuses ever more.
        """
        while self.resend or self.queue or self.finished or not self.inputs_done:
            take = self.take_resend if self.resend else lambda: self.take_new(documents)
            self.accepted = 0
            failure = None
            try:
                for _, answer in streaming_bulk(
                    self.client,
                    cast(Any, self.stream(take)),
                    chunk_size=chunk_size,
                    max_chunk_bytes=max_chunk_bytes,
                    expand_action_callback=cast(Any, _Action.expand),
                    raise_on_error=False,
                    filter_path=_FILTER_PATH,
                ):
                    self.answered(answer)
            except Exception as err:
                if not is_transient(err):
                    raise
                # The request failed as a whole: nothing it carried was answered.
                self.resend.extendleft(reversed(self.sent))
                self.sent.clear()
                failure = describe(err)
                self.report.resent += 1
                self.outage.begin(failure)
            self.round_over(failure)

    def stream(self, take: Callable[[], _Action | None]) -> Iterator[_Action]:
        """The helper's actions: ``take()`` until it gives ``None``, each noted as sent."""
        while (action := take()) is not None:
            self.sent.append(action)
            yield action

    def take_resend(self) -> _Action | None:
        return self.resend.popleft() if self.resend else None

    def take_new(self, documents: Iterator[Document]) -> _Action | None:
        """The next new action: stale-comment deletes, then documents' actions;
        ``None`` once the cluster has pushed back in this round, or at the end."""
        if self.again:
            return None
        while not self.queue:
            if self.finished:
                docs, self.finished = self.finished, []
                self.queue.extend(self.stale_deletes(docs))
            elif (document := next(documents, None)) is not None:
                self.queue.extend(self.document_actions(document))
            else:
                self.inputs_done = True
                return None
        return self.queue.popleft()

    def answered(self, answer: dict[str, Any]) -> None:
        """One answer of the helper, for the oldest action it took."""
        action = self.sent.popleft()
        ((_, item),) = answer.items()
        if item.get("_id") != action.id:
            raise RuntimeError(f"bulk answered for {item.get('_id')!r}, expected {action.id!r}")
        self.outage.end()
        status = item.get("status")
        if status in TRANSIENT_STATUS:
            self.report.throttled += 1
            self.again.append((action, int(status)))
            return
        self.accepted += 1
        if (doc := self.settle(action, item)) is not None:
            self.finished.append(doc)

    def round_over(self, failure: str | None) -> None:
        """Queue what was pushed back; wait if anything was, or the round ``failure``.

        A round the cluster took whole ends the waiting; one it took in part
        is progress (the no-progress clock starts again).
        """
        if self.again:
            statuses = "/".join(str(s) for s in sorted({status for _, status in self.again}))
            failure = failure or f"{len(self.again)} item(s) answered {statuses}"
            self.resend.extend(action for action, _ in self.again)
            self.again.clear()
        if failure is None:
            self.backoff = None
            return
        if self.accepted and self.backoff is not None:
            self.backoff.progress()
        if self.backoff is None:
            self.backoff = self.policy.backoff()
        self.report.waited += self.backoff.wait(failure)

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
    def stale_deletes(self, docs: list[_Doc]) -> list[_Action]:
        """Deletes of the comments of ``docs``' articles that the inputs no longer have."""
        query = {
            "bool": {
                "filter": [{"terms": {"article_id": [d.id for d in docs]}}],
                "must_not": [{"ids": {"values": [c for d in docs for c in d.comment_ids]}}],
            }
        }
        comments = comments_index(self.index)
        deletes: list[_Action] = []
        after: list[Any] | None = None
        while True:
            page = self.search_page(comments, query, after)
            deletes.extend(_Action("delete", comments, hit["_id"], None, None) for hit in page)
            if len(page) < STALE_PAGE:
                return deletes
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

    def documents() -> Iterator[Document]:
        for item in items:
            report.inputs += 1
            on_input()
            if isinstance(item, Failure):
                report.failures += 1
                on_failure(item)
            else:
                yield item

    try:
        pusher.push(documents(), chunk_size, max_chunk_bytes)
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
