"""Web archives in: the records of a ``.warc`` / ``.warc.gz`` file as inputs.

A WARC file holds a crawl: requests, responses, metadata. Every ``response``
record with HTTP status 200 and an HTML or text payload (``Content-Type``
``text/html``, ``application/xhtml+xml`` or ``text/plain``) is one input,
named ``ARCHIVE#OFFSET`` (the record's byte offset in the file, as warcio's
``ArchiveIterator`` reports it), with the ``WARC-Target-URI`` as its URL and
the ``WARC-Date`` as its fetch time. Every other record is skipped and
counted (``WarcTally``); a second record with the ``WARC-Payload-Digest`` of
an earlier one in the same archive is skipped as a ``duplicate payload``.

Two passes, neither holding more than one record: ``iter_warc_inputs``
walks the archive reading only headers (it yields ``WarcInput`` values,
small enough to send to worker processes), and ``read_warc_payload`` opens
the archive, seeks to one record's offset and reads that record's payload.

A truncated or corrupt record is yielded as one ``InputError`` naming the
archive and the offset; the walk then looks for the next record start (the
next gzip member, or the next ``WARC/1.`` line of an uncompressed archive)
and goes on from there.

The HTTP ``Content-Type`` charset is not passed to the decoder: the payload
is decoded like a saved file (BOM, strict UTF-8, its own ``<meta charset>``,
then detection).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import IO, Any

from .errors import InputError

__all__ = [
    "INPUT_TYPES",
    "WarcInput",
    "WarcTally",
    "is_warc",
    "iter_warc_inputs",
    "read_warc_payload",
]

INPUT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
"""The HTTP media types of the response records read as inputs."""

_WARC_NAME = re.compile(r"\.warc(\.gz)?$", re.I)
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_LINE = b"\nWARC/1."
_CHUNK = 1 << 16


def is_warc(path: str) -> bool:
    """Whether ``path`` names a web archive (``.warc`` or ``.warc.gz``, any case)."""
    return _WARC_NAME.search(path) is not None


@dataclass(frozen=True)
class WarcInput:
    """One record of a web archive to parse: where it is, and what its headers say."""

    archive: str
    """The archive's path, as the user gave it (or as found under a folder)."""
    offset: int
    """The record's byte offset in the archive file."""
    url: str | None = None
    """``WARC-Target-URI``."""
    fetched: str | None = None
    """``WARC-Date``, as the archive says it (ISO 8601, e.g. ``2024-05-20T10:00:00Z``)."""

    @property
    def path(self) -> str:
        """The input's name in documents and failure lines: ``ARCHIVE#OFFSET``."""
        return record_path(self.archive, self.offset)


def record_path(archive: str, offset: int) -> str:
    return f"{archive}#{offset}"


@dataclass
class WarcTally:
    """What the walk of one archive found: inputs, skipped records by reason, damage."""

    inputs: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    damaged: int = 0

    def summary(self, archive: str) -> str:
        """``crawl.warc.gz: 3 records read as inputs, 5 skipped (2 request, 1 status 404, ...)``."""
        count = sum(self.skipped.values())
        reasons = ", ".join(f"{n} {reason}" for reason, n in self.skipped.most_common())
        line = f"{archive}: {_plural_records(self.inputs)} read as inputs, {count} skipped"
        line += f" ({reasons})" if reasons else ""
        if self.damaged:
            line += f", {self.damaged} damaged (reported as failures)"
        return line


def _plural_records(count: int) -> str:
    return f"{count} record" if count == 1 else f"{count} records"


def _records(handle: IO[bytes]) -> Any:
    """warcio's record iterator over ``handle`` from where it stands (warcio is
    imported on first use: a run without archives does not pay for it)."""
    return _iterator_class()(handle)


@cache
def _iterator_class() -> Any:
    from warcio.archiveiterator import WARCIterator

    class Records(WARCIterator):  # type: ignore[misc]  # warcio is untyped
        """Without warcio's own warning on stderr: a record whose length is wrong
        counts in ``err_count``, and the walk reports it as damaged."""

        INC_RECORD = ""

    return Records


@dataclass(frozen=True)
class _Entry:
    """One record as the walk saw it."""

    offset: int
    skip: str | None
    """Why it is no input (``request``, ``status 404``, ``image/png``...), or ``None``."""
    url: str | None
    fetched: str | None
    digest: str | None
    damage: str | None
    """Why the record is damaged, or ``None``."""


def iter_warc_inputs(
    archive: str, tally: WarcTally | None = None
) -> Iterator[WarcInput | InputError]:
    """Every input record of ``archive``, or an ``InputError`` (yielded, not raised)
    for an unreadable archive or each damaged stretch of it; ``tally`` counts."""
    tally = WarcTally() if tally is None else tally
    try:
        handle = open(archive, "rb")  # noqa: SIM115  # closed below; the walk is a generator
    except OSError as err:
        yield InputError(f"cannot read archive: {err.strerror or err}", archive)
        return
    with handle:
        yield from _walk(archive, handle, tally)


