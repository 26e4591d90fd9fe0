"""Documents as JSON: the ``ingest parse`` record and the indexed sources.

One function per shape, so the CLI, the index and the golden files all
agree on field names.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from .document import Comment, Document
from .stories import bands, fingerprint


def document_record(document: Document) -> dict[str, Any]:
    """The JSON object ``ingest parse`` prints for one document."""
    a = document.article
    return {
        "path": document.path,
        "id": document.id,
        "source": a.source,
        "format": document.format,
        "url": a.url,
        "canonical_url": a.url,
        "story_id": document.story_id,
        "sha256": document.sha256,
        "parser": document.parser,
        "title": dict(a.title),
        "summary": dict(a.summary),
        "body": dict(a.body),
        "authors": list(a.authors),
        "published": a.published,
        "languages": list(document.languages),
        "disclaimers": list(a.disclaimers),
        "comments": [comment_record(c) for c in a.comments],
        "boilerplate": list(a.boilerplate),
        "encoding": asdict(document.encoding) | {"fixes": list(document.encoding.fixes)},
        "warnings": list(document.warnings),
        **document.extra,
    }


def comment_record(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "parent": comment.parent,
        "depth": comment.depth,
        "text": comment.text,
        "lang": comment.lang,
        "author": comment.author,
        "published": comment.published,
    }


def article_source(document: Document, ingested_at: str | None = None) -> dict[str, Any]:
    """The article as stored in the articles index (comments live in their own index).

    ``ingested_at`` (ISO 8601, UTC) is when it was sent; now when not given.
    """
    record = document_record(document)
    del record["comments"]
    record["comment_count"] = len(document.article.comments)
    record["ingested_at"] = ingested_at or datetime.now(UTC).isoformat(timespec="milliseconds")
    signature = fingerprint(document.article)
    record["near_dup"] = {"bands": bands(signature), "minhash": signature}
    return record


def comment_doc_id(document: Document, comment: Comment) -> str:
    """Comments are keyed by their article, so a re-run overwrites them."""
    return _global_comment_id(document, comment.id)


def _global_comment_id(document: Document, local_id: str) -> str:
    """``<article id>.<comment id>``: never the 20-hex shape of an article id."""
    return f"{document.id}.{local_id}"


def comment_source(document: Document, comment: Comment) -> dict[str, Any]:
    """One comment as stored in the comments index, linked to its article."""
    return {
        **comment_record(comment),
        "comment_id": comment.id,
        "id": comment_doc_id(document, comment),
        "parent": _global_comment_id(document, comment.parent) if comment.parent else None,
        "article_id": document.id,
        "source": document.article.source,
        "url": document.article.url,
    }
