"""Tests of ``ingest_plugins.parsing.lines``, ``urls`` and ``languages``."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest_plugins.parsing.languages import (
    cyrillic_languages,
    group_by_language,
    is_cyrillic_text,
    lang_slot,
    slot_language,
)
from ingest_plugins.parsing.lines import (
    AD_LABEL_RE,
    classify_line,
    clean_line,
    is_blank,
    is_clean_line,
    split_lines,
    strip_invisible,
)
from ingest_plugins.parsing.urls import parse_url_line, url_in_domains


def test_clean_line() -> None:
    assert clean_line("  a\u00a0\u00a0b\u200b c\u2060d\tе ") == "a b cd е"
    assert clean_line("one \n  two") == "one \n two"
    assert strip_invisible("\ufeffso\u00adft") == "soft"


# Text made of what clean_line treats specially: every space and invisible character.
_SPACE_LIKE = " \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"
_LINE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(_SPACE_LIKE + "\u200b\u200c\u200d\u2060\u00ad\ufeff"),
        st.sampled_from("ab е—’"),
        st.characters(),
    )
)


def _clean_line_reference(text: str) -> str:
    """What clean_line means, without its shortcut for text that is clean already."""
    text = re.sub("[\u200b\u200c\u200d\u2060\u00ad\ufeff]", "", text)
    if "\n" not in text:
        return " ".join(text.split())
    return re.sub(r"[^\S\n]+", " ", text).strip()


@given(_LINE_TEXT)
def test_clean_line_shortcut_changes_nothing(text: str) -> None:
    cleaned = clean_line(text)
    assert cleaned == _clean_line_reference(text)
    assert clean_line(cleaned) == cleaned


@pytest.mark.parametrize("text", ["a  b", " a", "a ", "a\u00a0b", "a\tb", "so\u00adft", "a\u2028b"])
def test_clean_line_cleans_text_that_looks_nearly_clean(text: str) -> None:
    assert clean_line(text) == _clean_line_reference(text) != text


@given(_LINE_TEXT)
def test_a_clean_line_is_left_unchanged_by_cleaning(text: str) -> None:
    # Enough, not necessary: a control character such as ESC survives cleaning unprintable.
    if is_clean_line(text):
        assert _clean_line_reference(text) == text


@pytest.mark.parametrize(
    ("text", "clean"),
    [("a b", True), ("", True), ("a  b", False), ("a\n", False), ("so\u00adft", False)],
)
def test_is_clean_line(text: str, clean: bool) -> None:
    assert is_clean_line(text) is clean


@pytest.mark.parametrize(
    ("text", "blank"),
    [("", True), (" \n\t", True), ("\u00a0\u2003\u3000", True), ("\u200b", False), (" a ", False)],
)
def test_is_blank(text: str, blank: bool) -> None:
    assert is_blank(text) is blank


@given(st.text(alphabet=" \t\n\r\x0b\x0c\x1c\u0085\u00a0\u2028\u200bab", max_size=8))
def test_is_blank_is_what_strip_leaves_empty(text: str) -> None:
    assert is_blank(text) is (not text.strip())


def test_split_lines() -> None:
    assert split_lines("a\r\n b \rc\n\n") == ["a", "b", "c", "", ""]


def test_classify_line() -> None:
    patterns = {"advertisement": AD_LABEL_RE, "share": re.compile(r"share:?", re.I)}
    assert classify_line(" - Advertisement - ", patterns) == "advertisement"
    assert classify_line("SHARE:", patterns) == "share"
    assert classify_line("Share this story with friends", patterns) is None
    assert classify_line("   ", patterns) is None


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        (" <https://example.org/a> ", "https://example.org/a"),
        ("See https://example.org/a", None),
        ("https://example.org/a b", None),
        ("ftp://example.org/a", None),
    ],
)
def test_parse_url_line(line: str, url: str | None) -> None:
    assert parse_url_line(line) == url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", True),
        ("http://news.example.org", True),
        ("//example.org/a", True),
        ("https://EXAMPLE.org:443/a", True),
        ("https://example.org.evil.com/a", False),
        ("https://notexample.org/a", False),
        ("https://example.org@evil.com/a", False),
        ("ftp://example.org/a", False),
        ("example.org/a", False),
        ("http://[::1", False),
    ],
)
def test_url_in_domains(url: str, expected: bool) -> None:
    assert url_in_domains(url, ("example.org",)) is expected


def test_lang_slot() -> None:
    assert lang_slot("") == {}
    assert lang_slot("The talks stalled on Friday and the council said it would meet.") == {
        "en": "The talks stalled on Friday and the council said it would meet."
    }
    assert lang_slot("12345", fallback="en") == {"en": "12345"}
    assert lang_slot("12345") == {"und": "12345"}
    assert slot_language({"uk": "x"}) == "uk"
    assert slot_language({}) is None


def test_cyrillic_helpers() -> None:
    assert is_cyrillic_text("Путін заявив")
    assert not is_cyrillic_text("Putin said")
    # The short title alone is undetermined; it takes the language its summary has.
    title, summary = "Путин", "Він заявив, що це не так, і що вони прийдуть."
    assert cyrillic_languages([title, summary]) == ["uk", "uk"]
    grouped = group_by_language(["Putin said so.", summary, "He left."], "en")
    assert grouped == {"en": "Putin said so.\n\nHe left.", "uk": summary}
