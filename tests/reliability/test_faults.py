"""Node faults during ``ingest run``: back-pressure, a killed node, a node that stays down.

These tests start their OWN node (a fresh directory under /var/tmp, the
shared download cache symlinked in, nothing fetched) with a one-thread
write pool and a write queue of one, so that concurrent indexing is
refused with 429. They kill and restart that node; the shared node is
never touched. "Zero lost, zero duplicated" is checked the strict way:
every input path is indexed exactly once (``path`` of every document in
the index, compared as a list with the inputs) and every comment is there.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import ApiError, Elasticsearch
from elasticsearch import ConnectionError as EsConnectionError

from ingest_plugins.es.connection import ConnectionSettings
from tests.conftest import delete_index_family, load_local_es
from tests.reliability.helpers import (
    VT_COMMENTS,
    cli_command,
    cli_env,
    count,
    field_values,
    retried,
    run_cli,
    summary,
    write_corpus,
)

pytestmark = [
    pytest.mark.es,
    pytest.mark.skipif(
        bool(os.environ.get("INGEST_ES_URL")),
        reason="kills and restarts a node: only with the local test node",
    ),
]

TINY_WRITE_POOL = {"thread_pool.write.size": "1", "thread_pool.write.queue_size": "1"}


@dataclass
class OwnNode:
    """A node these tests may kill: its ``LocalNode`` and how to reach it."""

    node: Any
    settings: ConnectionSettings
    client: Elasticsearch

    def kill(self) -> None:
        """SIGKILL the server process and wait until it is gone."""
        pid = self.node.load_state().pid
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(pid), "the node survived SIGKILL"

    def restart(self) -> None:
        """Start again on the same port with the same data (what an operator or systemd does)."""
        port = self.node.load_state().port
        state = self.node.start(TINY_WRITE_POOL, heap="512m")
        assert state.port == port, "the node came back on another port"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def own_node() -> Iterator[OwnNode]:
    # A killed node leaves its port in TIME_WAIT; the restart takes the same port
    # again (local_es.port_free binds with SO_REUSEADDR, as the node does).
    local_es = load_local_es()
    base = Path(tempfile.mkdtemp(prefix="ingest-reliability-", dir="/var/tmp"))
    base.chmod(0o755)
    (base / "downloads").symlink_to(local_es.base_dir() / "downloads")
    node = local_es.LocalNode(local_es.resolve_version(None), base=base)
    try:
        state = node.start(TINY_WRITE_POOL, heap="512m")
        settings = ConnectionSettings(
            url=state.url, user="elastic", password=state.password, ca_certs=state.ca_certs
        )
        client = settings.client()
        yield OwnNode(node, settings, client)
        client.close()
    finally:
        node.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def own_index(request: pytest.FixtureRequest, own_node: OwnNode) -> Iterator[str]:
    name = "faults-" + request.node.name.lower()[:50]
    yield name
    with contextlib.suppress(ApiError, EsConnectionError):  # a test may leave the node down
        delete_index_family(own_node.client, name)


def assert_each_input_indexed_once(es: Elasticsearch, index: str, inputs: list[Path]) -> None:
    """Zero lost, zero duplicated: every input's path exactly once, all comments present."""
    assert sorted(field_values(es, index, "path")) == sorted(str(p) for p in inputs)
    assert count(es, f"{index}-comments") == VT_COMMENTS * len(inputs)
    ids = field_values(es, f"{index}-comments", "id")
    assert len(ids) == len(set(ids))


class Noise:
    """Other clients indexing at the same time, so the tiny write queue overflows."""

    def __init__(self, client: Elasticsearch, threads: int = 3) -> None:
        self.client = client.options(max_retries=0, request_timeout=30)
        self.stop = threading.Event()
        self.rejected = 0
        self.threads = [threading.Thread(target=self.loop, daemon=True) for _ in range(threads)]

    def loop(self) -> None:
        body: list[dict[str, Any]] = []
        for n in range(30):
            body += [{"index": {"_index": "noise"}}, {"n": n, "text": "busy " * 50}]
        while not self.stop.is_set():
            try:
                response = self.client.bulk(operations=body, filter_path="items.*.status")
                statuses = [next(iter(i.values()))["status"] for i in response["items"]]
                self.rejected += sum(1 for s in statuses if s == 429)
            except ApiError as err:
                self.rejected += err.meta.status == 429
            except EsConnectionError:
                time.sleep(0.1)

    def __enter__(self) -> Noise:
        self.client.indices.create(index="noise", settings={"number_of_shards": 3})
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)
        self.client.options(ignore_status=404).indices.delete(index="noise")


