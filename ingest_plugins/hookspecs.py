"""Every hook a plugin can implement, in the order the host calls them.

The data path: bytes → ``SourceText`` (decoded and repaired by the host)
→ ``ingest_claim`` (one plugin says "mine") → ``ingest_parse`` (that
plugin returns an ``Article``) → the host makes a ``Document`` →
``ingest_enrich`` (any plugin adds fields) → ``ingest_mappings``
(plugins add index fields) → Elasticsearch.

Implement a hook with a module-level function of the same name decorated
with ``ingest_plugins.hookimpl``; you may leave out arguments you do not
need. ``docs/plugins.md`` lists every hook with an example and a test keeps
that page and this module in sync.
"""

from __future__ import annotations

from typing import Any

import pluggy

from .document import Article, Document, SourceText

PROJECT_NAME = "ingest_plugins"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec(firstresult=True)
def ingest_claim(source: SourceText) -> str | None:
    """Claim an input by its content.

    Return your source name (e.g. ``"vt"``) if this plugin parses
    ``source``, else ``None``. The first plugin to answer wins; file names
    carry no information, so look at ``source.text``. Cheap checks only:
    this is called for every input until one plugin claims it.
    """


@hookspec(firstresult=True)
def ingest_parse(source: SourceText, claimed_by: str) -> Article | None:
    """Parse an input that ``claimed_by`` (a source name) has claimed.

    Return an ``Article`` if ``claimed_by`` is your source name, else
    ``None``. Raise ``ingest_plugins.InputError`` with a one-line reason
    when the input is yours but cannot be parsed.
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
