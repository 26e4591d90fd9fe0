"""Bulk push: documents and their comments into Elasticsearch, nothing lost.

Built on the client's ``streaming_bulk`` but without its defaults that lose
data: ``raise_on_error`` / ``raise_on_exception`` are off so one rejected
item (or a failed chunk) never stops the run; 429s are retried by the
helper with exponential backoff; every other per-item error is collected
and reported against the input file it came from. ``_id``s are stable, so
a re-run updates documents instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import Elasticsearch, helpers

from ..document import Document
from ..pipeline import Failure
from ..serialize import article_source, comment_doc_id, comment_source
from .mappings import comments_index


@dataclass
class PushReport:
    """Counts for the run summary, and the failures in input order."""

    inputs: int = 0
    documents: int = 0
    comments: int = 0
    failures: list[Failure] = field(default_factory=list)


@dataclass
class _Pending:
    path: str
    remaining: int
    comments: int
    errors: list[str] = field(default_factory=list)


def document_actions(document: Document, index: str) -> Iterator[dict[str, Any]]:
    """The bulk actions for one document: the article, then each comment."""
    yield {
        "_op_type": "index",
        "_index": index,
        "_id": document.id,
        "_source": article_source(document),
    }
    for comment in document.article.comments:
        yield {
            "_op_type": "index",
            "_index": comments_index(index),
            "_id": comment_doc_id(document, comment),
            "_source": comment_source(document, comment),
        }


def push(
    client: Elasticsearch,
    items: Iterable[Document | Failure],
    index: str,
    on_failure: Callable[[Failure], None] = lambda failure: None,
    on_input: Callable[[], None] = lambda: None,
    chunk_size: int = 500,
    max_retries: int = 5,
) -> PushReport:
    """Index every ``Document`` of ``items``; report every ``Failure`` and rejected item."""
    report = PushReport()
    pending: dict[str, _Pending] = {}

    def fail(failure: Failure) -> None:
        report.failures.append(failure)
        on_failure(failure)

    def actions() -> Iterator[dict[str, Any]]:
        for item in items:
            report.inputs += 1
            on_input()
            if isinstance(item, Failure):
                fail(item)
                continue
            batch = list(document_actions(item, index))
            entry = _Pending(item.path, len(batch), len(item.article.comments))
            for action in batch:
                # Keyed by _id alone: responses name the concrete index behind the
                # alias, and article and comment ids never collide (see serialize).
                pending[action["_id"]] = entry
            yield from batch

    results = helpers.streaming_bulk(
        client,
        actions(),
        chunk_size=chunk_size,
        max_retries=max_retries,
        initial_backoff=1,
        max_backoff=30,
        raise_on_error=False,
        raise_on_exception=False,
        yield_ok=True,
    )
    for ok, result in results:
        info = next(iter(result.values()))
        entry = pending.pop(info.get("_id", ""), None)
        if entry is None:
            continue
        if not ok:
            entry.errors.append(_reason(info))
        entry.remaining -= 1
        if entry.remaining == 0:
            if entry.errors:
                fail(Failure(entry.path, "rejected by Elasticsearch: " + "; ".join(entry.errors)))
            else:
                report.documents += 1
                report.comments += entry.comments
    return report


def _reason(info: dict[str, Any]) -> str:
    """A one-line reason from a bulk item error (no request bodies, no secrets)."""
    error = info.get("error")
    if isinstance(error, dict):
        return f"{error.get('type', 'error')}: {error.get('reason', '')}".strip()
    if error:
        return str(error).splitlines()[0][:300]
    return f"status {info.get('status')}"
