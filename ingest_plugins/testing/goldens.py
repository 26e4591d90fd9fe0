"""Comparing a record with its golden file, and rewriting goldens on request.

Goldens are compared as JSON values and written in one format
(``render_golden``); ``--update-goldens`` (see the package's pytest hooks)
makes ``assert_golden`` write instead of failing.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "UPDATE_OPTION",
    "assert_golden",
    "golden_diff",
    "render_golden",
    "update_requested",
]

UPDATE_OPTION = "--update-goldens"
"""The pytest option that makes ``assert_golden`` write goldens instead of failing."""

DIFF_LINE_LIMIT = 240
"""Lines of the unified diff in a failure message are cut at this many characters."""

MAX_LISTED_DIFFERENCES = 12
"""A failure message names at most this many differing fields."""


def render_golden(record: Any) -> str:
    """The text of a golden file: sorted keys, indent 2, no ASCII escapes, final newline."""
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _short(value: Any, at: int = 0, width: int = 60) -> str:
    """``value`` as JSON, cut to about ``width`` characters around position ``at``."""
    if isinstance(value, str) and len(value) > width:
        start = max(0, at - width // 3)
        piece = value[start : start + width]
        text = json.dumps(piece, ensure_ascii=False)
        return ("…" if start else "") + text + ("…" if start + width < len(value) else "")
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= width else text[: width - 1] + "…"


def _differences(expected: Any, actual: Any, where: str = "") -> Iterator[str]:
    """One line per differing leaf of two JSON values, naming its path."""
    here = where or "the record"
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(expected.keys() | actual.keys()):
            sub = f"{where}.{key}" if where else key
            if key not in actual:
                yield f"{sub}: in the golden, missing from the output"
            elif key not in expected:
                yield f"{sub}: in the output, not in the golden: {_short(actual[key])}"
            else:
                yield from _differences(expected[key], actual[key], sub)
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            yield f"{here}: {len(expected)} item(s) in the golden, {len(actual)} in the output"
        for index, (old, new) in enumerate(zip(expected, actual, strict=False)):
            yield from _differences(old, new, f"{where}[{index}]")
    elif isinstance(expected, str) and isinstance(actual, str):
        if expected != actual:
            at = next(
                (i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
                min(len(expected), len(actual)),
            )
            yield (
                f"{here}: differs at character {at}: golden {_short(expected, at)}, "
                f"output {_short(actual, at)}"
            )
    elif render_golden(expected) != render_golden(actual):
        yield f"{here}: golden {_short(expected)}, output {_short(actual)}"


def golden_diff(expected: Any, actual: Any, name: str = "golden") -> str:
    """A readable account of how ``actual`` differs from the golden value ``expected``:
    the differing fields by path (``body.en``, ``comments[2].text``) with the spot
    where a text changes, then a unified diff of the two golden texts (long lines cut).
    ``""`` when they are equal."""
    differences = list(_differences(expected, actual))
    if not differences:
        return ""
    lines = [f"  {line}" for line in differences[:MAX_LISTED_DIFFERENCES]]
    if len(differences) > MAX_LISTED_DIFFERENCES:
        lines.append(f"  … and {len(differences) - MAX_LISTED_DIFFERENCES} more")
    diff = difflib.unified_diff(
        render_golden(expected).splitlines(),
        render_golden(actual).splitlines(),
        fromfile=name,
        tofile="parser output",
        lineterm="",
        n=1,
    )
    for line in diff:
        cut = len(line) > DIFF_LINE_LIMIT
        lines.append(line[:DIFF_LINE_LIMIT] + (" …" if cut else ""))
    return "\n".join(lines)


@dataclass
class _Session:
    """What one pytest run asked for, and which goldens it wrote."""

    update: bool = False
    written: list[Path] = field(default_factory=list)


_SESSIONS: list[_Session] = []
"""The pytest runs in progress, innermost last (``pytester`` nests them)."""


def update_requested() -> bool:
    """True when the running pytest was given ``--update-goldens``."""
    return bool(_SESSIONS) and _SESSIONS[-1].update


def _write(golden: Path, record: Any, by_option: bool) -> None:
    """Write ``golden``; list it in the run's summary when ``--update-goldens`` asked."""
    golden.parent.mkdir(parents=True, exist_ok=True)
    golden.write_text(render_golden(record), encoding="utf-8")
    if by_option and _SESSIONS:
        _SESSIONS[-1].written.append(golden)


def assert_golden(record: Any, golden: str | Path, *, update: bool | None = None) -> None:
    """Check that ``record`` equals (as JSON) the value of the golden file ``golden``.

    On a difference, raises ``AssertionError`` with ``golden_diff``'s account
    and how to update. With ``update`` (default: whether pytest was given
    ``--update-goldens``), writes the golden instead, in ``render_golden``'s
    format; a golden whose value already matches is never rewritten.
    """
    __tracebackhide__ = True
    golden = Path(golden)
    by_option = update is None
    update = update_requested() if update is None else update
    actual = json.loads(json.dumps(record, ensure_ascii=False))
    hint = f"run pytest {UPDATE_OPTION} to write the parser's output, then review the diff"
    if not golden.exists():
        if update:
            _write(golden, actual, by_option)
            return
        raise AssertionError(f"no golden file {golden}: {hint}")
    text = golden.read_text(encoding="utf-8")
    try:
        expected = json.loads(text)
    except json.JSONDecodeError as err:
        if update:
            _write(golden, actual, by_option)
            return
        raise AssertionError(f"golden file {golden} is not JSON ({err}): {hint}") from None
    if render_golden(expected) == render_golden(actual):
        return
    if update:
        _write(golden, actual, by_option)
        return
    raise AssertionError(
        f"the parser's output differs from the golden {golden}:\n"
        f"{golden_diff(expected, actual, golden.name)}\n({hint})"
    )
