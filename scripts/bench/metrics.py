"""What the benchmarks measure with: word tokens, medians, and a child process's peak memory."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """The bag of lower-cased word tokens of ``text``."""
    return Counter(_TOKEN.findall(text.lower()))


def body_text(body: Mapping[str, str]) -> str:
    """A language-keyed body (``{"en": ..., "uk": ...}``) as one text."""
    return "\n\n".join(body.values())


def trafilatura_text(result: Any) -> str:
    """The text of a ``trafilatura.bare_extraction`` result (a Document, a dict or ``None``)."""
    if result is None:
        return ""
    if isinstance(result, dict):
        return str(result.get("text") or "")
    return str(getattr(result, "text", "") or "")


def median(values: Iterable[float]) -> float:
    """The median of ``values`` (0.0 when there are none)."""
    found = list(values)
    return statistics.median(found) if found else 0.0


# ---------------------------------------------------------------------------
# A child process and the peak memory of its process tree (Linux /proc)
# ---------------------------------------------------------------------------


def _rss_kb(pid: int) -> int:
    """``VmRSS`` of ``pid`` in KiB (0 when the process is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return 0


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants (parents read from ``/proc/<pid>/stat``)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


@dataclass(frozen=True)
class ChildRun:
    """A finished child process: exit code, wall time, stderr and peak memory."""

    returncode: int
    seconds: float
    stderr: str
    peak_rss_kb: int
    """Highest sum of ``VmRSS`` over the process and its descendants, sampled every 0.1 s."""


def run_child(command: Sequence[str], env: Mapping[str, str], cwd: Path | None = None) -> ChildRun:
    """Run ``command`` (stdout discarded), sampling the memory of its process tree."""
    err_path = Path(f"/tmp/bench-child-{os.getpid()}-{time.monotonic_ns()}.err")
    peak = 0
    started = time.perf_counter()
    with err_path.open("wb") as err:
        child = subprocess.Popen(
            list(command), env=dict(env), stdout=subprocess.DEVNULL, stderr=err, cwd=cwd
        )
        while child.poll() is None:
            peak = max(peak, sum(_rss_kb(pid) for pid in process_tree(child.pid)))
            time.sleep(0.1)
    seconds = time.perf_counter() - started
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    err_path.unlink()
    return ChildRun(child.returncode, seconds, stderr, peak)
