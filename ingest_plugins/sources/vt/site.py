"""What is true of Veterans Today pages, whatever their format.

The site's name and URLs (claiming a saved page by its head or JSON-LD),
the phrases of its two disclaimer blocks (claiming a text copy, and
keeping disclaimers out of the body), its chrome lines (share bars,
comment-form labels, related-post headings) and what its bylines add
after the names. Both parsers (``text`` and ``html``) read VT content
through these rules, so they agree on what is what.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest_plugins import SourceText
from ingest_plugins.parsing import bylines
from ingest_plugins.parsing.claims import page_declares_site, page_names_a_site
from ingest_plugins.parsing.lines import AD_LABEL_RE, classify_line, strip_invisible
from ingest_plugins.parsing.urls import url_in_domains

NAME = "vt"
"""The source name written into every ``Article`` (the plugin's ``NAME``)."""

# ---------------------------------------------------------------------------
# VT disclaimers and claim markers
# ---------------------------------------------------------------------------

# Phrases that only VT's own disclaimers use; one is needed to call a block a disclaimer.
_DISCLAIMER_STRONG = (
    "see the world from all sides",
    "non-vt sources",
    "about vt",
    "policies and disclosures",
    "views of vt",
    "vt cannot guarantee",
    "independent international writers",
    "article author and not vt",
)

# Generic phrases of the same disclaimers; they add weight but prove nothing alone.
_DISCLAIMER_WEAK = (
    "fully informed",
    "intentional disinformation",
    "seek corroboration",
    "educated opinion",
    "comment policy",
    "uncensored content",
    "absolute validity",
    "owned by the author exclusively",
    "satirical in nature",
    "full responsibility of the article author",
)

_DISCLAIMER_HEADING_MAX = 120
"""A disclaimer heading is one short line (longer lines are paragraphs)."""

_TEXT_CLAIM_MARKERS = (
    *_DISCLAIMER_STRONG,
    "veterans today",
    "veteranstoday.com",
)


def _probe_word(phrase: str) -> str:
    """The word of ``phrase`` least likely elsewhere: one with ``vt`` in it, else the longest.

    Never one with ``and`` or an apostrophe in it: the match key may have
    made those of ``&`` and ``’``, so they need not be in the raw text.
    """
    words = [word for word in phrase.split() if "and" not in word and "'" not in word]
    return next((word for word in words if "vt" in word), max(words, key=len))


_TEXT_CLAIM_WORDS = tuple((marker, _probe_word(marker)) for marker in _TEXT_CLAIM_MARKERS)
"""Each marker with the word ``text_has_vt_markers`` looks for first."""
_DISCLAIMER_PHRASES = (*_DISCLAIMER_STRONG, *_DISCLAIMER_WEAK)
_DISCLAIMER_PROBES = frozenset(_probe_word(p) for p in _DISCLAIMER_PHRASES)
"""A probe word of every disclaimer phrase (see ``_disclaimer_hits``)."""
_TEXT_CLAIM_MIN = 2
"""Distinct VT markers a text copy needs before the plugin claims it."""


def _collapse_lines(text: str) -> str:
    """Each line of ``text`` with its white space collapsed and its ends stripped."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def _match_text(text: str) -> str:
    """``text`` lower-cased, without invisible characters, with apostrophes and ``&`` unified."""
    return strip_invisible(text).lower().replace("’", "'").replace("&", " and ")


def _disclaimer_hits(text: str) -> tuple[int, int]:
    """Return how many strong and weak disclaimer phrases ``text`` contains.

    A phrase can only be in the key when its probe word is in the lower-cased
    text: most blocks of a page hold none, and are done without a key.
    """
    lowered = _match_text(text)
    if not _has_probe(lowered):
        return 0, 0
    key = _collapse_lines(lowered)
    strong = sum(phrase in key for phrase in _DISCLAIMER_STRONG)
    weak = sum(phrase in key for phrase in _DISCLAIMER_WEAK)
    return strong, weak


def _has_probe(lowered: str) -> bool:
    """True when ``lowered`` (see ``_match_text``) holds a disclaimer phrase's probe word."""
    return any(word in lowered for word in _DISCLAIMER_PROBES)


def may_hold_disclaimer(text: str) -> bool:
    """False when no part of ``text`` can be a disclaimer or a disclaimer heading.

    True is only a maybe: ``text``, its white space collapsed across lines,
    holds a disclaimer phrase (which may span two of its parts). Any piece
    of a text for which this is False has no phrase either.
    """
    key = " ".join(_match_text(text).split())
    return any(phrase in key for phrase in _DISCLAIMER_PHRASES)


def is_disclaimer(text: str) -> bool:
    """True when ``text`` reads like one of VT's disclaimer blocks.

    It must hold at least one VT-specific phrase and two phrases in all, so
    a reworded disclaimer is still found but an article that merely
    mentions VT is not.
    """
    return _reads_as_disclaimer(_disclaimer_hits(text))


def _reads_as_disclaimer(hits: tuple[int, int]) -> bool:
    """``is_disclaimer`` from the text's ``_disclaimer_hits``."""
    strong, weak = hits
    return strong >= 1 and strong + weak >= 2


def is_disclaimer_heading(text: str) -> bool:
    """True when ``text`` is a short line that could head a disclaimer block."""
    return _is_heading(text, _disclaimer_hits(text))


def _is_heading(text: str, hits: tuple[int, int]) -> bool:
    """``is_disclaimer_heading`` from the text's ``_disclaimer_hits``."""
    if "\n" in text or len(text) > _DISCLAIMER_HEADING_MAX:
        return False
    return sum(hits) >= 1


def merge_disclaimers(blocks: Sequence[str]) -> list[tuple[int, int]]:
    """Find disclaimer blocks in ``blocks``; return ``(first, last)`` index pairs.

    A lone heading line is joined with the paragraph that follows it when
    that paragraph belongs to a disclaimer too (and is no heading itself);
    otherwise a block that reads as a disclaimer stands on its own (heading
    and paragraph already together, as in text copies). Each block's
    phrases are counted once.
    """
    hits = [_disclaimer_hits(block) for block in blocks]
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(blocks):
        if i + 1 < len(blocks) and _heads_paragraph(blocks[i], hits[i], blocks[i + 1], hits[i + 1]):
            found.append((i, i + 1))
            i += 2
        elif _reads_as_disclaimer(hits[i]):
            found.append((i, i))
            i += 1
        else:
            i += 1
    return found


def _heads_paragraph(
    heading: str, heading_hits: tuple[int, int], paragraph: str, paragraph_hits: tuple[int, int]
) -> bool:
    """True when ``heading`` is a disclaimer heading and ``paragraph`` its text."""
    if not _is_heading(heading, heading_hits) or sum(paragraph_hits) < 1:
        return False
    first_line, newline, _ = paragraph.partition("\n")
    first_hits = _disclaimer_hits(first_line) if newline else paragraph_hits
    return not _is_heading(first_line, first_hits) and is_disclaimer(heading + "\n" + paragraph)


def text_has_vt_markers(text: str) -> bool:
    """True when ``text`` holds at least two distinct VT-specific markers.

    Each marker is looked for lower-cased, apostrophes and ``&`` unified (a phrase never spans
    lines), but only in the lines that hold its probe word: a long page
    is not normalised as a whole.
    """
    lowered = _match_text(text)
    found = sum(_has_phrase(lowered, marker, word) for marker, word in _TEXT_CLAIM_WORDS)
    return found >= _TEXT_CLAIM_MIN


def _has_phrase(lowered: str, phrase: str, word: str) -> bool:
    """True when a line of ``lowered``, with its spaces collapsed, holds ``phrase``.

    ``word`` is a word of ``phrase``: only the lines containing it are read.
    """
    start = lowered.find(word)
    while start != -1:
        line_start = lowered.rfind("\n", 0, start) + 1
        line_end = lowered.find("\n", start)
        line_end = len(lowered) if line_end == -1 else line_end
        if phrase in " ".join(lowered[line_start:line_end].split()):
            return True
        start = lowered.find(word, line_end)
    return False


# ---------------------------------------------------------------------------
# Site chrome
# ---------------------------------------------------------------------------

# Each pattern matches a whole (cleaned) line that is site chrome, not prose.
_CHROME_PATTERNS: dict[str, re.Pattern[str]] = {
    # "Comments are closed."
    "comments_closed": re.compile(r"comments are closed\.?", re.I),
    # "Leave a Reply", "Leave a comment", "Leave a Reply Cancel reply"
    "leave_reply": re.compile(r"leave a (?:reply|comment)(?: cancel reply)?", re.I),
    # "You must be logged in to post a comment."
    "login_to_comment": re.compile(
        r"you must be (?:logged in|registered) to (?:post a )?comment\.?", re.I
    ),
    # "5 COMMENTS", "12 Responses", "3 thoughts on “Title”"
    "comment_count": re.compile(r"\d+\s+(?:comments?|responses?|replies|thoughts? on\b.*)", re.I),
    # Single-word controls under a comment or a share bar.
    "controls": re.compile(
        r"(?:reply|load more comments|show more replies|facebook|twitter|telegram|whatsapp"
        r"|linkedin|pinterest|reddit|email|print|copy (?:link|url)|gab|gettr|vk)",
        re.I,
    ),
    # "Share", "Share this:", "Share this article on"
    "share": re.compile(r"share(?: this)?(?: article| post| story)?(?: on| via)?:?", re.I),
    # "Advertisement", "- Advertisement -", "Sponsored content"
    "advertisement": AD_LABEL_RE,
    # Headings of related-post widgets and post navigation.
    "related": re.compile(
        r"(?:related(?: posts| articles| stories)?|more from (?:the )?author|you may also like"
        r"|recommended(?: for you)?|read more|previous article|next article|trending now)"
        r":?",
        re.I,
    ),
    # "TAGS", "Tags: Belarus, Russia"
    "tags": re.compile(r"tags?(?::.*)?", re.I),
}


def chrome_kind(line: str) -> str | None:
    """Name the chrome pattern that matches the whole of ``line``, or ``None``."""
    return classify_line(line, _CHROME_PATTERNS)


# ---------------------------------------------------------------------------
# Bylines
# ---------------------------------------------------------------------------

AFFILIATIONS = ("vt", "veterans today")
"""What a byline may name after the authors that is the site, not a person."""


def parse_byline(line: str) -> tuple[str, ...]:
    """Return the author names of a VT byline line, or ``()`` if it is not one.

    ``By X, Senior Editor`` gives ``("X",)`` (the role is dropped) and
    ``By X and Y`` gives ``("X", "Y")``.
    """
    return bylines.parse_byline(line, affiliations=AFFILIATIONS)


# ---------------------------------------------------------------------------
# Claiming a page by its metadata (regexes on the raw text: no parsing)
# ---------------------------------------------------------------------------

# The site's name as pages spell it: "Veterans Today", "VeteransToday".
_VT_NAME_RE = re.compile(r"\bveterans\s*today\b", re.I)
_VT_DOMAINS = ("veteranstoday.com", "veteranstodayarchives.com")
"""The site, and the archive site that holds its older posts."""


def is_vt_url(url: str) -> bool:
    """True for a URL on veteranstoday.com or its archive site (any subdomain)."""
    return url_in_domains(url, _VT_DOMAINS)


def is_vt_name(name: str) -> bool:
    """True when ``name`` spells the site's name."""
    return _VT_NAME_RE.search(name) is not None


def html_claims(source: SourceText) -> bool:
    """True when a page declares itself a VT page.

    Looks at ``link rel=canonical``, ``og:url``, ``og:site_name`` and the
    JSON-LD publisher; a page whose head names no site at all still counts
    when its text carries VT's disclaimer markers (a page of another site
    that quotes them does not).
    """
    if page_declares_site(source, is_site_url=is_vt_url, is_site_name=is_vt_name):
        return True
    return not page_names_a_site(source) and text_has_vt_markers(source.text)
