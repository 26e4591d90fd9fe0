"""Seeded news-like prose: names, headlines, sentences, paragraphs, article bodies.

Everything takes a ``random.Random`` so that one seed always gives the same
text. The output reads like wire copy (quotes, numbers, places, curly
typography) without being any real article.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from . import words as w


@dataclass(frozen=True)
class Block:
    """One body block: a paragraph, a sub-heading or a list item."""

    kind: str
    """``p`` (paragraph), ``h`` (sub-heading), ``li`` (list item) or ``quote``."""
    text: str
    """The block's text; ``\\n`` inside a paragraph is a line break (``<br>``)."""


def person(rng: random.Random) -> str:
    """An invented full name."""
    return f"{rng.choice(w.FIRST_NAMES)} {rng.choice(w.LAST_NAMES)}"


def number(rng: random.Random) -> str:
    """A number as news copy prints it: ``12``, ``1,200``, ``3.5 percent``, ``$40m``."""
    form = rng.random()
    if form < 0.3:
        return str(rng.randint(2, 60))
    if form < 0.6:
        return f"{rng.randint(1, 90) * 100 + rng.choice((0, 50)):,}"
    if form < 0.8:
        return f"{rng.randint(1, 30)}.{rng.randint(1, 9)} percent"
    return f"${rng.randint(2, 900)}m"


def _cap(text: str) -> str:
    """``text`` with its first letter upper-cased."""
    return text[:1].upper() + text[1:]


def headline(rng: random.Random) -> str:
    """A headline: capitalised, no closing full stop."""
    templates = (
        "{place} {nouns} weigh {noun} against {noun2}",
        "{inst} {verb} {adj} {noun} plan",
        "{noun} talks stall over {noun2} in {place}",
        "{adj} {noun} leaves {nouns} in {place} waiting",
        "{place} {verb} {noun} deal as {noun2} costs climb",
        "What the {adj} {noun} means for {nouns} in {place}",
        "{nouns} in {place} brace for {adj} {noun}",
        "{inst} under pressure over {noun} in {place}",
    )
    text = rng.choice(templates).format(
        place=rng.choice(w.PLACES),
        nouns=rng.choice(w.NOUNS),
        noun=rng.choice(w.NOUNS),
        noun2=rng.choice(w.NOUNS),
        adj=rng.choice(w.ADJECTIVES),
        verb=rng.choice(w.VERBS_PAST),
        inst=rng.choice(w.INSTITUTIONS),
    )
    return _cap(text)


def sub_heading(rng: random.Random) -> str:
    """A short sub-heading inside an article."""
    return _cap(
        f"{rng.choice(w.ADJECTIVES)} {rng.choice(w.NOUNS)}, "
        f"{rng.choice(w.ADJECTIVES)} {rng.choice(w.NOUNS)}"
    )


