"""Parse inputs in worker processes, in input order, with bounded memory.

Each worker builds its own plugin host from the same settings as the main
process (entry points, ``--plugin``, ``--disable``), so a plugin works the
same in one process or many. At most ``workers * IN_FLIGHT_PER_WORKER``
batches are submitted ahead of the consumer: while the main process waits
on a bulk request, the workers keep parsing, and a slow cluster holds back
parsing instead of letting parsed documents pile up in memory.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from .budget import DEFAULT_PARSE_BUDGET
from .document import Document
from .errors import InputError
from .pipeline import Failure, Input, Pipeline, expand_archives, input_path, iter_inputs
from .plugins import PluginError, load_host

BATCH = 8
IN_FLIGHT_PER_WORKER = 4


@dataclass(frozen=True)
class HostSettings:
    """What a worker needs to build the same host as the main process."""

    extra: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    max_bytes: int = 20 * 1024 * 1024
    parse_budget: float | None = DEFAULT_PARSE_BUDGET
    """Seconds a worker may spend on one input (``Pipeline.parse_budget``)."""


_worker: Pipeline | None = None


def _init_worker(settings: HostSettings) -> None:
    global _worker
    host = load_host(extra=settings.extra, disable=settings.disable)
    _worker = Pipeline(host, max_bytes=settings.max_bytes, parse_budget=settings.parse_budget)


def _parse_batch(items: Sequence[Input]) -> list[Document | Failure]:
    """Parse files (by path) and web archive records (by archive and offset: the
    worker seeks to the record and reads it, so no payload crosses processes)."""
    assert _worker is not None, "worker not initialised"
    results: list[Document | Failure] = []
    for item in items:
        try:
            results.append(_worker.parse_input(item))
        except (InputError, PluginError) as err:
            results.append(Failure(input_path(item), getattr(err, "reason", str(err))))
    return results


def _batches(
    paths: Iterable[str],
    skip: Callable[[str], bool] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> Iterator[list[Input] | Failure]:
    """Group inputs (less the files ``skip`` wants skipped) into batches;
    walking failures (and damaged archive records) pass through in place."""
    batch: list[Input] = []
    for item in expand_archives(iter_inputs(paths), on_note):
        if isinstance(item, Failure):
            if batch:
                yield batch
                batch = []
            yield item
            continue
        if skip is not None and isinstance(item, str) and skip(item):
            continue
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def process_parallel(
    paths: Iterable[str],
    workers: int,
    settings: HostSettings,
    skip: Callable[[str], bool] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> Iterator[Document | Failure]:
    """Like ``Pipeline.process``, with ``workers`` processes; same order of results.

    ``skip`` is asked in this process, before a file is sent to a worker; so is
    ``on_note`` called, when the walk of an archive ends (ahead of its results)."""
    pending: deque[Future[list[Document | Failure]] | Failure] = deque()
    limit = max(1, workers) * IN_FLIGHT_PER_WORKER
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        for batch in _batches(paths, skip, on_note):
            pending.append(
                batch if isinstance(batch, Failure) else pool.submit(_parse_batch, batch)
            )
            while len(pending) >= limit:
                yield from _take(pending.popleft())
        while pending:
            yield from _take(pending.popleft())


def _take(entry: Future[list[Document | Failure]] | Failure) -> list[Document | Failure]:
    return [entry] if isinstance(entry, Failure) else entry.result()
