"""Veterans Today text copies: the line rules, and the parser built on them.

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

The rules that recognise VT content in a block of text (disclaimers,
chrome lines, byline affiliations) are also used by the HTML parser
(``vt_html``), so both parsers agree on what is what. Generic line tools
(cleaning, dates, bylines, URLs, language slots) come from
``ingest_plugins.parsing``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ingest_plugins import Article, Comment, InputError
from ingest_plugins.language import detect_language
from ingest_plugins.parsing import bylines
from ingest_plugins.parsing.dates import parse_date
from ingest_plugins.parsing.languages import lang_slot, slot_language
from ingest_plugins.parsing.lines import AD_LABEL_RE, classify_line, clean_line, strip_invisible
from ingest_plugins.parsing.urls import parse_url_line

SOURCE = "vt"
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
_DISCLAIMER_PROBES = frozenset(_probe_word(p) for p in (*_DISCLAIMER_STRONG, *_DISCLAIMER_WEAK))
"""A probe word of every disclaimer phrase (see ``_disclaimer_hits``)."""
_TEXT_CLAIM_MIN = 2
"""Distinct VT markers a text copy needs before the plugin claims it."""


def _match_key(text: str) -> str:
    """Lower-case ``text`` with spaces, apostrophes and ``&`` unified, for phrase search.

    Line by line (a phrase never spans lines), each line cleaned like ``clean_line``.
    """
    return _collapse_lines(_match_text(text))


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

    True is only a maybe: ``text`` holds a probe word of some phrase. Any
    piece of a text for which this is False has no phrase either.
    """
    return _has_probe(_match_text(text))


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

    Each marker is looked for as in ``_match_key`` (a phrase never spans
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
# Comments
# ---------------------------------------------------------------------------


@dataclass
class CommentDraft:
    """A comment being assembled; ``finish_comments`` links and numbers them."""

    depth: int
    paragraphs: list[str] = field(default_factory=list)
    id: str | None = None
    parent: str | None = None
    structural: bool = False
    """True when ``parent`` comes from the markup's nesting (HTML), not from depths."""
    author: str | None = None
    published: str | None = None


def finish_comments(drafts: Iterable[CommentDraft]) -> tuple[Comment, ...]:
    """Turn drafts (in document order) into ``Comment`` values with parents.

    The parent of a comment at depth ``d`` is the nearest preceding comment
    at depth ``d - 1`` in the same thread; when there is none (the thread's
    start is not in the document) the parent is ``None`` and the depth is
    kept. A ``structural`` draft keeps the parent its markup gave. Drafts
    without an id are numbered ``c1``, ``c2``… by position.
    """
    comments: list[Comment] = []
    last_at_depth: dict[int, str] = {}
    for number, draft in enumerate(drafts, start=1):
        comment_id = draft.id or f"c{number}"
        if draft.structural:
            parent = draft.parent
        else:
            parent = last_at_depth.get(draft.depth - 1) if draft.depth > 0 else None
        last_at_depth = {d: i for d, i in last_at_depth.items() if d < draft.depth}
        last_at_depth[draft.depth] = comment_id
        text = "\n\n".join(p for p in draft.paragraphs if p)
        comments.append(
            Comment(
                id=comment_id,
                parent=parent,
                depth=draft.depth,
                text=text,
                lang=detect_language(text),
                author=draft.author,
                published=draft.published,
            )
        )
    return tuple(comments)


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
        source=SOURCE,
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
