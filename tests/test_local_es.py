"""scripts/local-es: a second start is instant, status tells, a bad start shows the log;
the analysis plugin's build cache, installation and ``--bare`` (no node needed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from ingest_plugins.es.connection import ConnectionSettings
from tests.conftest import REPO, load_local_es

T = TypeVar("T", bound=Callable[..., Any])


def live(test: T) -> T:
    """A test of the local node itself: marked ``es``, skipped against the user's own cluster."""
    user_cluster = pytest.mark.skipif(
        bool(os.environ.get("INGEST_ES_URL")), reason="testing against the user's own cluster"
    )
    marked: T = pytest.mark.es(user_cluster(test))
    return marked


@live
def test_second_start_reuses_the_running_node_without_fetching(
    es_settings: ConnectionSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    local_es = load_local_es()
    node = local_es.LocalNode(local_es.resolve_version(None))

    def no_download(self: object) -> None:
        raise AssertionError("a second start must not fetch the distribution")

    monkeypatch.setattr(local_es.LocalNode, "fetch", no_download)
    state = node.start()
    assert state.url == es_settings.url
    assert state.password == es_settings.password


@live
def test_start_prints_only_export_lines_and_status_says_running(
    es_settings: ConnectionSettings,
) -> None:
    script = str(REPO / "scripts" / "local-es")
    env = {**os.environ, "INGEST_ES_VERSION": load_local_es().resolve_version(None)}
    started = subprocess.run([script, "start"], capture_output=True, text=True, env=env)
    assert started.returncode == 0
    lines = started.stdout.splitlines()
    assert [line.split("=")[0] for line in lines] == [
        "export INGEST_ES_URL",
        "export INGEST_ES_USER",
        "export INGEST_ES_PASSWORD",
        "export INGEST_ES_CA_CERTS",
    ]
    assert f"export INGEST_ES_URL='{es_settings.url}'" in lines
    status = subprocess.run([script, "status"], capture_output=True, text=True, env=env)
    assert status.returncode == 0
    assert "running: Elasticsearch" in status.stdout and es_settings.url in status.stdout
    assert "log:" in status.stdout


@pytest.fixture
def node_dir() -> Iterator[Path]:
    """A node directory the unprivileged node user can reach (tmp_path is root-only)."""
    path = Path(tempfile.mkdtemp(prefix="ingest-local-es-test-", dir="/var/tmp"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@live
def test_a_node_that_cannot_start_prints_its_log_and_exits_non_zero(
    es_settings: ConnectionSettings, node_dir: Path
) -> None:
    local_es = load_local_es()
    version = local_es.resolve_version(None)
    (node_dir / "downloads").symlink_to(local_es.base_dir() / "downloads")
    env = {
        **os.environ,
        "INGEST_LOCAL_ES_DIR": str(node_dir),
        "INGEST_ES_VERSION": version,
    }
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "local_es.py"),
            "start",
            "--bare",
            "--setting",
            "no.such.setting=1",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "unknown setting [no.such.setting]" in done.stderr
    assert "(last " in done.stderr  # the tail of the node's log


@live
def test_an_unreachable_node_dir_is_a_clear_error(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root runs the node as another user")
    env = {**os.environ, "INGEST_LOCAL_ES_DIR": str(tmp_path / "es")}
    (tmp_path / "es" / "downloads").mkdir(parents=True)
    local_es = load_local_es()
    version = local_es.resolve_version(None)
    (tmp_path / "es" / "downloads" / f"elasticsearch-{version}.zip").symlink_to(
        local_es.base_dir() / "downloads" / f"elasticsearch-{version}.zip"
    )
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "local_es.py"), "start", "--version", version],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )
    assert done.returncode == 1
    assert "cannot enter" in done.stderr and "INGEST_LOCAL_ES_DIR" in done.stderr


# ------------------------------------------------------------------ analysis plugin
def copy_project(dest: Path) -> Path:
    """The Maven project of the analysis plugin, copied (without build output)."""
    shutil.copytree(
        REPO / "scripts" / "analysis-plugin", dest, ignore=shutil.ignore_patterns("target")
    )
    return dest


