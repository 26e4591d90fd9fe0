"""What is true of Al Jazeera pages and reposts, whatever their format.

The site's name and URLs (claiming a saved page by its head or JSON-LD,
a text repost by its header line, URL line or credit), the language of
its Latin-script text, its chrome lines (``Advertisement``, share bars,
``Recommended Stories`` lists, image captions) and what its bylines add
after the names. Both parsers (``text`` and ``html``) use these rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ingest_plugins import SourceText
from ingest_plugins.parsing import bylines
from ingest_plugins.parsing.claims import page_declares_site
from ingest_plugins.parsing.dates import DateLine, parse_date_line
from ingest_plugins.parsing.languages import detect_language, is_cyrillic_text
from ingest_plugins.parsing.lines import (
    AD_LABEL_RE,
    classify_line,
    clean_line,
    split_lines,
)
from ingest_plugins.parsing.urls import parse_url_line, url_in_domains

NAME = "aljazeera"
"""The source name written into every ``Article`` (the plugin's ``NAME``)."""

DEFAULT_LATIN_LANGUAGE = "en"
"""Latin-script text of this source is English unless detected otherwise."""

# ---------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------


def latin_language(text: str) -> str:
    """Language of the Latin-script parts of an article (``en`` unless clearly other)."""
    lang = detect_language(text)
    if lang in ("und", "uk", "ru"):
        return DEFAULT_LATIN_LANGUAGE
    return lang


# ---------------------------------------------------------------------------
# Header, URL and byline lines
# ---------------------------------------------------------------------------

# The repost header: the site's name, punctuation, then (optionally) a date:
# "Al Jazeera.- 01.07.2022", "AL JAZEERA, 1 July 2022", "Al Jazeera English".
_HEADER_RE = re.compile(
    r"al[\s-]*jazeera(?:\s+english)?\s*[.,:;|/–—-]*\s*(?P<rest>.*)",
    re.I,
)


def parse_header_line(line: str) -> DateLine | None:
    """Return the header's date if ``line`` is an ``Al Jazeera <date>`` header.

    A bare ``Al Jazeera`` line is a header without a date (an empty value).
    """
    match = _HEADER_RE.fullmatch(clean_line(line))
    if not match:
        return None
    rest = match.group("rest")
    if not rest:
        return DateLine("")
    return parse_date_line(rest)


_AJ_DOMAINS = ("aljazeera.com", "aljazeera.net")


def is_aljazeera_url(url: str) -> bool:
    """True when ``url`` points at an Al Jazeera site (any subdomain)."""
    return url_in_domains(url, _AJ_DOMAINS)


AFFILIATIONS = ("al jazeera",)
"""What a byline may name after the authors that is the site, not a person."""


def parse_byline(line: str) -> tuple[str, ...]:
    """Return the author names of a byline line (``By Ali Harb``), or ``()`` if it is not one."""
    return bylines.parse_byline(line, affiliations=AFFILIATIONS)


# ---------------------------------------------------------------------------
# Site chrome
# ---------------------------------------------------------------------------

# Each pattern matches a whole (cleaned) line of Al Jazeera site chrome.
_CHROME_PATTERNS: dict[str, re.Pattern[str]] = {
    # "Advertisement", "- Advertisement -", "Sponsored"
    "advertisement": AD_LABEL_RE,
    # The related-stories widget's heading: "Recommended Stories", "Keep reading".
    "list_start": re.compile(
        r"(?:recommended stories|keep reading|more from al jazeera|related stories"
        r"|more on this(?: story)?|list of \d+ items?):?",
        re.I,
    ),
    # Screen-reader markers inside that widget: "list 2 of 4", "end of list".
    "list_marker": re.compile(r"list \d+ of \d+|end of list", re.I),
    # Share bar: "Share", "Click here to share on social media", network names.
    "share": re.compile(
        r"share(?: this(?: article| story)?)?(?: on| via)?:?|share2|save|"
        r"click here to share on social media|copy link|"
        r"(?:share on )?(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|"
        r"flipboard|print)",
        re.I,
    ),
    # "Follow Al Jazeera English:", "Follow us on Twitter".
    "follow": re.compile(r"follow (?:al jazeera(?: english)?|us)(?: on [\w ]+)?:?", re.I),
    # The credit line "Source: Al Jazeera and news agencies" (a credit, not a person).
    "source_credit": re.compile(r"source:\s*[^.!?]{2,80}", re.I),
    # Newsletter box and audio player labels.
    "newsletter": re.compile(
        r"sign up for al jazeera|subscribe|your subscription failed\. please try again\.|"
        r"please check your email to confirm your subscription|"
        r"by signing up, you agree to our privacy policy|listen to this article|"
        r"\d+ mins? (?:read|listen)",
        re.I,
    ),
    # A line without letters or digits: "* * *", "---".
    "separator": re.compile(r"[^\w]+"),
}

# An image caption ends in a bracketed photo credit: "[File: Reuters]", "[AP Photo/X]",
# "[Ali Harb/Al Jazeera]". The credit must name an agency or hold a slash.
_CAPTION_RE = re.compile(
    r".*\[(?:file(?: photo)?:\s*)?[^\[\]]*"
    r"(?:/|\b(?:reuters|ap|afp|getty|epa|anadolu|sputnik|handout|al jazeera|file)\b)"
    r"[^\[\]]*\]",
    re.I,
)


def chrome_kind(line: str) -> str | None:
    """Name the chrome pattern that matches the whole of ``line``, or ``None``."""
    text = clean_line(line)
    kind = classify_line(text, _CHROME_PATTERNS, cleaned=True)
    if kind is None and text.endswith("]") and _CAPTION_RE.fullmatch(text):
        return "caption"
    return kind


# The note under every opinion piece ("... editorial stance." now, "... editorial
# policy." on older pages): the site's disclaimer, not the author's text.
_DISCLAIMER_RE = re.compile(
    r"the views expressed in this article are the author['’]s own and do not necessarily"
    r" reflect al jazeera['’]s editorial (?:stance|policy)\.?",
    re.I,
)


def is_disclaimer(line: str) -> bool:
    """True when ``line`` is the site's disclaimer under an opinion piece."""
    return _DISCLAIMER_RE.fullmatch(clean_line(line)) is not None


_LIST_ITEM_MAX_CHARS = 160
_LIST_ITEM_MAX_WORDS = 25
# A bullet before a list item: "•", "*", "-".
_BULLET_RE = re.compile(r"[•*·‣–—-]\s+\S.*")


def is_list_item(line: str) -> bool:
    """True when ``line`` can be an entry of a related-stories list (a headline).

    Headlines are short Latin-script lines that do not end a sentence.
    """
    text = clean_line(line)
    if not text or chrome_kind(text) is not None or _BULLET_RE.fullmatch(text):
        return bool(text)
    return (
        len(text) <= _LIST_ITEM_MAX_CHARS
        and len(text.split()) <= _LIST_ITEM_MAX_WORDS
        and not text.endswith(".")
        and not is_cyrillic_text(text)
    )


def related_list_end(lines: Sequence[str], start: int) -> int:
    """Index just past the related-stories list that starts at ``lines[start]``.

    The list runs to its ``end of list`` marker; without one, over the
    headline-like lines that follow, up to the first line of prose.
    """
    index = start + 1
    while index < len(lines):
        text = lines[index]
        if text.lower() == "end of list":
            return index + 1
        if text and not is_list_item(text):
            break
        index += 1
    while index > start + 1 and not lines[index - 1]:
        index -= 1
    return index


# ---------------------------------------------------------------------------
# Claiming a text repost
# ---------------------------------------------------------------------------

_CLAIM_HEAD_LINES = 15
"""A repost's URL line, if any, is among its first non-empty lines."""

# A "Source: Al Jazeera…" credit line anywhere in the text.
_SOURCE_CREDIT_RE = re.compile(r"^[^\S\n]*source:[^\S\n]*al[\s-]*jazeera\b[^\n]*$", re.I | re.M)


def text_claims(text: str) -> bool:
    """True when ``text`` is an Al Jazeera repost or text copy.

    Any one of: an ``Al Jazeera`` header as the first line, an
    aljazeera.com URL line among the first lines, or a ``Source: Al
    Jazeera…`` credit line.
    """
    head = [line for line in split_lines(text[:20_000]) if line][:_CLAIM_HEAD_LINES]
    if head and parse_header_line(head[0]) is not None:
        return True
    for line in head:
        url = parse_url_line(line)
        if url and is_aljazeera_url(url):
            return True
    return _SOURCE_CREDIT_RE.search(text) is not None


# ---------------------------------------------------------------------------
# Claiming a page (regexes on the raw text: no parsing) and JSON-LD
# ---------------------------------------------------------------------------

# "Al Jazeera" as a site or publisher name ("Al Jazeera English", "Al Jazeera Media Network").
SITE_NAME_RE = re.compile(r"\bal[\s-]*jazeera\b", re.I)


def is_site_name(name: str) -> bool:
    """True when ``name`` names Al Jazeera."""
    return SITE_NAME_RE.search(name) is not None


def people(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` without the site's own: ``By Al Jazeera and news agencies`` is a
    byline that credits no person (``Al Jazeera Staff`` is kept, as the site's
    JSON-LD names it)."""
    return tuple(name for name in names if not SITE_NAME_RE.fullmatch(name))


def html_claims(source: SourceText) -> bool:
    """True when a saved page is an Al Jazeera page (head metadata or JSON-LD publisher)."""
    return page_declares_site(source, is_site_url=is_aljazeera_url, is_site_name=is_site_name)
