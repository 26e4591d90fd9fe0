"""The Elasticsearch side of the benchmark: finding the node, and ``bench-*`` indices.

The node is the one in ``INGEST_ES_*``; when ``INGEST_ES_URL`` is unset the
shared local node is obtained with ``scripts/local_es.py start`` (which
starts it if needed and is instant when it runs). The benchmark never
stops the node. Every index, alias and template it creates is named
``bench-...`` and removed by ``drop_pair``.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from elasticsearch import Elasticsearch

from ingest_plugins.es.connection import ConnectionSettings
from ingest_plugins.es.indices import ensure_current
from ingest_plugins.es.mappings import comments_index
from ingest_plugins.plugins import Host

LOCAL_ES = Path(__file__).resolve().parents[1] / "local_es.py"
PREFIX = "bench-"


def ensure_node() -> None:
    """Put the node's ``INGEST_ES_*`` variables into ``os.environ`` (start it if needed)."""
    if os.environ.get("INGEST_ES_URL"):
        return
    done = subprocess.run(
        [sys.executable, str(LOCAL_ES), "start"], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"scripts/local_es.py start failed:\n{done.stderr[-2000:]}")
    for line in done.stdout.splitlines():
        words = shlex.split(line)
        if len(words) == 2 and words[0] == "export" and "=" in words[1]:
            name, value = words[1].split("=", 1)
            os.environ[name] = value


def client() -> Elasticsearch:
    """A client with exactly the settings ``ingest run`` uses."""
    return ConnectionSettings.from_env().client()


def node_version(es: Elasticsearch) -> str:
    """The Elasticsearch version of the (first) node."""
    nodes = es.nodes.info(metric="os")["nodes"]
    return str(next(iter(nodes.values()))["version"]) if nodes else "?"


@dataclass(frozen=True)
class IndexPair:
    """An articles alias and its comments alias (``<alias>-comments``)."""

    alias: str

    @property
    def comments(self) -> str:
        return comments_index(self.alias)

    @property
    def both(self) -> str:
        return f"{self.alias},{self.comments}"


def create_pair(es: Elasticsearch, alias: str, host: Host) -> IndexPair:
    """Create both indices, their templates and aliases exactly as ``ingest run`` does."""
    if not alias.startswith(PREFIX):
        raise ValueError(f"benchmark indices must start with {PREFIX!r}: {alias}")
    ensure_current(es, alias, host)
    return IndexPair(alias)


def count(es: Elasticsearch, pair: IndexPair) -> tuple[int, int]:
    """Documents in the articles and the comments index (after a refresh)."""
    es.indices.refresh(index=pair.both)
    articles = int(es.count(index=pair.alias)["count"])
    comments = int(es.count(index=pair.comments)["count"])
    return articles, comments


def drop_pair(es: Elasticsearch, pair: IndexPair) -> None:
    """Delete the indices behind both aliases and their index templates."""
    for alias in (pair.alias, pair.comments):
        if not alias.startswith(PREFIX):
            continue
        ignoring = es.options(ignore_status=404)
        found = ignoring.indices.get(index=f"{alias}-v*", expand_wildcards="all")
        for name in found.body if isinstance(found.body, dict) else {}:
            ignoring.indices.delete(index=name)
        ignoring.indices.delete_index_template(name=alias)
