"""Finding the codec of the raw bytes and decoding them.

``decode_bytes`` takes the most certain evidence first: a BOM, UTF-16
recognised by its NUL pattern, strict UTF-8, UTF-8 cut mid-character or
with a few bad bytes, the ``<meta charset>`` of an HTML page, and only then
a statistical guess (charset-normalizer) that competes with the common
Latin and Cyrillic codecs, ranked by how plausible their text is
(``plausibility.text_points``). The result is a ``Decoded``: the text
before any repair, the codec, a confidence and the fixes decoding needed.
"""

from __future__ import annotations

import codecs
import functools
import re
import sys
from dataclasses import dataclass

import charset_normalizer

from .binary import BOMS, SAMPLE_BYTES, sniff_utf16
from .markup import looks_like_html
from .plausibility import text_points

CYRILLIC_CODECS = ("cp1251", "koi8-u", "koi8-r", "iso8859-5", "mac-cyrillic", "cp866")
"""Single-byte Cyrillic codecs that statistical detectors confuse."""

PREFERRED_NAMES = ("cp1252", "cp1251", "koi8-r", "koi8-u", "iso8859-1")
"""When a guessed codec decodes to exactly the same text as one of these,
report the common name instead (``cp1250`` and ``cp1252`` agree on plain
English with curly quotes, ``kz1048`` and ``cp1251`` on Ukrainian)."""

WIDE_CODEC_PREFIXES = ("utf-16", "utf-32")
"""A ``<meta charset>`` naming these is wrong once NUL-free bytes reach it."""
WHATWG_AS_CP1252 = frozenset({"iso8859-1", "ascii"})
"""Labels a browser reads as windows-1252 (the WHATWG encoding standard)."""
UNSAFE_CODECS = frozenset(
    {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "utf-7"}
)
"""Codec names a ``<meta charset>`` must not make us use."""

LATIN_CODECS = ("cp1252", "cp1250")
"""Latin codecs that short inputs get mistaken for something exotic."""
RIVAL_MARGIN = 0.02
"""Points per non-ASCII byte a rival needs over charset-normalizer's guess."""

META_CHARSET = re.compile(
    rb"""<meta\b[^>]{0,2000}?charset\s*=\s*["']?\s*([a-z0-9][a-z0-9_.:-]{0,40})""", re.I
)


@dataclass(frozen=True)
class Decoded:
    """A decoding of the raw bytes, before any repair of the text."""

    text: str
    encoding: str
    confidence: float
    fixes: tuple[str, ...] = ()
    utf8: bytes | None = None
    """``text`` encoded as UTF-8, when the input already was exactly that
    (strict UTF-8): later checks read it instead of encoding the text again."""


def decode_bytes(raw: bytes) -> Decoded:
    """Pick the codec, most certain evidence first, and decode.

    Nearly-valid UTF-8 (cut mid-character, a few bad bytes) wins over a
    page's ``<meta charset>``: a real windows-1251 page never looks like it,
    while a page re-saved as UTF-8 often keeps its old declaration.
    """
    for bom, codec in BOMS:
        if raw.startswith(bom):
            decoded = decode_bom(raw[len(bom) :], codec)
            if decoded is not None:
                return decoded
    sniffed = sniff_utf16(raw)
    if sniffed is not None:
        return decode_wide(raw, sniffed, confidence=0.9)
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", 1.0, utf8=raw)
    except UnicodeDecodeError as err:
        first_error = err
    near_utf8 = decode_damaged_utf8(raw, first_error)
    if near_utf8 is not None:
        return near_utf8
    return decode_declared(raw) or decode_guessed(raw)


def decode_bom(payload: bytes, codec: str) -> Decoded | None:
    """Decode what follows a BOM; ``None`` if a UTF-32 LE BOM was really a
    UTF-16 LE BOM followed by U+0000 (the caller then tries UTF-16)."""
    if codec == "utf-8":
        try:
            return Decoded(payload.decode("utf-8"), "utf-8", 1.0, ("bom",), utf8=payload)
        except UnicodeDecodeError as err:
            damaged = decode_damaged_utf8(payload, err) or lenient_utf8(payload)
            return Decoded(damaged.text, "utf-8", damaged.confidence, ("bom", *damaged.fixes))
    if codec.startswith("utf-32"):
        try:
            return Decoded(payload.decode(codec), codec, 1.0, ("bom",))
        except UnicodeDecodeError:
            return None
    wide = decode_wide(payload, codec, confidence=1.0)
    return Decoded(wide.text, wide.encoding, wide.confidence, ("bom", *wide.fixes))


