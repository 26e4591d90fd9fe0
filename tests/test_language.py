"""Language detection: Ukrainian and Russian told apart, English by default for Latin."""

from __future__ import annotations

import pytest

from ingest_plugins.language import WORD_SAMPLE, detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("путін заявив, що західні санкції підштовхують до об'єднання", "uk"),
        ("Путин заявил, что западные санкции подталкивают Россию к объединению", "ru"),
        ("Путин заявил о санкциях", "ru"),
        ("Чи готові ми до змін", "uk"),
        ("обʼєднання", "uk"),
        ("putin says Western sanctions pushing russia-Belarus unification", "en"),
        ("The two countries signed a treaty in 1997.", "en"),
        ("Der Vertrag wurde von den beiden Ländern unterzeichnet und ist gültig.", "de"),
        ("12345 — 2022", "und"),
        ("", "und"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_russian_translation_is_never_ukrainian() -> None:
    russian = (
        "Президент России Владимир Путин заявил, что «беспрецедентное политическое и "
        "социальное давление» Запада подталкивает Беларусь к более быстрой интеграции."
    )
    assert detect_language(russian) == "ru"


def test_a_long_text_is_weighed_on_its_opening_words() -> None:
    english = "The minister said that the talks were over and the vote was set. " * 40
    french = "Le ministre a dit que les pourparlers sont finis et que le vote est prévu. " * 200
    assert len(english) > WORD_SAMPLE
    assert detect_language(english + french) == "en"
    assert detect_language(french + english) == "fr"


def test_letters_still_count_over_the_whole_text() -> None:
    # Ukrainian-only letters after the opening still tell Ukrainian from Russian.
    neutral = "на " * (WORD_SAMPLE // 3 + 10)
    assert detect_language(neutral + "її їх є ґанок " * 20) == "uk"
