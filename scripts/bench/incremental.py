"""Incremental runs: ``ingest run`` of a corpus, then the same run again with nothing changed.

``python -m scripts.bench.incremental [-n 4000] [--workers 2]`` generates ``n``
documents (the speed corpus), indexes them into a fresh ``bench-incremental``
index with ``ingest run``, runs the same command again (every input unchanged:
skipped, nothing sent), and prints both wall-clock times and their ratio. The
goal is a re-run at least 10 times faster than the first run. The node is the
one in ``INGEST_ES_*`` or the shared local node (see ``node``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from . import corpus, node

INDEX = "bench-incremental"
GOAL = 10.0


def run_ingest(folder: Path, workers: int) -> tuple[float, str]:
    """Seconds of one ``ingest run`` and its summary line."""
    command = [sys.executable, "-m", "ingest_plugins.cli", "run", str(folder)]
    command += ["--index", INDEX, "--workers", str(workers)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ))
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"ingest run failed ({done.returncode}):\n{done.stderr[-2000:]}")
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("inputs: "))
    return seconds, line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.bench.incremental", description=__doc__
    )
    parser.add_argument("-n", type=int, default=4000, help="documents (default 4000)")
    parser.add_argument("--workers", type=int, default=2, help="ingest run --workers (default 2)")
    args = parser.parse_args(argv)
    node.ensure_node()
    es = node.client()
    pair = node.IndexPair(INDEX)
    node.drop_pair(es, pair)
    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as tmp:
        root = Path(tmp) / "corpus"
        corpus.generate(root, args.n, workers=args.workers)
        folder = root / "docs"  # the documents, without the records file
        try:
            first, first_line = run_ingest(folder, args.workers)
            again, again_line = run_ingest(folder, args.workers)
        finally:
            node.drop_pair(es, pair)
    unchanged = int(re.search(r"unchanged: (\d+)", again_line)[1])  # type: ignore[index]
    result = {
        "documents": args.n,
        "first_run_s": round(first, 2),
        "rerun_s": round(again, 2),
        "speedup": round(first / again, 1),
        "rerun_unchanged": unchanged,
        "goal_met": first / again >= GOAL and unchanged == args.n,
    }
    print(f"first run: {first_line}", file=sys.stderr)
    print(f"re-run:    {again_line}", file=sys.stderr)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
