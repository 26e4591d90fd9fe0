"""What is not text, and which inputs are UTF-16/32: the first stage.

``reject_binary`` refuses raw bytes that are another file format (a known
signature), hold NUL bytes outside UTF-16/32, or are mostly control bytes;
``reject_binary_text`` refuses a decoding that is mostly controls,
replacement or private-use characters. ``wide_codec`` and ``sniff_utf16``
recognise UTF-16/32 by a BOM or by the NUL pattern of its ASCII characters.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

SAMPLE_BYTES = 65536
"""How much of the input the statistical heuristics look at."""

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


def reject_binary(raw: bytes, path: str) -> bool:
    """Refuse bytes that are clearly a file format other than text.

    NUL bytes and the control-byte share are only judged when the input is
    not UTF-16/32 (which is full of NULs and is recognised first). Returns
    False when ``raw`` holds no C0 control byte but tab, LF and CR, and no
    DEL: later checks of these bytes need not scan them again.
    """
    for signature, name in BINARY_SIGNATURES:
        if signature.match(raw):
            raise InputError(f"binary data, not text ({name} signature)", path)
    if wide_codec(raw) is not None:
        return True
    if b"\x00" in raw:
        raise InputError("binary data, not text (NUL bytes)", path)
    controls = len(raw) - len(raw.translate(None, CONTROL_BYTES))
    if controls > MAX_CONTROL_SHARE * len(raw):
        share = round(100 * controls / len(raw))
        raise InputError(f"binary data, not text ({share}% control bytes)", path)
    return controls > 0 or b"\x0b" in raw or b"\x0c" in raw


def reject_binary_text(
    text: str, path: str, utf8: bytes | None = None, c0_free: bool = False
) -> None:
    """Refuse a decoding that is mostly controls, replacement or private-use
    characters: binary that happened to pass as UTF-16 or a legacy codec.

    ``utf8`` is the whole text's UTF-8 when the caller has it: what the
    whole text lacks, its first ``SAMPLE_BYTES`` characters lack too.
    ``c0_free`` says the caller knows ``utf8`` (given) has no control byte.
    """
    sample = text[:SAMPLE_BYTES]
    data = sample.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    controls = not c0_free and has_bytes(data, CONTROL_BYTES)
    if not controls and b"\xee" not in data and b"\xef" not in data:
        return  # no C0 control, and no U+E000-U+FFFF at all (their UTF-8 lead bytes)
    bad = len(NOT_TEXT_CHARS.findall(sample))
    if sample and bad > MAX_CONTROL_SHARE * len(sample):
        share = round(100 * bad / len(sample))
        raise InputError(f"binary data, not text ({share}% control or invalid characters)", path)


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


def has_bytes(data: bytes, table: bytes) -> bool:
    """True when ``data`` holds any of the bytes in ``table``."""
    return len(data.translate(None, table)) != len(data)
