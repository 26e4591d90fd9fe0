"""Every hook a plugin can implement, in the order the host calls them.

The data path: bytes → ``SourceText`` (decoded and repaired by the host)
→ the ``Source`` (from ``ingest_sources``) whose ``claim`` says "mine" →
its ``parse`` returns an ``Article`` → the host checks it and makes a
``Document`` → ``ingest_enrich`` (any plugin adds fields) →
``ingest_mappings`` (plugins add index fields) → Elasticsearch.

Implement a hook with a module-level function of the same name decorated
with ``ingest_plugins.hookimpl``; you may leave out arguments you do not
need. ``docs/plugins.md`` lists every hook with an example and a test keeps
that page and this module in sync.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pluggy

from .document import Document, Source

PROJECT_NAME = "ingest_plugins"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def ingest_sources() -> Sequence[Source] | None:
    """The sources (sites) this plugin parses.

    Called once, when the plugin is registered. Return ``Source`` values,
    each with a unique ``name``, a ``claim`` and a ``parse`` function; the
    host routes every input to the one source that claims it (see
    ``Source`` for precedence), so ``parse`` never sees another site's
    input. A name that another plugin already provides is an error naming
    both plugins, and the later plugin is not loaded.
    """


@hookspec
def ingest_enrich(document: Document) -> dict[str, Any] | None:
    """Add fields to a parsed document before it is indexed.

    Return a dict of new field names to JSON-serialisable values (they land
    in ``document.extra`` and in the indexed document), or ``None``. Two
    plugins returning the same field name is an error naming both.
    Declare the fields' types with ``ingest_mappings``.
    """


@hookspec
def ingest_mappings() -> dict[str, Any] | None:
    """Contribute field mappings to the articles index.

    Return a dict of Elasticsearch ``properties`` (field name to mapping),
    e.g. ``{"word_count": {"type": "integer"}}``, or ``None``. A field that
    another plugin (or the host) already maps differently is an error.
    """
