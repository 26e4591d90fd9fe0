"""What the tests of ``ingest_plugins.decode`` share: the seed texts, short
texts in several languages and scripts, and ways to damage them.

Every variant is generated at test time from the two seed articles (or
from short texts written here): encode the clean text some way, decode it
back, compare with the clean text computed independently.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

from ingest_plugins.decode import read_source
from ingest_plugins.document import SourceText
from tests.conftest import SEEDS

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


# Hypothesis settings of the property tests.
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# Inputs the byte-mutating property tests start from.
SEED_BYTES = [
    RAW_000,
    RAW_002,
    TEXT_002.encode("cp1251"),
    UKRAINIAN.encode("koi8-u"),
    TEXT_000.encode("utf-16"),
    mojibake(TEXT_002).encode("utf-8"),
]
