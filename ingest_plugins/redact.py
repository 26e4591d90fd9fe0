"""Keep secrets out of everything the process prints.

The command registers the password and API key (in every form they could
be printed: plain, URL-encoded, inside a basic-auth token) as soon as it
has read them; ``scrub`` replaces them in any text before it is printed,
and ``ScrubbingFormatter`` does the same for every log line, including
exception tracebacks in ``--verbose`` mode. The client library already
hides its ``Authorization`` header; this is the second line of defence for
what it does not know about (a password echoed in a URL, an exception
message, a plugin's log line).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

MASK = "***"

_secrets: set[str] = set()


def register(secrets: Iterable[str]) -> None:
    """Remember ``secrets`` (empty strings are ignored) for ``scrub``."""
    _secrets.update(s for s in secrets if s)


def forget() -> None:
    """Forget every registered secret (tests)."""
    _secrets.clear()


def scrub(text: str) -> str:
    """``text`` with every registered secret replaced by ``***`` (longest first)."""
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


class ScrubbingFormatter(logging.Formatter):
    """A formatter whose output (message, arguments and traceback) is scrubbed."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is when a record is emitted."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def log_to_stderr(loggers: Iterable[tuple[str, int]]) -> None:
    """Send the named loggers to stderr at the given levels, scrubbed (``--verbose``).

    Calling it again replaces the handler it installed instead of adding one.
    """
    handler = _StderrHandler()
    handler.setFormatter(ScrubbingFormatter("ingest: %(name)s: %(message)s"))
    for name, level in loggers:
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if isinstance(h, _StderrHandler)]:
            logger.removeHandler(old)
        logger.setLevel(level)
        logger.addHandler(handler)
