"""``ingest search``: articles by default, comments with ``--comments``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from elasticsearch import Elasticsearch

from .mappings import LANG_ANALYZERS, LANG_PARTS, comments_index

ARTICLE_BOOSTS = {"title": 3, "summary": 2, "body": 1}


@dataclass(frozen=True)
class ArticleHit:
    id: str
    source: str
    title: dict[str, str]
    url: str | None
    path: str | None
    score: float
    highlights: tuple[str, ...]

    def record(self) -> dict[str, Any]:
        """The ``--json`` line of an article hit."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "url": self.url,
            "score": self.score,
        }


@dataclass(frozen=True)
class CommentHit:
    id: str
    article_id: str
    text: str
    score: float
    highlights: tuple[str, ...]

    def record(self) -> dict[str, Any]:
        """The ``--json`` line of a comment hit."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "text": self.text,
            "score": self.score,
        }


def _filters(source: str | None, since: str | None, until: str | None) -> list[dict[str, Any]]:
    filters: list[dict[str, Any]] = []
    if source:
        filters.append({"term": {"source": source}})
    if since or until:
        bounds = {k: v for k, v in (("gte", since), ("lte", until)) if v}
        filters.append({"range": {"published": bounds}})
    return filters


def article_fields(lang: str | None) -> list[str]:
    """``title.en^3``… for one language, or every language sub-field (``title.*^3``)."""
    suffix = lang or "*"
    return [f"{part}.{suffix}^{ARTICLE_BOOSTS[part]}" for part in LANG_PARTS]


def _highlights(hit: dict[str, Any]) -> tuple[str, ...]:
    """Highlighted fragments, each once (sub-fields of one text repeat them)."""
    fragments = (f for field in hit.get("highlight", {}).values() for f in field)
    return tuple(dict.fromkeys(fragments))


def search_articles(
    client: Elasticsearch,
    index: str,
    query: str,
    lang: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    size: int = 10,
) -> list[ArticleHit]:
    fields = article_fields(lang)
    response = client.search(
        index=index,
        query={
            "bool": {
                "must": [{"multi_match": {"query": query, "fields": fields}}],
                "filter": _filters(source, since, until),
            }
        },
        highlight={
            "fields": {f.split("^")[0]: {} for f in fields},
            "pre_tags": ["[["],
            "post_tags": ["]]"],
            "encoder": "default",
        },
        source_includes=["id", "source", "title", "url", "path"],
        size=size,
    )
    return [
        ArticleHit(
            id=hit["_id"],
            source=hit["_source"].get("source", ""),
            title=hit["_source"].get("title", {}),
            url=hit["_source"].get("url"),
            path=hit["_source"].get("path"),
            score=float(hit["_score"]),
            highlights=_highlights(hit),
        )
        for hit in response["hits"]["hits"]
    ]


def search_comments(
    client: Elasticsearch,
    index: str,
    query: str,
    lang: str | None = None,
    source: str | None = None,
    size: int = 10,
) -> list[CommentHit]:
    filters = _filters(source, None, None)
    fields = ["text", *(f"text.{code}" for code in LANG_ANALYZERS)]
    if lang:
        filters.append({"term": {"lang": lang}})
        fields = [f"text.{lang}"] if lang in LANG_ANALYZERS else ["text"]
    response = client.search(
        index=comments_index(index),
        query={
            "bool": {
                "must": [{"multi_match": {"query": query, "fields": fields}}],
                "filter": filters,
            }
        },
        highlight={
            "fields": {field: {} for field in fields},
            "pre_tags": ["[["],
            "post_tags": ["]]"],
        },
        size=size,
    )
    return [
        CommentHit(
            id=hit["_id"],
            article_id=hit["_source"]["article_id"],
            text=hit["_source"]["text"],
            score=float(hit["_score"]),
            highlights=_highlights(hit),
        )
        for hit in response["hits"]["hits"]
    ]
