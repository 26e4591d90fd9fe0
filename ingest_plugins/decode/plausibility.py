"""How plausible a decoding is as natural-language text.

``text_points`` scores a candidate decoding for the codec ranking: words in
one script with a normal case pattern and typographic marks score plus,
odd symbols and words of mixed script or case score minus, and common
Russian/Ukrainian letter pairs tell the single-byte Cyrillic codecs apart
(wrong ones permute the letters).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

# Common letter pairs of Russian and Ukrainian (lowercase). Wrong single-byte
# decodings permute the letters and the case, so they rarely form these.
COMMON_CYRILLIC_BIGRAMS = frozenset(
    """
    ав ак ал ам ан ас ат ба бо бу ва ве ви вл во вс ві вн га ге гл го гр да
    де ди дн до др ду ед ей ек ел ем ен ер ес ет ех же жи за зв зд зи зн иг ид
    из ий ик ил им ин ир ис ит их ич ка ки кл ко кр ку ла ле ли ло лу ль ля ма
    ме ми мн мо му мы на не ни но ну ны нн ня ні об ов ог од ое ой ок ол ом он
    оп ор ос от ох оч ою ої па пе пи пл по пр пу ра ре ри ро ру ры ря са св се
    си ск сл см сн со сп ср ст су сы сь ся сі та тв те ти то тр ту ты ть тя ті
    ук ул ум ун ур ус ут уч це ци ць ці ча че чи чн ше ща щи ые ый ых ье ью ьк
    ьн ют як ям ян ях ят єд ує іл ін іс ів із ій ія ії ію її їн
    """.split()
)
WORD = re.compile(r"[^\W\d_¹²³¼½¾]+")
CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")
ODD_CHAR = re.compile(r"[¹²³¼½¾]|(?![\x00-\x7f\s«»„“”‘’‚—–…№•·§°ʼ€©®™±])[\W\d_]")
"""Non-ASCII symbols that real Cyrillic text hardly has but wrong decodings
are full of (box drawing, C1 controls, ``¤``, ``¦``, ``¬``...)."""

TYPOGRAPHY = re.compile("[«»„“”‘’‚—–…•№]")
TYPOGRAPHY_IN_WORD = re.compile(r"(?<=[^\W\d_])[«»„“”‘‚—–…•№](?=[^\W\d_])")
"""Typography between two letters (``’`` excepted) is a letter mis-decoded."""
SCRIPT_WORDS = (
    re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+"),
    re.compile("[\u0370-\u03ff\u1f00-\u1fff]+"),
    re.compile("[\u0400-\u052f]+"),
)
"""Words of one script: Latin, Greek, Cyrillic."""
KNOWN_SCRIPT_LETTER = re.compile("[A-Za-z\u00c0-\u052f\u1e00-\u1fff]")
LATIN_EXTENDED = re.compile("[\u0100-\u024f]")
MIN_CYRILLIC_PAIRS = 3
MIN_CYRILLIC_COVERAGE = 0.6
MIN_CYRILLIC_HIT_RATIO = 0.3
ODD_CHAR_WEIGHT = 2.0


def text_points(text: str) -> tuple[float, bool]:
    """How plausible a decoding is as natural-language text, and whether it
    is convincingly Cyrillic.

    Sums ``word_points`` over words with non-ASCII letters, a point per
    typographic mark not wedged inside a word (``“``, ``—``, ``…``), minus
    two per odd symbol, plus the common Cyrillic letter pairs: those tell
    cp1251, koi8-u, iso8859-5... apart, as wrong ones permute the letters.
    """
    points = -ODD_CHAR_WEIGHT * len(ODD_CHAR.findall(text))
    points += len(TYPOGRAPHY.findall(text)) - len(TYPOGRAPHY_IN_WORD.findall(text))
    pairs = 0
    hits = 0.0
    cyrillic_letters = 0
    in_words = 0
    for word, count in Counter(WORD.findall(text)).items():
        if word.isascii():
            continue
        points += count * word_points(word)
        cyrillic = len(CYRILLIC_LETTER.findall(word))
        cyrillic_letters += count * cyrillic
        if cyrillic == len(word) > 1:
            in_words += count * cyrillic
            word_pairs, word_hits = cyrillic_pairs(word)
            pairs += count * word_pairs
            hits += count * word_hits
    convincing = (
        pairs >= MIN_CYRILLIC_PAIRS
        and in_words >= MIN_CYRILLIC_COVERAGE * cyrillic_letters
        and hits >= MIN_CYRILLIC_HIT_RATIO * pairs
    )
    return points + hits, convincing


def word_points(word: str) -> float:
    """Points for the non-ASCII letters of one word: plus when the word is in
    one script with a normal case pattern (lower, UPPER, Capitalised), minus
    otherwise (``cafÈ``, ``fьr``, ``It𠏋``). Latin Extended letters count
    half: a wrong Central European decoding of Western text is full of them
    (``nińo``), the right decoding of Polish or Czech has odd symbols instead.
    """
    non_ascii = len(word) - len(word.encode("ascii", errors="ignore"))
    weight = non_ascii - 0.5 * len(LATIN_EXTENDED.findall(word))
    one_script = any(script.fullmatch(word) for script in SCRIPT_WORDS) or not (
        KNOWN_SCRIPT_LETTER.search(word)
    )
    normal_case = word.islower() or word.isupper() or word.istitle()
    return weight if one_script and normal_case else -weight


def cyrillic_pairs(word: str) -> tuple[int, float]:
    """Letter pairs of a Cyrillic word and how many are common ones (half a
    hit when only the case is off)."""
    hits = 0.0
    for pair in map("".join, pairwise(word)):
        if pair in COMMON_CYRILLIC_BIGRAMS:
            hits += 1.0
        elif pair.lower() in COMMON_CYRILLIC_BIGRAMS:
            hits += 0.5
    return len(word) - 1, hits
