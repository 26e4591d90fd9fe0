"""Shared fixtures. The ``es`` fixtures give a live Elasticsearch node.

With ``INGEST_ES_URL`` set, tests use that cluster (any cluster, e.g. your
own). Otherwise the session starts the local node through the same code
as ``scripts/local-es`` (version from ``INGEST_ES_VERSION``, default 9)
and stops it at the end unless ``INGEST_ES_KEEP=1`` or it was already
running.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from elasticsearch import Elasticsearch

from ingest_plugins.es.connection import ConnectionSettings

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def load_local_es() -> ModuleType:
    """Import ``scripts/local_es.py`` (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("local_es", REPO / "scripts" / "local_es.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["local_es"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def es_settings() -> Iterator[ConnectionSettings]:
    """Connection settings of a live node: the user's cluster or the local one."""
    if os.environ.get("INGEST_ES_URL"):
        yield ConnectionSettings.from_env()
        return
    local_es = load_local_es()
    node = local_es.LocalNode(local_es.resolve_version(None))
    was_running = node.running_state() is not None
    try:
        state = node.start()
    except local_es.LocalEsError as err:
        pytest.fail(f"could not start the local Elasticsearch node: {err}\n{node.log_tail()}")
    yield ConnectionSettings(
        url=state.url, user="elastic", password=state.password, ca_certs=state.ca_certs
    )
    if not was_running and os.environ.get("INGEST_ES_KEEP") != "1":
        node.stop()


@pytest.fixture
def es_env(es_settings: ConnectionSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the CLI at the live node through the documented ``INGEST_ES_*`` variables."""
    monkeypatch.setenv("INGEST_ES_URL", es_settings.url)
    monkeypatch.setenv("INGEST_ES_USER", es_settings.user or "")
    monkeypatch.setenv("INGEST_ES_PASSWORD", es_settings.password or "")
    monkeypatch.setenv("INGEST_ES_CA_CERTS", es_settings.ca_certs or "")


@pytest.fixture(scope="session")
def es(es_settings: ConnectionSettings) -> Iterator[Elasticsearch]:
    """An authenticated client over verified TLS."""
    client = es_settings.client()
    yield client
    client.close()


@pytest.fixture
def index_name(request: pytest.FixtureRequest, es: Elasticsearch) -> Iterator[str]:
    """A fresh index (and alias) name per test, deleted afterwards."""
    name = "test-" + request.node.name.lower().replace("[", "-").replace("]", "")[:60]
    yield name
    delete_index_family(es, name)


def delete_index_family(es: Elasticsearch, name: str) -> None:
    """Delete ``name``'s versioned indices, its comments index and their templates."""
    found = es.indices.get(index=f"{name}*", expand_wildcards="all", ignore_unavailable=True)
    if found:
        es.indices.delete(index=",".join(found))
    for template in (name, f"{name}-comments"):
        es.options(ignore_status=404).indices.delete_index_template(name=template)
