"""Deeply nested markup for tests, and a coarse guard against runaway work.

A page nested deeper than ``parsing.html.MAX_DEPTH`` is flattened when it is
parsed, so every reader of the tree sees at most that depth. Tests of such
pages assert what comes out; ``within_coarse_budget`` only catches work that
grows with the nesting (a walk quadratic in 20,000 levels takes minutes,
the bounded one a fraction of a second): it is no speed measurement.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from ingest_plugins.budget import BudgetExceeded, time_budget

COARSE_SECONDS = 60.0
"""Far beyond what a bounded parse of any test page takes, even on a loaded machine."""

FLATTENED = "markup nested deeper than"
"""How the warning about a flattened page begins (``html.ParsedPage.warnings``)."""


def nested(open_tag: str, close_tag: str, depth: int, inside: str = "") -> str:
    """``inside`` wrapped in ``depth`` levels of ``open_tag`` … ``close_tag``."""
    return open_tag * depth + inside + close_tag * depth


@contextmanager
def within_coarse_budget() -> Iterator[None]:
    """Fail the test when its body runs longer than ``COARSE_SECONDS``."""
    try:
        with time_budget(COARSE_SECONDS):
            yield
    except BudgetExceeded:
        pytest.fail(f"runaway work: longer than {COARSE_SECONDS:g} s", pytrace=False)
