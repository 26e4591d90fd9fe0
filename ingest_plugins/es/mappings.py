"""The two indices and their mappings: articles, and comments beside them.

Comments live in their own index (``<index>-comments``), one document per
comment with the ``article_id`` of its article: each comment is searchable
on its own and comment text can never change an article's score.

Language-keyed parts (``title``, ``summary``, ``body``) are objects with one
sub-field per ISO 639-1 code: ``en`` and ``uk`` get their own analyzers
(see ``analysis.py``), any other code (``ru``, ``de``...) lands in a
dynamic sub-field with the language-neutral ``other_text`` analyzer.
The JSON files in ``mappings/`` are this module's output for the best
analysis profile (a test keeps them equal), for operators to review or
apply with curl.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from ..plugins import Host, PluginError
from .analysis import FULL_PROFILE, AnalysisProfile, analysis_settings

MAPPING_VERSION = 2
LANG_PARTS = ("title", "summary", "body")
LANG_ANALYZERS = {"en": "en_text", "uk": "uk_text"}
KEYWORD = {"type": "keyword"}
DATE = {"type": "date", "format": "strict_date_optional_time"}


def _text(analyzer: str) -> dict[str, Any]:
    return {"type": "text", "analyzer": analyzer}


def _lang_object() -> dict[str, Any]:
    return {"properties": {lang: _text(a) for lang, a in LANG_ANALYZERS.items()}}


def _settings(profile: AnalysisProfile) -> dict[str, Any]:
    return {"index": {"analysis": analysis_settings(profile)}}


def articles_body(profile: AnalysisProfile = FULL_PROFILE) -> dict[str, Any]:
    """The articles index body (settings + mappings) before plugin contributions."""
    return {
        "settings": _settings(profile),
        "mappings": {
            "_meta": {"ingest_mapping_version": MAPPING_VERSION, "analysis": profile.meta()},
            "dynamic_templates": [
                {
                    f"{part}_other_languages": {
                        "path_match": f"{part}.*",
                        "match_mapping_type": "string",
                        "mapping": _text("other_text"),
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
                "canonical_url": KEYWORD,
                "story_id": KEYWORD,
                "near_dup": {
                    "properties": {
                        "bands": KEYWORD,
                        "minhash": {"type": "keyword", "index": False, "doc_values": False},
                    }
                },
                "sha256": KEYWORD,
                "parser": KEYWORD,
                "ingested_at": DATE,
                **{part: _lang_object() for part in LANG_PARTS},
                "authors": {"type": "keyword", "fields": {"text": _text("other_text")}},
                "published": DATE,
                "languages": KEYWORD,
                "disclaimers": _text("en_text"),
                "boilerplate": {"type": "text", "index": False},
                "comment_count": {"type": "integer"},
                "warnings": KEYWORD,
                "encoding": {
                    "properties": {
                        "encoding": KEYWORD,
                        "confidence": {"type": "float"},
                        "fixes": KEYWORD,
                    }
                },
            },
        },
    }


def comments_body(profile: AnalysisProfile = FULL_PROFILE) -> dict[str, Any]:
    """The comments index body: one document per comment.

    ``text`` is indexed three times: language-neutral, and through the
    English and Ukrainian chains (``text.en``, ``text.uk``).
    """
    return {
        "settings": _settings(profile),
        "mappings": {
            "_meta": {"ingest_mapping_version": MAPPING_VERSION, "analysis": profile.meta()},
            "properties": {
                "id": KEYWORD,
                "comment_id": KEYWORD,
                "article_id": KEYWORD,
                "parent": KEYWORD,
                "depth": {"type": "integer"},
                "text": {
                    **_text("other_text"),
                    "fields": {lang: _text(a) for lang, a in LANG_ANALYZERS.items()},
                },
                "lang": KEYWORD,
                "author": KEYWORD,
                "published": DATE,
                "source": KEYWORD,
                "url": KEYWORD,
            },
        },
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


def index_bodies(host: Host, profile: AnalysisProfile = FULL_PROFILE) -> dict[str, dict[str, Any]]:
    """``{"articles": body, "comments": body}`` with every plugin's fields merged in.

    Each body's ``_meta.mapping_hash`` fingerprints everything else in it:
    when it changes, ``indices.ensure_current`` builds a new index version.
    """
    articles = copy.deepcopy(articles_body(profile))
    merge_plugin_fields(articles, host.call_each("ingest_mappings"))
    bodies = {"articles": articles, "comments": comments_body(profile)}
    for body in bodies.values():
        body["mappings"]["_meta"]["mapping_hash"] = mapping_hash(body)
    return bodies


def mapping_hash(body: dict[str, Any]) -> str:
    """A short fingerprint of an index body, ignoring its own ``mapping_hash``."""
    clean = copy.deepcopy(body)
    clean["mappings"]["_meta"].pop("mapping_hash", None)
    return hashlib.sha256(json.dumps(clean, sort_keys=True).encode()).hexdigest()[:16]


def comments_index(index: str) -> str:
    return f"{index}-comments"