def decode_wide(raw: bytes, codec: str, confidence: float) -> Decoded:
    """UTF-16/32: strict if possible, else with replacement characters."""
    try:
        return Decoded(raw.decode(codec), codec, confidence)
    except UnicodeDecodeError:
        family = "utf16" if codec.startswith("utf-16") else "utf32"
        text = raw.decode(codec, errors="replace")
        return Decoded(text, codec, confidence / 2, (f"invalid-{family}",))


def decode_damaged_utf8(raw: bytes, err: UnicodeDecodeError) -> Decoded | None:
    """UTF-8 cut mid-character, or UTF-8 with a few invalid bytes.

    A broken sequence at the very end, after valid UTF-8, is a truncated
    file: the tail is dropped. Otherwise the bytes are UTF-8 with
    replacement characters when valid multi-byte sequences clearly
    outnumber the invalid ones (a cp1251 or cp1252 file almost never forms
    valid UTF-8 sequences by chance).
    """
    if err.reason == "unexpected end of data" and err.end == len(raw):
        prefix = raw[: err.start]
        if not prefix.isascii() or len(raw) - err.start >= 2:
            return Decoded(prefix.decode("utf-8"), "utf-8", 1.0, ("truncated-utf8",))
    lenient = lenient_utf8(raw)
    return lenient if lenient.confidence >= 0.75 else None


def lenient_utf8(raw: bytes) -> Decoded:
    """UTF-8 with replacement; confidence is the share of valid multi-byte
    characters among valid multi-byte characters and invalid sequences."""
    text = raw.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - raw.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    valid = non_ascii - invalid
    confidence = valid / (valid + invalid) if invalid else 1.0
    fixes = ("invalid-utf8",) if invalid else ()
    return Decoded(text, "utf-8", round(confidence, 3), fixes)


def decode_declared(raw: bytes) -> Decoded | None:
    """An HTML page's own ``<meta charset>`` (or ``http-equiv`` content type),
    used only if it is a safe text codec that decodes the bytes strictly."""
    head = raw[:SAMPLE_BYTES].decode("latin-1")
    if not looks_like_html(head):
        return None
    match = META_CHARSET.search(raw[:SAMPLE_BYTES])
    if match is None:
        return None
    codec = text_codec(match.group(1).decode("ascii"))
    if codec is None or codec == "utf-8" or codec.startswith(WIDE_CODEC_PREFIXES):
        return None
    for candidate in ("cp1252", "iso8859-1") if codec in WHATWG_AS_CP1252 else (codec,):
        try:
            return Decoded(raw.decode(candidate), candidate, 0.95)
        except UnicodeDecodeError:
            continue
    return None


def text_codec(label: str) -> str | None:
    """Python's name for a charset label, or ``None`` if it is unknown or
    not a plain bytes-to-text codec (``base64``, ``unicode_escape``...)."""
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    name = info.name.replace("_", "-")
    if not getattr(info, "_is_text_encoding", True) or name in UNSAFE_CODECS:
        return None
    return name


def decode_guessed(raw: bytes) -> Decoded:
    """charset-normalizer's guess, checked against likely confusions.

    The guess competes with the common Latin codecs and with every Cyrillic
    codec whose text looks like Cyrillic words; it is replaced only when a
    rival's text is clearly more plausible. The winner is then decoded in
    full (strictly, or with replacement characters as a last resort); with
    no candidate at all cp1252 is used, as browsers do.
    """
    guess, guess_confidence = statistical_guess(raw)
    ranked = rank_candidates(raw, guess)
    for codec, plausibility in ranked:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        confidence = guess_confidence if codec == guess else plausibility
        return Decoded(text, common_name(raw, codec, text), round(confidence, 3))
    codec, plausibility = ranked[0] if ranked else ("cp1252", 0.1)
    confidence = guess_confidence if codec == guess else plausibility
    text = raw.decode(codec, errors="replace")
    return Decoded(text, codec, round(confidence / 2, 3), ("invalid-bytes",))


