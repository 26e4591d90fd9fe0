"""A cluster that cannot be reached at start: a clear message and exit 2, in bounded time.

No node needed: one port nobody listens on (refused at once), and one that
accepts connections but never answers (the case that needs a timeout).
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from ingest_plugins.cli import main
from tests.conftest import SEEDS

SECRET = "s3cret-never-printed"


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port whose connections are accepted by the kernel and then never answered."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield int(sock.getsockname()[1])


def run_against(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, float]:
    monkeypatch.setenv("INGEST_ES_URL", url)
    monkeypatch.setenv("INGEST_ES_PASSWORD", SECRET)
    started = time.monotonic()
    code = main(["run", str(SEEDS), "--index", "unused"])
    out = capsys.readouterr()
    return code, out.out + out.err, time.monotonic() - started


def test_refused_connection_fails_at_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nobody listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code, output, seconds = run_against(f"https://127.0.0.1:{port}", monkeypatch, capsys)
    assert code == 2
    assert "ingest: cannot reach Elasticsearch: ConnectionError" in output
    assert seconds < 5
    assert SECRET not in output


def test_a_node_that_never_answers_fails_within_the_start_timeout(
    silent_port: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output, seconds = run_against(f"https://127.0.0.1:{silent_port}", monkeypatch, capsys)
    assert code == 2
    assert "ingest: cannot reach Elasticsearch: ConnectionTimeout" in output
    assert seconds < 20  # one 10 s attempt, no retries
    assert SECRET not in output
