"""Bylines: ``By X``, ``By X, Senior Editor``, ``By X and Y`` to author names.

A byline names people by at least first and last name, so prose that
happens to start with ``By`` (``By February, the troops had left``, ``By
the end of the year…``) is no byline. After the names may come, separated
by ``,``, `` | `` or `` - ``: more names, a role (``Senior Editor``) or an
affiliation (``Antiwar.com``, ``Reuters``, or a phrase the site passes as
``affiliations``, such as its own name); they are dropped. A place after a
name (``Ali Harb in Washington``) or an outlet after the names (``By X and
Y for New Eastern Outlook``) is dropped as well, and so is an agency joined
to the names by ``and`` (``By Ali Harb and Reuters``).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from .lines import clean_line

__all__ = [
    "ROLE_WORDS",
    "is_person_name",
    "parse_author_names",
    "parse_byline",
]

# "By Dave Decamp", "Written by: X in Kyiv", "Posted by A and B", "Reported by X",
# "…by Jonas E. Alexis" (VT's older posts).
_BYLINE_RE = re.compile(
    r"(?:…|\.{3}|[–—-])?\s*(?:(?:written|posted|reported)\s+)?by:?\s+(?P<names>\S.*)", re.I
)
# Separators between a byline's names and its role or affiliation: ",", " | ", " - ".
_ROLE_SEPARATOR_RE = re.compile(r"\s*(?:,|\s[|–—-]\s)\s*")
# Separators between names: " and ", " & ".
_NAME_JOIN_RE = re.compile(r"\s+(?:and|&)\s+", re.I)
# A place or an outlet after the names: "Ali Harb in Washington", "X for New Eastern Outlook".
_NAME_PLACE_RE = re.compile(r"\s+(?:in|for)\s+[A-Z].*$")
# Arabic name particles written lower-case with a hyphen: "al-Tahhan", "el-Sisi".
_NAME_PREFIXED_RE = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az|ul)-[^\W\d_][\w'’-]*")
# A web address standing for a publication: "Antiwar.com".
_DOMAIN_RE = re.compile(r"[^\W_][\w-]*(?:\.[\w-]+)*\.[a-z]{2,}")

# Lower-case particles that may stand alone inside a personal name.
_NAME_PARTICLES = frozenset(
    "al el bin ibn ben bint abu de da di del della der den van von la le du st. y".split()
)
# Lower-case words that may join the capitalised words of an affiliation.
_AFFILIATION_JOINERS = frozenset("of for the and & on in at de".split())

ROLE_WORDS = frozenset(
    "editor editors writer writers correspondent contributor contributing columnist reporter "
    "producer journalist staff senior chief bureau analyst chairman director founder publisher "
    "author managing associate guest retired ret. ret phd ph.d. md jd usmc usa usn usaf "
    "digital online news agency agencies".split()
)
"""Words that mark a byline part as a role or an affiliation, not a name."""

_NAME_MIN_WORDS = 2
_NAME_MAX_WORDS = 6
_AFFILIATION_MAX_WORDS = 6


def is_person_name(text: str) -> bool:
    """True when ``text`` looks like one person's name: 2–6 capitalised words.

    Particles (``de``, ``van``, ``bin``…) and hyphenated Arabic prefixes
    (``al-Tahhan``) may be lower case; a web address is no name.
    """
    words = text.split()
    if not _NAME_MIN_WORDS <= len(words) <= _NAME_MAX_WORDS or not words[0][:1].isupper():
        return False
    for word in words:
        if word.lower() in _NAME_PARTICLES or _NAME_PREFIXED_RE.fullmatch(word):
            continue
        if not word[:1].isupper() or not all(ch.isalpha() or ch in ".'’-" for ch in word):
            return False
        if _DOMAIN_RE.fullmatch(word):
            return False
    return True


def _key_words(text: str) -> list[str]:
    """The lower-cased words of ``text`` without edge punctuation and possessive ``'s``."""
    words = (w.strip(".,()").lower() for w in text.split())
    return [w.removesuffix("'s").removesuffix("’s") for w in words]


def _is_role(text: str, affiliations: Collection[str]) -> bool:
    """True when a byline part holds a role word or one of the ``affiliations`` phrases."""
    words = _key_words(text)
    if ROLE_WORDS.intersection(words):
        return True
    padded = f" {' '.join(words)} "
    return any(f" {phrase.lower()} " in padded for phrase in affiliations)


def _is_affiliation(text: str) -> bool:
    """True for a publication-like byline part: a web address or capitalised words."""
    words = text.split()
    if len(words) == 1 and _DOMAIN_RE.fullmatch(words[0].lower()):
        return True
    return 0 < len(words) <= _AFFILIATION_MAX_WORDS and all(
        word[:1].isupper() or word[:1].isdigit() or word in _AFFILIATION_JOINERS for word in words
    )


def _split_names(text: str, affiliations: Collection[str]) -> list[str] | None:
    """Split ``X and Y`` (a place after a name dropped) into names; ``None`` if not names.

    The first must be a name; after it, an agency or a role joined by ``and``
    (``X and Reuters``, ``X and AFP``, ``X and news agencies``) is dropped.
    """
    first, *rest = _NAME_JOIN_RE.split(_NAME_PLACE_RE.sub("", text))
    if not is_person_name(first):
        return None
    names = [first]
    for piece in rest:
        role = _is_role(piece, affiliations)
        if is_person_name(piece) and not role:
            names.append(piece)
        elif not (role or _is_affiliation(piece)):
            return None  # prose after "and"
    return names


def parse_author_names(text: str, *, affiliations: Collection[str] = ()) -> tuple[str, ...]:
    """Split ``X and Y`` / ``X, Y`` / ``X, Senior Editor`` into names; ``()`` if not a byline.

    The first part must be names. Later parts are more names, a role, an
    affiliation (capitalised words, a web address, or a phrase of
    ``affiliations``, matched as whole words in any case) or else the text
    is prose, not a byline.
    """
    names: list[str] = []
    for position, part in enumerate(_ROLE_SEPARATOR_RE.split(clean_line(text))):
        if not part:
            continue
        if position > 0 and _is_role(part, affiliations):
            continue
        found = _split_names(part, affiliations)
        if found is not None:
            names.extend(found)
        elif position == 0 or not _is_affiliation(part):
            return ()
    return tuple(names)


def parse_byline(line: str, *, affiliations: Collection[str] = ()) -> tuple[str, ...]:
    """Return the author names of a byline line (``By X…``), or ``()`` if it is not one.

    ``By X, Senior Editor`` gives ``("X",)`` and ``By X and Y`` gives
    ``("X", "Y")``; ``affiliations`` as for ``parse_author_names``.
    """
    match = _BYLINE_RE.fullmatch(clean_line(line))
    return parse_author_names(match.group("names"), affiliations=affiliations) if match else ()
