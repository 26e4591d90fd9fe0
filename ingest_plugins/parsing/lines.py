"""Text lines: cleaning them, splitting text into them, naming chrome lines.

Every rule of a source plugin looks at *cleaned* lines (no invisible
characters, one space between words, no outer white space), so that a
copy made in another browser or editor reads the same.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = [
    "AD_LABEL_RE",
    "classify_line",
    "clean_line",
    "is_blank",
    "is_clean_line",
    "split_lines",
    "strip_invisible",
]

# Runs of horizontal white space (incl. NBSP and other Unicode spaces) inside a line.
_INNER_SPACE_RE = re.compile(r"[^\S\n]+")

# Characters that carry no text: zero-width space/joiners, word joiner, soft hyphen, BOM.
_INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad\ufeff"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")

AD_LABEL_RE = re.compile(r"[-–—\s]*(?:advertisement|sponsored(?: content)?)[-–—\s]*", re.I)
"""An ad slot's label as a whole line: ``Advertisement``, ``- Advertisement -``, ``Sponsored``."""


def strip_invisible(text: str) -> str:
    """Return ``text`` without zero-width characters, soft hyphens and BOMs."""
    if text.isascii():
        return text
    if any(char in text for char in _INVISIBLE):  # substring tests: fast on long texts
        return _INVISIBLE_RE.sub("", text)
    return text


def is_blank(text: str) -> bool:
    """True for empty or all-white-space text: ``not text.strip()`` without copying it."""
    return not text or text.isspace()


def is_clean_line(text: str) -> bool:
    """True when ``text`` is one line that cleaning would leave as it is.

    Printable, with no double or outer space: no character ``str.split()``
    treats as space other than single inner spaces, no line break and none
    of the invisible characters (none of those is printable).
    """
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def clean_line(text: str) -> str:
    """Return ``text`` with invisible characters removed and spaces collapsed.

    Line breaks inside ``text`` are kept; runs of other white space become
    one space and the ends are stripped.
    """
    if is_clean_line(text):  # most calls: rules re-check lines cleaned before
        return text
    text = strip_invisible(text)
    if "\n" not in text:  # the common case: str.split's white space is the regex's \s
        return " ".join(text.split())
    return _INNER_SPACE_RE.sub(" ", text).strip()


def split_lines(text: str) -> list[str]:
    """Split ``text`` into cleaned lines (``\\n``, ``\\r\\n`` or ``\\r`` line ends)."""
    return [clean_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def classify_line(
    line: str, patterns: Mapping[str, re.Pattern[str]], cleaned: bool = False
) -> str | None:
    """Name the first of ``patterns`` that matches the whole cleaned ``line``.

    ``patterns`` maps a kind (``"share"``, ``"advertisement"``…) to a regex
    tried with ``fullmatch``, in order. An empty line is of no kind (``None``).
    ``cleaned=True`` says ``line`` is ``clean_line``'s output already.
    """
    text = line if cleaned else clean_line(line)
    if not text:
        return None
    for name, pattern in patterns.items():
        if pattern.fullmatch(text):
            return name
    return None
