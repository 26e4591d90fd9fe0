"""Veterans Today text copies: the parser for what a browser copies from a page.

A text copy of a VT article page (what a browser gives when the page is
selected and copied) reads, top to bottom:

* an optional header: a title line (and perhaps a subtitle), the byline
  ``By Dave Decamp`` and a date line such as ``July 2, 2022``;
* the article body, one paragraph per blank-line separated block;
* the two VT disclaimer blocks (``We See The World From All Sides…`` and
  ``About VT - Policies & Disclosures - Comment Policy``), each a heading
  line followed by its paragraph;
* the reader comments: numbered items (``  1. …``) are top-level comments,
  bullets (``•``, ``◦``, ``▪``) are replies, deeper by glyph or indentation;
* site chrome such as ``Comments are closed.``.

Every non-empty line ends up in exactly one part of the ``Article``:
title, summary, body, disclaimers, comments or boilerplate, or it is a
metadata line (byline, date, URL) whose value was extracted.

The rules that recognise VT content (disclaimers, chrome lines, byline
affiliations) live in ``site``, shared with the HTML parser. Generic line
tools (cleaning, dates, bylines, URLs, language slots, comment threads)
come from ``ingest_plugins.parsing``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest_plugins import Article, InputError
from ingest_plugins.parsing.comments import CommentDraft, finish_comments
from ingest_plugins.parsing.dates import parse_date
from ingest_plugins.parsing.languages import lang_slot, slot_language
from ingest_plugins.parsing.lines import clean_line, strip_invisible
from ingest_plugins.parsing.urls import parse_url_line

from .site import NAME, chrome_kind, is_disclaimer_heading, merge_disclaimers, parse_byline

# ---------------------------------------------------------------------------
# Comment markers
# ---------------------------------------------------------------------------

# A comment starts with a number ("1." / "1)") or a bullet glyph, then its text.
# Numbers need text after them ("1984." alone is not a marker); bullets need not.
_MARKER_RE = re.compile(
    r"(?P<indent>[ \t]*)"
    r"(?:(?P<number>\d{1,4})[.)][ \t]+(?=\S)|(?P<bullet>[•◦▪▫‣⁃∙●○■□])(?:[ \t]+|$))"
    r"(?P<text>.*)"
)

# How deep a bullet glyph nests at least: • (disc) 1, ◦ (circle) 2, ▪ (square) 3...
_BULLET_LEVEL = {"•": 1, "●": 1, "∙": 1, "‣": 1, "⁃": 1, "◦": 2, "○": 2, "▪": 3, "■": 3}
_BULLET_LEVEL_DEFAULT = 3
"""Level of the other glyphs (``▫``, ``□``): the third level of a browser's lists."""


@dataclass(frozen=True)
class _Marker:
    """A comment marker line: its column, kind and the text after the marker."""

    column: int
    numbered: bool
    level: int
    text: str


def _marker(raw_line: str) -> _Marker | None:
    """Parse the comment marker at the start of ``raw_line``, if any."""
    match = _MARKER_RE.fullmatch(raw_line)
    if not match:
        return None
    bullet = match.group("bullet")
    level = 0 if bullet is None else _BULLET_LEVEL.get(bullet, _BULLET_LEVEL_DEFAULT)
    return _Marker(len(match.group("indent")), bullet is None, level, match.group("text"))


# ---------------------------------------------------------------------------
# The text parser
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    """One input line: its index, indentation (columns) and cleaned text."""

    index: int
    indent: int
    raw: str
    text: str


_TAB_WIDTH = 4
_HEADER_TITLE_LINES = 3
"""At most this many title/subtitle lines may precede the byline or date."""
_TITLE_MAX_CHARS = 250


