"""Tests of ``read_source`` as a whole: seeds and their encodings end to end,
HTML detection, empty input, large input, and properties over any bytes.
"""

from __future__ import annotations

import codecs
import unicodedata

import ftfy.badness
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ingest_plugins.decode import read_source
from ingest_plugins.document import SourceText
from ingest_plugins.errors import InputError
from tests.decode.helpers import (
    PROPERTY_SETTINGS,
    RAW_000,
    RAW_002,
    SEED_BYTES,
    SEED_TEXTS,
    TEXT_000,
    TEXT_002,
    base_fixes,
    clean,
    decode,
    mojibake,
)

# --- clean seeds ----------------------------------------------------------


def test_clean_seed_000_only_nbsp_changes() -> None:
    source = decode(RAW_000, "seeds/000.txt")
    assert "\u00a0" in TEXT_000
    assert source.text == TEXT_000.replace("\u00a0", " ")
    assert source.encoding.encoding == "utf-8"
    assert source.encoding.confidence == 1.0
    assert source.encoding.fixes == ("nbsp",)
    assert source.path == "seeds/000.txt"
    assert source.is_html is False


def test_clean_seed_002_is_unchanged() -> None:
    source = decode(RAW_002, "seeds/002.txt")
    assert source.text == clean(TEXT_002)
    assert source.encoding.encoding == "utf-8"
    assert source.encoding.fixes == base_fixes(TEXT_002)
    assert "<https://" in source.text
    assert source.is_html is False


# --- encodings of the seeds -----------------------------------------------


def variants(text: str) -> dict[str, tuple[bytes, str, tuple[str, ...]]]:
    """name → (bytes, expected codec, expected fixes besides the base ones)."""
    utf8 = text.encode("utf-8")
    return {
        "utf-8-bom": (codecs.BOM_UTF8 + utf8, "utf-8", ("bom",)),
        "utf-16-le-bom": (codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "utf-16-le", ("bom",)),
        "utf-16-be-bom": (codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "utf-16-be", ("bom",)),
        "utf-16-le": (text.encode("utf-16-le"), "utf-16-le", ()),
        "utf-16-be": (text.encode("utf-16-be"), "utf-16-be", ()),
        "crlf": (text.replace("\n", "\r\n").encode("utf-8"), "utf-8", ("newlines",)),
        "cr": (text.replace("\n", "\r").encode("utf-8"), "utf-8", ("newlines",)),
        "mojibake": (mojibake(text).encode("utf-8"), "utf-8", ("mojibake",)),
        "double-mojibake": (mojibake(mojibake(text)).encode("utf-8"), "utf-8", ("mojibake",)),
        "latin-1-mojibake": (utf8.decode("latin-1").encode("utf-8"), "utf-8", ("mojibake",)),
    }


VARIANT_CASES = [
    pytest.param(seed, name, id=f"{seed}-{name}")
    for seed in SEED_TEXTS
    for name in variants(TEXT_000)
]


@pytest.mark.parametrize(("seed", "name"), VARIANT_CASES)
def test_seed_variant_decodes_back(seed: str, name: str) -> None:
    text = SEED_TEXTS[seed]
    raw, codec, fixes = variants(text)[name]
    source = decode(raw)
    assert source.text == clean(text)
    assert source.encoding.encoding == codec
    expected = ("bom",) if "bom" in fixes else ()
    expected += tuple(fix for fix in fixes if fix != "bom") + base_fixes(text)
    assert source.encoding.fixes == expected


# --- HTML -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>", True),
        ("\n  <!-- saved from url=(0042)https://example.org -->\n<html lang=en>", True),
        ("<?xml version='1.0'?>\n<head><title>x</title></head>", True),
        ("Intro\n" + "<div class=a><p>para</p></div>\n" * 3, True),
        ("Some text <body> here", True),
        ("Read more: <https://www.aljazeera.com/news/2022/7/1/x>\n", False),
        ("Use the <p> tag for paragraphs and <div> for blocks.\n", False),
        ("Plain text, no markup at all.\n", False),
    ],
)
def test_is_html(text: str, is_html: bool) -> None:
    assert decode(text.encode("utf-8")).is_html is is_html


# --- empty input ----------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b" ", b" \n\t\r\n  \x0b\x0c", codecs.BOM_UTF8 + b"\n \n"])
def test_empty_input(raw: bytes) -> None:
    with pytest.raises(InputError) as caught:
        decode(raw, "dir/empty.txt")
    assert caught.value.reason == "empty input"
    assert "dir/empty.txt" in str(caught.value)


