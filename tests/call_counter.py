"""Counting the calls of a function while a test runs (for work-bound tests)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


def record_calls(
    monkeypatch: pytest.MonkeyPatch,
    owner: object,
    name: str,
    keep: Callable[..., bool] = lambda *args: True,
) -> list[tuple[Any, ...]]:
    """Replace ``owner.name`` by a wrapper that records the arguments of each
    call ``keep`` accepts; the list fills as the test runs."""
    calls: list[tuple[Any, ...]] = []
    real = getattr(owner, name)

    def recording(*args: Any) -> Any:
        if keep(*args):
            calls.append(args)
        return real(*args)

    monkeypatch.setattr(owner, name, recording)
    return calls
