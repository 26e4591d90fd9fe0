"""Al Jazeera text reposts: the line rules, and the parser built on them.

A repost of an Al Jazeera article (as shared in Ukrainian channels and
mailing lists) reads, top to bottom:

* a header line naming the site and the date: ``Al Jazeera.- 01.07.2022``;
* the English title, as it was copied (odd casing is kept);
* optionally a translation of the title and one of the standfirst, in
  Ukrainian or Russian (each block's language is detected on its own);
* the article URL, bare or in angle brackets;
* the English standfirst (one sentence), then the English body.

Text copied from the page itself adds site chrome: ``Advertisement``,
``Recommended Stories`` with its list of links (``list of 4 items`` …
``end of list``), share bars, ``Follow Al Jazeera English:`` and the
credit line ``Source: Al Jazeera and news agencies``. All of it goes to
``boilerplate``; the credit line too (the ``Article`` has no credit field
and it names no person, so it is not an author). Image captions (a line
ending in a bracketed credit such as ``[File: Reuters]``) are page
furniture as well and go to ``boilerplate``.

Every non-empty line ends up in exactly one part of the ``Article``
(title, summary, body, boilerplate) or is a metadata line (header, date,
byline, URL) whose value was extracted. The site's line rules (chrome,
related-stories lists, byline affiliations) are shared with the HTML
parser (``aljazeera_html``); generic ones (dates, bylines, URLs, language
slots) come from ``ingest_plugins.parsing``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest_plugins import Article, InputError
from ingest_plugins.language import UNDETERMINED, detect_language
from ingest_plugins.parsing import bylines
from ingest_plugins.parsing.dates import DateLine, parse_date_line, same_day
from ingest_plugins.parsing.languages import cyrillic_languages, group_by_language, is_cyrillic_text
from ingest_plugins.parsing.lines import (
    AD_LABEL_RE,
    classify_line,
    clean_line,
    is_blank,
    split_lines,
)
from ingest_plugins.parsing.urls import parse_url_line, url_in_domains

SOURCE = "aljazeera"
"""The source name written into every ``Article`` (the plugin's ``NAME``)."""

DEFAULT_LATIN_LANGUAGE = "en"
"""Latin-script text of this source is English unless detected otherwise."""

# ---------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------


def latin_language(text: str) -> str:
    """Language of the Latin-script parts of an article (``en`` unless clearly other)."""
    lang = detect_language(text)
    if lang in (UNDETERMINED, "uk", "ru"):
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
# The text parser
# ---------------------------------------------------------------------------

_TITLE_MAX_CHARS = 250
_STANDFIRST_MAX_CHARS = 400


@dataclass
class _Parts:
    """What the line pass collects: metadata, chrome and prose paragraphs in order."""

    authors: list[str] = field(default_factory=list)
    published: str | None = None
    url: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)


def _apply_date(value: DateLine, line: str, parts: _Parts) -> None:
    """Record a date line: the first gives ``published``; a same-day one may add the time.

    Update dates and other dates are not the publication date: they are
    kept in ``boilerplate``.
    """
    if not value.value:
        return
    if value.updated:
        parts.boilerplate.append(line)
    elif parts.published is None:
        parts.published = value.value
    elif same_day(parts.published, value.value):
        if len(value.value) > len(parts.published):
            parts.published = value.value
    else:
        parts.boilerplate.append(line)


def _apply_metadata(line: str, parts: _Parts) -> bool:
    """Record ``line`` if it is a header, date, URL or byline line; say if it was."""
    header = parse_header_line(line) or parse_date_line(line)
    if header is not None:
        _apply_date(header, line, parts)
        return True
    url = parse_url_line(line)
    if url:
        if parts.url is None and is_aljazeera_url(url):
            parts.url = url
        elif url != parts.url:
            parts.boilerplate.append(line)
        return True
    authors = parse_byline(line)
    if authors:
        parts.authors.extend(a for a in authors if a not in parts.authors)
        return True
    return False