def _subject(rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.35:
        return _cap(rng.choice(w.INSTITUTIONS))
    if choice < 0.6:
        return person(rng)
    if choice < 0.8:
        return f"Officials in {rng.choice(w.PLACES)}"
    return f"The {rng.choice(w.ADJECTIVES)} {rng.choice(w.NOUNS)}"


def _pick(options: tuple[str, ...]) -> Callable[[random.Random], str]:
    """A drawer of one of ``options``."""
    return lambda rng: rng.choice(options)


_DRAW: dict[str, Callable[[random.Random], str]] = {
    "subj": lambda rng: _subject(rng),
    "name": lambda rng: person(rng),
    "role": _pick(w.ROLES),
    "say": _pick(w.SAY_VERBS),
    "verb": _pick(w.VERBS_PAST),
    "pres": _pick(w.VERBS_PRESENT),
    "adj": _pick(w.ADJECTIVES),
    "noun": _pick(w.NOUNS),
    "place": _pick(w.PLACES),
    "inst": _pick(w.INSTITUTIONS),
    "time": _pick(w.TIME_PHRASES),
    "conn": _pick(w.CONNECTORS),
    "num": lambda rng: number(rng),
    "year": lambda rng: str(rng.randint(1991, 2021)),
}
"""How each template field is drawn (``noun2``, ``noun3`` draw like ``noun``)."""


class _Fill(dict[str, str]):
    """Template values drawn only when a template asks for them."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        value = self[key] = _DRAW[key.rstrip("23")](self.rng)
        return value


_SENTENCES = (
    "{subj} {verb} the {adj} {noun} {time}, a move that {inst} {verb2} as {adj2}.",
    "“The {noun} will not wait for the {noun2},” {name}, {role}, {say}.",
    "{conn} {inst} {verb} {num} in new {noun} for {place}, where {noun2} have {verb2}.",
    "The {noun} has been {verb} since {year}, when {inst} {verb2} a {adj} {noun2} "
    "meant to {pres} the {noun3} of {place}.",
    "{name}, {role}, {say} the {noun} was “{adj} but {adj2}” and that {place}’s "
    "{noun2} would need more time.",
    "More than {num} {noun} were {verb} in {place} {time} — a figure {inst} has not {verb2}.",
    "{subj} {say} {inst} would {pres} the {noun} only if the {noun2} in {place} were {verb} first.",
    "In {place}, {noun} and {noun2} have {verb} {time}, and {adj} {noun3} are expected to follow.",
    "“We {verb} the {noun} because the {noun2} left us no choice,” {say} {name}.",
    "{conn} the {adj} {noun} remains {verb} while {noun2} from {place} wait for "
    "a decision on the {noun3}.",
)


def sentence(rng: random.Random) -> str:
    """One sentence of news copy, 10–40 words, with curly quotes now and then."""
    return rng.choice(_SENTENCES).format_map(_Fill(rng))


def paragraph(rng: random.Random, sentences: tuple[int, int] = (2, 4)) -> str:
    """A paragraph of ``sentences`` (min, max) sentences; rarely two lines."""
    parts = [sentence(rng) for _ in range(rng.randint(*sentences))]
    if len(parts) > 2 and rng.random() < 0.05:
        return " ".join(parts[:-1]) + "\n" + parts[-1]
    return " ".join(parts)


def article_blocks(rng: random.Random, paragraphs: tuple[int, int], lists: bool) -> list[Block]:
    """An article body: paragraphs with a sub-heading or two, a quote and maybe a list."""
    count = rng.randint(*paragraphs)
    blocks = [Block("p", paragraph(rng)) for _ in range(count)]
    for _ in range(rng.randint(0, 2)):
        blocks.insert(rng.randint(2, max(2, len(blocks) - 1)), Block("h", sub_heading(rng)))
    if rng.random() < 0.4:
        at = rng.randint(1, len(blocks) - 1)
        blocks.insert(at, Block("quote", sentence(rng)))
    if lists and rng.random() < 0.4:
        at = rng.randint(2, len(blocks) - 1)
        items = [Block("li", _cap(sentence(rng))) for _ in range(rng.randint(2, 4))]
        blocks[at:at] = items
    return blocks


def comment_text(rng: random.Random) -> list[str]:
    """A reader comment: one or two short paragraphs."""
    return [paragraph(rng, (1, 3)).replace("\n", " ") for _ in range(rng.choice((1, 1, 1, 2)))]


def cyrillic_text(rng: random.Random, lang: str, words: int, full_stop: bool) -> str:
    """A Ukrainian or Russian block of ``words`` words (a title without a full stop)."""
    vocabulary = w.UK_WORDS if lang == "uk" else w.RU_WORDS
    function = w.UK_FUNCTION if lang == "uk" else w.RU_FUNCTION
    picked = [
        rng.choice(function) if rng.random() < 0.35 else rng.choice(vocabulary)
        for _ in range(words)
    ]
    text = _cap(" ".join(picked))
    if not full_stop:
        return text
    sentences: list[str] = []
    step = max(6, words // 3)
    for start in range(0, len(picked), step):
        sentences.append(_cap(" ".join(picked[start : start + step])) + ".")
    return " ".join(sentences)
