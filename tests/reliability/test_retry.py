"""The retry policy: exponential backoff with full jitter, a cap, and a no-progress deadline.

Pure logic (a seeded RNG and a fake clock); the live behaviour is in
``test_reliability_faults.py``.
"""

from __future__ import annotations

import random
import ssl

import pytest
from elastic_transport import (
    ApiResponseMeta,
    ConnectionTimeout,
    HttpHeaders,
    NodeConfig,
    TlsError,
)
from elastic_transport import (
    ConnectionError as TransportConnectionError,
)
from elasticsearch import ApiError

from ingest_plugins.es.retry import (
    ClusterUnavailable,
    RetryPolicy,
    describe,
    is_transient,
    retrying,
)


class FakeClock:
    """``time.monotonic`` and ``time.sleep`` that only move when slept."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def api_error(status: int) -> ApiError:
    meta = ApiResponseMeta(
        status=status,
        http_version="1.1",
        headers=HttpHeaders(),
        duration=0.0,
        node=NodeConfig("https", "localhost", 9200),
    )
    return ApiError(f"status {status}", meta, {"error": {"type": "x"}})


def test_ceilings_double_from_initial_up_to_the_cap() -> None:
    policy = RetryPolicy(initial=0.5, cap=10.0)
    assert [policy.ceiling(n) for n in range(7)] == [0.5, 1, 2, 4, 8, 10, 10]
    assert policy.ceiling(10_000) == 10.0  # no overflow on very long outages


def test_delays_are_full_jitter_within_the_ceiling() -> None:
    policy = RetryPolicy(initial=0.5, cap=10.0)
    rng = random.Random(42)
    for attempt in range(12):
        delays = [policy.delay(attempt, rng) for _ in range(200)]
        assert all(0.0 <= d <= policy.ceiling(attempt) for d in delays)
        # Full jitter spreads over the whole range, not around the ceiling.
        assert min(delays) < 0.2 * policy.ceiling(attempt)
        assert max(delays) > 0.8 * policy.ceiling(attempt)


def test_two_clients_pushed_back_together_do_not_come_back_together() -> None:
    policy = RetryPolicy()
    first = [policy.delay(n, random.Random(1)) for n in range(6)]
    second = [policy.delay(n, random.Random(2)) for n in range(6)]
    assert all(abs(a - b) > 1e-9 for a, b in zip(first, second, strict=True))


def test_seeded_delays_are_reproducible() -> None:
    policy = RetryPolicy()
    assert [policy.delay(n, random.Random(7)) for n in range(5)] == [
        policy.delay(n, random.Random(7)) for n in range(5)
    ]


def test_backoff_gives_up_after_retry_for_without_progress() -> None:
    clock = FakeClock()
    backoff = RetryPolicy(retry_for=60.0).backoff(random.Random(3), clock, clock.sleep)
    with pytest.raises(ClusterUnavailable, match=r"no progress for 60 s \(last: down\)"):
        while True:
            backoff.wait("down")
    assert clock.now == pytest.approx(60.0)  # the last wait is cut to the deadline
    assert len(clock.slept) > 5 and max(clock.slept) <= 10.0


def test_progress_restarts_the_deadline() -> None:
    clock = FakeClock()
    backoff = RetryPolicy(retry_for=30.0).backoff(random.Random(4), clock, clock.sleep)
    for _ in range(20):  # 20 partial successes, far more than 30 s in total
        backoff.wait("throttled")
        backoff.progress()
    assert clock.now > 30.0
    backoff.wait("still alive")  # does not raise


@pytest.mark.parametrize(
    ("err", "transient"),
    [
        (TransportConnectionError("Connection refused"), True),
        (ConnectionTimeout("Connection timed out"), True),
        (TlsError("EOF occurred in violation of protocol"), True),
        (TlsError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"), False),
        (api_error(429), True),
        (api_error(503), True),
        (api_error(400), False),
        (api_error(401), False),
        (ValueError("bug"), False),
    ],
)
def test_only_errors_that_waiting_can_fix_are_transient(err: Exception, transient: bool) -> None:
    assert is_transient(err) is transient


def test_a_wrapped_certificate_error_is_permanent() -> None:
    cause = ssl.SSLCertVerificationError("verify failed")
    err = TlsError("TLS error", errors=(cause,))
    assert not is_transient(err)


def test_describe_is_one_line_with_type_and_status() -> None:
    assert describe(api_error(429)) == "ApiError 429: status 429"
    assert describe(TransportConnectionError("refused\nmore")) == "ConnectionError: refused"


def test_retrying_retries_transient_errors_then_returns() -> None:
    answers: list[Exception | str] = [TransportConnectionError("down"), api_error(503), "ok"]
    waits: list[str] = []

    def call() -> str:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    policy = RetryPolicy(initial=0.001, cap=0.002)
    assert retrying(call, policy, lambda why, _: waits.append(why)) == "ok"
    assert waits == ["ConnectionError: down", "ApiError 503: status 503"]


def test_retrying_raises_permanent_errors_at_once() -> None:
    calls = 0

    def call() -> None:
        nonlocal calls
        calls += 1
        raise api_error(400)

    with pytest.raises(ApiError):
        retrying(call, RetryPolicy(), lambda *_: None)
    assert calls == 1


class _FlakySearchClient:
    """Just enough of a client for ``_Pusher.search_page``: the first search cannot connect."""

    def __init__(self) -> None:
        self.calls = 0
        self.transport = self
        self.serializers = self

    def options(self, **_: object) -> _FlakySearchClient:
        return self

    def get_serializer(self, _: str) -> None:
        return None

    def search(self, **_: object) -> dict[str, object]:
        self.calls += 1
        if self.calls == 1:
            raise TransportConnectionError("connection refused")
        return {"hits": {"hits": [{"_id": "a.c1", "sort": ["a.c1"]}]}}


def test_an_outage_met_while_looking_for_stale_comments_is_announced_and_ended() -> None:
    from ingest_plugins.es.bulk import PushReport, _Pusher

    notes: list[str] = []
    report = PushReport()
    pusher = _Pusher(
        _FlakySearchClient(),  # type: ignore[arg-type]
        "news",
        report,
        RetryPolicy(initial=0.001, cap=0.001),
        None,
        lambda failure: None,
        notes.append,
    )
    hits = pusher.search_page("news-comments", {"match_all": {}}, None)
    assert [hit["_id"] for hit in hits] == ["a.c1"]
    assert report.resent == 1
    assert len(notes) == 2
    assert notes[0].startswith("Elasticsearch unavailable (")
    assert notes[1].startswith("Elasticsearch is back after")


class _FlakyRefreshClient:
    """Just enough of a client for ``bulk.refresh``: the first ``failures`` refreshes fail."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls: list[str] = []
        self.indices = self

    def refresh(self, index: str) -> dict[str, object]:
        self.calls.append(index)
        if len(self.calls) <= self.failures:
            raise TransportConnectionError("connection refused")
        return {"_shards": {"failed": 0}}


