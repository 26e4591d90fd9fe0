"""``ingest parse``: inputs to JSON Lines on stdout, or ``--explain``; and the input walk
``ingest run`` shares with it."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence

from ..document import Document
from ..pipeline import Failure, Pipeline, iter_inputs
from ..plugins import Host
from ..serialize import document_record
from . import connect
from .options import EXIT_INPUT_FAILED, EXIT_OK
from .output import Progress, Suspects, error, note


def empty_paths(paths: Sequence[str]) -> list[str]:
    """The PATHs with no input file under them (empty folders), said in one line on stderr.

    Cheap: the walk of each PATH stops at its first file (names only, nothing read). A
    PATH that yields a failure (missing, unreadable) is not listed: its failure says why.
    """
    empty = [path for path in dict.fromkeys(paths) if next(iter_inputs([path]), None) is None]
    if empty:
        error(f"no input files under {', '.join(empty)}")
    return empty


def documents(
    args: argparse.Namespace,
    host: Host,
    skip: Callable[[str], bool] | None = None,
    on_note: Callable[[str], None] = note,
) -> Iterator[Document | Failure]:
    """Parsed inputs in input order: in this process, or in ``--workers`` processes.

    ``on_note`` gets one line per web archive: its records read and skipped."""
    if args.workers > 1:
        from ..parallel import HostSettings, process_parallel  # multiprocessing: only if used

        settings = HostSettings(
            tuple(args.plugin), tuple(args.disable), args.max_bytes, args.parse_budget
        )
        return process_parallel(args.paths, args.workers, settings, skip, on_note)
    pipeline = Pipeline(host, max_bytes=args.max_bytes, parse_budget=args.parse_budget)
    return pipeline.process(args.paths, skip, on_note)


def cmd_parse(args: argparse.Namespace) -> int:
    empty = empty_paths(args.paths)
    if set(empty) == set(args.paths):
        return EXIT_INPUT_FAILED
    host = connect.host(args)
    failed = len(empty)
    if args.explain:
        from ..explain import explain_inputs

        failed += explain_inputs(
            host,
            args.paths,
            max_bytes=args.max_bytes,
            out=sys.stdout,
            on_failure=error,
            on_note=note,
        )
        return EXIT_INPUT_FAILED if failed else EXIT_OK
    progress = Progress(sys.stderr, "parsing", args.paths)
    suspects = Suspects()

    def on_note(message: str) -> None:
        progress.done()
        note(message)

    for item in suspects.watch(documents(args, host, on_note=on_note)):
        progress.tick()
        if isinstance(item, Failure):
            failed += 1
            progress.done()
            error(str(item))
        else:
            print(json.dumps(document_record(item), ensure_ascii=False))
    progress.done()
    suspects.report()
    return EXIT_INPUT_FAILED if failed else EXIT_OK
