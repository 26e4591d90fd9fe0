"""The dead-letter file: every document Elasticsearch refused, as JSON Lines.

One line per refused bulk item (an article or one of its comments)::

    {"path": "in/page.html", "id": "5a2b…", "index": "news",
     "reason": "document_parsing_exception: …", "document": {…the _source that was sent…}}

The file is created (truncated) on the first rejection of a run and not
touched by a run without rejections, so when a run reports rejections the
file holds exactly that run's. Each line is flushed as it is written: a
run that is killed keeps what it found. Only documents and Elasticsearch's
reasons are written, never connection settings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any


class DeadLetter:
    """Writes refused documents to ``path``, opened on the first one."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.count = 0
        self._handle: IO[str] | None = None

    def write(
        self, path: str, doc_id: str, index: str, reason: str, document: dict[str, Any] | None
    ) -> None:
        """Append one refused document with the input it came from and the reason."""
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("w", encoding="utf-8")
        record = {
            "path": path,
            "id": doc_id,
            "index": index,
            "reason": reason,
            "document": document,
        }
        self._handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        self._handle.flush()
        self.count += 1

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> DeadLetter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
