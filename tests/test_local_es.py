"""scripts/local-es: a second start is instant, status tells, a bad start shows the log."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest_plugins.es.connection import ConnectionSettings
from tests.conftest import REPO, load_local_es

pytestmark = [
    pytest.mark.es,
    pytest.mark.skipif(
        bool(os.environ.get("INGEST_ES_URL")), reason="testing against the user's own cluster"
    ),
]


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
