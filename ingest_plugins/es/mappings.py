"""The two indices and their mappings: articles, and comments beside them.

Comments live in their own index (``<index>-comments``), one document per
comment with the ``article_id`` of its article: each comment is searchable
on its own and comment text can never change an article's score.

Language-keyed parts (``title``, ``summary``, ``body``) are objects with one
sub-field per ISO 639-1 code; a dynamic template maps any code the
explicit mapping does not list. The JSON files in ``mappings/`` are this
module's output (a test keeps them equal), for operators to review or
apply with curl.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from ..plugins import Host, PluginError

MAPPING_VERSION = 1
LANG_PARTS = ("title", "summary", "body")
TEXT = {"type": "text"}
KEYWORD = {"type": "keyword"}


def _lang_object() -> dict[str, Any]:
    return {"properties": {"en": dict(TEXT), "uk": dict(TEXT)}}


def articles_mapping() -> dict[str, Any]:
    """The articles index body (settings + mappings) before plugin contributions."""
    return {
        "mappings": {
            "_meta": {"ingest_mapping_version": MAPPING_VERSION},
            "dynamic_templates": [
                {
                    f"{part}_other_languages": {
                        "path_match": f"{part}.*",
                        "match_mapping_type": "string",
                        "mapping": dict(TEXT),
                    }
                }
                for part in LANG_PARTS
            ],
            "properties": {
                "id": KEYWORD,
                "path": KEYWORD,
                "source": KEYWORD,
                "format": KEYWORD,
                "url": KEYWORD,
                **{part: _lang_object() for part in LANG_PARTS},
                "authors": {"type": "keyword", "fields": {"text": dict(TEXT)}},
                "published": {"type": "date", "format": "strict_date_optional_time"},
                "languages": KEYWORD,
                "disclaimers": dict(TEXT),
                "boilerplate": {"type": "text", "index": False},
                "comment_count": {"type": "integer"},
                "encoding": {
                    "properties": {
                        "encoding": KEYWORD,
                        "confidence": {"type": "float"},
                        "fixes": KEYWORD,
                    }
                },
            },
        }
    }


def comments_mapping() -> dict[str, Any]:
    """The comments index body: one document per comment."""
    return {
        "mappings": {
            "_meta": {"ingest_mapping_version": MAPPING_VERSION},
            "properties": {
                "id": KEYWORD,
                "comment_id": KEYWORD,
                "article_id": KEYWORD,
                "parent": KEYWORD,
                "depth": {"type": "integer"},
                "text": dict(TEXT),
                "lang": KEYWORD,
                "author": KEYWORD,
                "published": {"type": "date", "format": "strict_date_optional_time"},
                "source": KEYWORD,
                "url": KEYWORD,
            },
        }
    }


def merge_plugin_fields(base: dict[str, Any], contributions: Iterable[tuple[str, Any]]) -> None:
    """Add ``ingest_mappings`` fields to ``base``; a clash names the plugin."""
    properties = base["mappings"]["properties"]
    owner: dict[str, str] = {}
    for plugin, fields in contributions:
        for name, mapping in (fields or {}).items():
            if name in properties and properties[name] != mapping:
                by = f"plugin {owner[name]!r}" if name in owner else "the host"
                raise PluginError(
                    f"plugin {plugin!r} maps field {name!r} as {mapping}, "
                    f"but {by} maps it as {properties[name]}"
                )
            properties[name] = mapping
            owner[name] = plugin


def index_bodies(host: Host) -> dict[str, dict[str, Any]]:
    """``{"articles": body, "comments": body}`` with every plugin's fields merged in."""
    articles = copy.deepcopy(articles_mapping())
    caller = host.pm.hook.ingest_mappings
    merge_plugin_fields(
        articles, ((impl.plugin_name, impl.function()) for impl in caller.get_hookimpls())
    )
    return {"articles": articles, "comments": comments_mapping()}


def comments_index(index: str) -> str:
    return f"{index}-comments"