def _walk(archive: str, handle: IO[bytes], tally: WarcTally) -> Iterator[WarcInput | InputError]:
    gzipped = handle.read(len(_GZIP_MEMBER)) == _GZIP_MEMBER
    digests: set[str] = set()
    position: int | None = 0
    reported = False  # the damaged stretch at hand is reported already
    while position is not None:
        handle.seek(position)
        records = _records(handle)
        position = None
        while True:
            start = int(records.offset)
            try:
                entry = _next_entry(records)
            except Exception as err:  # warcio raises many types on bad bytes
                if not reported:
                    tally.damaged += 1
                    yield InputError(_corrupt(err), record_path(archive, start))
                reported = True
                position = _next_record_start(handle, start + 1, gzipped)
                break
            if entry is None:
                break
            reported = False
            if entry.damage is not None:
                tally.damaged += 1
                yield InputError(entry.damage, record_path(archive, entry.offset))
            elif entry.skip is None and entry.digest is not None and entry.digest in digests:
                tally.skipped["duplicate payload"] += 1
            elif entry.skip is not None:
                tally.skipped[entry.skip] += 1
            else:
                if entry.digest is not None:
                    digests.add(entry.digest)
                tally.inputs += 1
                yield WarcInput(archive, entry.offset, entry.url, entry.fetched)


def _next_entry(records: Any) -> _Entry | None:
    """Read the next record's headers and skip its content; ``None`` at the end."""
    record = next(records, None)
    if record is None:
        return None
    headers = record.rec_headers
    skip = _skip_reason(record)
    errors = records.err_count
    _drain(record.raw_stream)
    offset = int(records.get_record_offset())  # reads past the record's closing blank lines
    damage = None
    if record.raw_stream.limit > 0:
        damage = f"truncated record: {record.raw_stream.limit} byte(s) of its content missing"
    elif records.err_count > errors:
        damage = "corrupt record: its length does not match its content (Content-Length wrong?)"
    return _Entry(
        offset=offset,
        skip=skip,
        url=headers.get_header("WARC-Target-URI"),
        fetched=headers.get_header("WARC-Date"),
        digest=headers.get_header("WARC-Payload-Digest"),
        damage=damage,
    )


def _skip_reason(record: Any) -> str | None:
    if record.rec_type != "response":
        return str(record.rec_type)
    if record.http_headers is None:
        return "non-HTTP response"
    status = record.http_headers.get_statuscode()
    if status != "200":
        return f"status {status}"
    content_type = record.http_headers.get_header("Content-Type") or ""
    media = content_type.split(";", 1)[0].strip().lower()
    if media not in INPUT_TYPES:
        return media or "no Content-Type"
    return None


def _drain(stream: Any) -> None:
    while stream.read(_CHUNK):
        pass


def _corrupt(err: Exception) -> str:
    """One short line: warcio quotes the bad bytes, which may be compressed garbage."""
    message = " ".join(str(err).split())
    message = "".join(ch if ch.isascii() and ch.isprintable() else "?" for ch in message)
    if len(message) > 80:
        message = message[:79] + "…"
    return f"corrupt record: {type(err).__name__}: {message}".rstrip(": ")


def _next_record_start(handle: IO[bytes], start: int, gzipped: bool) -> int | None:
    """The offset of the next possible record start at or after ``start``, or ``None``."""
    marker = _GZIP_MEMBER if gzipped else _WARC_LINE
    skip = 0 if gzipped else 1  # the newline before "WARC/1." is the previous record's
    position = max(0, start - skip)
    handle.seek(position)
    carry = b""
    while chunk := handle.read(_CHUNK):
        window = carry + chunk
        found = window.find(marker)
        if found >= 0:
            return position - len(carry) + found + skip
        carry = window[-(len(marker) - 1) :]
        position += len(chunk)
    return None


def read_warc_payload(archive: str, offset: int, max_bytes: int) -> bytes:
    """The HTTP payload of the record at ``offset`` (transfer and content encodings
    undone); ``InputError`` when it cannot be read or is larger than ``max_bytes``."""
    path = record_path(archive, offset)
    try:
        with open(archive, "rb") as handle:
            handle.seek(offset)
            record = next(_records(handle), None)
            if record is None:
                raise InputError("no record at this offset", path)
            payload: bytes = record.content_stream().read(max_bytes + 1)
            if len(payload) > max_bytes:
                raise InputError(f"too large: over {max_bytes:,} bytes (see --max-bytes)", path)
            _drain(record.raw_stream)
            if record.raw_stream.limit > 0:
                raise InputError(
                    f"truncated record: {record.raw_stream.limit} byte(s) of its content missing",
                    path,
                )
            return payload
    except InputError:
        raise
    except OSError as err:
        raise InputError(f"cannot read archive: {err.strerror or err}", path) from err
    except Exception as err:  # warcio raises many types on bad bytes
        raise InputError(_corrupt(err), path) from err
