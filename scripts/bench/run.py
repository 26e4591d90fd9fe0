"""The benchmark: ``python -m scripts.bench.run [--quick]`` (or ``tox -e bench``).

Generates the synthetic corpus (``scripts.bench.corpus``) and measures, in one
run on one machine, the figures of ``docs/performance.md``:

1. parse throughput per source and format, in one process
   (``Pipeline.parse_file``) and with all cores (``parallel.process_parallel``,
   what ``ingest run`` uses);
2. Al Jazeera pages: time per page of the pipeline (bytes → ``Document``) and
   of its parser alone (``parse_html`` on decoded text) against
   ``trafilatura.bare_extraction``, interleaved page by page;
3. end to end: ``ingest run`` (a child process) against a baseline that
   bulk-indexes the same documents, parsed and turned into actions
   beforehand, with ``elasticsearch.helpers.bulk`` alone; same node, same
   client settings, same index templates, fresh indices each time, runs
   alternated, median of the per-round ratios. The full mode first sweeps
   chunk size and worker count and uses the fastest;
4. peak memory of ``ingest run`` (main process and workers) on a small and a
   large corpus.

Markdown tables go to stdout, progress to stderr; the last line is one JSON
object with the headline numbers and whether each goal is met.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch, helpers

from ingest_plugins.decode import read_source
from ingest_plugins.document import Document, SourceText
from ingest_plugins.es.mappings import comments_index
from ingest_plugins.parallel import HostSettings, process_parallel
from ingest_plugins.pipeline import Failure, Pipeline
from ingest_plugins.plugins import Host, load_host
from ingest_plugins.serialize import article_source, comment_doc_id, comment_source
from ingest_plugins.sources import aljazeera

from . import corpus, node
from .metrics import ChildRun, median, run_child

GOALS = {
    "parse_speed_vs_trafilatura": 5.0,
    "e2e_vs_bulk_baseline": 0.9,
    "rss_ratio_100k_vs_1k": 1.2,
}


def log(message: str) -> None:
    """Progress on stderr (stdout carries the tables and the JSON line)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Config:
    """What one run measures, and how much of it."""

    mode: str
    n: int
    """Documents for throughput, the trafilatura comparison and end to end."""
    rss_sizes: tuple[int, int]
    rounds: int
    chunk_sizes: tuple[int, ...]
    """Chunk sizes tried end to end before the rounds; the fastest is used."""
    workers: int
    """Parser processes for throughput, and end to end unless ``worker_counts`` are swept."""
    worker_counts: tuple[int, ...] = ()
    """Parser process counts tried end to end (after the chunk sizes); the fastest is used."""
    seed: int = 1


def config_from(args: argparse.Namespace) -> Config:
    """The quick or full configuration, with command-line overrides."""
    cores = os.cpu_count() or 1
    if args.quick:
        base = Config("quick", 600, (1000, 20_000), rounds=3, chunk_sizes=(500,), workers=cores)
    else:
        base = Config(
            "full",
            4000,
            (1000, 100_000),
            rounds=5,
            chunk_sizes=(100, 250, 500, 1000),
            workers=cores,
            worker_counts=tuple(sorted({1, cores})),
        )
    return Config(
        mode=base.mode,
        n=args.n or base.n,
        rss_sizes=(args.rss_sizes[0], args.rss_sizes[1]) if args.rss_sizes else base.rss_sizes,
        rounds=args.rounds or base.rounds,
        chunk_sizes=tuple(args.chunk_sizes) if args.chunk_sizes else base.chunk_sizes,
        workers=args.workers or base.workers,
        worker_counts=() if args.workers else base.worker_counts,
        seed=args.seed,
    )


def machine(es: Elasticsearch) -> dict[str, Any]:
    """What the numbers were measured on."""
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_gib, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "elasticsearch": node.node_version(es),
        "es_url_local": any(
            h in os.environ.get("INGEST_ES_URL", "") for h in ("127.0.0.1", "localhost")
        ),
        "load_avg_1m_at_start": round(os.getloadavg()[0], 2),
    }