def statistical_guess(raw: bytes) -> tuple[str | None, float]:
    """charset-normalizer's best codec and our confidence in it (1 - chaos).

    UTF-16/32 are excluded: they were handled from BOMs and NUL patterns,
    and the detector "finds" them in short non-UTF-8 inputs.
    """
    matches = charset_normalizer.from_bytes(
        raw, cp_exclusion=["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_7"]
    )
    best = matches.best()
    if best is None:
        return None, 0.0
    return text_codec(best.encoding), max(0.01, min(0.99, 1.0 - best.chaos))


def rank_candidates(raw: bytes, guess: str | None) -> list[tuple[str, float]]:
    """Codecs to try, best first, each with a 0..1 plausibility.

    Points (see ``text_points``) are compared on a decoded sample; since
    every candidate decodes the same non-ASCII bytes, points per non-ASCII
    byte are comparable. A rival must beat the guess by a margin. Table
    codecs are scored on the sample's non-ASCII tokens alone (the same
    points, a fraction of the work on mostly English text).
    """
    sample = raw[:SAMPLE_BYTES]
    high_bytes = max(1, len(sample) - len(sample.decode("ascii", errors="ignore")))
    margin = RIVAL_MARGIN * high_bytes + 0.5
    tokens = non_ascii_tokens(sample)
    scored: list[tuple[float, int, str]] = []
    if guess is not None:
        guess_sample = tokens if is_single_byte_ascii(guess) else sample
        points, _ = text_points(guess_sample.decode(guess, errors="replace"))
        scored.append((points + margin, 0, guess))
    rivals = [(codec, False) for codec in LATIN_CODECS]
    rivals += [(codec, True) for codec in CYRILLIC_CODECS]
    for order, (codec, needs_cyrillic) in enumerate(rivals, start=1):
        if codec == guess:
            continue
        points, cyrillic = text_points(tokens.decode(codec, errors="replace"))
        if cyrillic or not needs_cyrillic:
            scored.append((points, order, codec))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(codec, max(0.01, min(0.9, points / high_bytes))) for points, _, codec in scored]


def non_ascii_tokens(sample: bytes) -> bytes:
    """The whitespace-separated tokens of ``sample`` that hold a non-ASCII byte.

    For a single-byte codec that keeps ASCII as ASCII, ``text_points`` of
    these tokens equals ``text_points`` of the whole sample: ASCII words and
    ASCII characters score nothing, and every word or typographic mark that
    does score lies inside one token, with the same neighbours (ASCII
    whitespace is never a letter). Most of an English text is dropped.
    """
    return b" ".join(token for token in sample.split() if not token.isascii())


ASCII_CHARS = "".join(map(chr, range(128)))


@functools.cache
def is_single_byte_ascii(codec: str) -> bool:
    """Whether ``codec`` is a table codec (one character per byte, no state)
    that keeps ASCII as ASCII: Latin-1, or one of Python's charmap codecs,
    whose modules carry a 256-character ``decoding_table``. Stateful and
    multi-byte codecs (ISO-2022, Shift JIS) and EBCDIC are not."""
    try:
        info = codecs.lookup(codec)
    except LookupError:
        return False
    if info.name == "iso8859-1":
        return True
    module = sys.modules.get(getattr(info.decode, "__module__", None) or "")
    table = getattr(module, "decoding_table", None)
    return isinstance(table, str) and len(table) == 256 and table[:128] == ASCII_CHARS


def common_name(raw: bytes, codec: str, text: str) -> str:
    """Report a common codec name when it decodes the input identically."""
    for name in PREFERRED_NAMES:
        if name == codec:
            return codec
        sample = raw[:SAMPLE_BYTES]
        try:
            if sample.decode(name) == sample.decode(codec) and raw.decode(name) == text:
                return name
        except UnicodeDecodeError:
            continue
    return codec
