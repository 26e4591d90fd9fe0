"""Parsing a fixture through the host's real pipeline, with a given set of plugins."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeAlias

from .fixtures import Fixture, golden_path
from .goldens import assert_golden

if TYPE_CHECKING:
    from ..document import Document
    from ..plugins import Host

__all__ = ["Plugins", "article_record", "check_fixture", "parse_fixture", "plugin_host"]

Plugins: TypeAlias = "Host | ModuleType | str | Iterable[ModuleType | str]"
"""What the functions here accept as "the plugins": a ready ``Host``, or plugin
modules and names of installed (entry-point) plugins, one or several."""


def plugin_host(plugins: Plugins) -> Host:
    """A host with exactly ``plugins`` loaded, as ``ingest`` would load them.

    ``plugins`` is a ``Host`` (returned as it is), or plugin modules and
    names of installed plugins (entry points of the ``ingest_plugins``
    group), one or several. A module is registered under the last part of
    its name (``ingest_plugins.sources.vt`` as ``vt``). Environment
    settings (``INGEST_PLUGINS``, ``INGEST_DISABLE_PLUGINS``) play no part.
    A plugin that fails to load raises ``PluginError``.
    """
    from ..plugins import ALLOW_ENV, Host, PluginError, load_host

    if isinstance(plugins, Host):
        return plugins
    items = [plugins] if isinstance(plugins, ModuleType | str) else list(plugins)
    names = [item for item in items if isinstance(item, str)]
    host = load_host(env={ALLOW_ENV: ",".join(names)}, strict=True) if names else Host()
    missing = sorted(set(names) - set(host.infos))
    if missing:
        raise PluginError(f"no installed plugin named {', '.join(map(repr, missing))}")
    for item in items:
        if isinstance(item, ModuleType):
            host.register(item, item.__name__.rsplit(".", 1)[-1], provider=__name__)
    return host


def article_record(document: Document) -> dict[str, Any]:
    """The golden record of a parsed document: ``dataclasses.asdict`` of its
    ``Article`` as JSON values (tuples become lists), plus ``"extra"`` with the
    fields of ``ingest_enrich`` hooks when any plugin added some."""
    record = dataclasses.asdict(document.article)
    if document.extra:
        record["extra"] = dict(document.extra)
    value: dict[str, Any] = json.loads(json.dumps(record, ensure_ascii=False))
    return value


def parse_fixture(path: str | Path, plugins: Plugins) -> dict[str, Any]:
    """The record (``article_record``) of the fixture at ``path``, parsed by the host's
    pipeline with ``plugins``: decoded and repaired, routed to the one source that
    claims it, parsed and checked, exactly as ``ingest`` does (``Pipeline.parse_bytes``).

    Raises ``InputError`` when the pipeline refuses the input (no source claims
    it, two do, the parser fails or returns a bad ``Article``).
    """
    from ..pipeline import Pipeline

    path = Path(path)
    document = Pipeline(plugin_host(plugins)).parse_bytes(path.read_bytes(), str(path))
    return article_record(document)


def check_fixture(
    fixture: Fixture | str | Path, plugins: Plugins, *, update: bool | None = None
) -> None:
    """``parse_fixture`` then ``assert_golden`` against the fixture's golden."""
    __tracebackhide__ = True
    path = fixture.path if isinstance(fixture, Fixture) else Path(fixture)
    assert_golden(parse_fixture(path, plugins), golden_path(path), update=update)
