"""Tests of ``ingest_plugins.decode.repair``: mojibake, typography left
alone, the normalisations and their fix names, and what is checked on the
badness sample or the input bytes instead of the whole text.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest_plugins.decode import repair
from ingest_plugins.decode.repair import BADNESS_FULL_LIMIT, badness_sample
from tests.decode.helpers import (
    PROPERTY_SETTINGS,
    TEXT_000,
    TEXT_002,
    TYPOGRAPHY,
    clean,
    decode,
    mojibake,
)

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


SAMPLE_PIECES = st.lists(
    st.sampled_from(["a", " ", "\n", "ab", "x" * 3000, "y" * 4096, "z" * 9000])
    | st.sampled_from(["é", "’", "â€™", "ї", "\u0301", "Ã©", "😀"]),
    max_size=30,
).map("".join)


@PROPERTY_SETTINGS
@given(SAMPLE_PIECES)
def test_the_sample_is_the_text_with_each_long_ascii_run_cut_to_its_ends(text: str) -> None:
    """Whole ASCII blocks skipped without the regex leave the same sample."""
    expected = text
    if len(text) > BADNESS_FULL_LIMIT:
        expected = re.sub(r"[\x00-\x7f]{5,}", lambda m: f"{m[0][:2]}\n{m[0][-2:]}", text)
    assert badness_sample(text) == expected


RARE_PIECES = st.lists(
    st.sampled_from(["a", " ", "\n", "\r\n", "x" * 3000, "y" * 4096])
    | st.sampled_from(["é", "’", "ї", "e\u0301", "\u00a0", "\u202f", "\u200b", "\u2060"])
    | st.sampled_from(["\x81", "\x9d", "\x0b", "\ufeff"]),
    max_size=30,
).map("".join)


@PROPERTY_SETTINGS
@given(RARE_PIECES)
def test_rare_characters_looked_for_in_the_sample_are_those_of_the_text(text: str) -> None:
    """The steps after mojibake find in the badness sample what they would find in the text."""
    expected = repair.normalize_newlines(repair.strip_bom(repair.fix_mojibake(text)))
    for step in (
        repair.remove_control_chars,
        repair.remove_zero_width,
        repair.replace_unicode_spaces,
        repair.normalize_nfc,
    ):
        expected = step(expected)
    utf8 = text.encode("utf-8")
    c0_free = "\x0b" not in text
    assert repair.repair_text(text, utf8, c0_free)[0] == expected


@pytest.mark.parametrize(
    ("inner", "expected", "fixes"),
    [
        ("e\u0301", "é", ("nfc",)),  # a mark after a long ASCII run
        ("=\u0338", "≠", ("nfc",)),  # an ASCII character first of the pair
        ("e\u200b\u0301", "é", ("zero-width", "nfc")),  # the sample is of the text before
        ("\x0b", "", ("control-chars",)),
        ("\x7f", "", ("control-chars",)),
        ("\x81", "", ("control-chars",)),  # a C1 control (not cp1252 mojibake): in the sample
        ("a\u00a0b", "a b", ("nbsp",)),
        ("\u2060", "", ("zero-width",)),
        ("\u202fe\u0301", " é", ("nbsp", "nfc")),  # nfc checks the changed text
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
