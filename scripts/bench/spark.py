"""Spark against process workers, web archives against loose files, and a sizing estimate.

``python -m scripts.bench.spark [-n 2000] [--rounds 3] [--cores 2]`` (PySpark
installed: ``pip install -e '.[spark]'``) generates ``n`` documents
(``scripts.bench.corpus``) and measures, on the node in ``INGEST_ES_*`` or the
shared local node (``node``):

1. engines: the corpus through ``ingest run --workers C`` and through
   ``ingest run --engine spark --spark-master local[C]``, each a child
   process (Spark's start-up counted) into a fresh pre-created index, the
   two alternated round by round; median of the per-round ratios;
2. fixed cost: both on one document, alternated the same way (Spark's
   start-up: a JVM, its Python workers, the plugins loaded in each);
3. input form: the same pages as loose files and packed into one
   ``.warc.gz`` (warcio; each page a ``response`` record), both through
   ``ingest run --workers C``, alternated the same way;
4. sizing: documents parsed per second on one core (``Pipeline.parse_file``
   in this process) and documents per second the node indexes when they come
   parsed already (``helpers.bulk``, as ``scripts.bench.run``'s baseline):
   their ratio is how many parsing cores the node keeps busy.

Markdown tables on stdout, one JSON object with the headline numbers last.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ingest_plugins.document import Document
from ingest_plugins.pipeline import Pipeline
from ingest_plugins.plugins import load_host

from . import corpus, node
from .metrics import run_child
from .run import Indices, log, make_workdir, run_baseline

CHUNK_SIZE = 500


@dataclass
class Timed:
    """Wall-clock seconds of each variant, round by round."""

    seconds: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.seconds.setdefault(name, []).append(seconds)

    def rate(self, name: str, docs: int) -> float:
        return docs / statistics.median(self.seconds[name])

    def ratio(self, name: str, against: str) -> float:
        """Median over the rounds of ``against``'s seconds / ``name``'s (above 1: faster)."""
        pairs = zip(self.seconds[against], self.seconds[name], strict=True)
        return statistics.median(a / b for a, b in pairs)


def ingest_run(targets: Sequence[str], alias: str, extra: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "ingest_plugins.cli", "run", *targets, "--index", alias,
            "--chunk-size", str(CHUNK_SIZE), *extra]  # fmt: skip


def run_into_fresh_index(
    indices: Indices, command: Callable[[str], list[str]], docs: int
) -> tuple[float, str]:
    """Wall seconds of ``command(alias)`` into a fresh pre-created index, and its summary line."""
    pair = indices.fresh("spark")
    try:
        child = run_child(command(pair.alias), os.environ)
        if child.returncode != 0:
            raise RuntimeError(f"ingest run failed ({child.returncode}):\n{child.stderr[-2000:]}")
        articles, _ = node.count(indices.es, pair)
        if articles != docs:
            raise RuntimeError(f"{articles} articles indexed, expected {docs}")
        line = next(ln for ln in child.stderr.splitlines() if ln.startswith("inputs: "))
        return child.seconds, line
    finally:
        indices.drop(pair)


def alternate(
    indices: Indices, variants: dict[str, Callable[[str], list[str]]], docs: int, rounds: int
) -> Timed:
    """Every variant once a round, the order reversed every other round."""
    timed = Timed()
    names = list(variants)
    for number in range(rounds):
        for name in names if number % 2 == 0 else names[::-1]:
            seconds, line = run_into_fresh_index(indices, variants[name], docs)
            timed.add(name, seconds)
            log(f"round {number + 1} {name}: {seconds:.1f} s ({line})")
    return timed


def pack_warc(root: Path, records: Sequence[dict[str, Any]], archive: Path) -> None:
    """The corpus pages as ``response`` records of one gzipped WARC file."""
    with archive.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for record in records:
            media = "text/html" if record["format"] == "html" else "text/plain"
            http = StatusAndHeaders("200 OK", [("Content-Type", media)], protocol="HTTP/1.1")
            payload = (root / record["path"]).read_bytes()
            writer.write_record(
                writer.create_warc_record(
                    f"https://bench.invalid/{record['path']}",
                    "response",
                    payload=io.BytesIO(payload),
                    http_headers=http,
                )
            )


def parse_rate(paths: Sequence[str]) -> tuple[float, list[Document]]:
    """Documents per second of ``Pipeline.parse_file`` in this process (one core)."""
    pipeline = Pipeline(load_host())
    documents = []
    started = time.perf_counter()
    for path in paths:
        try:
            documents.append(pipeline.parse_file(path))
        except Exception as err:
            log(f"parse failed: {path}: {err}")
    return len(documents) / (time.perf_counter() - started), documents


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench.spark", description=__doc__)
    parser.add_argument("-n", type=int, default=2000, help="documents (default 2000)")
    parser.add_argument("--rounds", type=int, default=3, help="alternated rounds (default 3)")
    parser.add_argument("--cores", type=int, default=2, help="workers / local[N] (default 2)")
    parser.add_argument("--workdir", type=Path, help="where the corpus goes (default: temp)")
    args = parser.parse_args(argv)
    node.ensure_node()
    es = node.client()
    indices = Indices(es, load_host())
    workdir = make_workdir(args.workdir)
    cores = str(args.cores)
    try:
        root = workdir / "corpus"
        corpus.generate(root, args.n, workers=args.cores)
        records = corpus.read_records(root)
        docs = str(root / "docs")
        archive = workdir / "pages.warc.gz"
        pack_warc(root, records, archive)
        megabytes = archive.stat().st_size / 1e6
        log(f"{args.n} documents; archive {megabytes:.1f} MB")

        per_core, documents = parse_rate([str(root / r["path"]) for r in records])
        baseline = [run_baseline(indices, documents, CHUNK_SIZE) for _ in range(args.rounds)]
        index_rate = len(documents) / statistics.median(baseline)
        log(f"parse {per_core:.0f} docs/s on one core; node indexes {index_rate:.0f} docs/s")

        local = ["--workers", cores]
        spark = ["--engine", "spark", "--spark-master", f"local[{cores}]"]
        engines = alternate(
            indices,
            {
                f"ingest run --workers {cores}": lambda alias: ingest_run([docs], alias, local),
                f"ingest run {' '.join(spark)}": lambda alias: ingest_run([docs], alias, spark),
            },
            len(documents),
            args.rounds,
        )
        first = [str(root / records[0]["path"])]
        startup = alternate(
            indices,
            {
                "one document, --workers": lambda alias: ingest_run(first, alias, local),
                "one document, spark": lambda alias: ingest_run(first, alias, spark),
            },
            1,
            args.rounds,
        )
        forms = alternate(
            indices,
            {
                "loose files": lambda alias: ingest_run([docs], alias, local),
                "one .warc.gz": lambda alias: ingest_run([str(archive)], alias, local),
            },
            len(documents),
            args.rounds,
        )
    finally:
        indices.drop_all()
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    report(args, len(documents), engines, startup, forms, per_core, index_rate)
    return 0


def report(
    args: argparse.Namespace,
    docs: int,
    engines: Timed,
    startup: Timed,
    forms: Timed,
    per_core: float,
    index_rate: float,
) -> None:
    """The tables and the JSON line."""
    print(f"## {docs} documents, {args.rounds} alternated rounds, {args.cores} cores\n")
    for title, timed, count in (
        ("engine", engines, docs),
        ("fixed cost", startup, 1),
        ("input", forms, docs),
    ):
        print(f"| {title} | median s | docs/s | all runs (s) |\n|---|---|---|---|")
        for name, seconds in timed.seconds.items():
            runs = ", ".join(f"{s:.1f}" for s in seconds)
            rate = f"{timed.rate(name, count):.1f}" if count > 1 else "-"
            print(f"| `{name}` | {statistics.median(seconds):.1f} | {rate} | {runs} |")
        print()
    workers, spark = engines.seconds
    loose, warc = forms.seconds
    summary = {
        "documents": docs,
        "rounds": args.rounds,
        "cores": args.cores,
        "workers_docs_per_s": round(engines.rate(workers, docs), 1),
        "spark_docs_per_s": round(engines.rate(spark, docs), 1),
        "spark_vs_workers": round(engines.ratio(spark, workers), 3),
        "spark_fixed_s": round(statistics.median(startup.seconds["one document, spark"]), 1),
        "workers_fixed_s": round(statistics.median(startup.seconds["one document, --workers"]), 1),
        "warc_vs_loose": round(forms.ratio(warc, loose), 3),
        "parse_docs_per_s_per_core": round(per_core, 1),
        "node_index_docs_per_s": round(index_rate, 1),
        "parsing_cores_per_node": round(index_rate / per_core, 1),
        "load_avg_1m_at_end": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    sys.exit(main())
