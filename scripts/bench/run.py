"""The benchmark harness: ``python -m scripts.bench.run [--quick]`` (or ``tox -e bench``).

Generates a synthetic corpus (``scripts.bench.corpus``) and measures, in one run on
one machine:

1. parse throughput (documents/s, MB/s) per source and format, in one
   process (``Pipeline.parse_file``) and with all cores
   (``parallel.process_parallel``, what ``ingest run`` uses), with the
   body F1 of every document against its known body;
2. Al Jazeera pages: time per page of the ingest pipeline (bytes →
   ``Document``) and of its parser alone (``parse_html`` on decoded text)
   against ``trafilatura.bare_extraction`` on the same bytes / text,
   interleaved page by page, and the body F1 of both;
3. end to end: ``ingest run`` (a child process; chunk size and worker
   count swept first in the full mode, the fastest used)
   against a baseline that bulk-indexes the same documents, parsed and
   turned into actions beforehand, with ``elasticsearch.helpers.bulk``
   alone; same node, same client settings, same index templates, fresh
   indices each time, runs alternated, median of the per-round ratios;
4. peak memory of ``ingest run`` (main process and workers) on a small and
   a large corpus.

Everything is printed as Markdown tables on stdout; the last line is one
JSON object with the headline numbers and whether each goal is met.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import shutil
import statistics
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

from . import corpus, fixtures, node
from .metrics import body_f1, body_text, median, run_child, trafilatura_text

GOALS = {
    "parse_speed_vs_trafilatura": 5.0,
    "e2e_vs_bulk_baseline": 0.9,
    "rss_ratio_100k_vs_1k": 1.2,
}


def log(message: str) -> None:
    """Progress on stderr (stdout carries the tables and the JSON line)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Configuration
# ---------------------------------------------------------------------------


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
    """Parser processes for throughput; the most ``worker_counts`` tries end to end."""
    worker_counts: tuple[int, ...] = ()
    """Parser process counts tried end to end (after the chunk sizes); the fastest is used."""
    seed: int = 1


