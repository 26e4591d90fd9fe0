"""Versioned indices behind aliases, created through index templates.

Readers and writers use the alias (``news``, ``news-comments``); behind it
sits one concrete index, ``news-v1``, ``news-v2``... An index template per
alias (pattern ``news-v*``) carries the settings and mappings generated for
this cluster. When the generated body changes (another analysis profile, a
plugin adding a field, a new mapping version), ``ensure_current`` builds
the next version, copies the documents over, and swaps the alias in one
atomic ``_aliases`` call: a reader never sees a missing or half-built index.

Copying uses the server-side ``_reindex`` when the cluster has it (the
``reindex`` module) and the client's scan-and-bulk otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from elasticsearch import ApiError, BadRequestError, Elasticsearch, NotFoundError, helpers

from ..plugins import Host
from .analysis import AnalysisProfile, probe
from .mappings import comments_index, index_bodies

TEMPLATE_PRIORITY = 500
_VERSION = re.compile(r"-v(\d+)$")

Log = Callable[[str], None]


@dataclass(frozen=True)
class AliasState:
    """What an alias points at and with which generated body."""

    alias: str
    index: str | None
    mapping_hash: str | None
    meta: dict[str, Any]


def versioned(alias: str, version: int) -> str:
    return f"{alias}-v{version}"


def template_body(alias: str, body: dict[str, Any]) -> dict[str, Any]:
    """The composable index template for ``alias``'s versioned indices."""
    return {
        "index_patterns": [f"{alias}-v*"],
        "priority": TEMPLATE_PRIORITY,
        "template": body,
        "_meta": {"managed_by": "ingest-plugins", "alias": alias},
    }


def alias_state(client: Elasticsearch, alias: str) -> AliasState:
    try:
        indices = list(client.indices.get_alias(name=alias))
    except NotFoundError:
        return AliasState(alias, None, None, {})
    index = sorted(indices)[-1]
    mapping = client.indices.get_mapping(index=index)[index]["mappings"]
    meta = mapping.get("_meta", {})
    return AliasState(alias, index, meta.get("mapping_hash"), meta)


def ensure_current(
    client: Elasticsearch, index: str, host: Host, log: Log = lambda _: None, force: bool = False
) -> AnalysisProfile:
    """Make ``index`` and ``<index>-comments`` aliases point at indices with today's body."""
    profile = probe(client)
    bodies = index_bodies(host, profile)
    for alias, body in ((index, bodies["articles"]), (comments_index(index), bodies["comments"])):
        client.indices.put_index_template(name=alias, **template_body(alias, body))
        _ensure_alias(client, alias, body, log, force)
    return profile


def _ensure_alias(
    client: Elasticsearch, alias: str, body: dict[str, Any], log: Log, force: bool
) -> None:
    state = alias_state(client, alias)
    wanted = body["mappings"]["_meta"]["mapping_hash"]
    if state.index is None:
        if client.indices.exists(index=alias):
            _adopt_plain_index(client, alias, log)
        else:
            _create(client, versioned(alias, 1), alias)
        return
    if state.mapping_hash != wanted or force:
        migrate(client, alias, state.index, log)


def _create(client: Elasticsearch, name: str, alias: str | None = None) -> None:
    """Create ``name`` (its template supplies the body), optionally with ``alias``."""
    try:
        client.indices.create(index=name, aliases={alias: {}} if alias else None)
    except BadRequestError as err:
        if err.error != "resource_already_exists_exception":  # a parallel run made it
            raise
    client.cluster.health(index=name, wait_for_status="yellow", timeout="60s")


def migrate(client: Elasticsearch, alias: str, current: str, log: Log) -> str:
    """Build the next version of ``alias``, copy the documents, swap atomically."""
    match = _VERSION.search(current)
    target = versioned(alias, int(match.group(1)) + 1 if match else 1)
    client.options(ignore_status=404).indices.delete(index=target)  # a failed earlier attempt
    _create(client, target)
    copied = copy_documents(client, current, target)
    client.indices.refresh(index=target)
    client.indices.update_aliases(
        actions=[
            {"remove": {"index": current, "alias": alias}},
            {"add": {"index": target, "alias": alias}},
        ]
    )
    client.indices.delete(index=current)
    log(f"{alias}: mapping changed; {copied} documents re-indexed from {current} into {target}")
    return target


def copy_documents(client: Elasticsearch, source: str, target: str) -> int:
    """Copy every document: server-side ``_reindex`` if the cluster has it, else scan + bulk."""
    try:
        done = client.reindex(
            source={"index": source}, dest={"index": target}, wait_for_completion=True, refresh=True
        )
        if done.get("failures"):
            raise RuntimeError(f"re-index from {source} failed: {done['failures'][:1]}")
        return int(done.get("total", 0))
    except ApiError as err:
        if err.meta.status not in (404, 405):  # 405: no reindex module on this cluster
            raise
    return _scan_and_bulk(client, source, target)


def _scan_and_bulk(client: Elasticsearch, source: str, target: str) -> int:
    """Client-side copy. Any failed item raises: a copy is complete or not used."""
    actions = (
        {"_index": target, "_id": hit["_id"], "_source": hit["_source"]}
        for hit in helpers.scan(client, index=source, size=500)
    )
    copied, _ = helpers.bulk(client, actions, chunk_size=500)
    return copied


def _adopt_plain_index(client: Elasticsearch, alias: str, log: Log) -> None:
    """An unversioned index named like the alias (an older layout): move it behind v1."""
    target = versioned(alias, 1)
    _create(client, target)
    copied = copy_documents(client, alias, target)
    client.indices.refresh(index=target)
    client.indices.delete(index=alias)
    client.indices.put_alias(index=target, name=alias)
    log(f"{alias}: moved {copied} documents from the plain index {alias} into {target}")
