"""Bytes → text: the step that runs before any plugin sees an input.

``read_source`` turns the raw bytes of one input into a ``SourceText``:

1. reject what is not text (empty input, known binary signatures, NUL
   bytes outside UTF-16, a high share of control bytes);
2. find the codec: a BOM, UTF-16 recognised by its NUL pattern, strict
   UTF-8, UTF-8 cut mid-character or with a few bad bytes, the
   ``<meta charset>`` of an HTML page, and only then a statistical guess
   (charset-normalizer) whose Cyrillic answers are checked against how
   much the decoded text looks like real Russian/Ukrainian words;
3. repair mojibake, deciding once for the whole document;
4. normalise (BOM, newlines, control characters, zero-width spaces,
   no-break spaces, NFC) and record each change in the report's ``fixes``.

One module a stage: ``binary`` (1, and recognising UTF-16/32), ``codecs``
(2, with ``plausibility`` scoring candidate decodings), ``repair`` (3 and
4); ``markup`` says whether the result is an HTML page (``is_html``).

Typography (curly quotes, dashes, guillemets, ``ʼ``, ligatures) is never
touched. Every step is linear in the input size; heavy heuristics only
look at bounded samples.

Fix names: ``bom``, ``truncated-utf8``, ``invalid-utf8``, ``invalid-utf16``,
``invalid-utf32``, ``invalid-bytes``, ``mojibake``, ``newlines``,
``control-chars``, ``zero-width``, ``nbsp``, ``nfc``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..document import EncodingReport, SourceText
from ..errors import InputError
from .binary import reject_binary, reject_binary_text
from .codecs import decode_bytes, is_single_byte_ascii, non_ascii_tokens
from .markup import looks_like_html
from .plausibility import text_points
from .repair import BADNESS_FULL_LIMIT, badness_sample, repair_text

__all__ = [
    "BADNESS_FULL_LIMIT",
    "badness_sample",
    "is_single_byte_ascii",
    "looks_like_html",
    "non_ascii_tokens",
    "read_source",
    "text_points",
]


def read_source(raw: bytes, path: str) -> SourceText:
    """Decode and repair one input; raise ``InputError`` if it is not text."""
    if not raw or raw.isspace():  # what strip() tests, without copying the input
        raise InputError("empty input", path)
    controls = reject_binary(raw, path)
    decoded = decode_bytes(raw)
    # decoded.utf8 is raw, or raw after a BOM: what reject_binary found holds for it.
    c0_free = decoded.utf8 is not None and not controls
    reject_binary_text(decoded.text, path, decoded.utf8, c0_free)
    text, repairs = repair_text(decoded.text, decoded.utf8, c0_free)
    if not text or text.isspace():
        raise InputError("empty input", path)
    report = EncodingReport(
        encoding=decoded.encoding,
        confidence=decoded.confidence,
        fixes=merge_fixes(decoded.fixes, repairs),
    )
    # Untouched by repair, the text has no control characters and is its input's UTF-8.
    utf8 = (text, decoded.utf8) if text is decoded.text and decoded.utf8 is not None else None
    return SourceText(
        path=path, text=text, encoding=report, is_html=looks_like_html(text), utf8=utf8
    )


def merge_fixes(*groups: Iterable[str]) -> tuple[str, ...]:
    """Fix names in the order applied, each once (a BOM may be seen twice)."""
    return tuple(dict.fromkeys(name for group in groups for name in group))
