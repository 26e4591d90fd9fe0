"""The two analysis profiles the live search and mapping tests run under.

* ``production``: the templates in ``mappings/`` as they are (the best
  profile: ``english`` and ``ukrainian`` analyzers, ``mapping`` char
  filter). The node must have those components (the local node gets them
  from the project's analysis plugin): without them these tests fail,
  unless ``INGEST_ES_BARE=1`` says the node was started without them on
  purpose, where they skip.
* ``hunspell``: the fallback chains, forced whatever the node offers, with
  the char filters when the node has ``mapping``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from elasticsearch import Elasticsearch

from ingest_plugins.es.analysis import FULL_PROFILE, AnalysisProfile, probe
from ingest_plugins.es.indices import template_body
from tests.conftest import REPO

PROFILES = ("production", "hunspell")
MAPPINGS = REPO / "mappings"


def profile_for(name: str, es: Elasticsearch) -> AnalysisProfile:
    """The profile ``name`` on this node (fails or skips as the module docstring says)."""
    offered = probe(es)
    if name == "hunspell":
        return AnalysisProfile("hunspell", "hunspell", offered.char_filters)
    missing = [
        component
        for component, present in (
            ("the `english` analyzer", offered.english == "english"),
            ("the `ukrainian` analyzer", offered.ukrainian == "ukrainian"),
            ("the `mapping` char filter", offered.char_filters),
        )
        if not present
    ]
    if missing:
        lacks = ", ".join(missing)
        if os.environ.get("INGEST_ES_BARE") == "1":
            pytest.skip(f"INGEST_ES_BARE=1: the node lacks {lacks}")
        pytest.fail(
            f"the node lacks {lacks}, so the production templates cannot be tested: start "
            "the local node with its analysis plugins (`scripts/local-es stop`, then run the "
            "tests again) or set INGEST_ES_BARE=1 to skip them"
        )
    return FULL_PROFILE


def checked_in_template(kind: str, alias: str) -> dict[str, Any]:
    """``mappings/<kind>.template.json`` unchanged but for the names it applies to."""
    template = json.loads((MAPPINGS / f"{kind}.template.json").read_text(encoding="utf-8"))
    return template_body(alias, template["template"])


@contextmanager
def forced(profile: AnalysisProfile) -> Iterator[None]:
    """``ingest run`` in this process builds its indices for ``profile`` instead of probing."""
    if profile == FULL_PROFILE:  # the real probe must find it: nothing forced
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("ingest_plugins.es.indices.probe", lambda client: profile)
        yield
