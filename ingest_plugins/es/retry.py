"""When and how long to retry a request to a cluster that is down or busy.

Clusters restart, fail over and push back (429) during long unattended
runs. Every request ``ingest run`` makes while pushing is idempotent
(documents have stable ``_id``s), so the answer to a transient failure is
to wait and send it again:

* waits grow exponentially from ``initial`` and are capped at ``cap``;
* each wait is drawn uniformly from ``[0, ceiling]`` ("full jitter"), so
  many clients pushed back at the same moment do not come back in step;
* a request is given up when the cluster has made **no progress** on it
  for ``retry_for`` seconds (``ClusterUnavailable``). Progress (some items
  of a bulk request accepted) restarts that clock, so a slow but working
  cluster is never given up on, and a dead one is given up on in bounded
  time.

``is_transient`` says which errors are worth waiting for: the node cannot
be reached or timed out, or it answered 429/502/503/504. A certificate
that does not verify, wrong credentials or a bad request are not: they
will not fix themselves.
"""

from __future__ import annotations

import logging
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, TlsError
from elasticsearch import ApiError

TRANSIENT_STATUS = frozenset({429, 502, 503, 504})
"""HTTP statuses that mean "not now" rather than "no"."""

log = logging.getLogger(__name__)
T = TypeVar("T")


class ClusterUnavailable(Exception):
    """The cluster made no progress on a request for ``retry_for`` seconds."""


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter and a cap, bounded by time without progress."""

    retry_for: float = 300.0
    """Give up after this many seconds without progress on one request."""
    initial: float = 0.5
    """Ceiling of the first wait, in seconds; doubles with every attempt."""
    cap: float = 10.0
    """No single wait is longer than this."""

    def ceiling(self, attempt: int) -> float:
        """The longest wait before retry number ``attempt`` (0-based)."""
        return min(self.cap, self.initial * 2.0 ** min(attempt, 62))

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Full jitter: a wait drawn uniformly from ``[0, ceiling(attempt)]``."""
        return rng.uniform(0.0, self.ceiling(attempt))

    def backoff(
        self,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> Backoff:
        """A fresh retry state for one request."""
        return Backoff(self, rng or random.Random(), clock, sleep)


class Backoff:
    """The retries of one request: attempt count and the no-progress deadline."""

    def __init__(
        self,
        policy: RetryPolicy,
        rng: random.Random,
        clock: Callable[[], float],
        sleep: Callable[[float], None],
    ) -> None:
        self.policy = policy
        self.rng = rng
        self.clock = clock
        self.sleep = sleep
        self.attempt = 0
        self.deadline = clock() + policy.retry_for

    def progress(self) -> None:
        """The cluster accepted part of the request: restart the no-progress clock."""
        self.deadline = self.clock() + self.policy.retry_for

    def wait(self, reason: str) -> float:
        """Sleep before the next attempt and return how long; give up past the deadline."""
        remaining = self.deadline - self.clock()
        if remaining <= 0:
            raise ClusterUnavailable(
                f"no progress for {self.policy.retry_for:.0f} s (last: {reason})"
            )
        delay = min(self.policy.delay(self.attempt, self.rng), remaining)
        self.attempt += 1
        log.debug("retry %d in %.2f s: %s", self.attempt, delay, reason)
        self.sleep(delay)
        return delay


class Outage:
    """Tells the user once when the cluster becomes unreachable, and once when it is back."""

    def __init__(
        self, on_note: Callable[[str], None], retry_for: float, at: str = "", then: str = "resuming"
    ) -> None:
        self.on_note = on_note
        self.retry_for = retry_for
        self.at = at
        self.then = then
        self.since: float | None = None

    def begin(self, reason: str) -> None:
        """A request failed as a whole: announce it, unless already announced."""
        if self.since is None:
            self.since = time.monotonic()
            self.on_note(
                f"Elasticsearch unavailable{self.at} ({reason}); "
                f"retrying for up to {self.retry_for:.0f} s"
            )

    def end(self) -> None:
        """A request went through: say the outage is over, if there was one."""
        if self.since is not None:
            self.on_note(
                f"Elasticsearch is back after {time.monotonic() - self.since:.1f} s; {self.then}"
            )
            self.since = None


def is_transient(err: BaseException) -> bool:
    """True for errors that waiting can fix (see the module docstring)."""
    if isinstance(err, TlsError):
        return not certificate_problem(err)
    if isinstance(err, TransportConnectionError | ConnectionTimeout):
        return True
    return isinstance(err, ApiError) and err.meta.status in TRANSIENT_STATUS


def certificate_problem(err: BaseException) -> bool:
    """A TLS error caused by verification (permanent), not by a dropped connection."""
    seen: set[int] = set()
    todo: list[BaseException] = [err]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return True
        if "CERTIFICATE_VERIFY_FAILED" in f"{current} {getattr(current, 'message', '')}":
            return True
        todo.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        todo.extend(e for e in getattr(current, "errors", ()) if isinstance(e, BaseException))
    return False


def describe(err: BaseException) -> str:
    """A one-line description of a transport error: type, status, first line of the text."""
    status = getattr(getattr(err, "meta", None), "status", None)
    text = str(getattr(err, "message", err)).splitlines()
    head = f"{type(err).__name__}" + (f" {status}" if status else "")
    return f"{head}: {text[0][:200]}" if text and text[0] else head


def retrying(
    call: Callable[[], T], policy: RetryPolicy, on_wait: Callable[[str, float], None]
) -> T:
    """``call()``, retried on transient errors under ``policy``; ``on_wait(reason, seconds)``."""
    backoff = policy.backoff()
    while True:
        try:
            return call()
        except Exception as err:
            if not is_transient(err):
                raise
            reason = describe(err)
            on_wait(reason, backoff.wait(reason))
