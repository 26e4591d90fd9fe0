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

from .document import Document
from .errors import InputError
from .pipeline import Failure, Pipeline, iter_inputs
from .plugins import PluginError, load_host

BATCH = 8
IN_FLIGHT_PER_WORKER = 4


@dataclass(frozen=True)
class HostSettings:
    """What a worker needs to build the same host as the main process."""

    extra: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    max_bytes: int = 20 * 1024 * 1024


_worker: Pipeline | None = None


def _init_worker(settings: HostSettings) -> None:
    global _worker
    host = load_host(extra=settings.extra, disable=settings.disable)
    _worker = Pipeline(host, max_bytes=settings.max_bytes)


def _parse_batch(paths: Sequence[str]) -> list[Document | Failure]:
    assert _worker is not None, "worker not initialised"
    results: list[Document | Failure] = []
    for path in paths:
        try:
            results.append(_worker.parse_file(path))
        except (InputError, PluginError) as err:
            results.append(Failure(path, getattr(err, "reason", str(err))))
    return results


def _batches(
    paths: Iterable[str], skip: Callable[[str], bool] | None = None
) -> Iterator[list[str] | Failure]:
    """Group input files (less the ones ``skip`` wants skipped) into batches;
    walking failures pass through in place."""
    batch: list[str] = []
    for item in iter_inputs(paths):
        if isinstance(item, Failure):
            if batch:
                yield batch
                batch = []
            yield item
            continue
        if skip is not None and skip(item):
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
) -> Iterator[Document | Failure]:
    """Like ``Pipeline.process``, with ``workers`` processes; same order of results.

    ``skip`` is asked in this process, before a file is sent to a worker."""
    pending: deque[Future[list[Document | Failure]] | Failure] = deque()
    limit = max(1, workers) * IN_FLIGHT_PER_WORKER
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        for batch in _batches(paths, skip):
            pending.append(
                batch if isinstance(batch, Failure) else pool.submit(_parse_batch, batch)
            )
            while len(pending) >= limit:
                yield from _take(pending.popleft())
        while pending:
            yield from _take(pending.popleft())


def _take(entry: Future[list[Document | Failure]] | Failure) -> list[Document | Failure]:
    return [entry] if isinstance(entry, Failure) else entry.result()
