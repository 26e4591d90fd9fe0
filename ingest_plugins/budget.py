"""A time budget for parsing one input: past it, that input fails and the run goes on.

The parser is bounded by input size (``--max-bytes``) and by the depth of a
page's markup (``parsing.html.MAX_DEPTH``); the budget catches whatever else
makes one input slow (a plugin stuck in a loop, a pathological page that
slips through), so one input cannot hold up a run.

The budget is a ``SIGALRM`` timer, so it applies in a process's main thread
(the ``ingest`` command and each worker process run their parses there); in
other threads, and where the platform has no ``setitimer``, inputs run
without one. The alarm interrupts Python code: a single long call into a C
library ends before the input is given up.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["DEFAULT_PARSE_BUDGET", "BudgetExceeded", "time_budget"]

DEFAULT_PARSE_BUDGET = 30.0
"""Seconds one input may take from its bytes to its ``Document``. A news page takes
milliseconds and the largest input allowed (``--max-bytes``) a few seconds."""


class BudgetExceeded(BaseException):
    """Raised in the code that was running when the budget ran out.

    A ``BaseException``, as ``KeyboardInterrupt`` is: a plugin's ``except
    Exception`` does not swallow it.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise ``BudgetExceeded`` in the body when it runs longer than ``seconds``.

    ``None`` or ``0``: no budget. Nothing is timed outside the main thread or
    without ``signal.setitimer`` (see the module's description). Budgets do not
    nest: an inner one replaces the outer one, which is gone when it ends.
    """
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
