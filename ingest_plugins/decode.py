"""Bytes → text: the step that runs before any plugin sees an input.

``read_source`` turns the raw bytes of one input into a ``SourceText``:

1. reject what is not text (empty input, known binary signatures, NUL
   bytes outside UTF-16, a high share of control bytes);
2. find the codec: a BOM, UTF-16 recognised by its NUL pattern, strict
   UTF-8, the ``<meta charset>`` of an HTML page, UTF-8 cut mid-character
   or with a few bad bytes, and only then a statistical guess
   (charset-normalizer) whose Cyrillic answers are checked against how
   much the decoded text looks like real Russian/Ukrainian words;
3. repair mojibake, deciding once for the whole document;
4. normalise (BOM, newlines, control characters, zero-width spaces,
   no-break spaces, NFC) and record each change in the report's ``fixes``.

Typography (curly quotes, dashes, guillemets, ``ʼ``, ligatures) is never
touched. Every step is linear in the input size; heavy heuristics only
look at bounded samples.

Fix names: ``bom``, ``truncated-utf8``, ``invalid-utf8``, ``invalid-utf16``,
``invalid-utf32``, ``invalid-bytes``, ``mojibake``, ``newlines``,
``control-chars``, ``zero-width``, ``nbsp``, ``nfc``.
"""

from __future__ import annotations

import codecs
import functools
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice, pairwise

import charset_normalizer
import ftfy
import ftfy.bad_codecs  # registers the "sloppy-windows-125x" codecs
import ftfy.badness

from .document import EncodingReport, SourceText
from .errors import InputError

__all__ = ["read_source"]

SAMPLE_BYTES = 65536
"""How much of the input the statistical heuristics look at."""

BADNESS_FULL_LIMIT = 2_000
"""Up to this many characters ftfy's badness is measured on the whole text;
above it, on the non-ASCII runs only (with two characters of context):
mojibake lives there, and a mostly-ASCII 50 KB page then costs microseconds
instead of milliseconds."""

# Five or more ASCII characters: what a badness sample leaves out (but two at each end).
# (Matching the ASCII runs is several times faster than searching for the rare others.)
_LONG_ASCII_RUN = re.compile(r"[\x00-\x7f]{5,}")
BADNESS_SAMPLE_MAX = 1_000_000
"""A badness sample is cut at this many characters (ftfy's cost grows with it)."""

MAX_DEMOJIBAKE_ROUNDS = 3
"""Whole-document mojibake undone at most this many times (double mojibake)."""

