"""Body F1 on the hand-written HTML fixtures: ``python -m scripts.bench.fixtures``.

The fixtures under ``tests/fixtures/<source>/`` are pages written for the
tests in each site's real markup; their reviewed golden files (the same
name with ``.json``, next to each page) hold the body a correct extractor returns. The
ingest pipeline must reproduce those bodies exactly (the golden tests
check that), so its F1 here is a check of the goldens, not news; the
number to read is trafilatura's on the same pages. Prints a Markdown
table and, last, one JSON line.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

import trafilatura

from ingest_plugins.pipeline import Pipeline
from ingest_plugins.plugins import load_host

from .metrics import body_f1, body_text, trafilatura_text

TESTS = Path(__file__).resolve().parents[2] / "tests"


def fixture_pages() -> list[tuple[Path, str]]:
    """Every HTML fixture that has a golden file, with the known body from it."""
    pages = []
    for page in sorted((TESTS / "fixtures").glob("*/*.html")):
        golden = page.with_suffix(".json")  # the ingest_plugins.testing convention
        if not golden.is_file():
            continue  # a page the tests expect to be refused (tests/fixtures/listings/)
        pages.append((page, body_text(json.loads(golden.read_text(encoding="utf-8"))["body"])))
    return pages


def measure() -> list[tuple[str, float, float]]:
    """``(fixture, ingest F1, trafilatura F1)`` for every HTML fixture."""
    pipeline = Pipeline(load_host())
    rows = []
    for page, known in fixture_pages():
        raw = page.read_bytes()
        got = body_text(pipeline.parse_bytes(raw, str(page)).article.body)
        extracted = trafilatura_text(trafilatura.bare_extraction(raw, include_comments=False))
        rows.append(
            (f"{page.parent.name}/{page.name}", body_f1(got, known), body_f1(extracted, known))
        )
    return rows


def table(rows: list[tuple[str, float, float]]) -> list[str]:
    """The Markdown table of ``measure``'s rows."""
    lines = ["| fixture | ingest body F1 | trafilatura body F1 |", "|---|---|---|"]
    return lines + [f"| {name} | {ours:.4f} | {theirs:.4f} |" for name, ours, theirs in rows]


def main() -> int:
    rows = measure()
    print("\n".join(table(rows)))
    means = {
        "f1": statistics.fmean(r[1] for r in rows),
        "trafilatura_f1": statistics.fmean(r[2] for r in rows),
    }
    print(json.dumps({key: round(value, 4) for key, value in means.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
