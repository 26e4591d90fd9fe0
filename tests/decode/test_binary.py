"""Tests of ``ingest_plugins.decode.binary``: what is refused as not text,
and UTF-16 recognised with and without a BOM.
"""

from __future__ import annotations

import codecs
import random

import pytest

from ingest_plugins.errors import InputError
from tests.decode.helpers import TEXT_002, decode

# --- UTF-16 ---------------------------------------------------------------


def test_utf16_with_bom_is_certain_and_without_bom_is_not() -> None:
    with_bom = decode(codecs.BOM_UTF16_LE + TEXT_002.encode("utf-16-le"))
    without = decode(TEXT_002.encode("utf-16-le"))
    assert with_bom.encoding.confidence == 1.0
    assert 0.0 < without.encoding.confidence < 1.0


# --- not text -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml", "ZIP"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"\x1f\x8b\x08\x00" + bytes(20), "gzip"),
        (b"Some text\x00with a NUL byte in it, which is not UTF-16 at all", "NUL"),
        (bytes([1, 2, 3, 4, 5, 6, 0x0E, 0x0F]) * 10 + b"some letters here", "control"),
    ],
)
def test_binary_input(raw: bytes, named: str) -> None:
    with pytest.raises(InputError) as caught:
        decode(raw, "in/file.bin")
    assert caught.value.reason.startswith("binary data, not text (")
    assert named in caught.value.reason
    assert "in/file.bin" in str(caught.value)


def test_random_binary_with_nuls() -> None:
    noise = random.Random(20220701).randbytes(4096)
    assert b"\x00" in noise
    with pytest.raises(InputError, match="binary data, not text"):
        decode(noise, "noise.bin")