def test_an_outage_at_the_final_refresh_is_announced_and_ended() -> None:
    from ingest_plugins.es.bulk import refresh

    notes: list[str] = []
    client = _FlakyRefreshClient(failures=2)
    policy = RetryPolicy(initial=0.001, cap=0.001)
    assert refresh(client, "news", policy, notes.append) is None  # type: ignore[arg-type]
    assert client.calls == ["news,news-comments"] * 3
    assert len(notes) == 2  # announced once, not once per retry
    assert notes[0].startswith("Elasticsearch unavailable at the final refresh (ConnectionError")
    assert notes[1].startswith("Elasticsearch is back after")


def test_a_final_refresh_that_gives_up_says_why_and_does_not_raise() -> None:
    from ingest_plugins.es.bulk import refresh

    notes: list[str] = []
    policy = RetryPolicy(initial=0.001, cap=0.001, retry_for=0.05)
    why = refresh(_FlakyRefreshClient(failures=10**6), "news", policy, notes.append)  # type: ignore[arg-type]
    assert why is not None
    assert why.startswith("Elasticsearch made no progress for 0 s (last: ConnectionError")
    assert len(notes) == 1 and notes[0].startswith("Elasticsearch unavailable at the final")


class _ForbiddenRefreshClient:
    """A client whose key may index but not refresh."""

    def __init__(self) -> None:
        self.indices = self

    def refresh(self, index: str) -> dict[str, object]:
        raise api_error(403)


def test_a_final_refresh_refused_says_why_and_does_not_raise() -> None:
    from ingest_plugins.es.bulk import refresh

    notes: list[str] = []
    why = refresh(_ForbiddenRefreshClient(), "news", RetryPolicy(), notes.append)  # type: ignore[arg-type]
    assert why is not None and why.startswith("Elasticsearch answered 403")
    assert notes == []  # not an outage: no retries
