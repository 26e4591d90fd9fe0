"""The plugin host: registration, discovery, allow-list, failures, duplicates."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest_plugins import Article, Source, SourceText
from ingest_plugins.plugins import Host, PluginError, load_host
from tests.plugin_helpers import EXAMPLE_FILE, example_module, fake_distribution, sources_plugin

ALL_HOOKS = ("ingest_enrich", "ingest_mappings", "ingest_sources")


@pytest.fixture
def host() -> Host:
    """A fresh plugin manager with the project's hookspecs and nothing registered."""
    return Host()


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Two fake third-party distributions on sys.path: one good, one broken."""
    shutil.copy(EXAMPLE_FILE, tmp_path / "ingest_example_wire.py")
    fake_distribution(
        tmp_path, "ingest-example-wire", "0.2.0", {"example_wire": "ingest_example_wire"}
    )
    fake_distribution(tmp_path, "ingest-broken", "1.0", {"broken": "ingest_no_such_module"})
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("ingest_example_wire", None)
    yield tmp_path
    sys.modules.pop("ingest_example_wire", None)


def test_register_lists_every_hook_the_module_implements(host: Host) -> None:
    host.register(example_module(), "example_wire", "code")
    info = host.infos["example_wire"]
    assert info.hooks == ALL_HOOKS
    assert info.version == "0.2.0"
    assert info.module == "ingest_example_wire"


def test_duplicate_name_names_both_providers(host: Host) -> None:
    host.register(example_module(), "wire", "entry point of pkg-a 1.0")
    with pytest.raises(PluginError) as err:
        host.register(example_module(), "wire", "--plugin other.py")
    assert "pkg-a 1.0" in str(err.value) and "--plugin other.py" in str(err.value)


def test_invalid_plugin_name_is_refused(host: Host) -> None:
    with pytest.raises(PluginError, match="invalid plugin name"):
        host.register(example_module(), "Bad Name!", "code")


def test_a_module_with_an_unknown_hook_is_refused(host: Host, tmp_path: Path) -> None:
    bad = tmp_path / "typo_plugin.py"
    bad.write_text(
        "from ingest_plugins import hookimpl\n"
        "@hookimpl\ndef ingest_clam(source):\n    return None\n"
    )
    loaded = load_host(extra=[str(bad)], env={"INGEST_PLUGINS": ""})
    assert "typo_plugin" in loaded.failures
    assert "ingest_clam" in loaded.failures["typo_plugin"]
    assert not loaded.pm.get_plugins()


def test_builtin_plugins_come_from_entry_points() -> None:
    loaded = load_host(env={})
    assert {"vt", "aljazeera"} <= set(loaded.infos)
    assert loaded.infos["vt"].provider.startswith("entry point of ingest-plugins")


def test_installed_third_party_plugin_is_discovered(installed: Path) -> None:
    loaded = load_host(env={"INGEST_PLUGINS": "example_wire"})
    assert loaded.names() == ["example_wire"]
    assert loaded.infos["example_wire"].provider == "entry point of ingest-example-wire 0.2.0"


def test_broken_plugin_is_reported_by_name_and_others_load(installed: Path) -> None:
    loaded = load_host(env={"INGEST_PLUGINS": "example_wire,broken"})
    assert loaded.names() == ["example_wire"]
    assert "ingest_no_such_module" in loaded.failures["broken"]


def test_strict_raises_a_plugin_error_naming_the_broken_plugin(installed: Path) -> None:
    with pytest.raises(PluginError, match=r"plugin 'broken' failed to load: .*ModuleNotFoundError"):
        load_host(env={"INGEST_PLUGINS": "broken"}, strict=True)


def test_empty_allow_list_loads_no_entry_point_plugins(installed: Path) -> None:
    assert load_host(env={"INGEST_PLUGINS": ""}).names() == []


def test_disable_by_flag_and_by_env(installed: Path) -> None:
    assert "vt" not in load_host(disable=["vt"], env={}).names()
    assert "vt" not in load_host(env={"INGEST_DISABLE_PLUGINS": "vt, aljazeera"}).names()


def test_plugin_flag_loads_a_file(tmp_path: Path) -> None:
    loaded = load_host(extra=[str(EXAMPLE_FILE)], env={"INGEST_PLUGINS": ""})
    assert loaded.names() == ["ingest_example_wire"]
    assert loaded.infos["ingest_example_wire"].provider == f"--plugin {EXAMPLE_FILE}"


def test_plugin_flag_with_missing_file_is_reported() -> None:
    loaded = load_host(extra=["nowhere/missing_plugin.py"], env={"INGEST_PLUGINS": ""})
    assert "no such plugin file" in loaded.failures["missing_plugin"]


def _never(source: SourceText) -> bool:
    return False


def _nothing(source: SourceText) -> Article:
    return Article()


def test_sources_are_listed_with_their_plugin(host: Host) -> None:
    host.register(example_module(), "example_wire", "code")
    assert host.infos["example_wire"].sources == ("example_wire",)
    registered = host.sources["example_wire"]
    assert registered.plugin == "example_wire" and registered.version == "0.2.0"


def test_duplicate_source_name_names_both_plugins_and_keeps_the_first(host: Host) -> None:
    host.register(sources_plugin(Source("site", _never, _nothing), name="a"), "plugin-a")
    with pytest.raises(PluginError) as err:
        host.register(sources_plugin(Source("site", _never, _nothing), name="b"), "plugin-b")
    assert str(err.value) == (
        "duplicate source name 'site': provided by plugin 'plugin-a' and by plugin 'plugin-b'"
    )
    assert host.names() == ["plugin-a"]
    assert not host.pm.has_plugin("plugin-b")


@pytest.mark.parametrize(
    ("returned", "reason"),
    [
        (["not a source"], "ingest_sources must return Source values, got str"),
        ([Source("Bad Name", _never, _nothing)], "invalid source name 'Bad Name'"),
        ([Source("ok", "claim", _nothing)], "source 'ok' needs callable claim and parse"),  # type: ignore[arg-type]
    ],
)
def test_bad_sources_fail_the_plugin_by_name(
    host: Host, returned: list[object], reason: str
) -> None:
    with pytest.raises(PluginError, match="plugin 'bad'") as err:
        host.register(sources_plugin(*returned, name="bad"), "bad")  # type: ignore[arg-type]
    assert reason in str(err.value)
    assert host.names() == [] and host.sources == {}


def test_unknown_names_in_allow_list_or_disable_are_warned(installed: Path) -> None:
    loaded = load_host(disable=["nosuch"], env={"INGEST_PLUGINS": "vt,typo"})
    assert loaded.names() == ["vt"]
    assert loaded.warnings == [
        "INGEST_PLUGINS names 'typo', but no such plugin is installed",
        "--disable/INGEST_DISABLE_PLUGINS names 'nosuch', but no such plugin is installed",
    ]