BINARY_SIGNATURES: tuple[tuple[re.Pattern[bytes], str], ...] = tuple(
    (re.compile(pattern, re.S), name)
    for pattern, name in (
        (rb"\x89PNG\r\n\x1a\n", "PNG image"),
        (rb"GIF8[79]a", "GIF image"),
        (rb"\xff\xd8\xff", "JPEG image"),
        (rb"%PDF-\d", "PDF document"),
        (rb"PK(?:\x03\x04|\x05\x06|\x07\x08)", "ZIP archive"),
        (rb"\x1f\x8b", "gzip data"),
        (rb"\xfd7zXZ\x00", "xz data"),
        (rb"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
        (rb"Rar!\x1a\x07", "RAR archive"),
        (rb"\x7fELF", "ELF executable"),
        (rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 (MS Office) document"),
        (rb"SQLite format 3\x00", "SQLite database"),
        (rb"RIFF.{4}(?:WAVE|AVI |WEBP)", "RIFF media"),
        (rb"OggS\x00", "Ogg media"),
        (rb"ID3[\x02-\x04]\x00", "MP3 audio"),
        (rb"\x1a\x45\xdf\xa3", "Matroska/WebM media"),
        (rb"wOF[F2](?:\x00\x01\x00\x00|OTTO|true)", "web font"),
        (rb".{4}ftyp", "MP4/QuickTime media"),
    )
)
"""File formats recognised by their first bytes (specific enough that no
plain text starts that way)."""

BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its LE BOM starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
"""C0 controls that do not occur in text (tab, LF, VT, FF, CR are fine)."""

MAX_CONTROL_SHARE = 0.10
"""Above this share of control bytes (or characters) an input is binary."""

NOT_TEXT_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]")
"""Characters that, in quantity, show a decoded text is really binary."""

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

# Common letter pairs of Russian and Ukrainian (lowercase). Wrong single-byte
# decodings permute the letters and the case, so they rarely form these.
COMMON_CYRILLIC_BIGRAMS = frozenset(
    """
    ав ак ал ам ан ас ат ба бо бу ва ве ви вл во вс ві вн га ге гл го гр да
    де ди дн до др ду ед ей ек ел ем ен ер ес ет ех же жи за зв зд зи зн иг ид
    из ий ик ил им ин ир ис ит их ич ка ки кл ко кр ку ла ле ли ло лу ль ля ма
    ме ми мн мо му мы на не ни но ну ны нн ня ні об ов ог од ое ой ок ол ом он
    оп ор ос от ох оч ою ої па пе пи пл по пр пу ра ре ри ро ру ры ря са св се
    си ск сл см сн со сп ср ст су сы сь ся сі та тв те ти то тр ту ты ть тя ті
    ук ул ум ун ур ус ут уч це ци ць ці ча че чи чн ше ща щи ые ый ых ье ью ьк
    ьн ют як ям ян ях ят єд ує іл ін іс ів із ій ія ії ію її їн
    """.split()
)
WORD = re.compile(r"[^\W\d_¹²³¼½¾]+")
CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")
ODD_CHAR = re.compile(r"[¹²³¼½¾]|(?![\x00-\x7f\s«»„“”‘’‚—–…№•·§°ʼ€©®™±])[\W\d_]")
"""Non-ASCII symbols that real Cyrillic text hardly has but wrong decodings
are full of (box drawing, C1 controls, ``¤``, ``¦``, ``¬``...)."""
LATIN_CODECS = ("cp1252", "cp1250")
"""Latin codecs that short inputs get mistaken for something exotic."""
RIVAL_MARGIN = 0.02
"""Points per non-ASCII byte a rival needs over charset-normalizer's guess."""
TYPOGRAPHY = re.compile("[«»„“”‘’‚—–…•№]")
TYPOGRAPHY_IN_WORD = re.compile(r"(?<=[^\W\d_])[«»„“”‘‚—–…•№](?=[^\W\d_])")
"""Typography between two letters (``’`` excepted) is a letter mis-decoded."""
SCRIPT_WORDS = (
    re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+"),
    re.compile("[\u0370-\u03ff\u1f00-\u1fff]+"),
    re.compile("[\u0400-\u052f]+"),
)
"""Words of one script: Latin, Greek, Cyrillic."""
KNOWN_SCRIPT_LETTER = re.compile("[A-Za-z\u00c0-\u052f\u1e00-\u1fff]")
LATIN_EXTENDED = re.compile("[\u0100-\u024f]")
MIN_CYRILLIC_PAIRS = 3
MIN_CYRILLIC_COVERAGE = 0.6
MIN_CYRILLIC_HIT_RATIO = 0.3
ODD_CHAR_WEIGHT = 2.0

UNICODE_SPACES = ("\u00a0", "\u2007", "\u202f")
ZERO_WIDTH = ("\u200b", "\u2060", "\ufeff")
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_CHAR_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
"""The C0 part of ``CONTROL_CHARS``, as bytes (the same in UTF-8)."""
C1_CONTROL_UTF8 = re.compile(b"\xc2[\x80-\x9f]")
"""The C1 part of ``CONTROL_CHARS``, as UTF-8 bytes."""
MOJIBAKE_CODECS = ("sloppy-windows-1252", "latin-1", "sloppy-windows-1251")
"""The single-byte codecs UTF-8 is most often mis-read as."""
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
"""ftfy restricted to encoding repair: typography and layout are ours to keep."""

HTML_PROLOGUE = re.compile(r"(?:\s|\ufeff|<!--.*?-->|<\?xml[^>]*>)*", re.S)
HTML_START = re.compile(r"<(?:!doctype\s+html|html|head)\b", re.I)
HTML_BODY = re.compile(r"<body[\s>]", re.I)
HTML_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|span|table|tr|td|ul|ol|li|h[1-6]|article|section|a|img)\b[^<>]{0,2000}>",
    re.I,
)
MIN_HTML_TAGS = 5
HTML_SNIFF_CHARS = 262144
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


