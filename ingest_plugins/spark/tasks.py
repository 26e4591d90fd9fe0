"""What runs in a Spark task: parse one partition's inputs and push them, like ``ingest run``.

A task gets a ``SparkJob`` (plain, picklable settings: no Spark objects) and
its share of the inputs. It builds the plugin host the way ``ingest run``'s
worker processes do (``parallel.HostSettings``: ``--plugin``, ``--disable``,
and the driver's ``INGEST_PLUGINS`` / ``INGEST_DISABLE_PLUGINS``), parses
with ``Pipeline`` and sends with ``es.bulk.push``: stable ``_id``s, the same
retries. The host and the client are built once per Python worker process
and reused by the tasks of the same job.

Nothing is printed here: failures, notes, refused documents (dead letters),
the ids seen and the counts travel back to the driver in one
``PartitionResult`` per task, and the driver prints one summary. A task
that Spark runs again (a retry after a lost executor, a speculative copy)
sends the same documents under the same ids, which replaces them in place:
only the result of the attempt that Spark keeps is counted.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..deadletter import DeadLetter
from ..document import Document
from ..errors import InputError
from ..incremental import Indexed, UnchangedInputs
from ..parallel import HostSettings
from ..pipeline import Failure, Pipeline
from ..plugins import ALLOW_ENV, DISABLE_ENV, PluginError, load_host
from ..redact import register, scrub
from ..warc import WarcInput, WarcTally, is_warc, iter_warc_inputs, record_path

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

    from ..es.bulk import PushReport
    from ..es.connection import ConnectionSettings
    from ..es.retry import RetryPolicy

SUSPECTS_SHOWN = 20
"""Suspect documents named per task (the driver keeps the first ones overall)."""


@dataclass(frozen=True)
class SparkJob:
    """Everything a task needs to parse and push like the driver would, pickled into each task."""

    token: str
    """Unique per run: a worker process reuses its host and client within one run only."""
    host: HostSettings
    plugin_env: tuple[tuple[str, str], ...]
    """The driver's ``INGEST_PLUGINS`` / ``INGEST_DISABLE_PLUGINS``, when set."""
    plugins: tuple[tuple[str, str | None], ...]
    """Every plugin the driver loaded, with its version: each task must load the same."""
    plugin_files: tuple[tuple[str, bytes], ...]
    """``--plugin FILE.py`` contents, for executors where the path does not exist."""
    connection: ConnectionSettings
    ca_pem: bytes | None
    """The CA bundle's contents, for executors where ``connection.ca_certs`` does not exist."""
    index: str
    chunk_size: int
    policy: RetryPolicy
    parsers: tuple[tuple[str, str], ...] | None
    """Source → ``parser`` value for skipping unchanged inputs; ``None`` with ``--force``."""

    @staticmethod
    def plugin_env_of(env: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
        return tuple((name, env[name]) for name in (ALLOW_ENV, DISABLE_ENV) if name in env)


@dataclass
class PartitionResult:
    """What one task did, for the driver's summary."""

    report: PushReport
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dead_letters: list[tuple[str, str, str, str, dict[str, Any] | None]] = field(
        default_factory=list
    )
    """``DeadLetter.write`` arguments of every refused document."""
    seen: list[tuple[str, str, str]] = field(default_factory=list)
    """``(id, path, sha256)`` of every document sent, for repeated ids across the run."""
    suspects: int = 0
    suspect_lines: list[str] = field(default_factory=list)
    unchanged: int = 0


class GatheredDeadLetters(DeadLetter):
    """A ``DeadLetter`` that keeps the refused documents for the driver instead of a file."""

    def __init__(self) -> None:
        super().__init__(os.devnull)
        self.records: list[tuple[str, str, str, str, dict[str, Any] | None]] = []

    def write(
        self, path: str, doc_id: str, index: str, reason: str, document: dict[str, Any] | None
    ) -> None:
        self.records.append((path, doc_id, index, reason, document))
        self.count += 1


@dataclass
class _Worker:
    token: str
    pipeline: Pipeline
    client: Elasticsearch
    mismatch: str | None
    """Why this process's plugins differ from the driver's, else ``None``."""


_worker: _Worker | None = None


def _get_worker(job: SparkJob) -> _Worker:
    """This process's host and client for ``job`` (built on its first task)."""
    global _worker
    if _worker is None or _worker.token != job.token:
        register(job.connection.secrets())
        extra = tuple(_plugin_spec(spec, job) for spec in job.host.extra)
        host = load_host(extra=extra, disable=job.host.disable, env=dict(job.plugin_env))
        loaded = {name: host.infos[name].version for name in host.names()}
        _worker = _Worker(
            job.token,
            Pipeline(host, **_pipeline_options(job.host)),
            _connection(job).client(),
            _mismatch(dict(job.plugins), loaded, host.failures),
        )
    return _worker


def _pipeline_options(settings: HostSettings) -> dict[str, Any]:
    """``Pipeline``'s keyword arguments from ``settings``: all of it but the plugin choice."""
    return {
        item.name: getattr(settings, item.name)
        for item in fields(settings)
        if item.name not in ("extra", "disable")
    }


def _plugin_spec(spec: str, job: SparkJob) -> str:
    """``spec``, or the shipped copy of a ``--plugin FILE.py`` missing on this machine."""
    shipped = dict(job.plugin_files)
    if spec not in shipped or os.path.isfile(spec):
        return spec
    copy = Path(tempfile.mkdtemp(prefix="ingest-plugin-")) / Path(spec).name
    copy.write_bytes(shipped[spec])
    return str(copy)


def _connection(job: SparkJob) -> ConnectionSettings:
    """The driver's settings; its CA bundle written here when this machine lacks the file."""
    ca_certs = job.connection.ca_certs
    if job.ca_pem is None or ca_certs is None or os.path.isfile(ca_certs):
        return job.connection
    handle, copy = tempfile.mkstemp(prefix="ingest-ca-", suffix=".pem")
    with os.fdopen(handle, "wb") as out:
        out.write(job.ca_pem)
    return replace(job.connection, ca_certs=copy)


def _mismatch(
    wanted: Mapping[str, str | None], loaded: Mapping[str, str | None], failed: Mapping[str, str]
) -> str | None:
    """Why the plugins loaded here differ from the driver's, in one line; else ``None``."""
    problems = []
    for name, version in sorted(wanted.items()):
        if name not in loaded:
            why = failed.get(name, "not installed here")
            problems.append(f"plugin {name!r} did not load on this executor ({why})")
        elif loaded[name] != version:
            problems.append(f"plugin {name!r} is {loaded[name]} here but {version} on the driver")
    problems += [f"plugin {name!r} loaded here only" for name in sorted(set(loaded) - set(wanted))]
    if not problems:
        return None
    return "; ".join(problems) + " (install the same plugins on every executor: docs/scale.md)"


def run_partition(
    job: SparkJob, inputs: Iterable[tuple[str, str]], indexed: Mapping[str, Indexed] | None
) -> PartitionResult:
    """Parse and push the files and archives ``inputs`` (each archive is read whole here).

    Each input is ``(name, location)``: the path as the user gave it, which
    names its documents and failures as in ``ingest run``, and where to read it
    (absolute: a task's working folder is not the driver's). ``indexed``
    (``incremental.indexed_inputs``, keyed by location) makes unchanged files
    skipped; ``None`` parses everything.
    """
    worker = _get_worker(job)
    skip = None
    if indexed is not None and job.parsers is not None:
        skip = UnchangedInputs(indexed, dict(job.parsers))
    result = _Collector(job)

    def documents() -> Iterator[Document | Failure]:
        for name, location in inputs:
            if worker.mismatch is not None:
                yield Failure(name, worker.mismatch)
            elif is_warc(name):
                yield from _archive(worker.pipeline, location, name, result.value.notes.append)
            elif skip is None or not skip(location):
                yield _parse_file(worker.pipeline, location, name)

    result.push(worker.client, documents())
    result.value.unchanged = skip.count if skip is not None else 0
    return result.value


def run_remote_partition(
    job: SparkJob, files: Iterable[tuple[str, bytes]], indexed: Mapping[str, Indexed] | None
) -> PartitionResult:
    """Like ``run_partition``, for files Spark read itself (``binaryFiles``): URI and bytes.

    Each file is parsed from a local temporary copy, under its URI's name
    (an archive's records as ``hdfs://.../crawl.warc.gz#OFFSET``).
    """
    worker = _get_worker(job)
    parsers = dict(job.parsers) if job.parsers is not None else None
    result = _Collector(job)

    def unchanged(uri: str, raw: bytes) -> bool:
        known = (indexed or {}).get(uri)
        if known is None or parsers is None or is_warc(uri):
            return False
        if parsers.get(known.parser.split(" ", 1)[0]) != known.parser:
            return False
        return hashlib.sha256(raw).hexdigest() == known.sha256

    def documents() -> Iterator[Document | Failure]:
        for uri, raw in files:
            if worker.mismatch is not None:
                yield Failure(uri, worker.mismatch)
            elif unchanged(uri, raw):
                result.value.unchanged += 1
            else:
                with _local_copy(raw) as local:
                    if is_warc(uri):
                        yield from _archive(worker.pipeline, local, uri, result.value.notes.append)
                    else:
                        yield _parse_file(worker.pipeline, local, uri)

    result.push(worker.client, documents())
    return result.value


@contextmanager
def _local_copy(raw: bytes) -> Iterator[str]:
    """A temporary file holding ``raw``, removed on the way out."""
    handle, local = tempfile.mkstemp(prefix="ingest-input-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(raw)
        yield local
    finally:
        os.unlink(local)


def _parse_file(pipeline: Pipeline, location: str, name: str) -> Document | Failure:
    """The file at ``location`` parsed (with the pipeline's time budget), named ``name``."""
    return _guarded(name, lambda: _named(pipeline.parse_input(location), name))


def _archive(
    pipeline: Pipeline, location: str, name: str, on_note: Callable[[str], None]
) -> Iterator[Document | Failure]:
    """The input records of the archive at ``location``, named after ``name``
    (``expand_archives`` then ``parse_input``, as an in-process run does)."""
    tally = WarcTally()
    for record in iter_warc_inputs(location, tally):
        if isinstance(record, InputError):
            _, hashed, offset = (record.path or "").rpartition("#")
            yield Failure(record_path(name, int(offset)) if hashed else name, record.reason)
        else:
            path = record_path(name, record.offset)
            yield _guarded(path, partial(_parse_record, pipeline, record, path))
    on_note(tally.summary(name))


def _parse_record(pipeline: Pipeline, record: WarcInput, path: str) -> Document:
    return _named(pipeline.parse_input(record), path)


def _named(document: Document, path: str) -> Document:
    return document if document.path == path else replace(document, path=path)


def _guarded(path: str, parse: Callable[[], Document]) -> Document | Failure:
    """``parse()``, or the ``Failure`` naming ``path`` (as ``Pipeline.process`` does)."""
    try:
        return parse()
    except (InputError, PluginError) as err:
        return Failure(path, getattr(err, "reason", str(err)))


class _Collector:
    """Pushes one task's documents and keeps what the driver must hear about."""

    def __init__(self, job: SparkJob) -> None:
        from ..es.bulk import PushReport

        self.job = job
        self.value = PartitionResult(PushReport())
        self.dead_letter = GatheredDeadLetters()

    def watch(self, items: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
        value = self.value
        for item in items:
            if isinstance(item, Document):
                value.seen.append((item.id, item.path, item.sha256))
                if item.warnings:
                    value.suspects += 1
                    if len(value.suspect_lines) < SUSPECTS_SHOWN:
                        value.suspect_lines.append(f"{item.path} ({'; '.join(item.warnings)})")
            yield item

    def push(self, client: Elasticsearch, items: Iterable[Document | Failure]) -> None:
        from ..es.bulk import push

        value = self.value
        value.report = push(
            client,
            self.watch(items),
            self.job.index,
            on_failure=lambda failure: value.failures.append(
                Failure(failure.path, scrub(failure.reason))
            ),
            chunk_size=self.job.chunk_size,
            policy=self.job.policy,
            dead_letter=self.dead_letter,
            on_note=lambda message: value.notes.append(scrub(message)),
        )
        value.dead_letters = self.dead_letter.records
