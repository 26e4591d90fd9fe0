"""What the commands say on stderr: one-line errors and notes, progress, suspect documents."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

from ..document import Document
from ..pipeline import Failure, iter_inputs
from ..warc import is_warc


def error(message: str) -> None:
    print(f"ingest: {message}", file=sys.stderr)


note = error  # things worth knowing that are not failures go to the same place


def clean(text: str) -> str:
    """Terminal-safe: no control characters (escape sequences) from indexed text."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


class Progress:
    """A progress bar on stderr, only when stderr is a terminal.

    The total comes from a quick walk of the inputs (names only, nothing
    read), so it costs nothing when output goes to a file or a pipe. A web
    archive holds an unknown number of inputs: with one among them, only the
    count and the rate are shown.
    """

    WIDTH = 30

    def __init__(self, stream: TextIO, label: str, paths: Sequence[str]) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.label = label
        self.total, self.archives = 0, False
        for item in iter_inputs(paths) if self.enabled else ():
            self.total += 1
            self.archives = self.archives or (isinstance(item, str) and is_warc(item))
        self.count = 0
        self.started = self.shown = time.monotonic()

    def tick(self) -> None:
        self.count += 1
        now = time.monotonic()
        if not self.enabled or (now - self.shown < 0.1 and self.count < self.total):
            return
        self.shown = now
        rate = self.count / max(time.monotonic() - self.started, 1e-6)
        if self.archives:
            self.stream.write(f"\r{self.label} {self.count} ({rate:.0f}/s)")
            self.stream.flush()
            return
        filled = self.WIDTH * self.count // max(self.total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.count}/{self.total} ({rate:.0f}/s)")
        self.stream.flush()

    def status(self, text: str) -> None:
        """Show ``text`` in place of the bar, for a step with nothing to count (until
        ``done``)."""
        if self.enabled:
            self.stream.write(f"\r\033[K{text}")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


class Suspects:
    """Documents whose extraction looks off (``Document.warnings``), reported at the end.

    Only the first ``SHOWN`` paths are kept, so a long run's memory stays flat.
    """

    SHOWN = 20

    def __init__(self) -> None:
        self.count = 0
        self.first: list[str] = []

    def watch(self, items: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
        for item in items:
            if isinstance(item, Document) and item.warnings:
                self.count += 1
                if len(self.first) < self.SHOWN:
                    self.first.append(f"{item.path} ({'; '.join(item.warnings)})")
            yield item

    def report(self) -> None:
        if not self.count:
            return
        note(f"{self.count} document(s) look suspect (layout change?):")
        for line in self.first:
            note(f"  {line}")
        if self.count > len(self.first):
            note(f"  ... and {self.count - len(self.first)} more (see their warnings field)")