def read_source(raw: bytes, path: str) -> SourceText:
    """Decode and repair one input; raise ``InputError`` if it is not text."""
    if not raw or raw.isspace():  # what strip() tests, without copying the input
        raise InputError("empty input", path)
    reject_binary(raw, path)
    decoded = decode_bytes(raw)
    reject_binary_text(decoded.text, path, decoded.utf8)
    text, repairs = repair_text(decoded.text, decoded.utf8)
    if not text or text.isspace():
        raise InputError("empty input", path)
    report = EncodingReport(
        encoding=decoded.encoding,
        confidence=decoded.confidence,
        fixes=merge_fixes(decoded.fixes, repairs),
    )
    return SourceText(path=path, text=text, encoding=report, is_html=looks_like_html(text))


def merge_fixes(*groups: Iterable[str]) -> tuple[str, ...]:
    """Fix names in the order applied, each once (a BOM may be seen twice)."""
    return tuple(dict.fromkeys(name for group in groups for name in group))


# --- what is not text -----------------------------------------------------


def reject_binary(raw: bytes, path: str) -> None:
    """Refuse bytes that are clearly a file format other than text.

    NUL bytes and the control-byte share are only judged when the input is
    not UTF-16/32 (which is full of NULs and is recognised first).
    """
    for signature, name in BINARY_SIGNATURES:
        if signature.match(raw):
            raise InputError(f"binary data, not text ({name} signature)", path)
    if wide_codec(raw) is not None:
        return
    if b"\x00" in raw:
        raise InputError("binary data, not text (NUL bytes)", path)
    controls = len(raw) - len(raw.translate(None, CONTROL_BYTES))
    if controls > MAX_CONTROL_SHARE * len(raw):
        share = round(100 * controls / len(raw))
        raise InputError(f"binary data, not text ({share}% control bytes)", path)


def reject_binary_text(text: str, path: str, utf8: bytes | None = None) -> None:
    """Refuse a decoding that is mostly controls, replacement or private-use
    characters: binary that happened to pass as UTF-16 or a legacy codec.

    ``utf8`` is the whole text's UTF-8 when the caller has it: what the
    whole text lacks, its first ``SAMPLE_BYTES`` characters lack too.
    """
    sample = text[:SAMPLE_BYTES]
    data = sample.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    if not has_bytes(data, CONTROL_BYTES) and b"\xee" not in data and b"\xef" not in data:
        return  # no C0 control, and no U+E000-U+FFFF at all (their UTF-8 lead bytes)
    bad = len(NOT_TEXT_CHARS.findall(sample))
    if sample and bad > MAX_CONTROL_SHARE * len(sample):
        share = round(100 * bad / len(sample))
        raise InputError(f"binary data, not text ({share}% control or invalid characters)", path)


# --- finding the codec ----------------------------------------------------


def wide_codec(raw: bytes) -> str | None:
    """The UTF-16/32 codec of bytes with such a BOM or an obvious NUL pattern."""
    for bom, codec in BOMS:
        if raw.startswith(bom) and codec != "utf-8":
            return codec
    return sniff_utf16(raw)


def sniff_utf16(raw: bytes) -> str | None:
    """UTF-16 without BOM: NULs at one byte parity only (the high byte of
    ASCII spaces, digits and punctuation), almost never at the other."""
    head = raw[: SAMPLE_BYTES - SAMPLE_BYTES % 2]
    head = head[: len(head) - len(head) % 2]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even_nuls, odd_nuls = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    if odd_nuls >= 0.05 * pairs and even_nuls * 20 <= odd_nuls:
        return "utf-16-le"
    if even_nuls >= 0.05 * pairs and odd_nuls * 20 <= even_nuls:
        return "utf-16-be"
    return None


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


def text_points(text: str) -> tuple[float, bool]:
    """How plausible a decoding is as natural-language text, and whether it
    is convincingly Cyrillic.

    Sums ``word_points`` over words with non-ASCII letters, a point per
    typographic mark not wedged inside a word (``“``, ``—``, ``…``), minus
    two per odd symbol, plus the common Cyrillic letter pairs: those tell
    cp1251, koi8-u, iso8859-5... apart, as wrong ones permute the letters.
    """
    points = -ODD_CHAR_WEIGHT * len(ODD_CHAR.findall(text))
    points += len(TYPOGRAPHY.findall(text)) - len(TYPOGRAPHY_IN_WORD.findall(text))
    pairs = 0
    hits = 0.0
    cyrillic_letters = 0
    in_words = 0
    for word, count in Counter(WORD.findall(text)).items():
        if word.isascii():
            continue
        points += count * word_points(word)
        cyrillic = len(CYRILLIC_LETTER.findall(word))
        cyrillic_letters += count * cyrillic
        if cyrillic == len(word) > 1:
            in_words += count * cyrillic
            word_pairs, word_hits = cyrillic_pairs(word)
            pairs += count * word_pairs
            hits += count * word_hits
    convincing = (
        pairs >= MIN_CYRILLIC_PAIRS
        and in_words >= MIN_CYRILLIC_COVERAGE * cyrillic_letters
        and hits >= MIN_CYRILLIC_HIT_RATIO * pairs
    )
    return points + hits, convincing


