"""Tests of the bytes → text step (``ingest_plugins.decode``).

Every variant is generated at test time from the two seed articles (or
from short texts written here): encode the clean text some way, decode it
back, compare with the clean text computed independently.
"""

from __future__ import annotations

import codecs
import random
import unicodedata
from pathlib import Path

import ftfy.badness
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ingest_plugins.decode import (
    BADNESS_FULL_LIMIT,
    badness_sample,
    is_single_byte_ascii,
    non_ascii_tokens,
    read_source,
    text_points,
)
from ingest_plugins.document import SourceText
from ingest_plugins.errors import InputError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
RAW_000 = (SEEDS / "000_69b621c95946143e.txt").read_bytes()
RAW_002 = (SEEDS / "002_cb5603a3dcd24ba0.txt").read_bytes()
TEXT_000 = RAW_000.decode("utf-8")
TEXT_002 = RAW_002.decode("utf-8")
SEED_TEXTS = {"000": TEXT_000, "002": TEXT_002}

RUSSIAN = (
    "Вчера вечером в городе прошёл сильный дождь, и многие улицы оказались под водой.\n"
    "Жители жаловались, что службы приехали слишком поздно, а электричество "
    "отключили почти на три часа.\n"
    "Мэр пообещал проверить работу коммунальных служб и выделить деньги на ремонт "
    "ливневой канализации до конца года.\n"
    "Синоптики считают, что на следующей неделе погода будет тёплой и сухой.\n"
)
FRENCH = "Le café de l'été était très agréable, à côté de la forêt où nous avons dîné.\n"
POLISH = "Zażółć gęślą jaźń, powiedział Paweł. Właściwie wszystko było już gotowe.\n"
TYPOGRAPHY = "He said “yes” — she said ‘no’… «Так» і ʼє; it’s done – twice.\n"


def ukrainian_only(text: str) -> str:
    """The Cyrillic paragraphs of seed 002, with the few marks koi8-u lacks
    turned into ASCII (so the same text fits cp1251 and koi8-u)."""
    lines = [line for line in text.splitlines() if any("а" <= c <= "я" for c in line)]
    return "\n".join(lines).translate(str.maketrans({"«": '"', "»": '"', "—": "-"})) + "\n"


UKRAINIAN = ukrainian_only(TEXT_002)


def clean(text: str) -> str:
    """What the decoder must make of a correct text: NBSP → space only."""
    return text.replace("\u00a0", " ")


def base_fixes(text: str) -> tuple[str, ...]:
    """Fixes the clean text itself needs."""
    return ("nbsp",) if "\u00a0" in text else ()


