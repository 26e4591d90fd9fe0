"""Helpers for the reliability tests: generated corpora, the CLI in a subprocess, index checks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch, helpers

from ingest_plugins.es.connection import ConnectionSettings
from tests.conftest import REPO

VT_PAGE = REPO / "tests" / "fixtures" / "vt" / "VT_2024-05-20.html"
VT_SLUG = "drone-makers-court-pentagon"
VT_COMMENTS = 5
SUMMARY = re.compile(
    r"inputs: (?P<inputs>\d+)  documents: (?P<documents>\d+)  comments: (?P<comments>\d+)  "
    r"failures: (?P<failures>\d+)  rejected: (?P<rejected>\d+)  seconds: \S+  index: \S+  "
    r"unchanged: (?P<unchanged>\d+)"
)
RETRIED = re.compile(r"retried (?P<items>\d+) item\(s\).* and (?P<requests>\d+) request\(s\)")


def vt_page(n: int, title: str | None = None) -> str:
    """The Veterans Today fixture as story ``n``: its own canonical URL, so its own id."""
    html = VT_PAGE.read_text().replace(VT_SLUG, f"story-{n}")
    if title is not None:
        html = html.replace("Drone Makers Court Pentagon as Budget Talks Resume", title)
    return html


def drop_comment(html: str, comment: str) -> str:
    """``html`` without the (childless) ``<li id="comment-N">`` of ``comment``."""
    pattern = rf'\s*<li id="comment-{comment}".*?</li>'
    out, found = re.subn(pattern, "", html, count=1, flags=re.S)
    assert found == 1, f"comment {comment} not found"
    return out


def write_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` distinct Veterans Today pages, each with five comments."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"page-{n:05d}.html"
        path.write_text(vt_page(n))
        paths.append(path)
    return paths


def cli_env(settings: ConnectionSettings, **extra: str) -> dict[str, str]:
    """The environment of an ``ingest`` subprocess pointed at ``settings``' cluster."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INGEST_")}
    env.update(
        INGEST_ES_URL=settings.url,
        INGEST_ES_USER=settings.user or "",
        INGEST_ES_PASSWORD=settings.password or "",
        INGEST_ES_CA_CERTS=settings.ca_certs or "",
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "ingest_plugins.cli", *args]


def run_cli(
    args: list[str], env: Mapping[str, str], timeout: float = 300, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """``ingest ARGS`` in a subprocess (as a real user runs it); output captured."""
    return subprocess.run(
        [*prefix, *cli_command(*args)],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
    )


def summary(err: str) -> dict[str, int]:
    """The numbers of the ``inputs: …`` summary line."""
    match = SUMMARY.search(err)
    assert match, f"no summary line in:\n{err}"
    return {k: int(v) for k, v in match.groupdict().items()}


def retried(err: str) -> tuple[int, int]:
    """(items, requests) from the retry note, (0, 0) when there was none."""
    match = RETRIED.search(err)
    return (int(match["items"]), int(match["requests"])) if match else (0, 0)


def count(es: Elasticsearch, index: str) -> int:
    es.indices.refresh(index=index)
    return int(es.count(index=index)["count"])


def field_values(es: Elasticsearch, index: str, name: str) -> list[Any]:
    """Every document's ``name`` field (one entry per document: duplicates show)."""
    es.indices.refresh(index=index)
    return [
        hit["_source"].get(name) for hit in helpers.scan(es, index=index, _source=[name], size=1000)
    ]


def strings(value: Any) -> Iterator[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
