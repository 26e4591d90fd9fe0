"""What the harness measures with: body F1, medians, and peak memory of a process tree."""

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


def body_f1(extracted: str, known: str) -> float:
    """Token-level bag-of-words F1 of an extracted body against the known body.

    The one definition used for every extractor: precision is the share of
    extracted tokens that are in the known body (counted with multiplicity),
    recall the share of known tokens that were extracted. Two empty texts
    agree perfectly; one empty text scores 0.
    """
    got, want = tokens(extracted), tokens(known)
    if not got and not want:
        return 1.0
    overlap = sum((got & want).values())
    if overlap == 0:
        return 0.0
    precision = overlap / sum(got.values())
    recall = overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


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
# Peak memory of a child process and its descendants (Linux /proc)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MemoryPeak:
    """Peak memory of a process tree, in KiB."""

    tree_kb: int
    """Highest sum of ``VmRSS`` over the process and its descendants (sampled)."""
    main_hwm_kb: int
    """``VmHWM`` of the main process: its exact peak, kept by the kernel."""
    worker_hwm_kb: int
    """Largest ``VmHWM`` of any descendant (worker process) seen."""
    processes: int
    """Most processes seen in the tree at once."""


def _status_kb(pid: int, field: str) -> int:
    """A ``kB`` field of ``/proc/<pid>/status`` (0 when the process is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return 0


def _parents() -> dict[int, int]:
    """Parent pid of every process (from ``/proc/<pid>/stat``)."""
    found: dict[int, int] = {}
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
            found[int(entry)] = int(fields[1])
    return found


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


@dataclass(frozen=True)
class ChildRun:
    """A finished child process: exit code, wall time, stderr and memory peak."""

    returncode: int
    seconds: float
    stderr: str
    memory: MemoryPeak


def run_child(
    command: Sequence[str],
    env: Mapping[str, str],
    stdout: Path | None = None,
    interval: float = 0.1,
    cwd: Path | None = None,
) -> ChildRun:
    """Run ``command``, sampling the memory of its process tree every ``interval`` s."""
    err_path = Path(f"/tmp/bench-child-{os.getpid()}-{time.monotonic_ns()}.err")
    out_target = stdout if stdout is not None else Path(os.devnull)
    tree_peak = main_peak = worker_peak = most = 0
    started = time.perf_counter()
    with out_target.open("wb") as out, err_path.open("wb") as err:
        child = subprocess.Popen(list(command), env=dict(env), stdout=out, stderr=err, cwd=cwd)
        while child.poll() is None:
            pids = process_tree(child.pid)
            rss = [_status_kb(pid, "VmRSS") for pid in pids]
            tree_peak = max(tree_peak, sum(rss))
            most = max(most, len(pids))
            main_peak = max(main_peak, _status_kb(child.pid, "VmHWM"))
            for pid in pids[1:]:
                worker_peak = max(worker_peak, _status_kb(pid, "VmHWM"))
            time.sleep(interval)
    seconds = time.perf_counter() - started
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    err_path.unlink()
    peak = MemoryPeak(tree_peak, main_peak, worker_peak, most)
    return ChildRun(child.returncode, seconds, stderr, peak)