def test_the_plugin_cache_key_follows_the_sources_the_pom_and_the_version(tmp_path: Path) -> None:
    plugin = load_local_es().analysis_plugin
    project = copy_project(tmp_path / "project")
    key = plugin.source_key("9.5.4", project)
    assert key == plugin.source_key("9.5.4", project)
    assert key != plugin.source_key("8.19.21", project)
    (project / "target").mkdir()
    (project / "target" / "stale.zip").write_bytes(b"build output")
    assert plugin.source_key("9.5.4", project) == key
    java = next((project / "src").rglob("*.java"))
    java.write_text(java.read_text() + "\n")
    changed = plugin.source_key("9.5.4", project)
    assert changed != key
    pom = project / "pom.xml"
    pom.write_text(pom.read_text().replace("<version>1.0.0</version>", "<version>1.0.1</version>"))
    assert plugin.source_key("9.5.4", project) not in (key, changed)


def write_descriptor(home: Path, name: str, version: str) -> None:
    plugin_dir = home / "plugins" / name
    plugin_dir.mkdir(parents=True)
    (plugin_dir / "stable-plugin-descriptor.properties").write_text(
        f"name={name}\nversion={version}\nelasticsearch.version=9.5.4\n"
    )


def test_sync_installs_missing_replaces_stale_and_leaves_other_plugins(tmp_path: Path) -> None:
    plugin = load_local_es().analysis_plugin
    write_descriptor(tmp_path, "ingest-test-analysis", "1.0.0+oldkey")
    write_descriptor(tmp_path, "someone-elses", "2.0")
    zips = {name: tmp_path / f"{name}.zip" for name in plugin.PLUGINS}
    calls: list[list[str]] = []
    plugin.sync_plugins(tmp_path, zips, "newkey", calls.append)
    assert calls == [
        ["remove", "ingest-test-analysis"],
        ["install", "--batch", zips["ingest-test-analysis"].as_uri()],
        ["install", "--batch", zips["ingest-uk-lemma"].as_uri()],
    ]


def test_sync_for_a_bare_node_removes_only_this_projects_plugins(tmp_path: Path) -> None:
    plugin = load_local_es().analysis_plugin
    for name in (*plugin.PLUGINS, "someone-elses"):
        write_descriptor(tmp_path, name, "1.0.0+key")
    calls: list[list[str]] = []
    plugin.sync_plugins(tmp_path, {}, "", calls.append)
    assert calls == [["remove", name] for name in plugin.PLUGINS]
    calls.clear()
    zips = {name: tmp_path / f"{name}.zip" for name in plugin.PLUGINS}
    plugin.sync_plugins(tmp_path, zips, "key", calls.append)
    assert calls == []  # current already


@pytest.mark.parametrize(
    ("argv", "env", "bare"),
    [
        (["start"], None, False),
        (["start", "--bare"], None, True),
        (["start"], "1", True),
        (["start"], "0", False),
    ],
)
def test_bare_comes_from_the_flag_or_ingest_es_bare(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], env: str | None, bare: bool
) -> None:
    local_es = load_local_es()
    if env is None:
        monkeypatch.delenv("INGEST_ES_BARE", raising=False)
    else:
        monkeypatch.setenv("INGEST_ES_BARE", env)
    seen: dict[str, Any] = {}

    def fake_start(self: Any, settings: dict[str, str], heap: str, bare: bool) -> Any:
        seen["bare"] = bare
        return local_es.NodeState("9.5.4", 1, 9200, "pw", "ca.crt", "log")

    monkeypatch.setattr(local_es.LocalNode, "start", fake_start)
    assert local_es.main(argv) == 0
    assert seen == {"bare": bare}


def test_a_failed_plugin_build_names_the_step_and_shows_mavens_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not shutil.which("mvn"):
        pytest.fail("Maven (mvn) is needed to build the analysis plugin")
    local_es = load_local_es()
    plugin = local_es.analysis_plugin
    broken = copy_project(tmp_path / "project")
    java = broken / "src/main/java/org/ingestplugins/analysis/UkrainianLemmaFilter.java"
    java.write_text(java.read_text().replace("public boolean incrementToken()", "public boolean ("))
    real_build = plugin.build
    monkeypatch.setattr(
        plugin,
        "build",
        lambda version, java_home, cache: real_build(version, java_home, cache, broken),
    )
    node = local_es.LocalNode("8.19.21", base=tmp_path / "base")
    java_home = local_es.find_java(17, prefer_oldest=True)
    with pytest.raises(local_es.LocalEsError) as failure:
        node.sync_plugins(java_home, None, plugin.source_key("8.19.21", broken))
    message = str(failure.value)
    assert message.startswith("building the analysis plugin: mvn package (es8")
    assert "UkrainianLemmaFilter.java" in message  # javac's complaint, from Maven's output
    assert not list((tmp_path / "base").rglob("*.zip"))
