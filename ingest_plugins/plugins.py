"""The plugin host: one ``PluginManager`` and how plugins get into it.

Plugins come from three places, all registered the same way:

1. the ``ingest_plugins`` entry-point group — the built-in ``vt`` and
   ``aljazeera`` plugins are declared there in this project's own
   ``pyproject.toml``, exactly as a third-party package declares its own;
2. ``--plugin MODULE_OR_PATH`` on the command line, for a one-off module;
3. ``register()`` from code (tests, embedding).

``INGEST_PLUGINS`` is an allow-list of entry-point names (comma-separated;
set but empty means *no* entry-point plugins); ``INGEST_DISABLE_PLUGINS``
and ``--disable NAME`` turn single plugins off; a name in either that no
installed plugin has is reported in ``Host.warnings``. A plugin that fails
to import is reported by name (``Host.failures``) and the others keep
working, unless ``strict`` is set, which raises ``PluginError``.

When a plugin is registered, the host asks it for its sources
(``ingest_sources``) and checks them: valid, unique names. Hooks that
must know which plugin answered what (sources, enrichment, mappings) are
called one plugin at a time through pluggy (``Host.call_each``).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from . import hookspecs
from .document import Source

ENTRY_POINT_GROUP = "ingest_plugins"
ALLOW_ENV = "INGEST_PLUGINS"
DISABLE_ENV = "INGEST_DISABLE_PLUGINS"
VALID_NAME = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")


class PluginError(Exception):
    """A plugin could not be loaded or registered; the message names it."""


@dataclass(frozen=True)
class PluginInfo:
    """What ``ingest plugins`` shows for one loaded plugin."""

    name: str
    version: str | None
    module: str
    provider: str
    """Where it came from: ``entry point (dist X.Y)``, ``--plugin PATH``, ``code``."""
    hooks: tuple[str, ...]
    sources: tuple[str, ...] = ()
    """Names of the sources it provides (``ingest_sources``)."""


@dataclass(frozen=True)
class RegisteredSource:
    """A loaded ``Source`` and the plugin that provided it."""

    source: Source
    plugin: str
    version: str | None


@dataclass
class Host:
    """A ``PluginManager`` with the project's hooks, plus what was loaded."""

    pm: pluggy.PluginManager = field(default_factory=lambda: new_plugin_manager())
    infos: dict[str, PluginInfo] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    """Plugin name → reason it failed to load."""
    warnings: list[str] = field(default_factory=list)
    """Things the user should hear about that stopped nothing (unknown names)."""
    sources: dict[str, RegisteredSource] = field(default_factory=dict)
    """Source name → the source and its plugin, in the order they were registered."""

    def register(
        self, module: ModuleType, name: str, provider: str = "code", version: str | None = None
    ) -> None:
        """Register ``module`` as plugin ``name``; duplicate names name both providers."""
        if not VALID_NAME.match(name):
            raise PluginError(
                f"invalid plugin name {name!r} from {provider}: "
                "use lower-case letters, digits, '_', '-', '.'"
            )
        if name in self.infos:
            raise PluginError(
                f"duplicate plugin name {name!r}: provided by {self.infos[name].provider} "
                f"and by {provider}"
            )
        try:
            self.pm.register(module, name=name)
            self.pm.check_pending()
        except (ValueError, pluggy.PluginValidationError) as err:
            if self.pm.is_registered(module):
                self.pm.unregister(module)
            raise PluginError(f"plugin {name!r} from {provider} is not valid: {err}") from err
        version = version or getattr(module, "__version__", None)
        try:
            sources = self._sources_of(name, version)
        except Exception:
            self.pm.unregister(module)
            raise
        self.sources.update((s.source.name, s) for s in sources)
        hooks = tuple(sorted(h.name for h in self.pm.get_hookcallers(module) or ()))
        names = tuple(s.source.name for s in sources)
        self.infos[name] = PluginInfo(name, version, module.__name__, provider, hooks, names)

    def _sources_of(self, plugin: str, version: str | None) -> list[RegisteredSource]:
        """Ask ``plugin`` for its sources and check them against the loaded ones."""
        found: list[RegisteredSource] = []
        try:
            answers = [value for _, value in self.call_each("ingest_sources", only=plugin)]
        except Exception as err:
            raise PluginError(
                f"plugin {plugin!r} failed in ingest_sources: {type(err).__name__}: {err}"
            ) from err
        for answer in answers:
            for source in answer or ():
                if not isinstance(source, Source):
                    raise PluginError(
                        f"plugin {plugin!r}: ingest_sources must return Source values, "
                        f"got {type(source).__name__}"
                    )
                if not isinstance(source.name, str) or not VALID_NAME.match(source.name):
                    raise PluginError(
                        f"plugin {plugin!r}: invalid source name {source.name!r}: "
                        "use lower-case letters, digits, '_', '-', '.'"
                    )
                if not (callable(source.claim) and callable(source.parse)):
                    raise PluginError(
                        f"plugin {plugin!r}: source {source.name!r} needs callable claim and parse"
                    )
                earlier = self.sources.get(source.name) or next(
                    (s for s in found if s.source.name == source.name), None
                )
                if earlier is not None:
                    raise PluginError(
                        f"duplicate source name {source.name!r}: provided by plugin "
                        f"{earlier.plugin!r} and by plugin {plugin!r}"
                    )
                found.append(RegisteredSource(source, plugin, version))
        return found

    def call_each(self, hook: str, only: str | None = None, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call ``hook`` through pluggy one implementing plugin at a time:
        ``(plugin name, result)`` for every result other than ``None``.

        Each call goes through a pluggy subset caller that holds that plugin
        and every plugin that only wraps the hook, so tracing and wrappers
        apply to each call (a wrapper runs once per implementing plugin).
        """
        implementations = [
            impl
            for impl in getattr(self.pm.hook, hook).get_hookimpls()
            if not (impl.hookwrapper or impl.wrapper)
        ]
        implementers = {impl.plugin_name for impl in implementations}
        results: list[tuple[str, Any]] = []
        for impl in implementations:
            if only is not None and impl.plugin_name != only:
                continue
            others = [self.pm.get_plugin(name) for name in implementers - {impl.plugin_name}]
            caller = self.pm.subset_hook_caller(hook, remove_plugins=others)
            results.extend((impl.plugin_name, value) for value in caller(**kwargs))
        return results

    def names(self) -> list[str]:
        """The names of the loaded plugins, sorted."""
        return sorted(self.infos)


def new_plugin_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    return pm


def _name_list(value: str | None) -> set[str] | None:
    if value is None:
        return None
    return {part.strip() for part in value.split(",") if part.strip()}


def load_host(
    extra: Iterable[str] = (),
    disable: Iterable[str] = (),
    strict: bool = False,
    env: Mapping[str, str] | None = None,
) -> Host:
    """Build the host: entry-point plugins (filtered), then ``--plugin`` modules."""
    env = os.environ if env is None else env
    allowed = _name_list(env.get(ALLOW_ENV))
    disabled = set(disable) | (_name_list(env.get(DISABLE_ENV)) or set())
    host = Host()
    entry_points = sorted(
        importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name
    )
    known = {ep.name for ep in entry_points} | {_plugin_name_for(spec) for spec in extra}
    for label, names in ((ALLOW_ENV, allowed or set()), ("--disable/" + DISABLE_ENV, disabled)):
        for unknown in sorted(names - known):
            host.warnings.append(f"{label} names {unknown!r}, but no such plugin is installed")
    for entry_point in entry_points:
        if entry_point.name in disabled or (
            allowed is not None and entry_point.name not in allowed
        ):
            continue
        dist = entry_point.dist
        provider = f"entry point of {dist.name} {dist.version}" if dist else "entry point"
        _load_one(
            host,
            entry_point.name,
            provider,
            entry_point.load,
            strict,
            dist.version if dist else None,
        )
    for spec in extra:
        name = _plugin_name_for(spec)
        if name in disabled:
            continue
        _load_one(host, name, f"--plugin {spec}", lambda spec=spec: import_plugin(spec), strict)
    return host


def _load_one(
    host: Host,
    name: str,
    provider: str,
    load: object,
    strict: bool,
    version: str | None = None,
) -> None:
    """Import and register one plugin; record (or, if strict, raise) a failure."""
    try:
        module = load()  # type: ignore[operator]
        if not isinstance(module, ModuleType):
            raise PluginError(f"{provider} must point at a module, got {type(module).__name__}")
        host.register(module, name, provider, version)
    except Exception as err:
        reason = str(err) if isinstance(err, PluginError) else f"{type(err).__name__}: {err}"
        if strict:
            raise PluginError(f"plugin {name!r} failed to load: {provider}: {reason}") from err
        host.failures[name] = f"{provider}: {reason}"


def _plugin_name_for(spec: str) -> str:
    """``pkg.my_plugin`` → ``my_plugin``; ``path/to/x_source.py`` → ``x_source``."""
    if spec.endswith(".py") or os.sep in spec:
        return Path(spec).stem.lower()
    return spec.rsplit(".", 1)[-1].lower()


def import_plugin(spec: str) -> ModuleType:
    """Import a ``--plugin`` argument: a dotted module name or a ``.py`` file path."""
    if spec.endswith(".py") or os.sep in spec:
        path = Path(spec)
        if not path.is_file():
            raise PluginError(f"no such plugin file: {spec}")
        module_name = f"ingest_plugins_local.{path.stem}"
        loader_spec = importlib.util.spec_from_file_location(module_name, path)
        if loader_spec is None or loader_spec.loader is None:
            raise PluginError(f"cannot import plugin file: {spec}")
        module = importlib.util.module_from_spec(loader_spec)
        sys.modules[module_name] = module
        loader_spec.loader.exec_module(module)
        return module
    return importlib.import_module(spec)