def sloppy_char(byte: int) -> str:
    """One byte read as Windows-1252 the way browsers and editors do: the
    five undefined bytes become the C1 characters of the same value."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


SLOPPY_CP1252 = {byte: sloppy_char(byte) for byte in range(256)}


def sloppy_cp1252(raw: bytes) -> str:
    """Bytes read as sloppy Windows-1252 (see ``sloppy_char``)."""
    return raw.decode("latin-1").translate(SLOPPY_CP1252)


def mojibake(text: str) -> str:
    """UTF-8 bytes of ``text`` mis-read as cp1252."""
    return sloppy_cp1252(text.encode("utf-8"))


def decode(raw: bytes, path: str = "input.txt") -> SourceText:
    """``read_source`` with a default path."""
    return read_source(raw, path)


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


def test_utf16_with_bom_is_certain_and_without_bom_is_not() -> None:
    with_bom = decode(codecs.BOM_UTF16_LE + TEXT_002.encode("utf-16-le"))
    without = decode(TEXT_002.encode("utf-16-le"))
    assert with_bom.encoding.confidence == 1.0
    assert 0.0 < without.encoding.confidence < 1.0


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


# --- mojibake -------------------------------------------------------------


def test_mojibake_is_repaired_on_every_line_including_bullet_only_damage() -> None:
    text = "Comments\n◦ first point here\n• second point\nThat’s all “folks”\n"
    damaged = mojibake(text)
    assert "â—¦ first point" in damaged
    # Repaired segment by segment, ftfy leaves the "◦" line as it is.
    assert ftfy.fix_text("â—¦ first point here") == "â—¦ first point here"
    source = decode(damaged.encode("utf-8"))
    assert source.text == text
    assert source.encoding.fixes == ("mojibake",)


def test_mojibake_of_seed_000_restores_bullet_lines() -> None:
    source = decode(mojibake(TEXT_000).encode("utf-8"))
    bullets = [line for line in source.text.splitlines() if line.lstrip().startswith("•")]
    assert len(bullets) == TEXT_000.count("•")
    assert "â€" not in source.text


def test_mojibake_read_as_cp1251_is_repaired() -> None:
    damaged = TEXT_002.encode("utf-8").decode("cp1251", errors="strict")
    source = decode(damaged.encode("utf-8"))
    assert source.text == clean(TEXT_002)
    assert "mojibake" in source.encoding.fixes


def test_partial_mojibake_is_repaired_by_the_fallback() -> None:
    # One mis-read quote in otherwise correct Cyrillic text: not undoable as a
    # whole, so ftfy (restricted to encoding repair) handles it.
    text = "Він сказав: “так”.\nІнший рядок.\n"
    damaged = text.replace("“", mojibake("“"))
    source = decode(damaged.encode("utf-8"))
    assert source.text == text
    assert source.encoding.fixes == ("mojibake",)


# --- typography and normalisations ----------------------------------------


@pytest.mark.parametrize("codec", ["utf-8", "utf-16"])
def test_typography_survives(codec: str) -> None:
    source = decode(TYPOGRAPHY.encode(codec))
    assert source.text == TYPOGRAPHY
    for mark in "“”‘’—–…«»ʼ":
        assert mark in source.text


def test_ligatures_and_fullwidth_are_left_alone() -> None:
    text = "The ﬁnal ｆｕｌｌ ｗｉｄｔｈ oﬀer.\n"
    assert decode(text.encode("utf-8")).text == text


@pytest.mark.parametrize(
    ("text", "expected", "fixes"),
    [
        ("a\u00a0b\u2007c\u202fd\n", "a b c d\n", ("nbsp",)),
        ("one\r\ntwo\rthree\n", "one\ntwo\nthree\n", ("newlines",)),
        (
            "A bell\x07, an escape\x1b, a C1 \x8d and a DEL\x7f\tafter a tab.\n",
            "A bell, an escape, a C1  and a DEL\tafter a tab.\n",
            ("control-chars",),
        ),
        ("zero\u200bwidth\u2060joined\ufeff\n", "zerowidthjoined\n", ("zero-width",)),
        ("\ufeffleading bom\n", "leading bom\n", ("bom",)),
        ("cafe\u0301 and Й\n", "café and Й\n", ("nfc",)),
        ("ZWJ emoji 👩\u200d💻 stay\n", "ZWJ emoji 👩\u200d💻 stay\n", ()),
    ],
)
def test_normalisations_are_recorded(text: str, expected: str, fixes: tuple[str, ...]) -> None:
    source = decode(text.encode("utf-8"))
    assert source.text == expected
    assert source.encoding.fixes == fixes


def test_c1_characters_are_cp1252_read_as_latin1() -> None:
    # U+0093/U+0094/U+0085 in text are windows-1252 quotes and ellipsis that
    # went through latin-1: that is mojibake, not control characters.
    source = decode("He said \x93wait\x94\x85\n".encode())
    assert source.text == "He said “wait”…\n"
    assert source.encoding.fixes == ("mojibake",)


def test_several_fixes_are_listed_in_order_applied() -> None:
    text = "\ufeffLine\u00a0one\r\nsecond\u200b line e\u0301\r\n"
    source = decode(text.encode("utf-8"))
    assert source.text == "Line one\nsecond line é\n"
    assert source.encoding.fixes == ("bom", "newlines", "zero-width", "nbsp", "nfc")


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


# --- not text -------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b" ", b" \n\t\r\n  \x0b\x0c", codecs.BOM_UTF8 + b"\n \n"])
def test_empty_input(raw: bytes) -> None:
    with pytest.raises(InputError) as caught:
        decode(raw, "dir/empty.txt")
    assert caught.value.reason == "empty input"
    assert "dir/empty.txt" in str(caught.value)


def test_nothing_but_invisible_characters_is_empty() -> None:
    with pytest.raises(InputError, match="empty input"):
        decode("\u00a0\u200b\r\n\ufeff".encode("utf-16"))


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

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


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


SEED_BYTES = [
    RAW_000,
    RAW_002,
    TEXT_002.encode("cp1251"),
    UKRAINIAN.encode("koi8-u"),
    TEXT_000.encode("utf-16"),
    mojibake(TEXT_002).encode("utf-8"),
]

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


# --- what is checked on the badness sample, or on the input bytes ----------


def test_no_ascii_character_is_the_second_of_a_composition() -> None:
    """What ``normalize_nfc`` relies on when it checks only the sample."""
    for code in range(0x110000):
        mapping = unicodedata.decomposition(chr(code))
        if not mapping or mapping.startswith("<"):
            continue  # no decomposition, or a compatibility one (NFC leaves those)
        parts = [int(part, 16) for part in mapping.split()]
        assert len(parts) == 1 or parts[-1] >= 0x80, hex(code)


NFC_PIECES = st.lists(
    st.sampled_from(["a", "e", "=", "<", " ", "\n", "x" * 40, "A", "Hangul"])
    | st.sampled_from(["\u0301", "\u0308", "\u0338", "\u0327", "\u05b0", "\u0591"])
    | st.sampled_from(["é", "\u212b", "\u1100", "\u1161", "\u11a8", "\u0958", "ё", "ї"]),
    max_size=60,
).map("".join)


@PROPERTY_SETTINGS
@given(NFC_PIECES, NFC_PIECES, st.integers(0, 3000))
def test_sample_is_nfc_exactly_when_the_text_is(head: str, tail: str, padding: int) -> None:
    text = head + "z" * padding + tail
    if len(text) > BADNESS_FULL_LIMIT:
        assert badness_sample(text) != text
    sample = badness_sample(text)
    assert unicodedata.is_normalized("NFC", sample) == unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize(
    ("inner", "expected", "fixes"),
    [
        ("e\u0301", "é", ("nfc",)),  # a mark after a long ASCII run
        ("=\u0338", "≠", ("nfc",)),  # an ASCII character first of the pair
        ("e\u200b\u0301", "é", ("zero-width", "nfc")),  # the sample is of the text before
        ("\x0b", "", ("control-chars",)),
        ("\x7f", "", ("control-chars",)),
    ],
)
def test_large_utf8_input_is_checked_whole(
    inner: str, expected: str, fixes: tuple[str, ...]
) -> None:
    """Strict UTF-8 is checked on its bytes and its badness sample: a change
    deep inside a large input is still found."""
    pad = "plain words " * 800
    text = f"{pad}curly “quotes” {pad}{inner}{pad}"
    source = decode(text.encode("utf-8"))
    assert source.text == f"{pad}curly “quotes” {pad}{expected}{pad}"
    assert source.encoding.fixes == fixes