def word_points(word: str) -> float:
    """Points for the non-ASCII letters of one word: plus when the word is in
    one script with a normal case pattern (lower, UPPER, Capitalised), minus
    otherwise (``cafÈ``, ``fьr``, ``It𠏋``). Latin Extended letters count
    half: a wrong Central European decoding of Western text is full of them
    (``nińo``), the right decoding of Polish or Czech has odd symbols instead.
    """
    non_ascii = len(word) - len(word.encode("ascii", errors="ignore"))
    weight = non_ascii - 0.5 * len(LATIN_EXTENDED.findall(word))
    one_script = any(script.fullmatch(word) for script in SCRIPT_WORDS) or not (
        KNOWN_SCRIPT_LETTER.search(word)
    )
    normal_case = word.islower() or word.isupper() or word.istitle()
    return weight if one_script and normal_case else -weight


def cyrillic_pairs(word: str) -> tuple[int, float]:
    """Letter pairs of a Cyrillic word and how many are common ones (half a
    hit when only the case is off)."""
    hits = 0.0
    for pair in map("".join, pairwise(word)):
        if pair in COMMON_CYRILLIC_BIGRAMS:
            hits += 1.0
        elif pair.lower() in COMMON_CYRILLIC_BIGRAMS:
            hits += 0.5
    return len(word) - 1, hits


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


# --- repairing the text ---------------------------------------------------


def repair_text(text: str, utf8: bytes | None = None) -> tuple[str, tuple[str, ...]]:
    """Mojibake first (its byte patterns include NBSP and C1 characters that
    the normalisations would destroy), then the normalisations.

    ``utf8`` is ``text`` encoded, when the caller has it. It and the badness
    sample describe the text as it came in, so a step may use them only
    while no earlier step has changed the text.
    """
    sample = None if text.isascii() else badness_sample(text)
    repairs = _Repairs(text)
    repairs.apply("mojibake", fix_mojibake(repairs.text, sample))
    repairs.apply("bom", strip_bom(repairs.text))
    repairs.apply("newlines", normalize_newlines(repairs.text))
    control_utf8 = utf8 if repairs.untouched else None
    repairs.apply("control-chars", remove_control_chars(repairs.text, control_utf8))
    repairs.apply("zero-width", remove_zero_width(repairs.text))
    repairs.apply("nbsp", replace_unicode_spaces(repairs.text))
    repairs.apply("nfc", normalize_nfc(repairs.text, sample if repairs.untouched else None))
    return repairs.text, tuple(repairs.fixes)


class _Repairs:
    """The text as repaired so far, and the names of the steps that changed it."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.text = text
        self.fixes: list[str] = []

    @property
    def untouched(self) -> bool:
        """True while no step has changed the text."""
        return self.text is self.original

    def apply(self, name: str, fixed: str) -> None:
        if fixed != self.text:
            self.fixes.append(name)
            self.text = fixed


def fix_mojibake(text: str, sample: str | None = None) -> str:
    """Undo UTF-8 that was read as a single-byte codec, for the whole text.

    The whole document is re-encoded and decoded as UTF-8 when that works
    and lowers ftfy's badness, so a line whose only damage is a bullet is
    repaired like the rest; repeated for double mojibake. Only text that
    cannot be undone as a whole (partly damaged) goes to ftfy, restricted
    to encoding repair so typography stays. ``sample`` is
    ``badness_sample(text)`` when the caller has it.
    """
    if text.isascii():
        return text
    if sample is None:
        sample = badness_sample(text)
    repaired = text
    for _ in range(MAX_DEMOJIBAKE_ROUNDS):
        undone = undo_whole_mojibake(repaired, sample if repaired is text else None)
        if undone is None:
            break
        repaired = undone
    if repaired is text and ftfy.badness.is_bad(sample):
        repaired = ftfy.fix_encoding(text, FTFY_CONFIG)
    return repaired


def undo_whole_mojibake(text: str, sample: str | None = None) -> str | None:
    """The text re-read as UTF-8, if some mis-read codec gives a less bad one.

    ``sample`` is ``badness_sample(text)`` when the caller has it. Each
    codec is tried on the sample first: it holds every non-ASCII run
    whole, and UTF-8 validity is decided inside those runs, so when the
    sample does not re-read as UTF-8 the whole text does not either.
    """
    if sample is None:
        sample = badness_sample(text)
    complete = len(sample) < BADNESS_SAMPLE_MAX
    sample_badness: int | None = None
    for codec in MOJIBAKE_CODECS:
        try:
            if complete:
                sample.encode(codec).decode("utf-8")
            candidate = text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if candidate == text:
            continue
        if sample_badness is None:
            sample_badness = int(ftfy.badness.badness(sample))
        if badness(candidate) < sample_badness:
            return candidate
    return None


def badness(text: str) -> int:
    """ftfy's count of mojibake-like sequences, on a bounded sample."""
    return int(ftfy.badness.badness(badness_sample(text)))