def config_from(args: argparse.Namespace) -> Config:
    """The quick or full configuration, with command-line overrides."""
    cores = os.cpu_count() or 1
    if args.quick:
        base = Config(
            "quick", n=600, rss_sizes=(1000, 20_000), rounds=3, chunk_sizes=(500,), workers=cores
        )
    else:
        base = Config(
            "full",
            n=4000,
            rss_sizes=(1000, 100_000),
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


# ---------------------------------------------------------------------------
# The machine
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------


@dataclass
class Corpus:
    """A generated corpus and its records (the first ``n`` carry known bodies)."""

    root: Path
    records: list[dict[str, Any]]
    seconds: float

    def path(self, record: dict[str, Any]) -> str:
        return str(self.root / record["path"])

    def targets(self, count: int) -> list[str]:
        """``ingest`` arguments for the first ``count`` documents: whole folders, then files."""
        full, rest = divmod(count, corpus.PER_FOLDER)
        folders = [str(self.root / "docs" / f"{i:03d}") for i in range(full)]
        start = full * corpus.PER_FOLDER
        return folders + [self.path(r) for r in self.records[start : start + rest]]


def make_corpus(config: Config, workdir: Path) -> Corpus:
    """Generate the corpus for every measurement of this run."""
    total = max(config.n, *config.rss_sizes)
    root = workdir / "corpus"
    started = time.perf_counter()
    corpus.generate(root, total, config.seed, known=config.n, workers=config.workers)
    seconds = time.perf_counter() - started
    return Corpus(root, corpus.read_records(root), seconds)


# ---------------------------------------------------------------------------
# 1. Parse throughput
# ---------------------------------------------------------------------------


@dataclass
class GroupResult:
    """Throughput and quality for one source and format."""

    source: str
    format: str
    docs: int
    megabytes: float
    single_seconds: float
    parallel_seconds: float
    failures: int
    f1: float

    def rates(self) -> dict[str, float]:
        return {
            "docs_per_s": self.docs / self.single_seconds,
            "mb_per_s": self.megabytes / self.single_seconds,
            "docs_per_s_all_cores": self.docs / self.parallel_seconds,
            "mb_per_s_all_cores": self.megabytes / self.parallel_seconds,
        }


def _groups(records: Sequence[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for record in records:
        found.setdefault((record["source"], record["format"]), []).append(record)
    return dict(sorted(found.items()))


def measure_parse(
    data: Corpus, config: Config, host: Host
) -> tuple[list[GroupResult], dict[str, Document]]:
    """Throughput per group in one process and with all cores; the parsed documents."""
    pipeline = Pipeline(host)
    parsed: dict[str, Document] = {}
    results = []
    for (source, fmt), records in _groups(data.records[: config.n]).items():
        paths = [data.path(r) for r in records]
        scores, failures = [], 0
        started = time.perf_counter()
        for path in paths:
            try:
                parsed[path] = pipeline.parse_file(path)
            except Exception:
                failures += 1
        single = time.perf_counter() - started
        for record, path in zip(records, paths, strict=True):
            document = parsed.get(path)
            scores.append(
                body_f1(body_text(document.article.body), body_text(record["body"]))
                if document
                else 0.0
            )
        started = time.perf_counter()
        for item in process_parallel(paths, config.workers, HostSettings()):
            failures += isinstance(item, Failure)
        parallel = time.perf_counter() - started
        megabytes = sum(r["bytes"] for r in records) / 1e6
        result = GroupResult(
            source, fmt, len(paths), megabytes, single, parallel, failures, statistics.fmean(scores)
        )
        log(f"parse {source}/{fmt}: {result.rates()['docs_per_s']:.0f} docs/s single")
        results.append(result)
    return results, parsed


# ---------------------------------------------------------------------------
# 2. Al Jazeera pages against trafilatura
# ---------------------------------------------------------------------------


@dataclass
class Extractors:
    """Per-page seconds and F1 of the three extractors on the same pages."""

    pages: int = 0
    seconds: dict[str, list[float]] = field(default_factory=dict)
    f1: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, seconds: float, score: float) -> None:
        self.seconds.setdefault(name, []).append(seconds)
        self.f1.setdefault(name, []).append(score)

    def total(self, name: str) -> float:
        return sum(self.seconds[name])

    def median_ms(self, name: str) -> float:
        return median(self.seconds[name]) * 1000

    def mean_f1(self, name: str) -> float:
        return statistics.fmean(self.f1[name])


def _timed(function: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    value = function()
    return value, time.perf_counter() - started


def compare_trafilatura(data: Corpus, config: Config, host: Host) -> Extractors:
    """Al Jazeera pages: ingest (bytes → Document), its parser alone, and trafilatura.

    Each page is given to every extractor in turn (the order rotates from
    page to page), so machine noise hits all of them alike.
    """
    import trafilatura

    pipeline = Pipeline(host)
    found = Extractors()
    pages = [r for r in data.records[: config.n] if r["kind"] == "aj-html"]
    for number, record in enumerate(pages):
        path = data.path(record)
        raw = Path(path).read_bytes()
        decoded = read_source(raw, path)
        known = body_text(record["body"])

        def ours_full(raw: bytes = raw, path: str = path) -> str:
            return body_text(pipeline.parse_bytes(raw, path).article.body)

        def ours_parser(decoded: SourceText = decoded) -> str:
            fresh = dataclasses.replace(decoded)  # a new SourceText: its tree is parsed again
            return body_text(aljazeera.parse_html(fresh).body)

        def trafilatura_bytes(raw: bytes = raw) -> str:
            return trafilatura_text(trafilatura.bare_extraction(raw, include_comments=False))

        runs: list[tuple[str, Callable[[], str]]] = [
            ("ingest", ours_full),
            ("trafilatura", trafilatura_bytes),
            ("ingest_parser", ours_parser),
        ]
        shift = number % len(runs)
        for name, function in runs[shift:] + runs[:shift]:
            extracted, seconds = _timed(function)
            found.add(name, seconds, body_f1(extracted, known))
        found.pages += 1
    log(f"trafilatura comparison on {found.pages} Al Jazeera pages")
    return found


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
        self.counter = 0

    def fresh(self, label: str, create: bool = True) -> node.IndexPair:
        self.counter += 1
        alias = f"{self.tag}-{label}{self.counter}"
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


def ingest_command(targets: Sequence[str], alias: str, workers: int, chunk_size: int) -> list[str]:
    """The ``ingest run`` command line for the benchmark."""
    return [
        sys.executable, "-m", "ingest_plugins.cli", "run", *targets,
        "--index", alias, "--workers", str(workers), "--chunk-size", str(chunk_size),
    ]  # fmt: skip


def _internal_seconds(stderr: str) -> float:
    """The ``seconds:`` of the ``ingest run`` summary line (0.0 if absent)."""
    for line in reversed(stderr.splitlines()):
        if "seconds:" in line:
            return float(line.split("seconds:")[1].split()[0])
    return 0.0


def run_e2e(
    data: Corpus, config: Config, indices: Indices, chunk_size: int, workers: int, docs: int
) -> tuple[float, float]:
    """``ingest run`` into a fresh pre-created index; wall and internal seconds."""
    pair = indices.fresh("e2e")
    try:
        command = ingest_command(data.targets(config.n), pair.alias, workers, chunk_size)
        child = run_child(command, os.environ, cwd=data.root)
        if child.returncode != 0:
            raise RuntimeError(f"ingest run failed ({child.returncode}):\n{child.stderr[-2000:]}")
        articles, _ = node.count(indices.es, pair)
        if articles != docs:
            raise RuntimeError(f"ingest run indexed {articles} articles, expected {docs}")
        return child.seconds, _internal_seconds(child.stderr)
    finally:
        indices.drop(pair)


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
    """Pick chunk size and worker count by measurement, then alternate ``ingest run``
    and the baseline."""
    documents = [parsed[data.path(r)] for r in data.records[: config.n] if data.path(r) in parsed]
    sweeps = Sweeps()

    def rate(chunk_size: int, workers: int) -> float:
        seconds, _ = run_e2e(data, config, indices, chunk_size, workers, len(documents))
        log(f"chunk size {chunk_size}, {workers} workers: {len(documents) / seconds:.1f} docs/s")
        return len(documents) / seconds

    if len(config.chunk_sizes) > 1:
        sweeps.chunk_sizes = {c: rate(c, config.workers) for c in config.chunk_sizes}
    chunk_size = _best(sweeps.chunk_sizes, config.chunk_sizes[0])
    if len(config.worker_counts) > 1:
        sweeps.workers = {w: rate(chunk_size, w) for w in config.worker_counts}
    workers = _best(sweeps.workers, config.workers)
    rounds = []
    for number in range(config.rounds):
        if number % 2 == 0:
            wall, internal = run_e2e(data, config, indices, chunk_size, workers, len(documents))
            baseline = run_baseline(indices, documents, chunk_size)
        else:
            baseline = run_baseline(indices, documents, chunk_size)
            wall, internal = run_e2e(data, config, indices, chunk_size, workers, len(documents))
        rounds.append(Round(chunk_size, workers, wall, internal, baseline, len(documents)))
        log(f"round {number + 1}: ingest run {wall:.1f} s, bulk baseline {baseline:.1f} s")
    return rounds, sweeps


def _best(rates: dict[int, float], default: int) -> int:
    """The setting with the highest rate (``default`` when nothing was swept)."""
    return max(rates, key=lambda k: rates[k]) if rates else default


# ---------------------------------------------------------------------------
# 4. Peak memory
# ---------------------------------------------------------------------------


@dataclass
class MemoryRun:
    """Peak memory of one ``ingest run`` over ``docs`` documents."""

    docs: int
    seconds: float
    tree_mb: float
    main_mb: float
    worker_mb: float
    processes: int


def measure_rss(
    data: Corpus, config: Config, indices: Indices, chunk_size: int, workers: int
) -> list[MemoryRun]:
    """``ingest run`` on the small and the large corpus, memory of its process tree sampled."""
    runs = []
    for size in config.rss_sizes:
        pair = indices.fresh("rss", create=False)
        try:
            command = ingest_command(data.targets(size), pair.alias, workers, chunk_size)
            child = run_child(command, os.environ, cwd=data.root)
            if child.returncode != 0:
                raise RuntimeError(
                    f"ingest run failed ({child.returncode}):\n{child.stderr[-2000:]}"
                )
        finally:
            indices.drop(pair)
        peak = child.memory
        run = MemoryRun(
            size,
            child.seconds,
            peak.tree_kb / 1024,
            peak.main_hwm_kb / 1024,
            peak.worker_hwm_kb / 1024,
            peak.processes,
        )
        log(f"rss N={size}: {run.tree_mb:.0f} MB peak (tree), {run.seconds:.0f} s")
        runs.append(run)
    return runs


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


@dataclass
class Results:
    """Everything one run measured."""

    config: Config
    machine: dict[str, Any]
    corpus_seconds: float
    corpus_docs: int
    groups: list[GroupResult]
    extractors: Extractors
    rounds: list[Round]
    sweeps: Sweeps
    memory: list[MemoryRun]
    fixture_rows: list[tuple[str, float, float]] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        """The JSON line."""
        ex = self.extractors
        speed = ex.total("trafilatura") / ex.total("ingest")
        speed_parser = ex.total("trafilatura") / ex.total("ingest_parser")
        ratios = [r.ratio for r in self.rounds]
        small, large = self.memory
        rss_ratio = large.tree_mb / small.tree_mb
        e2e = median(r.docs / r.e2e_seconds for r in self.rounds)
        bulk = median(r.docs / r.baseline_seconds for r in self.rounds)
        # Parsing the corpus mix with all cores, alone: documents over total seconds.
        parse_all = sum(g.docs for g in self.groups) / sum(g.parallel_seconds for g in self.groups)
        values = {
            "parse_speed_vs_trafilatura": round(speed, 3),
            "f1": round(ex.mean_f1("ingest"), 4),
            "trafilatura_f1": round(ex.mean_f1("trafilatura"), 4),
            "e2e_vs_bulk_baseline": round(median(ratios), 3),
            "rss_ratio_100k_vs_1k": round(rss_ratio, 3),
        }
        goals = {
            "parse_speed_vs_trafilatura": speed >= GOALS["parse_speed_vs_trafilatura"]
            and values["f1"] >= values["trafilatura_f1"],
            "e2e_vs_bulk_baseline": values["e2e_vs_bulk_baseline"] >= GOALS["e2e_vs_bulk_baseline"],
            "rss_ratio_100k_vs_1k": rss_ratio <= GOALS["rss_ratio_100k_vs_1k"],
        }
        return {
            **values,
            "mode": self.config.mode,
            "rss_sizes": list(self.config.rss_sizes),
            "goals_met": goals,
            "all_goals_met": all(goals.values()),
            "parse_speed_vs_trafilatura_parser_only": round(speed_parser, 3),
            "aj_html_ms_per_page": round(ex.median_ms("ingest"), 2),
            "aj_html_parser_ms_per_page": round(ex.median_ms("ingest_parser"), 2),
            "trafilatura_ms_per_page": round(ex.median_ms("trafilatura"), 2),
            "aj_html_pages": ex.pages,
            "fixtures_f1": round(statistics.fmean(r[1] for r in self.fixture_rows), 4),
            "fixtures_trafilatura_f1": round(statistics.fmean(r[2] for r in self.fixture_rows), 4),
            "e2e_docs_per_s": round(e2e, 1),
            "bulk_baseline_docs_per_s": round(bulk, 1),
            "parse_docs_per_s_all_cores": round(parse_all, 1),
            # When parsers and the node share the same cores, each document costs its parse
            # time plus its indexing time of the machine: e2e/bulk cannot exceed this.
            "e2e_ceiling_shared_cpu": round(1 / (1 + bulk / parse_all), 3),
            "e2e_ratios": [round(r, 3) for r in ratios],
            "e2e_internal_vs_bulk_baseline": round(
                median(
                    r.baseline_seconds / r.e2e_internal_seconds
                    for r in self.rounds
                    if r.e2e_internal_seconds
                ),
                3,
            ),
            "e2e_docs": self.rounds[0].docs if self.rounds else 0,
            "chunk_size": self.rounds[0].chunk_size if self.rounds else None,
            "chunk_size_sweep_docs_per_s": {
                str(k): round(v, 1) for k, v in self.sweeps.chunk_sizes.items()
            },
            "workers_sweep_docs_per_s": {
                str(k): round(v, 1) for k, v in self.sweeps.workers.items()
            },
            "workers": self.rounds[0].workers if self.rounds else self.config.workers,
            "parse": {
                f"{g.source}/{g.format}": {k: round(v, 2) for k, v in g.rates().items()}
                | {"f1": round(g.f1, 4)}
                for g in self.groups
            },
            "rss_mb": {
                str(m.docs): {
                    "tree": round(m.tree_mb, 1),
                    "main": round(m.main_mb, 1),
                    "worker": round(m.worker_mb, 1),
                }
                for m in self.memory
            },
            "corpus_docs": self.corpus_docs,
            "corpus_seconds": round(self.corpus_seconds, 1),
            "seconds": round(self.seconds, 1),
            "machine": self.machine,
        }

    def tables(self) -> list[str]:
        """The Markdown report."""
        m = self.machine
        lines = [
            f"## ingest benchmark ({self.config.mode} mode, seed {self.config.seed})",
            "",
            f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['os']}, "
            f"Python {m['python']}; Elasticsearch {m['elasticsearch']} "
            f"({'on this machine' if m['es_url_local'] else 'remote'}); "
            f"load average at start {m['load_avg_1m_at_start']}.",
            f"Corpus: {self.corpus_docs} synthetic documents, "
            f"generated in {self.corpus_seconds:.1f} s.",
            "",
            "### Parse throughput",
            "",
        ]
        workers = self.config.workers
        header = (
            "source",
            "format",
            "docs",
            "MB",
            "docs/s (1 proc)",
            "MB/s (1 proc)",
            f"docs/s ({workers} workers)",
            f"MB/s ({workers} workers)",
            "body F1",
            "failures",
        )
        rows = []
        for g in self.groups:
            r = g.rates()
            rows.append(
                (
                    g.source,
                    g.format,
                    g.docs,
                    f"{g.megabytes:.1f}",
                    f"{r['docs_per_s']:.0f}",
                    f"{r['mb_per_s']:.2f}",
                    f"{r['docs_per_s_all_cores']:.0f}",
                    f"{r['mb_per_s_all_cores']:.2f}",
                    f"{g.f1:.3f}",
                    g.failures,
                )
            )
        lines += _table(header, rows)  # fmt: skip
        ex = self.extractors
        lines += ["", f"### Al Jazeera pages against trafilatura ({ex.pages} pages)", ""]
        lines += _table(
            ("extractor", "median ms/page", "total s", "body F1 (mean)"),
            [
                (
                    label,
                    f"{ex.median_ms(name):.2f}",
                    f"{ex.total(name):.2f}",
                    f"{ex.mean_f1(name):.4f}",
                )
                for name, label in (
                    ("ingest", "ingest pipeline (bytes → Document)"),
                    ("ingest_parser", "ingest parser only (`parse_html`)"),
                    ("trafilatura", "`trafilatura.bare_extraction`"),
                )
            ],
        )
        lines += [
            "",
            "### Hand-written HTML fixtures (`tests/fixtures/`, bodies from the goldens)",
            "",
        ]
        lines += fixtures.table(self.fixture_rows)
        lines += ["", f"### End to end ({self.rounds[0].docs if self.rounds else 0} documents)", ""]
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
            (
                "documents",
                "seconds",
                "peak RSS, all processes (MB)",
                "main VmHWM (MB)",
                "largest worker VmHWM (MB)",
            ),
            [
                (
                    m.docs,
                    f"{m.seconds:.0f}",
                    f"{m.tree_mb:.0f}",
                    f"{m.main_mb:.0f}",
                    f"{m.worker_mb:.0f}",
                )
                for m in self.memory
            ],
        )
        lines += ["", f"Total: {self.seconds:.0f} s."]
        return lines


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
        data = make_corpus(config, workdir)
        groups, parsed = measure_parse(data, config, host)
        extractors = compare_trafilatura(data, config, host)
        rounds, sweeps = measure_e2e(data, config, indices, parsed)
        chosen = rounds[0]
        memory = measure_rss(data, config, indices, chosen.chunk_size, chosen.workers)
        fixture_rows = fixtures.measure()
        results = Results(
            config,
            info,
            data.seconds,
            len(data.records),
            groups,
            extractors,
            rounds,
            sweeps,
            memory,
        )
        results.fixture_rows = fixture_rows
        results.seconds = time.perf_counter() - started
        for line in results.tables():
            print(line)
        summary = results.summary()
        print(json.dumps(summary, ensure_ascii=False), flush=True)
    finally:
        indices.drop_all()
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 1 if args.strict and not summary["all_goals_met"] else 0


if __name__ == "__main__":
    sys.exit(main())