def _read_lines(lines: Sequence[str]) -> _Parts:
    """Sort lines into metadata, chrome and paragraphs (blank-line separated)."""
    parts = _Parts()
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            parts.paragraphs.append("\n".join(paragraph))
            paragraph.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        kind = chrome_kind(line) if line else None
        if not line:
            flush()
        elif kind == "list_start":
            flush()
            end = related_list_end(lines, index)
            parts.boilerplate.extend(text for text in lines[index:end] if text)
            index = end
            continue
        elif kind is not None:
            flush()
            parts.boilerplate.append(line)
        elif _apply_metadata(line, parts):
            flush()
        else:
            paragraph.append(line)
        index += 1
    flush()
    return parts


@dataclass
class _Layout:
    """Paragraphs assigned to their places in a repost."""

    title: str | None = None
    standfirst: str | None = None
    translations: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def _is_single_line(text: str, limit: int) -> bool:
    """True when ``text`` is one line of at most ``limit`` characters."""
    return "\n" not in text and len(text) <= limit


def _lay_out(paragraphs: Sequence[str]) -> _Layout:
    """Assign paragraphs by position and script.

    Until the first body paragraph (the head): the first English line is
    the title, the next English line the standfirst, and Cyrillic blocks
    are translations. Everything after is body, Cyrillic paragraphs
    included (they get their own language).
    """
    layout = _Layout()
    in_head = True
    for paragraph in paragraphs:
        if in_head and is_cyrillic_text(paragraph):
            layout.translations.append(paragraph)
        elif in_head and layout.title is None and _is_single_line(paragraph, _TITLE_MAX_CHARS):
            layout.title = paragraph
        elif (
            in_head
            and layout.title is not None
            and layout.standfirst is None
            and _is_single_line(paragraph, _STANDFIRST_MAX_CHARS)
        ):
            layout.standfirst = paragraph
        else:
            in_head = False
            layout.body.append(paragraph)
    if not layout.body and layout.standfirst is not None:
        # Only one English paragraph after the title: it is the article, not a standfirst.
        layout.body.append(layout.standfirst)
        layout.standfirst = None
    return layout


def _looks_like_title(text: str) -> bool:
    """True when a translation block reads as a title (one line, no closing full stop)."""
    return _is_single_line(text, _TITLE_MAX_CHARS) and not text.endswith(".")


def _translation_slots(blocks: Sequence[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Split translation blocks into ``(title, summary)`` slots by detected language.

    With two or more blocks the first is the title and the rest the
    summary; a single block is a title if it reads like one.
    """
    if not blocks:
        return {}, {}
    if len(blocks) == 1 and not _looks_like_title(blocks[0]):
        title_blocks: Sequence[str] = ()
        summary_blocks: Sequence[str] = blocks
    else:
        title_blocks, summary_blocks = blocks[:1], blocks[1:]
    langs = cyrillic_languages([*title_blocks, *summary_blocks])
    title: dict[str, str] = {}
    summary: dict[str, list[str]] = {}
    for block, lang in zip(title_blocks, langs, strict=False):
        title[lang] = block
    for block, lang in zip(summary_blocks, langs[len(title_blocks) :], strict=True):
        summary.setdefault(lang, []).append(block)
    return title, {lang: "\n\n".join(texts) for lang, texts in summary.items()}


def parse_text(text: str) -> Article:
    """Parse an Al Jazeera repost or text copy into an ``Article``.

    Raises ``InputError`` when the text holds no article body.
    """
    if is_blank(text):
        raise InputError("empty input")
    parts = _read_lines(split_lines(text))
    layout = _lay_out(parts.paragraphs)
    if not layout.body:
        raise InputError("no article body found in the Al Jazeera text")
    latin_text = "\n\n".join(
        p
        for p in (layout.title, layout.standfirst, *layout.body)
        if p is not None and not is_cyrillic_text(p)
    )
    lang = latin_language(latin_text)
    title, summary = _translation_slots(layout.translations)
    if layout.title is not None:
        title = {lang: layout.title, **title}
    if layout.standfirst is not None:
        summary = {lang: layout.standfirst, **summary}
    return Article(
        source=SOURCE,
        title=title,
        summary=summary,
        body=group_by_language(layout.body, lang),
        url=parts.url,
        authors=tuple(parts.authors),
        published=parts.published,
        boilerplate=tuple(parts.boilerplate),
    )
