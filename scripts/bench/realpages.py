"""Body quality and speed on real saved pages: ``python -m scripts.bench.realpages DIR``.

For every ``NAME.html`` in ``DIR`` that has a human ground truth beside it
(``NAME.groundtruth.json`` with ``articleBody``, as in the ScrapingHub
article-extraction-benchmark), the ingest pipeline (``Pipeline.parse_bytes``;
the body is the values of ``article.body`` joined with blank lines, and an
``InputError`` counts as an empty body) and ``trafilatura.bare_extraction``
(comments excluded) are scored against ``articleBody``.

Both are timed. Ours returns the body and the article's metadata (title,
authors, date, URL), so trafilatura is timed twice: extracting the body
only (its default), and with ``with_metadata=True``, the same job as ours.
The speed ratio is printed for both.

Scoring is bag-of-words overlap on lower-cased ``\\w+`` tokens, counted with
multiplicity (``metrics.tokens``): precision is the share of extracted tokens
found in the ground truth, recall the share of ground-truth tokens extracted,
F1 their harmonic mean. Word order is ignored (the ScrapingHub benchmark uses
the same per-token overlap). Two empty texts score 1; an empty extraction of a
non-empty body scores 0. Each page is timed in-process, the three runs
rotated, ``--reps`` times; medians are in milliseconds.

``--negatives DIR2`` lists the pages of ``DIR2`` that some plugin claimed:
pages of other sites must fail with "no plugin claimed". ``--leaks`` prints,
for every page whose precision is below 1, the paragraphs of our body that
are not in the ground truth as written. ``--json`` prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ingest_plugins.errors import InputError
from ingest_plugins.pipeline import Pipeline
from ingest_plugins.plugins import load_host

from .metrics import body_text, median, tokens, trafilatura_text

NOT_CLAIMED = "no plugin claimed"
_TOKEN = re.compile(r"\w+")  # the tokens of metrics.tokens, kept in order


@dataclass(frozen=True)
class Scores:
    """Bag-of-words precision, recall and F1 of one extraction."""

    precision: float
    recall: float
    f1: float


def score(extracted: str, known: str) -> Scores:
    """``extracted`` scored against the ground truth ``known`` (see the module doc)."""
    got, want = tokens(extracted), tokens(known)
    if not got and not want:
        return Scores(1.0, 1.0, 1.0)
    overlap = sum((got & want).values())
    if overlap == 0:
        return Scores(0.0, 0.0, 0.0)
    precision = overlap / sum(got.values())
    recall = overlap / sum(want.values())
    return Scores(precision, recall, 2 * precision * recall / (precision + recall))


def leaked(extracted: str, known: str) -> list[tuple[str, int]]:
    """Lines of ``extracted`` not found, as written, in the ground truth; with their length.

    A line counts as found when its word tokens occur as one contiguous run in
    the ground truth's tokens, so a caption, a "Read more" list or a paragraph
    with a widget's words glued to it is reported whole, with its word count.
    """
    truth = " " + " ".join(_TOKEN.findall(known.lower())) + " "
    found = []
    for line in (p.strip() for p in extracted.splitlines()):
        words = _TOKEN.findall(line.lower())
        if words and f" {' '.join(words)} " not in truth:
            found.append((line, len(words)))
    return found


@dataclass(frozen=True)
class PageResult:
    name: str
    ours: Scores
    theirs: Scores
    ours_ms: float
    theirs_ms: float
    """trafilatura extracting the body only."""
    theirs_metadata_ms: float
    """trafilatura extracting the body and the metadata (``with_metadata=True``)."""
    failure: str | None
    leaks: list[tuple[str, int]]


def _timed(func: Callable[[], str]) -> tuple[str, float]:
    started = time.perf_counter()
    text = func()
    return text, (time.perf_counter() - started) * 1000


def measure_page(page: Path, pipeline: Pipeline, reps: int) -> PageResult:
    """Score and time both extractors on one page (alternating which runs first)."""
    import trafilatura  # only the benchmark needs it; the scoring tests do not

    raw = page.read_bytes()
    truth = json.loads(page.with_suffix(".groundtruth.json").read_text(encoding="utf-8"))
    known = str(truth["articleBody"])
    failure: list[str] = []

    def ours() -> str:
        try:
            return body_text(pipeline.parse_bytes(raw, str(page)).article.body)
        except InputError as err:
            failure[:] = [err.reason]
            return ""

    def theirs() -> str:
        return trafilatura_text(trafilatura.bare_extraction(raw, include_comments=False))

    def theirs_with_metadata() -> str:
        found = trafilatura.bare_extraction(raw, include_comments=False, with_metadata=True)
        return trafilatura_text(found)

    runs = [("ours", ours), ("theirs", theirs), ("theirs_metadata", theirs_with_metadata)]
    times: dict[str, list[float]] = {label: [] for label, _ in runs}
    texts = dict.fromkeys(times, "")
    for rep in range(max(1, reps)):
        turn = rep % len(runs)  # each run goes first in turn
        for label, func in runs[turn:] + runs[:turn]:
            texts[label], elapsed = _timed(func)
            times[label].append(elapsed)
    mine = score(texts["ours"], known)
    return PageResult(
        name=page.stem,
        ours=mine,
        theirs=score(texts["theirs"], known),
        ours_ms=median(times["ours"]),
        theirs_ms=median(times["theirs"]),
        theirs_metadata_ms=median(times["theirs_metadata"]),
        failure=failure[0] if failure else None,
        leaks=leaked(texts["ours"], known) if mine.precision < 1 else [],
    )


def claimed_negatives(folder: Path, pipeline: Pipeline) -> tuple[int, list[str]]:
    """How many pages ``folder`` holds, and ``name: outcome`` for each one a plugin took."""
    pages = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    claimed = []
    for page in pages:
        try:
            document = pipeline.parse_bytes(page.read_bytes(), str(page))
            claimed.append(f"{page.name}: parsed as {document.article.source!r}")
        except InputError as err:
            if NOT_CLAIMED not in err.reason:
                claimed.append(f"{page.name}: claimed, then failed: {err.reason}")
    return len(pages), claimed


def _mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def summary(results: list[PageResult]) -> dict[str, Any]:
    """Mean scores, median times and the speed ratio over all pages (zeros when none)."""
    ours_ms, theirs_ms = median(r.ours_ms for r in results), median(r.theirs_ms for r in results)
    metadata_ms = median(r.theirs_metadata_ms for r in results)
    found: dict[str, Any] = {"pages": len(results)}
    for label in ("ours", "theirs"):
        for metric in ("precision", "recall", "f1"):
            found[f"{label}_{metric}"] = round(
                _mean([getattr(getattr(r, label), metric) for r in results]), 4
            )
    found["ours_median_ms"] = round(ours_ms, 2)
    found["trafilatura_median_ms"] = round(theirs_ms, 2)
    found["trafilatura_metadata_median_ms"] = round(metadata_ms, 2)
    found["speed_ratio_trafilatura_over_ours"] = round(theirs_ms / ours_ms, 2) if ours_ms else None
    found["speed_ratio_trafilatura_metadata_over_ours"] = (
        round(metadata_ms / ours_ms, 2) if ours_ms else None
    )
    return found


def table(results: list[PageResult], totals: dict[str, Any]) -> list[str]:
    """A Markdown table: per page P/R/F1 and ms of both extractors, then the means."""
    lines = [
        "| page | ours P | ours R | ours F1 | traf P | traf R | traf F1 | ours ms | traf ms"
        " | traf+meta ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        o, t = r.ours, r.theirs
        lines.append(
            f"| {r.name} | {o.precision:.3f} | {o.recall:.3f} | {o.f1:.3f} | {t.precision:.3f}"
            f" | {t.recall:.3f} | {t.f1:.3f} | {r.ours_ms:.1f} | {r.theirs_ms:.1f}"
            f" | {r.theirs_metadata_ms:.1f} |"
        )
    m = totals
    lines.append(
        f"| **mean** | {m['ours_precision']:.3f} | {m['ours_recall']:.3f} | {m['ours_f1']:.3f}"
        f" | {m['theirs_precision']:.3f} | {m['theirs_recall']:.3f} | {m['theirs_f1']:.3f}"
        f" | {m['ours_median_ms']:.1f} | {m['trafilatura_median_ms']:.1f}"
        f" | {m['trafilatura_metadata_median_ms']:.1f} |"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="NAME.html pages with NAME.groundtruth.json")
    parser.add_argument("--negatives", type=Path, help="pages of other sites: none may be claimed")
    parser.add_argument("--reps", type=int, default=5, help="timed runs per page and extractor")
    parser.add_argument("--leaks", action="store_true", help="print what leaked into our body")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = parser.parse_args(argv)
    pipeline = Pipeline(load_host())
    pages = sorted(p for p in args.dir.glob("*.html"))
    scored = [p for p in pages if p.with_suffix(".groundtruth.json").is_file()]
    results = [measure_page(page, pipeline, args.reps) for page in scored]
    totals = summary(results)
    report: dict[str, Any] = {"summary": totals, "pages": [asdict(r) for r in results]}
    report["skipped_without_ground_truth"] = [p.name for p in pages if p not in scored]
    if args.negatives:
        count, claimed = claimed_negatives(args.negatives, pipeline)
        report["negatives"] = {"pages": count, "claimed": claimed}
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    if results:
        print("\n".join(table(results, totals)))
        print(
            f"\nmedian ms per page: ours {totals['ours_median_ms']}; trafilatura "
            f"{totals['trafilatura_median_ms']} (body only), "
            f"{totals['trafilatura_metadata_median_ms']} (body and metadata, as ours)"
            f"\ntrafilatura/ours = {totals['speed_ratio_trafilatura_over_ours']} (body only), "
            f"{totals['speed_ratio_trafilatura_metadata_over_ours']} (body and metadata)"
        )
    else:
        print(f"no NAME.html with NAME.groundtruth.json in {args.dir}: nothing scored")
    for r in results:
        if r.failure:
            print(f"FAILED {r.name}: {r.failure}")
        for paragraph, extra in r.leaks if args.leaks else []:
            print(f"LEAK {r.name} (+{extra} words): {paragraph}")
    if report["skipped_without_ground_truth"]:
        print("skipped (no ground truth):", ", ".join(report["skipped_without_ground_truth"]))
    if args.negatives:
        negatives = report["negatives"]
        print(f"\nnegatives claimed: {len(negatives['claimed'])} of {negatives['pages']}")
        for line in negatives["claimed"]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
