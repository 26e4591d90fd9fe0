"""Language-keyed slots (``{"en": text}``) and script tests, on top of ``language``.

An ``Article``'s title, summary and body map a language code to text;
these helpers build such slots from text with ``detect_language``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest_plugins.language import UNDETERMINED, detect_language, script_counts

__all__ = [
    "cyrillic_languages",
    "detect_language",
    "group_by_language",
    "is_cyrillic_text",
    "lang_slot",
    "slot_language",
]

# Letters only Ukrainian, or only Russian, has.
_UK_ONLY = frozenset("іїєґІЇЄҐ")
_RU_ONLY = frozenset("ыэёъЫЭЁЪ")


def lang_slot(text: str, fallback: str | None = None) -> dict[str, str]:
    """Return ``{language: text}`` (``{}`` for no text); ``fallback`` replaces ``und``."""
    if not text:
        return {}
    lang = detect_language(text)
    if lang == UNDETERMINED and fallback:
        lang = fallback
    return {lang: text}


def slot_language(slot: dict[str, str]) -> str | None:
    """The language key of a one-entry slot, ``None`` when the slot is empty."""
    return next(iter(slot), None)


def is_cyrillic_text(text: str) -> bool:
    """True when ``text`` has Cyrillic letters and at least as many as Latin ones.

    This is the same split ``detect_language`` makes before it weighs
    Ukrainian against Russian.
    """
    cyrillic, latin = script_counts(text)
    return cyrillic > 0 and cyrillic >= latin


def cyrillic_languages(blocks: Sequence[str]) -> list[str]:
    """Languages of Cyrillic blocks that belong together, ``uk``, ``ru`` or ``und`` each.

    Each block is detected on its own. When the detector cannot tell (a
    short title with neither language's own letters and no function word)
    and the block holds no letter of either language, the block takes the
    language the other blocks agree on: a translator writes title and
    summary in one language. A block with letters of both languages stays
    ``und``, so this fallback never files a Russian block as ``uk``.
    """
    detected = [detect_language(block) for block in blocks]
    known = set(detected) - {UNDETERMINED}
    agreed = next(iter(known)) if len(known) == 1 else UNDETERMINED
    return [
        agreed
        if lang == UNDETERMINED and not any(ch in _UK_ONLY or ch in _RU_ONLY for ch in block)
        else lang
        for block, lang in zip(blocks, detected, strict=True)
    ]


def group_by_language(
    paragraphs: Sequence[str], latin_lang: str, is_cyrillic: Sequence[bool] | None = None
) -> dict[str, str]:
    """Join ``paragraphs`` with blank lines, one entry per language.

    Latin-script paragraphs all go under ``latin_lang`` (the article's
    language), Cyrillic ones under their own language (``cyrillic_languages``).
    ``is_cyrillic`` is ``is_cyrillic_text`` of each paragraph, when the
    caller has it already.
    """
    if is_cyrillic is None:
        is_cyrillic = [is_cyrillic_text(p) for p in paragraphs]
    cyrillic = [p for p, yes in zip(paragraphs, is_cyrillic, strict=True) if yes]
    cyrillic_lang = iter(cyrillic_languages(cyrillic))
    grouped: dict[str, list[str]] = {}
    for paragraph, yes in zip(paragraphs, is_cyrillic, strict=True):
        lang = next(cyrillic_lang) if yes else latin_lang
        grouped.setdefault(lang, []).append(paragraph)
    return {lang: "\n\n".join(texts) for lang, texts in grouped.items()}