@dataclass
class Corpus:
    """A generated corpus and its records, in index order."""

    root: Path
    records: list[dict[str, Any]]

    def path(self, record: dict[str, Any]) -> str:
        return str(self.root / record["path"])

    def targets(self, count: int) -> list[str]:
        """``ingest`` arguments for the first ``count`` documents: whole folders, then files."""
        full, rest = divmod(count, corpus.PER_FOLDER)
        folders = [str(self.root / "docs" / f"{i:03d}") for i in range(full)]
        start = full * corpus.PER_FOLDER
        return folders + [self.path(r) for r in self.records[start : start + rest]]


# ---------------------------------------------------------------------------
# 1. Parse throughput
# ---------------------------------------------------------------------------


@dataclass
class GroupResult:
    """Parse throughput for one source and format."""

    source: str
    format: str
    docs: int
    megabytes: float
    single_seconds: float
    parallel_seconds: float
    failures: int

    def rates(self) -> dict[str, float]:
        return {
            "docs_per_s": self.docs / self.single_seconds,
            "docs_per_s_all_cores": self.docs / self.parallel_seconds,
            "mb_per_s_all_cores": self.megabytes / self.parallel_seconds,
        }


def measure_parse(
    data: Corpus, config: Config, host: Host
) -> tuple[list[GroupResult], dict[str, Document]]:
    """Throughput per group in one process and with all cores; the parsed documents."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for record in data.records[: config.n]:
        groups.setdefault((record["source"], record["format"]), []).append(record)
    pipeline = Pipeline(host)
    parsed: dict[str, Document] = {}
    results = []
    for (source, fmt), records in sorted(groups.items()):
        paths = [data.path(r) for r in records]
        failures = 0
        started = time.perf_counter()
        for path in paths:
            try:
                parsed[path] = pipeline.parse_file(path)
            except Exception:
                failures += 1
        single = time.perf_counter() - started
        started = time.perf_counter()
        for item in process_parallel(paths, config.workers, HostSettings()):
            failures += isinstance(item, Failure)
        parallel = time.perf_counter() - started
        megabytes = sum(r["bytes"] for r in records) / 1e6
        result = GroupResult(source, fmt, len(paths), megabytes, single, parallel, failures)
        log(f"parse {source}/{fmt}: {result.rates()['docs_per_s']:.0f} docs/s single")
        results.append(result)
    return results, parsed


# ---------------------------------------------------------------------------
# 2. Al Jazeera pages against trafilatura
# ---------------------------------------------------------------------------

EXTRACTORS = {
    "ingest": "ingest pipeline (bytes → Document)",
    "ingest_parser": "ingest parser only (`parse_html`)",
    "trafilatura": "`trafilatura.bare_extraction`",
}


def _parse_html_again(decoded: SourceText) -> object:
    """The Al Jazeera parser on a copy of ``decoded``, so its tree is parsed again."""
    return aljazeera.parse_html(dataclasses.replace(decoded))


def compare_trafilatura(data: Corpus, config: Config, host: Host) -> dict[str, list[float]]:
    """Seconds per Al Jazeera page of each of ``EXTRACTORS``, on the same pages.

    Each page goes to every extractor in turn, the order rotating from page
    to page, so machine noise hits all of them alike.
    """
    from trafilatura import bare_extraction as extract

    pipeline = Pipeline(host)
    seconds: dict[str, list[float]] = {name: [] for name in EXTRACTORS}
    pages = [
        data.path(r)
        for r in data.records[: config.n]
        if r["source"] == "aljazeera" and r["format"] == "html"
    ]
    for number, path in enumerate(pages):
        raw = Path(path).read_bytes()
        decoded = read_source(raw, path)
        runs: list[tuple[str, Callable[[], object]]] = [
            ("ingest", functools.partial(pipeline.parse_bytes, raw, path)),
            ("trafilatura", functools.partial(extract, raw, include_comments=False)),
            ("ingest_parser", functools.partial(_parse_html_again, decoded)),
        ]
        shift = number % len(runs)
        for name, function in runs[shift:] + runs[:shift]:
            started = time.perf_counter()
            function()
            seconds[name].append(time.perf_counter() - started)
    log(f"trafilatura comparison on {len(pages)} Al Jazeera pages")
    return seconds


# ---------------------------------------------------------------------------
# 3. End to end against the bulk baseline
# ---------------------------------------------------------------------------


@dataclass
class Round:
    """One round: ``ingest run`` and the baseline on the same documents."""

    chunk_size: int
    workers: int
    e2e_seconds: float
    e2e_internal_seconds: float
    """The ``seconds:`` ``ingest run`` reports itself: the run without its start-up."""
    baseline_seconds: float
    docs: int

    @property
    def ratio(self) -> float:
        return self.baseline_seconds / self.e2e_seconds


class Indices:
    """Creates ``bench-<run>-...`` index pairs and removes every one it made."""

    def __init__(self, es: Elasticsearch, host: Host) -> None:
        self.es = es
        self.host = host
        self.tag = f"{node.PREFIX}{os.getpid()}-{int(time.time()) % 100000}"
        self.made: list[node.IndexPair] = []

    def fresh(self, label: str, create: bool = True) -> node.IndexPair:
        alias = f"{self.tag}-{label}{len(self.made) + 1}"
        pair = node.create_pair(self.es, alias, self.host) if create else node.IndexPair(alias)
        self.made.append(pair)
        return pair

    def drop(self, pair: node.IndexPair) -> None:
        node.drop_pair(self.es, pair)

    def drop_all(self) -> None:
        for pair in self.made:
            try:
                node.drop_pair(self.es, pair)
            except Exception as err:
                log(f"could not remove {pair.alias}: {err}")


def ingest_run(data: Corpus, docs: int, alias: str, workers: int, chunk_size: int) -> ChildRun:
    """``ingest run`` of the first ``docs`` documents into ``alias``: the finished child."""
    command = [
        sys.executable, "-m", "ingest_plugins.cli", "run", *data.targets(docs),
        "--index", alias, "--workers", str(workers), "--chunk-size", str(chunk_size),
    ]  # fmt: skip
    child = run_child(command, os.environ, cwd=data.root)
    if child.returncode != 0:
        raise RuntimeError(f"ingest run failed ({child.returncode}):\n{child.stderr[-2000:]}")
    return child


def run_e2e(
    data: Corpus, config: Config, indices: Indices, chunk_size: int, workers: int, docs: int
) -> tuple[float, float]:
    """``ingest run`` into a fresh pre-created index; wall and internal seconds."""
    pair = indices.fresh("e2e")
    try:
        child = ingest_run(data, config.n, pair.alias, workers, chunk_size)
        articles, _ = node.count(indices.es, pair)
        if articles != docs:
            raise RuntimeError(f"ingest run indexed {articles} articles, expected {docs}")
    finally:
        indices.drop(pair)
    summary = [line for line in child.stderr.splitlines() if "seconds:" in line]
    if not summary:
        raise RuntimeError(f"no summary line from ingest run:\n{child.stderr[-2000:]}")
    return child.seconds, float(summary[-1].split("seconds:")[1].split()[0])


def baseline_actions(document: Document, alias: str) -> list[dict[str, Any]]:
    """The bulk actions ``ingest run`` sends for ``document``: its article, then each comment."""
    actions = [{"_index": alias, "_id": document.id, "_source": article_source(document)}]
    for comment in document.article.comments:
        actions.append(
            {
                "_index": comments_index(alias),
                "_id": comment_doc_id(document, comment),
                "_source": comment_source(document, comment),
            }
        )
    return actions


def run_baseline(indices: Indices, documents: Sequence[Document], chunk_size: int) -> float:
    """``helpers.bulk`` of the already parsed documents into a fresh index; seconds."""
    pair = indices.fresh("bulk")
    try:
        actions = [a for d in documents for a in baseline_actions(d, pair.alias)]
        started = time.perf_counter()
        ok, errors = helpers.bulk(
            indices.es, actions, chunk_size=chunk_size, max_retries=5, initial_backoff=1,
            max_backoff=30, raise_on_error=False, raise_on_exception=False, stats_only=True,
        )  # fmt: skip
        indices.es.indices.refresh(index=pair.both)
        seconds = time.perf_counter() - started
        if errors or ok != len(actions):
            raise RuntimeError(f"baseline bulk: {ok} ok, {errors} errors of {len(actions)}")
        return seconds
    finally:
        indices.drop(pair)


@dataclass
class Sweeps:
    """End-to-end docs/s per chunk size, then per worker count (at the best chunk size)."""

    chunk_sizes: dict[int, float] = field(default_factory=dict)
    workers: dict[int, float] = field(default_factory=dict)


def measure_e2e(
    data: Corpus, config: Config, indices: Indices, parsed: dict[str, Document]
) -> tuple[list[Round], Sweeps]:
    """Pick chunk size and worker count by measurement, then alternate the two runs."""
    documents = [parsed[data.path(r)] for r in data.records[: config.n] if data.path(r) in parsed]
    docs = len(documents)
    sweeps = Sweeps()

    def rate(chunk_size: int, workers: int) -> float:
        seconds, _ = run_e2e(data, config, indices, chunk_size, workers, docs)
        log(f"chunk size {chunk_size}, {workers} workers: {docs / seconds:.1f} docs/s")
        return docs / seconds

    if len(config.chunk_sizes) > 1:
        sweeps.chunk_sizes = {c: rate(c, config.workers) for c in config.chunk_sizes}
    chunk_size = max(sweeps.chunk_sizes, key=sweeps.chunk_sizes.__getitem__, default=None)
    chunk_size = chunk_size or config.chunk_sizes[0]
    if len(config.worker_counts) > 1:
        sweeps.workers = {w: rate(chunk_size, w) for w in config.worker_counts}
    workers = max(sweeps.workers, key=sweeps.workers.__getitem__, default=None) or config.workers
    rounds = []
    for number in range(config.rounds):
        if number % 2 == 0:
            wall, internal = run_e2e(data, config, indices, chunk_size, workers, docs)
            baseline = run_baseline(indices, documents, chunk_size)
        else:
            baseline = run_baseline(indices, documents, chunk_size)
            wall, internal = run_e2e(data, config, indices, chunk_size, workers, docs)
        rounds.append(Round(chunk_size, workers, wall, internal, baseline, docs))
        log(f"round {number + 1}: ingest run {wall:.1f} s, bulk baseline {baseline:.1f} s")
    return rounds, sweeps


# ---------------------------------------------------------------------------
# 4. Peak memory
# ---------------------------------------------------------------------------


@dataclass
class MemoryRun:
    """Peak memory of one ``ingest run`` over ``docs`` documents."""

    docs: int
    seconds: float
    peak_mb: float


def measure_rss(data: Corpus, config: Config, indices: Indices, chosen: Round) -> list[MemoryRun]:
    """``ingest run`` on the small and the large corpus, memory of its process tree sampled."""
    runs = []
    for size in config.rss_sizes:
        pair = indices.fresh("rss", create=False)
        try:
            child = ingest_run(data, size, pair.alias, chosen.workers, chosen.chunk_size)
        finally:
            indices.drop(pair)
        run = MemoryRun(size, child.seconds, child.peak_rss_kb / 1024)
        log(f"rss N={size}: {run.peak_mb:.0f} MB peak, {run.seconds:.0f} s")
        runs.append(run)
    return runs


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]


@dataclass
class Results:
    """Everything one run measured."""

    config: Config
    machine: dict[str, Any]
    groups: list[GroupResult]
    pages: dict[str, list[float]]
    """Seconds per Al Jazeera page of each of ``EXTRACTORS``."""
    rounds: list[Round]
    sweeps: Sweeps
    memory: list[MemoryRun]
    seconds: float

    def summary(self) -> dict[str, Any]:
        """The JSON line."""
        speed = sum(self.pages["trafilatura"]) / sum(self.pages["ingest"])
        speed_parser = sum(self.pages["trafilatura"]) / sum(self.pages["ingest_parser"])
        ratio = median(r.ratio for r in self.rounds)
        small, large = self.memory
        rss_ratio = large.peak_mb / small.peak_mb
        bulk = median(r.docs / r.baseline_seconds for r in self.rounds)
        # Parsing the corpus mix with all cores, alone: documents over total seconds.
        parse_all = sum(g.docs for g in self.groups) / sum(g.parallel_seconds for g in self.groups)
        goals = {
            "parse_speed_vs_trafilatura": speed >= GOALS["parse_speed_vs_trafilatura"],
            "e2e_vs_bulk_baseline": ratio >= GOALS["e2e_vs_bulk_baseline"],
            "rss_ratio_100k_vs_1k": rss_ratio <= GOALS["rss_ratio_100k_vs_1k"],
        }
        first = self.rounds[0]
        return {
            "parse_speed_vs_trafilatura": round(speed, 3),
            "e2e_vs_bulk_baseline": round(ratio, 3),
            "rss_ratio_100k_vs_1k": round(rss_ratio, 3),
            "mode": self.config.mode,
            "rss_sizes": list(self.config.rss_sizes),
            "goals_met": goals,
            "all_goals_met": all(goals.values()),
            "parse_speed_vs_trafilatura_parser_only": round(speed_parser, 3),
            "aj_html_ms_per_page": round(median(self.pages["ingest"]) * 1000, 2),
            "aj_html_parser_ms_per_page": round(median(self.pages["ingest_parser"]) * 1000, 2),
            "trafilatura_ms_per_page": round(median(self.pages["trafilatura"]) * 1000, 2),
            "aj_html_pages": len(self.pages["ingest"]),
            "e2e_docs_per_s": round(median(r.docs / r.e2e_seconds for r in self.rounds), 1),
            "bulk_baseline_docs_per_s": round(bulk, 1),
            "parse_docs_per_s_all_cores": round(parse_all, 1),
            # When parsers and the node share the same cores, each document costs its parse
            # time plus its indexing time of the machine: e2e/bulk cannot exceed this.
            "e2e_ceiling_shared_cpu": round(1 / (1 + bulk / parse_all), 3),
            "e2e_ratios": [round(r.ratio, 3) for r in self.rounds],
            "e2e_internal_vs_bulk_baseline": round(
                median(r.baseline_seconds / r.e2e_internal_seconds for r in self.rounds), 3
            ),
            "e2e_docs": first.docs,
            "chunk_size": first.chunk_size,
            "workers": first.workers,
            "chunk_size_sweep_docs_per_s": {
                str(k): round(v, 1) for k, v in self.sweeps.chunk_sizes.items()
            },
            "workers_sweep_docs_per_s": {
                str(k): round(v, 1) for k, v in self.sweeps.workers.items()
            },
            "parse": {
                f"{g.source}/{g.format}": {k: round(v, 2) for k, v in g.rates().items()}
                for g in self.groups
            },
            "rss_mb": {str(m.docs): round(m.peak_mb, 1) for m in self.memory},
            "seconds": round(self.seconds, 1),
            "machine": self.machine,
        }

    def tables(self) -> list[str]:
        """The Markdown report."""
        m = self.machine
        workers = self.config.workers
        lines = [
            f"## ingest benchmark ({self.config.mode} mode, seed {self.config.seed})",
            "",
            f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['os']}, "
            f"Python {m['python']}; Elasticsearch {m['elasticsearch']} "
            f"({'on this machine' if m['es_url_local'] else 'remote'}); "
            f"load average at start {m['load_avg_1m_at_start']}.",
            "",
            "### Parse throughput",
            "",
        ]
        lines += _table(
            ("source", "format", "docs", "docs/s (1 proc)", f"docs/s ({workers} workers)",
             f"MB/s ({workers} workers)", "failures"),
            [
                (g.source, g.format, g.docs, f"{r['docs_per_s']:.0f}",
                 f"{r['docs_per_s_all_cores']:.0f}", f"{r['mb_per_s_all_cores']:.2f}", g.failures)
                for g in self.groups
                for r in [g.rates()]
            ],
        )  # fmt: skip
        pages = len(self.pages["ingest"])
        lines += ["", f"### Al Jazeera pages against trafilatura ({pages} pages)", ""]
        lines += _table(
            ("extractor", "median ms/page", "total s"),
            [
                (label, f"{median(self.pages[name]) * 1000:.2f}", f"{sum(self.pages[name]):.2f}")
                for name, label in EXTRACTORS.items()
            ],
        )
        lines += ["", f"### End to end ({self.rounds[0].docs} documents)", ""]
        for label, swept in (
            ("Chunk-size sweep", self.sweeps.chunk_sizes),
            ("Worker-count sweep", self.sweeps.workers),
        ):
            if swept:
                rates = ", ".join(f"{k}: {v:.1f}" for k, v in swept.items())
                lines.append(f"{label} (docs/s): {rates}.\n")
        lines += _table(
            ("round", "chunk", "workers", "`ingest run` s", "docs/s", "bulk baseline s", "docs/s",
             "ratio"),
            [
                (i + 1, r.chunk_size, r.workers, f"{r.e2e_seconds:.2f}",
                 f"{r.docs / r.e2e_seconds:.1f}", f"{r.baseline_seconds:.2f}",
                 f"{r.docs / r.baseline_seconds:.1f}", f"{r.ratio:.3f}")
                for i, r in enumerate(self.rounds)
            ],
        )  # fmt: skip
        lines += ["", "### Peak memory of `ingest run`", ""]
        lines += _table(
            ("documents", "seconds", "peak RSS, all processes (MB)"),
            [(m.docs, f"{m.seconds:.0f}", f"{m.peak_mb:.0f}") for m in self.memory],
        )
        return [*lines, "", f"Total: {self.seconds:.0f} s."]


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.bench.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--quick", action="store_true", help="short run: 600 documents, RSS at 1k and 20k"
    )
    parser.add_argument("-n", type=int, help="documents for throughput and end to end")
    parser.add_argument("--rss-sizes", type=int, nargs=2, metavar=("SMALL", "LARGE"))
    parser.add_argument("--rounds", type=int, help="alternated end-to-end rounds")
    parser.add_argument("--chunk-sizes", type=int, nargs="+", help="chunk sizes to sweep")
    parser.add_argument("--workers", type=int, help="parser processes (default: cores)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="where the corpus goes (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    return parser.parse_args(argv)


def make_workdir(given: Path | None) -> Path:
    """The run's work folder: ``given``, else a fresh temporary one (under /var/tmp)."""
    if given is not None:
        given.mkdir(parents=True, exist_ok=True)
        return given
    parent = "/var/tmp" if Path("/var/tmp").is_dir() else None
    return Path(tempfile.mkdtemp(prefix="ingest-bench-", dir=parent))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    config = config_from(args)
    started = time.perf_counter()
    node.ensure_node()
    es = node.client()
    host = load_host()
    indices = Indices(es, host)
    workdir = make_workdir(args.workdir)
    try:
        info = machine(es)
        total = max(config.n, *config.rss_sizes)
        log(f"{config.mode} mode: generating {total} documents in {workdir}")
        root = workdir / "corpus"
        data = Corpus(root, corpus.generate(root, total, config.seed, workers=config.workers))
        groups, parsed = measure_parse(data, config, host)
        pages = compare_trafilatura(data, config, host)
        rounds, sweeps = measure_e2e(data, config, indices, parsed)
        memory = measure_rss(data, config, indices, rounds[0])
        seconds = time.perf_counter() - started
        results = Results(config, info, groups, pages, rounds, sweeps, memory, seconds)
        print("\n".join(results.tables()))
        summary = results.summary()
        print(json.dumps(summary, ensure_ascii=False), flush=True)
    finally:
        indices.drop_all()
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 1 if args.strict and not summary["all_goals_met"] else 0


if __name__ == "__main__":
    sys.exit(main())