def badness_sample(text: str) -> str:
    """The text itself if small; else its non-ASCII runs, each whole and with
    two characters of context, one a line (mojibake lives there), so large
    inputs stay fast. At most ``BADNESS_SAMPLE_MAX`` characters."""
    if len(text) <= BADNESS_FULL_LIMIT:
        return text
    return _LONG_ASCII_RUN.sub(_keep_context, text)[:BADNESS_SAMPLE_MAX]


def _keep_context(run: re.Match[str]) -> str:
    """A long ASCII run cut down to its first and last two characters."""
    text = run.group()
    return f"{text[:2]}\n{text[-2:]}"


def strip_bom(text: str) -> str:
    """A BOM left at the start (e.g. revealed by a mojibake repair)."""
    return text.removeprefix("\ufeff")


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def remove_control_chars(text: str, utf8: bytes | None = None) -> str:
    """C0 and C1 controls other than tab and LF carry no text (``utf8``:
    ``text`` encoded, when the caller has it)."""
    data = text.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    if not has_bytes(data, CONTROL_CHAR_BYTES) and C1_CONTROL_UTF8.search(data) is None:
        return text  # checked on the UTF-8 bytes: several times faster than a str regex
    return CONTROL_CHARS.sub("", text)


def has_bytes(data: bytes, table: bytes) -> bool:
    """True when ``data`` holds any of the bytes in ``table``."""
    return len(data.translate(None, table)) != len(data)


def remove_zero_width(text: str) -> str:
    """Zero-width spaces and word joiners (not ZWJ/ZWNJ, which shape scripts
    and emoji) only break words apart for search."""
    for char in ZERO_WIDTH:
        if char in text:
            text = text.replace(char, "")
    return text


def replace_unicode_spaces(text: str) -> str:
    """No-break spaces (U+00A0, U+2007, U+202F) become plain spaces."""
    for char in UNICODE_SPACES:
        if char in text:
            text = text.replace(char, " ")
    return text


def normalize_nfc(text: str, sample: str | None = None) -> str:
    """Canonical composition, so equal text compares and indexes equal.

    ``sample`` is ``badness_sample(text)`` when the caller has it; a whole
    sample is NFC exactly when the text is. Composition only joins a
    character with the non-ASCII marks after it (no ASCII character is ever
    the second of a pair), so an ASCII character bounds what can change, and
    the sample keeps every non-ASCII run whole with the character before it.
    """
    checked = text if sample is None or len(sample) >= BADNESS_SAMPLE_MAX else sample
    if unicodedata.is_normalized("NFC", checked):
        return text
    return unicodedata.normalize("NFC", text)


# --- markup ---------------------------------------------------------------


def looks_like_html(text: str) -> bool:
    """A saved page, not a text copy that merely contains ``<https://…>``.

    Markup when it opens (after whitespace, BOM, comments and an XML
    declaration) with a doctype, ``<html`` or ``<head``; or has a
    ``<body>``; or has several common block/inline tags.
    """
    head = text[:HTML_SNIFF_CHARS]
    prologue = HTML_PROLOGUE.match(head)
    start = prologue.end() if prologue else 0
    if HTML_START.match(head, start) or HTML_BODY.search(head):
        return True
    tags = HTML_BLOCK_TAG.finditer(head)
    return sum(1 for _ in islice(tags, MIN_HTML_TAGS)) >= MIN_HTML_TAGS