class StderrWatcher:
    """Collects a subprocess's stderr in a thread; ``seen`` is set when ``pattern`` shows."""

    def __init__(self, run: subprocess.Popen[str], pattern: str) -> None:
        self.pattern = re.compile(pattern)
        self.lines: list[str] = []
        self.seen = threading.Event()
        self.thread = threading.Thread(target=self.read, args=(run,), daemon=True)
        self.thread.start()

    def read(self, run: subprocess.Popen[str]) -> None:
        assert run.stderr is not None
        for line in run.stderr:
            self.lines.append(line)
            if self.pattern.search(line):
                self.seen.set()

    def text(self) -> str:
        self.thread.join(timeout=60)
        return "".join(self.lines)


def wait_for_documents(
    es: Elasticsearch, index: str, at_least: int, run: subprocess.Popen[str]
) -> int:
    """Poll until ``index`` holds ``at_least`` documents; fail if ``run`` ends first."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert run.poll() is None, "the run ended before the fault: " + run.communicate()[1]
        try:
            seen = int(es.count(index=index)["count"])
        except ApiError:
            seen = 0  # the index is not created yet
        if seen >= at_least:
            return seen
        time.sleep(0.2)
    raise AssertionError(f"{index} never reached {at_least} documents")


def start_run(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    """``ingest ARGS`` started in the background, output piped."""
    return subprocess.Popen(
        cli_command(*args),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_back_pressure_429_is_retried_with_backoff_and_nothing_is_lost(
    own_node: OwnNode, own_index: str, tmp_path: Path
) -> None:
    """Other clients fill the write queue until our run has been answered 429, then stop."""
    inputs = write_corpus(tmp_path / "in", 150)
    args = ["run", str(tmp_path / "in"), "--index", own_index, "--chunk-size", "50"]
    with Noise(own_node.client) as noise:
        run = start_run([*args, "--workers", "1", "--verbose"], cli_env(own_node.settings))
        watcher = StderrWatcher(run, r"\b429\b")
        pushed_back = watcher.seen.wait(timeout=90)
    try:
        run.wait(timeout=300)
    finally:
        run.kill()
    err = watcher.text()
    assert noise.rejected > 0, "the test node never pushed back: the test proves nothing"
    assert pushed_back, err
    assert run.returncode == 0, err
    items, requests = retried(err)
    assert items + requests > 0, err
    assert summary(err)["documents"] == 150
    assert_each_input_indexed_once(own_node.client, own_index, inputs)


def test_a_killed_node_is_waited_for_or_given_up_on_and_nothing_is_lost_or_duplicated(
    own_node: OwnNode, own_index: str, tmp_path: Path
) -> None:
    """One outage (SIGKILL), two runs in flight through it.

    ``patient`` (``--retry-for 240``) waits for the node to come back and
    finishes on its own. ``hasty`` (``--retry-for 5``) gives up in bounded
    time with exit 2, and the same command run again finishes its job.
    Either way every input ends up indexed exactly once.
    """
    env = cli_env(own_node.settings)
    runs = {"patient": ("240", 400, 60), "hasty": ("5", 300, 30)}
    inputs, args, started = {}, {}, {}
    for name, (retry_for, size, _) in runs.items():
        inputs[name] = write_corpus(tmp_path / name, size)
        args[name] = ["run", str(tmp_path / name), "--index", f"{own_index}-{name}"]
        args[name] += ["--chunk-size", "30", "--workers", "1"]
        started[name] = start_run([*args[name], "--retry-for", retry_for], env)
    try:
        seen = {
            name: wait_for_documents(own_node.client, f"{own_index}-{name}", least, started[name])
            for name, (_, _, least) in runs.items()
        }
        own_node.kill()
        killed = time.monotonic()
        _, hasty_err = started["hasty"].communicate(timeout=120)
        gave_up_after = time.monotonic() - killed
        own_node.restart()
        _, patient_err = started["patient"].communicate(timeout=300)
    finally:
        for run in started.values():
            run.kill()

    assert seen["patient"] < 400 and seen["hasty"] < 300  # the kill came mid-run
    assert started["patient"].returncode == 0, patient_err
    assert "Elasticsearch unavailable" in patient_err
    assert "Elasticsearch is back after" in patient_err
    assert retried(patient_err)[1] > 0
    assert summary(patient_err)["documents"] == 400
    assert_each_input_indexed_once(own_node.client, f"{own_index}-patient", inputs["patient"])

    # 5 s without progress, plus at most one in-flight request and one capped wait.
    assert gave_up_after < 5 + 10 + 10
    assert started["hasty"].returncode == 2, hasty_err
    assert "gave up: Elasticsearch made no progress for 5 s" in hasty_err
    assert "run the same command again to finish" in hasty_err
    assert summary(hasty_err)["documents"] < 300
    again = run_cli(args["hasty"], env)
    assert again.returncode == 0, again.stderr
    finished = summary(again.stderr)  # what the first run indexed is skipped as unchanged
    assert finished["documents"] + finished["unchanged"] == 300
    assert finished["unchanged"] >= summary(hasty_err)["documents"]
    assert_each_input_indexed_once(own_node.client, f"{own_index}-hasty", inputs["hasty"])
