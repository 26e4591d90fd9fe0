"""Language of a block of text, as an ISO 639-1 code (``"und"`` when unsure).

The sources we read mix English with Ukrainian or Russian, and telling
Ukrainian from Russian is the part that matters most: a Russian summary
filed as Ukrainian corrupts the Ukrainian index. So the detector works on
two clues that separate the two reliably even on a short title:

* letters only one of the languages has (``і ї є ґ`` vs ``ы э ё ъ``);
* very common function words of each language.

Latin-script text is scored on function words of a few European
languages. Scripts and letters are counted over the whole text; function
words over its first ``WORD_SAMPLE`` characters, which hold hundreds of
them. The detector is deterministic and needs no model download.
"""

from __future__ import annotations

import re
from collections import Counter

UNDETERMINED = "und"

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")

# An apostrophe between two Cyrillic letters (об'єднання, сім’я, пʼять) is
# Ukrainian spelling; Russian uses the hard sign (ъ) there instead.
_UK_APOSTROPHE = re.compile(r"[\u0400-\u04ff]['’ʼ][\u0400-\u04ff]")

_STOPWORDS: dict[str, frozenset[str]] = {
    "uk": frozenset(
        "і й та що це як від для до на не за по під при про із зі з у в але або "
        "його її їх він вона вони ми ви був була було були буде є також який яка яке "
        "які щоб тому коли після через між може ще вже лише теж чи ні би немає".split()
    ),
    "ru": frozenset(
        "и в на не что это как от для до по под при про из с у но или его ее её их "
        "он она они мы вы был была было были будет есть также который которая "
        "которое которые чтобы поэтому когда после через между может еще ещё уже "
        "только тоже о об со ли бы же нет".split()
    ),
    "en": frozenset(
        "the and of to in is that for on with as was were are be by it this from "
        "at an or have has had not but which their they he she said will would "
        "been after its who".split()
    ),
    "de": frozenset(
        "der die das und ist nicht ein eine zu den mit von für auf dem des sich "
        "auch es im wird werden".split()
    ),
    "fr": frozenset(
        "le la les et est des une un du en que qui dans pour pas sur au avec il "
        "elle sont ce cette".split()
    ),
    "es": frozenset(
        "el la los las y es de que en un una por con para no se del al lo como "
        "más pero su sus".split()
    ),
}

WORD_SAMPLE = 2000
"""Characters from the start of a text whose words are weighed."""

_CYRILLIC = ("uk", "ru")
_LATIN = ("en", "de", "fr", "es")


_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_CYRILLIC_LEAD_BYTES = (b"\xd0", b"\xd1", b"\xd2", b"\xd3")
"""UTF-8 lead bytes of U+0400-U+04FF, and of nothing else."""
_UK_LETTER_RE = re.compile("[іїєґІЇЄҐ]")
_RU_LETTER_RE = re.compile("[ыэёъЫЭЁЪ]")


def script_counts(text: str) -> tuple[int, int]:
    """How many Cyrillic letters and how many ASCII Latin letters ``text`` has.

    Counted on the UTF-8 bytes (a Cyrillic letter has one lead byte D0-D3):
    several times faster than scanning the ``str`` for rare characters.
    """
    data = text.encode("utf-8", "surrogatepass")
    cyrillic = sum(data.count(lead) for lead in _CYRILLIC_LEAD_BYTES)
    latin = len(data) - len(data.translate(None, _ASCII_LETTERS))
    return cyrillic, latin


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of ``text``'s main language, or ``"und"``."""
    cyrillic, latin = script_counts(text)
    if cyrillic == 0 and latin == 0:
        return UNDETERMINED
    words = Counter(_WORD.findall(_opening(text).lower()))
    if cyrillic >= latin:
        return _cyrillic_language(text, words)
    return _latin_language(words)


def _opening(text: str) -> str:
    """The first ``WORD_SAMPLE`` characters of ``text``, cut between words."""
    if len(text) <= WORD_SAMPLE:
        return text
    cut = text.rfind(" ", 0, WORD_SAMPLE)
    return text[: cut if cut > 0 else WORD_SAMPLE]


def _stopword_count(words: Counter[str], lang: str) -> int:
    """How many of ``words`` (counted with repeats) are function words of ``lang``."""
    return sum(words[w] for w in _STOPWORDS[lang] if w in words)


def _cyrillic_language(text: str, words: Counter[str]) -> str:
    uk = len(_UK_LETTER_RE.findall(text)) * 2 + len(_UK_APOSTROPHE.findall(text)) * 2
    ru = len(_RU_LETTER_RE.findall(text)) * 2
    uk += _stopword_count(words, "uk")
    ru += _stopword_count(words, "ru")
    if uk == ru:
        return UNDETERMINED
    return "uk" if uk > ru else "ru"


def _latin_language(words: Counter[str]) -> str:
    scores = {lang: _stopword_count(words, lang) for lang in _LATIN}
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] == 0:
        # A headline or a short line with no function word: plain ASCII
        # words are English by far most often on these sites.
        return "en" if all(w.isascii() for w in words) else UNDETERMINED
    return best