def test_nothing_but_invisible_characters_is_empty() -> None:
    with pytest.raises(InputError, match="empty input"):
        decode("\u00a0\u200b\r\n\ufeff".encode("utf-16"))


# --- large input ----------------------------------------------------------


@pytest.mark.parametrize("kind", ["utf-8", "cp1251", "mojibake", "crlf-bom"])
def test_large_input_works(kind: str) -> None:
    text = (TEXT_000 + TEXT_002) * 600  # about 5 MB
    raw = {
        "utf-8": lambda: text.encode("utf-8"),
        "cp1251": lambda: text.encode("cp1251"),
        "mojibake": lambda: mojibake(text).encode("utf-8"),
        "crlf-bom": lambda: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"),
    }[kind]()
    assert len(raw) > 4_000_000
    source = decode(raw)
    assert source.text == clean(text)


# --- properties -----------------------------------------------------------


def check_invariants(source: SourceText) -> None:
    """What every successful result must satisfy."""
    text = source.text
    assert text.strip()
    assert unicodedata.is_normalized("NFC", text)
    assert "\r" not in text and "\u00a0" not in text and "\u200b" not in text
    assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text)
    assert 0.0 <= source.encoding.confidence <= 1.0
    assert len(set(source.encoding.fixes)) == len(source.encoding.fixes)


def decode_or_input_error(raw: bytes) -> None:
    """Decode; only ``InputError`` may escape, and results are well-formed."""
    try:
        source = read_source(raw, "fuzz.txt")
    except InputError as err:
        assert err.path == "fuzz.txt"
        assert err.reason == "empty input" or err.reason.startswith("binary data, not text (")
        return
    check_invariants(source)


@PROPERTY_SETTINGS
@given(st.binary(max_size=3000))
def test_random_bytes_raise_only_input_error(raw: bytes) -> None:
    decode_or_input_error(raw)


@PROPERTY_SETTINGS
@given(st.binary(max_size=600).map(lambda b: bytes(x | 0x80 if x < 0x20 else x for x in b)))
def test_random_high_bytes_raise_only_input_error(raw: bytes) -> None:
    # No NULs or controls: these reach the statistical detector.
    decode_or_input_error(raw)


mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=4)),
    st.tuples(st.just("cut"), st.integers(0, 10**6), st.integers(0, 10**6)),
)


def mutate(raw: bytes, ops: list[tuple[str, int, object]]) -> bytes:
    """Apply byte flips, insertions and truncations (positions wrap)."""
    data = bytearray(raw)
    for kind, where, what in ops:
        at = where % (len(data) + 1)
        if kind == "flip" and data:
            data[at % len(data)] ^= int(str(what))
        elif kind == "insert":
            data[at:at] = bytes(what) if isinstance(what, bytes) else b""
        elif kind == "cut":
            data = data[:at] if int(str(what)) % 2 else data[at:]
    return bytes(data)


@PROPERTY_SETTINGS
@given(st.sampled_from(SEED_BYTES), st.lists(mutation, min_size=1, max_size=8))
def test_mutated_seeds_raise_only_input_error(
    raw: bytes, ops: list[tuple[str, int, object]]
) -> None:
    decode_or_input_error(mutate(raw, ops))


ROUND_TRIP_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(
            blacklist_categories=("Cc", "Cs", "Co"),
            blacklist_characters="\u200b\u2060\ufeff\ufffd",
        ),
        st.sampled_from(["\n", "\r", "\t", " ", "\u00a0", "“", "’", "ї"]),
    ),
    min_size=1,
    max_size=200,
)


def expected_text(text: str) -> str:
    """The round-trip contract: NFC plus newline and space normalisation."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for space in "\u00a0\u2007\u202f":
        text = text.replace(space, " ")
    return unicodedata.normalize("NFC", text)


@PROPERTY_SETTINGS
@given(ROUND_TRIP_TEXT)
def test_utf8_round_trip(text: str) -> None:
    expected = expected_text(text)
    if not expected.strip():
        with pytest.raises(InputError, match="empty input"):
            read_source(text.encode("utf-8"), "prop.txt")
        return
    assume(not ftfy.badness.is_bad(text))  # looks like mojibake: repairing it is the point
    for raw in (text.encode("utf-8"), text.encode("utf-16")):
        source = read_source(raw, "prop.txt")
        assert source.text == expected
        assert source.encoding.encoding in ("utf-8", "utf-16-le")
