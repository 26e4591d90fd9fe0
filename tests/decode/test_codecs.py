"""Tests of ``ingest_plugins.decode.codecs`` (and ``plausibility``): which
codec a seed or short text in some encoding is read with, damaged UTF-8,
``<meta charset>``, and ranking codecs on the non-ASCII tokens only.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest_plugins.decode.codecs import is_single_byte_ascii, non_ascii_tokens
from ingest_plugins.decode.plausibility import text_points
from tests.decode.helpers import (
    FRENCH,
    POLISH,
    PROPERTY_SETTINGS,
    RUSSIAN,
    SEED_BYTES,
    SEED_TEXTS,
    TEXT_000,
    TEXT_002,
    TYPOGRAPHY,
    UKRAINIAN,
    base_fixes,
    clean,
    decode,
)

# --- encodings ------------------------------------------------------------


def test_seed_000_in_cp1252_keeps_curly_quotes() -> None:
    raw = TEXT_000.encode("cp1252")
    assert b"\x93" in raw and b"\x94" in raw
    source = decode(raw)
    assert source.text == clean(TEXT_000)
    assert source.encoding.encoding == "cp1252"
    assert source.encoding.fixes == ("nbsp",)
    assert source.encoding.confidence < 1.0


def test_seed_002_in_cp1251() -> None:
    raw = TEXT_002.encode("cp1251")  # cp1251 has “ ” ’ « » — too
    source = decode(raw)
    assert source.text == clean(TEXT_002)
    assert source.encoding.encoding == "cp1251"
    assert source.encoding.fixes == base_fixes(TEXT_002)


@pytest.mark.parametrize(
    ("text", "codec", "reported"),
    [
        pytest.param(UKRAINIAN, "cp1251", {"cp1251"}, id="uk-cp1251"),
        pytest.param(UKRAINIAN, "koi8-u", {"koi8-u"}, id="uk-koi8-u"),
        pytest.param(UKRAINIAN, "iso8859-5", {"iso8859-5"}, id="uk-iso8859-5"),
        pytest.param(RUSSIAN, "cp1251", {"cp1251"}, id="ru-cp1251"),
        # Russian has none of the letters where koi8-u and koi8-r differ.
        pytest.param(RUSSIAN, "koi8-u", {"koi8-u", "koi8-r"}, id="ru-koi8-u"),
        pytest.param(RUSSIAN, "koi8-r", {"koi8-u", "koi8-r"}, id="ru-koi8-r"),
        pytest.param(RUSSIAN, "mac-cyrillic", {"mac-cyrillic"}, id="ru-mac-cyrillic"),
    ],
)
def test_cyrillic_codecs_are_told_apart(text: str, codec: str, reported: set[str]) -> None:
    source = decode(text.encode(codec))
    assert source.text == text
    assert source.encoding.encoding in reported
    assert source.encoding.fixes == ()


def test_koi8u_ukrainian_is_not_reported_as_koi8r() -> None:
    raw = UKRAINIAN.encode("koi8-u")
    assert raw.decode("koi8-r") != UKRAINIAN  # і, ї, є differ
    assert decode(raw).encoding.encoding == "koi8-u"


@pytest.mark.parametrize(
    ("text", "codec", "reported"),
    [
        pytest.param(FRENCH, "latin-1", "cp1252", id="fr-latin-1"),
        pytest.param(FRENCH, "cp1252", "cp1252", id="fr-cp1252"),
        pytest.param(POLISH, "cp1250", "cp1250", id="pl-cp1250"),
        pytest.param(TYPOGRAPHY.split("«")[0] + "\n", "cp1252", "cp1252", id="en-cp1252"),
    ],
)
def test_latin_codecs(text: str, codec: str, reported: str) -> None:
    source = decode(text.encode(codec))
    assert source.text == text
    assert source.encoding.encoding == reported


def test_latin1_c1_range_is_read_as_cp1252_punctuation() -> None:
    # Browsers read ISO-8859-1 as windows-1252: 0x93/0x94 are quotes, not C1.
    raw = "Plain “quoted” text with a café.\n".encode("cp1252")
    assert decode(raw).text == "Plain “quoted” text with a café.\n"


# --- damaged UTF-8 --------------------------------------------------------


@pytest.mark.parametrize("seed", SEED_TEXTS)
@pytest.mark.parametrize("tail", ["ї", "“", "😀"])
def test_truncated_utf8_tail_is_dropped(seed: str, tail: str) -> None:
    text = SEED_TEXTS[seed]
    encoded_tail = tail.encode("utf-8")
    for cut in range(1, len(encoded_tail)):
        source = decode(text.encode("utf-8") + encoded_tail[:cut])
        assert source.text == clean(text)
        assert source.encoding.encoding == "utf-8"
        assert source.encoding.fixes == ("truncated-utf8", *base_fixes(text))


def test_truncated_utf8_of_ascii_text_with_multibyte_cut() -> None:
    source = decode(b"Just ASCII so far, then a quote \xe2\x80")
    assert source.text == "Just ASCII so far, then a quote "
    assert source.encoding.fixes == ("truncated-utf8",)


@pytest.mark.parametrize("seed", SEED_TEXTS)
def test_invalid_bytes_inside_utf8_are_replaced_not_misdecoded(seed: str) -> None:
    text = SEED_TEXTS[seed]
    middle = len(text) // 2
    raw = text[:middle].encode("utf-8") + b"\xff\xfe" + text[middle:].encode("utf-8")
    source = decode(raw)
    assert source.encoding.encoding == "utf-8"
    assert source.text == clean(text[:middle] + "\ufffd\ufffd" + text[middle:])
    assert source.encoding.fixes == ("invalid-utf8", *base_fixes(text))
    assert 0.5 < source.encoding.confidence < 1.0


# --- <meta charset> -------------------------------------------------------


def html_page(declaration: str, body: str, title: str = "Новини") -> str:
    return (
        f"<!DOCTYPE html>\n<html><head>{declaration}<title>{title}</title></head>\n"
        f"<body><p>{body}</p></body></html>\n"
    )


@pytest.mark.parametrize(
    ("declaration", "codec", "reported"),
    [
        ('<meta charset="windows-1251">', "cp1251", "cp1251"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=koi8-u">',
            "koi8-u",
            "koi8-u",
        ),
        ("<meta charset=iso-8859-1>", "cp1252", "cp1252"),
    ],
)
def test_html_meta_charset_is_honoured(declaration: str, codec: str, reported: str) -> None:
    if codec == "cp1252":
        page = html_page(declaration, "“Quoted” café", title="News")
    else:
        page = html_page(declaration, UKRAINIAN)
    source = decode(page.encode(codec), "page.html")
    assert source.text == page
    assert source.encoding.encoding == reported
    assert source.is_html


def test_meta_charset_loses_to_valid_utf8() -> None:
    page = html_page('<meta charset="windows-1251">', UKRAINIAN)
    source = decode(page.encode("utf-8"))
    assert source.text == page
    assert source.encoding.encoding == "utf-8"


def test_nearly_utf8_page_beats_a_stale_meta_charset() -> None:
    page = html_page('<meta charset="windows-1251">', UKRAINIAN)
    raw = page.encode("utf-8").replace(b"</p>", b"\xff</p>")
    source = decode(raw)
    assert source.encoding.encoding == "utf-8"
    assert source.encoding.fixes == ("invalid-utf8",)
    assert source.text == page.replace("</p>", "\ufffd</p>")


@pytest.mark.parametrize("label", ["base64", "zlib", "unicode_escape", "no-such-codec", "utf-16"])
def test_unusable_meta_charset_is_ignored(label: str) -> None:
    page = html_page(f'<meta charset="{label}">', UKRAINIAN)
    source = decode(page.encode("cp1251"))
    assert source.text == page
    assert source.encoding.encoding == "cp1251"


# --- ranking codecs on the non-ASCII tokens only ----------------------------

TABLE_CODECS = ("cp1251", "koi8-u", "koi8-r", "iso8859-5", "mac-cyrillic", "cp866", "cp1252")
TABLE_CODECS += ("cp1250", "latin-1", "kz1048", "mac-roman", "cp1253")


@pytest.mark.parametrize("codec", TABLE_CODECS)
def test_table_codecs_are_single_byte_ascii(codec: str) -> None:
    assert is_single_byte_ascii(codec)


@pytest.mark.parametrize(
    "codec", ["iso2022_jp", "shift_jis", "gb18030", "utf-8", "utf-16", "cp037", "no-such-codec"]
)
def test_stateful_multibyte_and_ebcdic_codecs_are_not(codec: str) -> None:
    """For these, dropping ASCII tokens would change the text (ISO-2022
    escapes switch ASCII bytes to kanji; EBCDIC letters are not ASCII)."""
    assert not is_single_byte_ascii(codec)


def test_non_ascii_tokens_drop_ascii_words() -> None:
    raw = "The mayor said “no” — Мер сказав: «ні».\nplain line\n".encode("cp1251")
    assert non_ascii_tokens(raw).decode("cp1251") == "“no” — Мер сказав: «ні»."


SCORED_BYTES = st.lists(
    st.sampled_from([b" ", b"\n", b"\t", b"a", b"Z", b"7", b"_", b"-", b"'"])
    | st.integers(0x80, 0xFF).map(lambda b: bytes([b])),
    max_size=300,
).map(b"".join)


@PROPERTY_SETTINGS
@given(SCORED_BYTES | st.sampled_from(SEED_BYTES), st.sampled_from(TABLE_CODECS))
def test_tokens_score_as_the_whole_sample(raw: bytes, codec: str) -> None:
    """What ``rank_candidates`` relies on: the points of a table codec's
    decoding are the same with or without the ASCII-only tokens."""
    whole = text_points(raw.decode(codec, errors="replace"))
    tokens = text_points(non_ascii_tokens(raw).decode(codec, errors="replace"))
    assert tokens == whole


@pytest.mark.parametrize("codec", ["cp1251", "koi8-u", "cp1252"])
def test_tokens_score_as_the_whole_of_an_encoded_seed(codec: str) -> None:
    raw = (TEXT_002 + RUSSIAN + FRENCH).encode(codec, errors="replace")
    for reading in TABLE_CODECS:
        whole = text_points(raw.decode(reading, errors="replace"))
        assert text_points(non_ascii_tokens(raw).decode(reading, errors="replace")) == whole
