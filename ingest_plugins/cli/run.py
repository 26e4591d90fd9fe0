"""``ingest run``: parse inputs and index them, then link near-duplicate stories and sum up."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..pipeline import Failure
from ..redact import log_to_stderr, scrub
from . import connect
from .options import EXIT_FATAL, EXIT_INPUT_FAILED, EXIT_OK
from .output import Progress, Suspects, error, note
from .parse import documents, empty_paths

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

    from ..deadletter import DeadLetter
    from ..es.bulk import PushReport


def cmd_run(args: argparse.Namespace) -> int:
    if args.engine == "spark":
        from ..spark import INSTALL_HINT, pyspark_missing

        if pyspark_missing():
            error(INSTALL_HINT)
            return EXIT_FATAL
    empty = empty_paths(args.paths)
    if set(empty) == set(args.paths):
        return EXIT_INPUT_FAILED  # nothing to index: no need for plugins or a cluster
    if args.verbose:
        log_to_stderr([("elastic_transport", logging.INFO), ("ingest_plugins", logging.DEBUG)])
    from ..deadletter import DeadLetter
    from ..es.bulk import push, refresh
    from ..es.indices import ensure_current
    from ..es.retry import RetryPolicy
    from ..incremental import Identities, UnchangedInputs, indexed_inputs
    from ..pipeline import parser_name

    host = connect.host(args)
    client = connect.client(args)
    started = time.monotonic()
    since = datetime.now(UTC).isoformat(timespec="milliseconds")  # stories: what is sent after
    connect.check_cluster(client)
    ensure_current(client, args.index, host, log=note)
    unchanged = None
    if not args.force:
        parsers = {name: parser_name(s) for name, s in host.sources.items()}
        unchanged = UnchangedInputs(indexed_inputs(client, args.index), parsers)
    identities = Identities()
    progress = Progress(sys.stderr, "indexing", args.paths)
    policy = RetryPolicy(retry_for=args.retry_for)

    def on_failure(failure: Failure) -> None:
        progress.done()
        error(scrub(str(failure)))

    def on_note(message: str) -> None:
        progress.done()
        note(scrub(message))

    suspects = Suspects()
    with DeadLetter(args.dead_letter) as dead_letter:
        if args.engine == "spark":
            from ..spark.driver import SparkRunError, push_on_spark

            try:
                report = push_on_spark(
                    args, host, unchanged, identities, suspects, dead_letter, on_failure, on_note
                )
            except SparkRunError as err:
                error(str(err))
                return EXIT_FATAL
        else:
            report = push(
                client,
                identities.watch(suspects.watch(documents(args, host, unchanged, on_note))),
                args.index,
                on_failure=on_failure,
                on_input=progress.tick,
                chunk_size=args.chunk_size,
                policy=policy,
                dead_letter=dead_letter,
                on_note=on_note,
            )
    progress.status("refreshing the index and linking near-duplicate stories...")
    refresh_failed = None if report.stopped else refresh(client, args.index, policy, on_note)
    if refresh_failed is None and report.stopped is None:
        _link_stories(client, args.index, since, on_note)
    progress.done()
    for line in identities.collisions:
        note(line)
    report.documents -= min(identities.repeats, report.documents)  # what the index holds
    skipped = unchanged.count if unchanged else 0
    report.inputs += skipped
    _summary(report, dead_letter, args.index, time.monotonic() - started, skipped)
    suspects.report()
    if refresh_failed is not None:
        note(
            f"the final refresh failed: {scrub(refresh_failed)}. Every "
            "document counted above was indexed; they become searchable at the cluster's "
            "next refresh."
        )
    if report.stopped is not None:
        error(
            f"gave up: Elasticsearch made {scrub(report.stopped)}. Inputs not counted above "
            "were not indexed: run the same command again to finish (nothing is duplicated)."
        )
        return EXIT_FATAL
    return EXIT_INPUT_FAILED if report.failures or empty else EXIT_OK


def _link_stories(
    client: Elasticsearch, index: str, since: str, on_note: Callable[[str], None]
) -> None:
    """Join near-duplicates sent by this run into one story (``es/stories.py``)."""
    from elasticsearch import ApiError, TransportError

    from ..es.stories import LinkError, link_stories

    try:
        links = link_stories(client, index, since)
    except (ApiError, TransportError, LinkError) as err:
        on_note(
            f"linking near-duplicates into stories failed: {err}. Every document "
            "is indexed; `ingest run --force` on the same inputs links them."
        )
        return
    if links.stories:
        on_note(
            f"found {links.pairs} near-duplicate pair(s); joined {links.stories} story(ies), "
            f"{links.updated} document(s) updated"
        )


def _summary(
    report: PushReport, dead_letter: DeadLetter, index: str, seconds: float, unchanged: int
) -> None:
    """The summary line of ``ingest run``, and notes on retries, dead letters, stale comments."""
    if report.throttled or report.resent:
        note(
            f"retried {report.throttled} item(s) the cluster pushed back on (429/5xx) and "
            f"{report.resent} request(s) that failed (unreachable, timeout or 429/5xx); "
            f"waited {report.waited:.1f} s in backoff"
        )
    if report.stale_comments:
        note(f"removed {report.stale_comments} comment(s) their re-parsed article no longer has")
    if report.markup_removed:
        note(f"removed markup left in the text of {report.markup_removed} document(s)")
    if dead_letter.count:
        note(f"{dead_letter.count} refused document(s) written to {dead_letter.path}")
    print(
        f"inputs: {report.inputs}  documents: {report.documents}  comments: {report.comments}  "
        f"failures: {report.failures}  rejected: {report.rejected}  seconds: {seconds:.1f}  "
        f"index: {index}  unchanged: {unchanged}",
        file=sys.stderr,
    )