def _split_lines(text: str) -> list[_Line]:
    """Split ``text`` into lines with their indentation and cleaned text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for index, raw in enumerate(text.split("\n")):
        expanded = strip_invisible(raw.expandtabs(_TAB_WIDTH)).replace("\u00a0", " ")
        indent = len(expanded) - len(expanded.lstrip(" "))
        lines.append(_Line(index, indent, expanded.rstrip(), clean_line(expanded)))
    return lines


def _blocks(lines: Sequence[_Line]) -> list[list[_Line]]:
    """Group ``lines`` into blank-line separated blocks of non-empty lines."""
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _block_text(block: Sequence[_Line]) -> str:
    """The text of a block: its cleaned lines joined by ``\\n``."""
    return "\n".join(line.text for line in block)


@dataclass
class _Parts:
    """The parts of an article collected while reading a text copy."""

    titles: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    url: str | None = None
    body: list[str] = field(default_factory=list)
    disclaimers: list[str] = field(default_factory=list)
    comments: list[CommentDraft] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)


def _apply_metadata(line: str, parts: _Parts) -> bool:
    """Record ``line`` if it is a byline, date or URL line not seen yet; say if it was."""
    authors = parse_byline(line)
    if authors and not parts.authors:
        parts.authors.extend(authors)
        return True
    published = parse_date(line)
    if published and parts.published is None:
        parts.published = published
        return True
    url = parse_url_line(line)
    if url and parts.url is None:
        parts.url = url
        return True
    return False


def _title_like(line: _Line) -> bool:
    """True when ``line`` could be a title or subtitle line."""
    return (
        0 < len(line.text) <= _TITLE_MAX_CHARS
        and _marker(line.raw) is None
        and chrome_kind(line.text) is None
        and not is_disclaimer_heading(line.text)
    )


def _read_header(lines: Sequence[_Line], parts: _Parts) -> int:
    """Read the title, byline, date and URL lines at the top; return where the body starts.

    Title lines count only when a metadata line follows them: without a
    byline or date there is no telling a title from the first paragraph.
    """
    titles: list[str] = []
    end = 0
    seen_metadata = False
    for line in lines:
        if not line.text:
            continue
        if _apply_metadata(line.text, parts):
            seen_metadata = True
            end = line.index + 1
        elif seen_metadata or len(titles) >= _HEADER_TITLE_LINES or not _title_like(line):
            break
        else:
            titles.append(line.text)
    if seen_metadata:
        parts.titles = titles
        return end
    return 0


def _comment_start(lines: Sequence[_Line], after: int) -> int:
    """Index of the line where the comments start (``len(lines)`` if none).

    After a disclaimer (``after`` > 0) the first marker line starts them.
    Without one, comments are the trailing run that starts with an indented
    marker and holds only indented, marker or chrome lines.
    """
    if after > 0:
        for line in lines[after:]:
            if line.text and _marker(line.raw):
                return line.index
        return len(lines)
    start = len(lines)
    for line in reversed(lines):
        if not line.text:
            continue
        marker = _marker(line.raw)
        if marker is not None and marker.column > 0:
            start = line.index
        elif line.indent == 0 and marker is None and chrome_kind(line.text) is None:
            break
    return start


class _Nesting:
    """Gives each comment marker its depth from the markers still open above it.

    Numbered items are depth 0; a bullet is one deeper than the nearest open
    item left of it (0 + 1 for an orphan reply) and at least as deep as its
    glyph says. A numbered line indented deeper than the first numbered item
    is a list inside a comment, not a new comment.
    """

    def __init__(self) -> None:
        self._open: list[tuple[int, int]] = []  # (marker column, depth), innermost last
        self._top_column: int | None = None

    def starts_comment(self, marker: _Marker) -> bool:
        """True unless ``marker`` is a numbered list inside a comment."""
        return not (
            marker.numbered and self._top_column is not None and marker.column > self._top_column
        )

    def depth(self, marker: _Marker) -> int:
        """The depth of the comment ``marker`` starts; it becomes the innermost open item."""
        if marker.numbered:
            self._top_column = marker.column if self._top_column is None else self._top_column
            self._open = []
        while self._open and self._open[-1][0] >= marker.column:
            self._open.pop()
        base = self._open[-1][1] + 1 if self._open else (0 if marker.numbered else 1)
        depth = max(base, marker.level)
        self._open.append((marker.column, depth))
        return depth


def _read_comments(lines: Sequence[_Line], parts: _Parts) -> None:
    """Read the comment section: markers start comments, indented lines continue them.

    Blank lines separate a comment's paragraphs. Flush-left lines that are
    no marker are site chrome: they go to the boilerplate and end the comment.
    """
    nesting = _Nesting()
    current: CommentDraft | None = None
    paragraph: list[str] = []

    def close_paragraph() -> None:
        if current is not None and paragraph:
            current.paragraphs.append("\n".join(paragraph))
        paragraph.clear()

    for line in lines:
        marker = _marker(line.raw) if line.text else None
        if not line.text:
            close_paragraph()
        elif marker is not None and nesting.starts_comment(marker):
            close_paragraph()
            current = CommentDraft(depth=nesting.depth(marker))
            parts.comments.append(current)
            if marker.text.strip():
                paragraph.append(clean_line(marker.text))
        elif line.indent > 0 and current is not None:
            paragraph.append(line.text)
        else:
            close_paragraph()
            current = None
            parts.boilerplate.append(line.text)
    close_paragraph()


def _disclaimer_candidates(blocks: Sequence[Sequence[_Line]]) -> list[str]:
    """Texts of ``blocks`` for disclaimer search; comment-like blocks become ``""``.

    A disclaimer is flush-left prose: an indented or marker block is part of
    a comment even when a reader quotes the disclaimer in it.
    """
    return [
        "" if block[0].indent > 0 or _marker(block[0].raw) else _block_text(block)
        for block in blocks
    ]


def _read_main(lines: Sequence[_Line], parts: _Parts) -> None:
    """Sort the blocks between header and comments into body, disclaimers, chrome.

    Disclaimers are found by content wherever they are. When the article
    body came before them, the disclaimers open the page footer: blocks
    after the first one are boilerplate. Chrome lines are boilerplate anywhere.
    """
    blocks = _blocks(lines)
    spans = merge_disclaimers(_disclaimer_candidates(blocks))
    span_of = {first: last for first, last in spans}
    inside = {i for first, last in spans for i in range(first + 1, last + 1)}
    first_disclaimer = spans[0][0] if spans else len(blocks)
    body_before = any(
        chrome_kind(line.text) is None for block in blocks[:first_disclaimer] for line in block
    )
    for i, block in enumerate(blocks):
        if i in span_of:
            members = blocks[i : span_of[i] + 1]
            parts.disclaimers.append("\n".join(_block_text(b) for b in members))
        elif i in inside:
            continue
        elif i > first_disclaimer and body_before:
            parts.boilerplate.extend(line.text for line in block)
        else:
            _read_body_block(block, parts)


def _read_body_block(block: Sequence[_Line], parts: _Parts) -> None:
    """Add a body block: chrome lines go to boilerplate, the rest is one paragraph."""
    prose = []
    for line in block:
        if chrome_kind(line.text):
            parts.boilerplate.append(line.text)
        else:
            prose.append(line.text)
    if prose:
        parts.body.append("\n".join(prose))


def _last_disclaimer_end(lines: Sequence[_Line]) -> int:
    """Index just past the last disclaimer block in ``lines`` (0 if there is none)."""
    blocks = _blocks(lines)
    spans = merge_disclaimers(_disclaimer_candidates(blocks))
    if not spans:
        return 0
    return blocks[spans[-1][1]][-1].index + 1


def parse_text(text: str) -> Article:
    """Parse a plain-text copy of a VT article page into an ``Article``.

    Raises ``InputError`` when the text holds no article body.
    """
    lines = _split_lines(text)
    parts = _Parts()
    body_start = _read_header(lines, parts)
    rest = lines[body_start:]
    relative = [_Line(i, ln.indent, ln.raw, ln.text) for i, ln in enumerate(rest)]
    comment_start = _comment_start(relative, _last_disclaimer_end(relative))
    _read_main(relative[:comment_start], parts)
    _read_comments(relative[comment_start:], parts)
    if not parts.body:
        raise InputError("VT text copy has no article body")
    return _article(parts)


def _article(parts: _Parts) -> Article:
    """Build the ``Article`` from the collected parts."""
    body = lang_slot("\n\n".join(parts.body))
    body_lang = slot_language(body)
    title = parts.titles[0] if parts.titles else ""
    return Article(
        source=NAME,
        title=lang_slot(title, body_lang),
        summary=lang_slot("\n\n".join(parts.titles[1:]), body_lang),
        body=body,
        url=parts.url,
        authors=tuple(parts.authors),
        published=parts.published,
        disclaimers=tuple(parts.disclaimers),
        comments=finish_comments(parts.comments),
        boilerplate=tuple(parts.boilerplate),
    )
