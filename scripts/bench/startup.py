"""Startup cost: ``ingest parse`` of one page next to ``python -c "import elasticsearch"``.

``python -m scripts.bench.startup [-n N] [PAGE]`` runs both N times, alternated, each in
a fresh process, and prints the medians and their ratio (``ingest parse`` / import;
below 1 means parsing a page costs less than importing the client it does not use).
Both run with bytecode cached in a temporary ``PYTHONPYCACHEPREFIX`` (one warm-up run
each, not counted), as after an install, whatever ``PYTHONDONTWRITEBYTECODE`` says.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def ingest_command() -> list[str]:
    """The installed console script, or the module when there is none."""
    script = Path(sys.executable).parent / "ingest"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ingest_plugins.cli"]


def timed(command: Sequence[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one run of ``command`` in a fresh process."""
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench.startup", description=__doc__)
    parser.add_argument("-n", type=int, default=20, help="runs of each command (default 20)")
    parser.add_argument(
        "page", nargs="?", help="the page to parse (default: the first file in seeds/)"
    )
    args = parser.parse_args(argv)
    page = args.page or str(min(p for p in SEEDS.iterdir() if p.is_file()))
    commands = {
        "import elasticsearch": [sys.executable, "-c", "import elasticsearch"],
        "ingest parse PAGE": [*ingest_command(), "parse", page],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="ingest-pyc-") as pycache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = pycache
        for command in commands.values():
            timed(command, env)  # warm-up: writes the bytecode cache
        for _ in range(args.n):
            for name, command in commands.items():
                times[name].append(timed(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"page: {page}  runs: {args.n} each, alternated  python: {sys.version.split()[0]}")
    for name, values in times.items():
        print(f"{name:22} median {medians[name] * 1000:6.1f} ms  (min {min(values) * 1000:.1f})")
    ratio = medians["ingest parse PAGE"] / medians["import elasticsearch"]
    print(f"ratio ingest parse / import elasticsearch: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
