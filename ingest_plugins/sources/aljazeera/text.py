"""Al Jazeera text reposts: the parser for reposted and copied article text.

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
related-stories lists, byline affiliations) live in ``site``, shared with
the HTML parser; generic ones (dates, bylines, URLs, language slots) come
from ``ingest_plugins.parsing``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest_plugins import Article, InputError
from ingest_plugins.parsing.dates import DateLine, parse_date_line, same_day
from ingest_plugins.parsing.languages import cyrillic_languages, group_by_language, is_cyrillic_text
from ingest_plugins.parsing.lines import (
    is_blank,
    split_lines,
)
from ingest_plugins.parsing.urls import parse_url_line

from .site import (
    NAME,
    chrome_kind,
    is_aljazeera_url,
    is_disclaimer,
    latin_language,
    parse_byline,
    parse_header_line,
    people,
    related_list_end,
)

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
    disclaimers: list[str] = field(default_factory=list)
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
        parts.authors.extend(a for a in people(authors) if a not in parts.authors)
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
        elif is_disclaimer(line):
            flush()
            parts.disclaimers.append(line)
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
        source=NAME,
        title=title,
        summary=summary,
        body=group_by_language(layout.body, lang),
        url=parts.url,
        authors=tuple(parts.authors),
        published=parts.published,
        disclaimers=tuple(parts.disclaimers),
        boilerplate=tuple(parts.boilerplate),
    )
