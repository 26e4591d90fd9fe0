"""Repairing the decoded text: mojibake first, then the normalisations.

Mojibake (UTF-8 read as a single-byte codec) is undone for the whole
document at once when that lowers ftfy's badness, or else by ftfy
restricted to encoding repair. Then a leftover BOM, CRLF and CR newlines,
control characters, zero-width spaces and no-break spaces are removed or
replaced, and the text is put in NFC. ``repair_text`` names each step that
changed the text. Typography (curly quotes, dashes, guillemets, ``ʼ``,
ligatures) is never touched.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy
import ftfy.bad_codecs  # registers the "sloppy-windows-125x" codecs
import ftfy.badness

from .binary import has_bytes

BADNESS_FULL_LIMIT = 2_000
"""Up to this many characters ftfy's badness is measured on the whole text;
above it, on the non-ASCII runs only (with two characters of context):
mojibake lives there, and a large mostly-ASCII page is measured on little."""

# Five or more ASCII characters: what a badness sample leaves out (but two at each end).
# (Matching the ASCII runs is several times faster than searching for the rare others.)
_LONG_ASCII_RUN = re.compile(r"[\x00-\x7f]{5,}")
_ASCII_BLOCK = 4096
BADNESS_SAMPLE_MAX = 1_000_000
"""A badness sample is cut at this many characters (ftfy's cost grows with it)."""

MAX_DEMOJIBAKE_ROUNDS = 3
"""Whole-document mojibake undone at most this many times (double mojibake)."""

UNICODE_SPACES = ("\u00a0", "\u2007", "\u202f")
ZERO_WIDTH = ("\u200b", "\u2060", "\ufeff")
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_CHAR_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
"""The C0 part of ``CONTROL_CHARS``, as bytes (the same in UTF-8)."""
C1_CONTROL_CHARS = re.compile("[\x80-\x9f]")
C1_CONTROL_UTF8 = re.compile(b"\xc2[\x80-\x9f]")
"""The C1 part of ``CONTROL_CHARS``, as characters and as UTF-8 bytes."""
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


def repair_text(
    text: str, utf8: bytes | None = None, c0_free: bool = False
) -> tuple[str, tuple[str, ...]]:
    """Mojibake first (its byte patterns include NBSP and C1 characters that
    the normalisations would destroy), then the normalisations.

    ``utf8`` is ``text`` encoded, when the caller has it (``c0_free``: and
    it knows those bytes hold no C0 control). They and the badness sample
    describe the text as it came in, so a step may use them only while no
    earlier step has changed the text.
    """
    sample = None if text.isascii() else badness_sample(text)
    repairs = _Repairs(text)
    repairs.apply("mojibake", fix_mojibake(repairs.text, sample))
    repairs.apply("bom", strip_bom(repairs.text))
    repairs.apply("newlines", normalize_newlines(repairs.text))
    untouched = repairs.untouched
    control_utf8 = utf8 if untouched else None
    repairs.apply(
        "control-chars",
        remove_control_chars(
            repairs.text, control_utf8, c0_free and untouched, repairs.non_ascii(sample)
        ),
    )
    repairs.apply("zero-width", remove_zero_width(repairs.text, repairs.non_ascii(sample)))
    repairs.apply("nbsp", replace_unicode_spaces(repairs.text, repairs.non_ascii(sample)))
    repairs.apply("nfc", normalize_nfc(repairs.text, repairs.non_ascii(sample)))
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

    def non_ascii(self, sample: str | None) -> str | None:
        """A short text holding every non-ASCII character of the text, where the
        steps look for the rare characters they replace: ``""`` for ASCII text,
        the whole badness ``sample`` of the original; ``None`` once a step has
        changed the text (or the sample was cut)."""
        if not self.untouched:
            return None
        if sample is None:
            return ""
        return sample if len(sample) < BADNESS_SAMPLE_MAX else None

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
    return _LONG_ASCII_RUN.sub(_keep_context, _without_ascii_blocks(text))[:BADNESS_SAMPLE_MAX]


def _without_ascii_blocks(text: str) -> str:
    """``text`` with each stretch of whole ASCII blocks (``_ASCII_BLOCK``
    characters, checked by ``str.isascii``) cut to its first and last two
    characters around a space. The stretch is inside one long ASCII run
    either way, so the sample is the same; the regex reads far less of a
    large page, whose non-ASCII characters sit in a few places."""
    pieces: list[str] = []
    stretch = -1  # where the current stretch of ASCII blocks began
    for start in range(0, len(text), _ASCII_BLOCK):
        block = text[start : start + _ASCII_BLOCK]
        if block.isascii():
            stretch = start if stretch < 0 else stretch
            continue
        if stretch >= 0:
            pieces.append(f"{text[stretch : stretch + 2]} {text[start - 2 : start]}")
            stretch = -1
        pieces.append(block)
    if stretch >= 0:
        pieces.append(f"{text[stretch : stretch + 2]} {text[-2:]}")
    return "".join(pieces)


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


def remove_control_chars(
    text: str, utf8: bytes | None = None, c0_free: bool = False, non_ascii: str | None = None
) -> str:
    """C0 and C1 controls other than tab and LF carry no text (``utf8``:
    ``text`` encoded, when the caller has it; ``c0_free``: ``utf8`` is given
    and holds no C0; ``non_ascii``: a text holding every non-ASCII character
    of ``text``, where the C1 controls are then looked for instead of in ``utf8``)."""
    if c0_free and non_ascii is not None:
        found = C1_CONTROL_CHARS.search(non_ascii) is not None
    else:
        data = text.encode("utf-8", "surrogatepass") if utf8 is None else utf8
        c0 = not c0_free and has_bytes(data, CONTROL_CHAR_BYTES)
        # On the UTF-8 bytes: several times faster than a str regex.
        found = c0 or C1_CONTROL_UTF8.search(data) is not None
    return CONTROL_CHARS.sub("", text) if found else text


def remove_zero_width(text: str, non_ascii: str | None = None) -> str:
    """Zero-width spaces and word joiners (not ZWJ/ZWNJ, which shape scripts
    and emoji) only break words apart for search. (``non_ascii`` as for
    ``remove_control_chars``.)"""
    scope = text if non_ascii is None else non_ascii
    for char in ZERO_WIDTH:
        if char in scope:
            text = text.replace(char, "")
    return text


def replace_unicode_spaces(text: str, non_ascii: str | None = None) -> str:
    """No-break spaces (U+00A0, U+2007, U+202F) become plain spaces. (``non_ascii``
    as for ``remove_control_chars``.)"""
    scope = text if non_ascii is None else non_ascii
    for char in UNICODE_SPACES:
        if char in scope:
            text = text.replace(char, " ")
    return text


def normalize_nfc(text: str, non_ascii: str | None = None) -> str:
    """Canonical composition, so equal text compares and indexes equal.

    ``non_ascii`` as for ``remove_control_chars``, and holding each
    non-ASCII run whole with the character before it (a whole badness
    sample does): then it is NFC exactly when the text is. Composition only
    joins a character with the non-ASCII marks after it (no ASCII character
    is ever the second of a pair), so an ASCII character bounds what can change.
    """
    checked = text if non_ascii is None else non_ascii
    if unicodedata.is_normalized("NFC", checked):
        return text
    return unicodedata.normalize("NFC", text)
