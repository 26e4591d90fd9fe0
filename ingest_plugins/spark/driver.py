"""The driver side of ``ingest run --engine spark``: hand the inputs to Spark, gather what
the tasks did.

``cli.run.cmd_run`` does what it does for every run (plugins, the connection
check, the index ensured, the indexed inputs read for the incremental
skip, the final refresh and summary); ``push_on_spark`` replaces only its
``push``: it walks the local PATHs (names only), gives each file or
archive to one task (``tasks.run_partition``; PATHs with a scheme such as
``hdfs://`` or ``s3a://`` are read by Spark itself with ``binaryFiles``),
collects one ``tasks.PartitionResult`` per task, and turns them into one
``PushReport``, the failure and note lines, the dead-letter file, and the
repeated ids and suspect documents of the whole run.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..deadletter import DeadLetter
from ..incremental import Identities, Indexed, UnchangedInputs
from ..parallel import HostSettings
from ..pipeline import Failure, iter_inputs, parser_name
from ..plugins import Host
from ..redact import scrub
from .tasks import PartitionResult, SparkJob, run_partition, run_remote_partition

if TYPE_CHECKING:
    from pyspark import SparkConf, SparkContext

    from ..cli.output import Suspects
    from ..es.bulk import PushReport

DEFAULT_MASTER = "local[*]"
TASKS_PER_CORE = 4
"""Tasks per core Spark offers: several, so that one slow task does not leave cores idle."""
_LOCAL_MASTER = re.compile(r"^local(\[[^\]]*\])?$")
_URI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_NAMED = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:/")
"""A name Spark gave a file it read (``hdfs://host/a``, ``file:/tmp/a``)."""

QUIET_LOG4J = """\
rootLogger.level = error
rootLogger.appenderRef.console.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = ingest: spark: %p %c{1}: %m%n
logger.spark.name = org.apache.spark
logger.spark.level = error
"""
"""Spark's own log (driver JVM) without ``--verbose``: errors only. ``org.apache.spark`` is
named too, so that Spark keeps this level instead of announcing a default one."""


class SparkRunError(Exception):
    """Spark could not run the job (no JVM, a bad master, a task that failed every attempt)."""


def is_uri(path: str) -> bool:
    """Whether ``path`` names a file system by scheme (``hdfs://``, ``s3a://``, ``file://``)."""
    return _URI.match(path) is not None


def spark_conf(master: str | None, verbose: bool, log_config: str | None = None) -> SparkConf:
    """The configuration ``ingest`` starts Spark with.

    ``master`` ``None``: the one ``spark-submit`` was given. A ``local`` master
    binds to 127.0.0.1 only and has no web UI.
    ``log_config`` is a log4j2 file for the driver JVM.
    """
    from pyspark import SparkConf

    conf = SparkConf().setAppName("ingest run")
    if master is not None:
        conf.setMaster(master)
    conf.set("spark.ui.showConsoleProgress", "false")
    # binaryFiles of a folder reads its subfolders too, like the local walk.
    conf.set("spark.hadoop.mapreduce.input.fileinputformat.input.dir.recursive", "true")
    if master is not None and _LOCAL_MASTER.match(master):
        conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
        conf.set("spark.ui.enabled", "false")
    if log_config is not None and not verbose:
        conf.set("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{log_config}")
    return conf


def choose_master(given: str | None) -> str | None:
    """The master to start Spark with: ``given``, else the one ``spark-submit`` set (when it
    runs this process: PySpark's ``PYSPARK_GATEWAY_PORT``), else ``local[*]``."""
    if given:
        return given
    return None if os.environ.get("PYSPARK_GATEWAY_PORT") else DEFAULT_MASTER


@contextmanager
def spark_context(master: str | None, verbose: bool = False) -> Iterator[SparkContext]:
    """The running ``SparkContext`` when there is one (``spark-submit``, a test session),
    else a new one for ``master``, stopped on the way out."""
    from pyspark import SparkContext

    running = SparkContext._active_spark_context
    if running is not None:
        yield running
        return
    handle, log_config = tempfile.mkstemp(prefix="ingest-log4j2-", suffix=".properties")
    with os.fdopen(handle, "w") as out:
        out.write(QUIET_LOG4J)
    if master is not None and _LOCAL_MASTER.match(master):
        # PySpark starts its Python workers with $PYSPARK_PYTHON, else the first python3 on
        # PATH: a local master gets this interpreter (and so this environment's packages).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        try:
            context = SparkContext(conf=spark_conf(master, verbose, log_config))
        except Exception as err:
            raise SparkRunError(
                f"cannot start Spark (master {master or 'from spark-submit'}): "
                f"{_first_line(err).rstrip('.')}; "
                "Spark's own lines above say why (Spark 4 needs Java 17 or 21: set JAVA_HOME, "
                "or put its java first on PATH)"
            ) from err
    finally:
        os.unlink(log_config)  # read once, when the JVM started
    try:
        yield context
    finally:
        context.stop()


def make_job(args: argparse.Namespace, host: Host, force: bool) -> SparkJob:
    """The settings every task gets, from the command line and the driver's host."""
    from ..cli.connect import connection_settings
    from ..es.retry import RetryPolicy

    settings = connection_settings(args)
    plugin_files = tuple(
        (spec, content)
        for spec in args.plugin
        if spec.endswith(".py") and (content := _read(spec)) is not None
    )
    ca_pem = _read(settings.ca_certs) if settings.ca_certs else None
    return SparkJob(
        token=uuid.uuid4().hex,
        host=HostSettings(
            tuple(args.plugin), tuple(args.disable), args.max_bytes, args.parse_budget
        ),
        plugin_env=SparkJob.plugin_env_of(os.environ),
        plugins=tuple((name, host.infos[name].version) for name in host.names()),
        plugin_files=plugin_files,
        connection=settings,
        ca_pem=ca_pem,
        index=args.index,
        chunk_size=args.chunk_size,
        policy=RetryPolicy(retry_for=args.retry_for),
        parsers=None if force else tuple(sorted(_parsers(host).items())),
    )


def _parsers(host: Host) -> dict[str, str]:
    return {name: parser_name(registered) for name, registered in host.sources.items()}


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def run_job(
    context: SparkContext,
    job: SparkJob,
    paths: Sequence[str],
    uris: Sequence[str],
    indexed: Mapping[str, Indexed] | None,
) -> list[PartitionResult]:
    """Run ``job`` over local ``paths`` (slices of them, one task each) and the files under
    ``uris`` (read by Spark); one result per task, in input order.

    ``indexed`` (the index's record of inputs, by name) goes to the tasks as a
    broadcast, only the entries of local ``paths`` (keyed by the absolute path
    the tasks read) and of names with a scheme.
    """
    inputs = [(path, os.path.abspath(path)) for path in paths]
    shared = None
    if indexed is not None:
        wanted = {location: indexed[name] for name, location in inputs if name in indexed}
        if uris:
            wanted.update((name, known) for name, known in indexed.items() if _NAMED.match(name))
        shared = context.broadcast(wanted)
    tasks = max(1, context.defaultParallelism * TASKS_PER_CORE)

    def local(part: Iterable[tuple[str, str]]) -> Iterator[PartitionResult]:
        yield run_partition(job, part, shared.value if shared is not None else None)

    def remote(part: Iterable[tuple[str, bytes]]) -> Iterator[PartitionResult]:
        yield run_remote_partition(job, part, shared.value if shared is not None else None)

    parts: list[Any] = []
    if inputs:
        parts.append(context.parallelize(inputs, min(len(inputs), tasks)).mapPartitions(local))
    if uris:
        files = context.binaryFiles(",".join(uris), minPartitions=tasks)
        parts.append(files.mapPartitions(remote))
    try:
        return list(context.union(parts).collect() if len(parts) > 1 else parts[0].collect())
    except Exception as err:
        raise SparkRunError(f"the Spark job failed: {_first_line(err)}") from err
    finally:
        if shared is not None:
            shared.destroy()


def _first_line(err: BaseException) -> str:
    """The gist of a Spark or Py4J error: the first line naming a cause, scrubbed."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    causes = [line for line in lines if "Error:" in line or "Exception:" in line]
    text = (causes[-1] if causes else lines[0] if lines else type(err).__name__)[:300]
    return scrub(text)


def push_on_spark(
    args: argparse.Namespace,
    host: Host,
    unchanged: UnchangedInputs | None,
    identities: Identities,
    suspects: Suspects,
    dead_letter: DeadLetter,
    on_failure: Callable[[Failure], None],
    on_note: Callable[[str], None],
) -> PushReport:
    """``ingest run``'s parse and push of ``args.paths``, on Spark (``args.spark_master``).

    Fills ``unchanged.count``, ``identities``, ``suspects`` and ``dead_letter`` as
    the in-process run does; raises ``SparkRunError`` when Spark cannot run the job.
    """
    from ..es.bulk import PushReport

    report = PushReport()
    uris = [path for path in args.paths if is_uri(path)]
    paths: list[str] = []
    for item in iter_inputs([path for path in args.paths if not is_uri(path)]):
        if isinstance(item, Failure):
            report.inputs += 1
            report.failures += 1
            on_failure(item)
        else:
            paths.append(item)
    if not paths and not uris:
        return report
    job = make_job(args, host, force=unchanged is None)
    indexed = unchanged.indexed if unchanged is not None else None
    with spark_context(choose_master(args.spark_master), args.verbose) as context:
        results = run_job(context, job, paths, uris, indexed)
    for result in results:
        for note in result.notes:
            on_note(note)
        for failure in result.failures:
            on_failure(failure)
        merge_report(report, result.report)
        for record in result.dead_letters:
            dead_letter.write(*record)
        note_identities(identities, result.seen)
        suspects.count += result.suspects
        suspects.first.extend(result.suspect_lines[: suspects.SHOWN - len(suspects.first)])
        if unchanged is not None:
            unchanged.count += result.unchanged
    return report


def merge_report(total: PushReport, part: PushReport) -> None:
    """Add ``part``'s counts to ``total``; keep the first reason to stop."""
    for item in dataclasses.fields(total):
        mine, theirs = getattr(total, item.name), getattr(part, item.name)
        if isinstance(mine, int | float) and not isinstance(mine, bool):
            setattr(total, item.name, mine + theirs)
        elif mine is None:
            setattr(total, item.name, theirs)


def note_identities(identities: Identities, seen: Sequence[tuple[str, str, str]]) -> None:
    """Record documents sent by tasks, as ``Identities.watch`` does for an in-process run.

    Two inputs with one id and different content: tasks run in parallel, so
    which one the index keeps is whichever was written last.
    """
    for doc_id, path, sha256 in seen:
        earlier = identities.record(doc_id, path, sha256)
        if earlier is not None:
            identities.collisions.append(
                f"{path} and {earlier} resolve to the same document {doc_id} with "
                "different content: the index keeps the one written last"
            )
