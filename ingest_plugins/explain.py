"""``ingest parse --explain``: where each piece of an input went, block by block.

The host parses each input as ``ingest parse`` does, with a block recorder
active (``parsing.blocks.recording``): every block that the parser's walks
(``text_blocks``) produce is recorded with its zone, the reason its zone
callback gave (``parsing.defences``) and a short path to its element, and
so is every element a walk left out. Nothing here knows any plugin: each
recorded piece is labelled by where its text ended up in the returned
``Article``, matched as normalised text:

``title``, ``summary``, ``body``, ``boilerplate``, ``disclaimers``,
``comments``, ``authors``, ``date`` or ``url`` (a byline, date line or
URL line the metadata came from), else ``dropped`` (site chrome the parser
left out, a hidden element, metadata it did not use).

One line per piece, in page order, e.g.::

    title                       main > header.article-header > h1   "Lithium towns weigh water…"
    body                        main > div.wysiwyg > p              "On the edge of the salt flat…"
    boilerplate  hidden         main > div.wysiwyg > div            "1712345678901"
    dropped      (other)        … > div.article-dates > div         "Published On 9 Mar 2023"

The second column is the reason a zone callback gave (``link list``,
``hidden``…), else ``left out`` or ``hidden`` for an element left out,
else, for boilerplate and dropped text, the parser's zone in brackets. A
text input has no tree: each non-empty input line is labelled the same
way (``line 12``). A page whose parser walked no blocks is explained line
by line from its visible text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from .decode import read_source
from .document import Article, Document, SourceText
from .errors import InputError
from .parsing.blocks import Recorded, Recorder, recording, text_blocks
from .parsing.dates import parse_date_line, same_day
from .parsing.defences import hidden_reason
from .parsing.html import NON_TEXT_TAGS, Element, drop_elements, mark_line_breaks
from .parsing.html import parse_page as parse_markup
from .parsing.lines import split_lines
from .pipeline import (
    DEFAULT_MAX_BYTES,
    Failure,
    Input,
    Pipeline,
    expand_archives,
    input_path,
    iter_inputs,
)
from .plugins import Host, PluginError
from .warc import read_warc_payload

__all__ = [
    "DROPPED",
    "LABELS",
    "Explained",
    "ExplainedLine",
    "explain_document",
    "explain_inputs",
    "render",
]

LABELS = (
    "title",
    "summary",
    "body",
    "disclaimers",
    "comments",
    "boilerplate",
    "authors",
    "date",
    "url",
)
"""Where a piece of text can end up, in the order a piece found in two is named
(``authors``, ``date`` and ``url``: the piece the metadata was read from)."""
DROPPED = "dropped"
"""The label of a piece whose text is nowhere in the article."""

TEXT_CHARS = 70
"""Characters of a piece's text shown, at most."""
PATH_WIDTH = 40
"""Width of the element-path column (a longer path pushes the text to the right)."""
_CONTAINED_CHARS = 12
"""A piece this long or longer counts as part of a field that contains it."""
_NAME_CHARS = 5
"""An author name this long or longer counts when a piece holds it..."""
_BYLINE_EXTRA = 40
"""...and the piece is at most this much longer than the name (a byline)."""


@dataclass(frozen=True)
class ExplainedLine:
    """One piece of an input and where its text went."""

    label: str
    """Where the text ended up: one of ``LABELS`` (``+``-joined when in several) or ``dropped``."""
    reason: str
    """Why the parser put it there, when it said (``link list``, ``hidden``…); else
    ``left out`` for an element left out, or the parser's zone in brackets."""
    where: str
    """The element's short path (``main > div.wysiwyg > p``), or ``line N`` of a text input."""
    text: str
    """The piece's text (whole)."""


@dataclass(frozen=True)
class Explained:
    """One parsed input, explained."""

    document: Document
    lines: tuple[ExplainedLine, ...]
    by_line: bool = False
    """True when the input was explained line by line (a text input, or no walk recorded)."""
    counts: dict[str, int] = field(default_factory=dict)
    """How many pieces got each label."""


# ---------------------------------------------------------------------------
# Where text ended up
# ---------------------------------------------------------------------------


def _key(text: str) -> str:
    """``text`` normalised for matching: white space collapsed, case folded."""
    return " ".join(text.split()).casefold()


class _Destinations:
    """The texts of an ``Article``, by normalised text, with the field each is in."""

    def __init__(self, article: Article) -> None:
        self.exact: dict[str, list[str]] = {}
        self.parts: list[tuple[str, str]] = []
        self.names = [_key(name) for name in article.authors if len(name) >= _NAME_CHARS]
        self.published = article.published
        for text in article.title.values():
            self._add("title", text)
        for text in article.summary.values():
            self._add("summary", text)
        for text in article.body.values():
            for paragraph in text.split("\n\n"):
                self._add("body", paragraph)
        for text in article.disclaimers:
            self._add("disclaimers", text)
        for comment in article.comments:
            self._add("comments", comment.text)
            for paragraph in comment.text.split("\n\n"):
                self._add("comments", paragraph)
        for text in article.boilerplate:
            self._add("boilerplate", text)
        self.url = _key(article.url or "")

    def _add(self, label: str, text: str) -> None:
        for piece in (text, *text.split("\n")):
            key = _key(piece)
            if not key:
                continue
            labels = self.exact.setdefault(key, [])
            if label not in labels:
                labels.append(label)
        self.parts.append((_key(text), label))

    def labels(self, text: str, *, holder: bool = False) -> list[str]:
        """Where ``text`` ended up (``[]``: nowhere); ``holder``: an element left out,
        which may hold what the parser read from it on its own (a comment, the title)."""
        key = _key(text)
        if not key:
            return []
        found = self.exact.get(key)
        if found:
            return found
        line_keys = [k for k in (_key(line) for line in text.split("\n")) if k]
        if len(line_keys) > 1 and all(k in self.exact for k in line_keys):
            return _union(self.exact[k] for k in line_keys)
        if any(name in key and len(key) <= len(name) + _BYLINE_EXTRA for name in self.names):
            return ["authors"]  # (a byline, before the bio that names the author too)
        if len(key) >= _CONTAINED_CHARS:
            inside = _union([label] for part, label in self.parts if key in part)
            if inside:
                return inside
        if holder:
            held = _union(
                [label]
                for part, label in self.parts
                if len(part) >= _CONTAINED_CHARS and part in key
            )
            if held:
                return held
        if self.published and any(self._is_date(line) for line in text.split("\n")):
            return ["date"]
        if self.url and self.url in key:
            return ["url"]
        return []

    def _is_date(self, line: str) -> bool:
        found = parse_date_line(line)
        return bool(
            found and found.value and self.published and same_day(found.value, self.published)
        )


def _union(groups: Iterable[list[str]]) -> list[str]:
    """The labels of all ``groups``, each once, in ``LABELS`` order."""
    seen = {label for group in groups for label in group}
    return [label for label in LABELS if label in seen]


def _label(labels: list[str]) -> str:
    return "+".join(labels) if labels else DROPPED


# ---------------------------------------------------------------------------
# Explaining one document
# ---------------------------------------------------------------------------


def explain_document(
    document: Document, recorder: Recorder | None, source: SourceText
) -> Explained:
    """Label what ``recorder`` saw while ``source`` was parsed into ``document``.

    A text input, or a page whose parser walked no blocks, is explained
    line by line (``Explained.by_line``).
    """
    destinations = _Destinations(document.article)
    if source.is_html and recorder is not None and recorder.entries:
        lines = [_explain_entry(entry, destinations) for entry in _in_page_order(recorder)]
        return _explained(document, lines, by_line=False)
    return _explained(document, _explain_lines(_text_lines(source), destinations), by_line=True)


def _explained(document: Document, lines: list[ExplainedLine], *, by_line: bool) -> Explained:
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.label] = counts.get(line.label, 0) + 1
    return Explained(document, tuple(lines), by_line, counts)


def _explain_entry(entry: Recorded, destinations: _Destinations) -> ExplainedLine:
    left_out = entry.zone is None
    labels = destinations.labels(entry.text, holder=left_out)
    label = _label(labels)
    if entry.reason:
        reason = entry.reason
    elif left_out:
        reason = hidden_reason(entry.element) or "left out"
    elif label in (DROPPED, "boilerplate"):
        reason = f"({entry.zone})"
    else:
        reason = ""
    return ExplainedLine(label, reason, entry.path, entry.text)


def _in_page_order(recorder: Recorder) -> list[Recorded]:
    """The recorded entries in page order.

    A parser may read a part of the page in a walk of its own (a comment's
    text) after a walk that left that part out: the later walk's entries
    take the place of the element left out; entries of a walk that left
    nothing out of any other come in the order they were recorded.
    """
    entries = recorder.entries
    left_out = {id(e.element): i for i, e in enumerate(entries) if e.zone is None}
    placed: dict[int, list[int]] = {}
    moved: set[int] = set()
    for index, entry in enumerate(entries):
        holder = _holder(entry, left_out, entries)
        if holder is not None:
            placed.setdefault(holder, []).append(index)
            moved.add(index)
    ordered: list[Recorded] = []
    pending = [index for index in reversed(range(len(entries))) if index not in moved]
    while pending:
        index = pending.pop()
        if index in placed:
            pending.extend(reversed(placed.pop(index)))
        else:
            ordered.append(entries[index])
    return ordered


def _holder(entry: Recorded, left_out: dict[int, int], entries: list[Recorded]) -> int | None:
    """The index of the element left out by another walk that holds ``entry``'s element."""
    for element in (entry.element, *entry.element.iterancestors()):
        index = left_out.get(id(element))
        if index is not None and entries[index].walk != entry.walk:
            return index
    return None


def _text_lines(source: SourceText) -> list[str]:
    """The input's non-empty lines: a text input's own, or a page's visible text."""
    if not source.is_html:
        return [line for line in split_lines(source.text) if line]
    try:
        page = parse_markup(source.text)
    except Exception:  # the parser read it; a second reading is only for explaining
        return []
    drop_elements(page, NON_TEXT_TAGS)
    mark_line_breaks(page)
    body = page.find("body")
    blocks = text_blocks(page if body is None else body, _same_zone, "page")
    return [line for block in blocks for line in block.text.split("\n")]


def _same_zone(element: Element, zone: str) -> str:
    return zone


def _explain_lines(lines: Sequence[str], destinations: _Destinations) -> list[ExplainedLine]:
    explained = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            label = _label(destinations.labels(line))
            explained.append(ExplainedLine(label, "", f"line {number}", line))
    return explained


# ---------------------------------------------------------------------------
# Inputs and output
# ---------------------------------------------------------------------------


def explain_inputs(
    host: Host,
    paths: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    out: TextIO,
    on_failure: Callable[[str], None],
    on_note: Callable[[str], None] | None = None,
) -> int:
    """Parse every input under ``paths`` with the recorder on and write each explained.

    Inputs are found as ``ingest parse`` finds them (folders, each record of a
    web archive). Each failure is passed to ``on_failure`` as one line (as
    ``ingest parse`` reports it), each archive's count of records to
    ``on_note``; returns how many inputs failed.
    """
    pipeline = Pipeline(host, max_bytes=max_bytes)
    failed = 0
    for item in expand_archives(iter_inputs(paths), on_note):
        if isinstance(item, Failure):
            failed += 1
            on_failure(str(item))
            continue
        try:
            explained = _explain_input(pipeline, item)
        except (InputError, PluginError) as err:
            failed += 1
            on_failure(str(Failure(input_path(item), getattr(err, "reason", str(err)))))
            continue
        out.write(render(explained))
        out.flush()
    return failed


def _explain_input(pipeline: Pipeline, item: Input) -> Explained:
    """Parse one input (a file, or a web archive's record) with the recorder on."""
    if isinstance(item, str):
        raw, path, url, fetched = pipeline.read_bytes(item), item, None, None
    else:
        raw = read_warc_payload(item.archive, item.offset, pipeline.max_bytes)
        path, url, fetched = item.path, item.url, item.fetched
    with recording() as recorder:
        document = pipeline.parse_bytes(raw, path, url=url, fetched=fetched)
    return explain_document(document, recorder, read_source(raw, path))


def render(explained: Explained) -> str:
    """The explanation as text: a heading line, one line per piece, the counts."""
    document = explained.document
    article = document.article
    head = f"== {_clean(document.path)}  ({article.source}, {document.format})"
    lines = [head]
    if explained.by_line:
        lines.append("   (no block walk recorded: the input line by line)")
    for line in explained.lines:
        lines.append(_row(line))
    counts = ", ".join(f"{label} {n}" for label, n in sorted(explained.counts.items()))
    lines.append(f"   {counts or 'nothing'}")
    if document.warnings:
        lines.append(f"   warnings: {'; '.join(document.warnings)}")
    return "\n".join(lines) + "\n\n"


def _row(line: ExplainedLine) -> str:
    steps = _clean(line.where).split(" > ")
    while len(steps) > 1 and len(" > ".join(steps)) > PATH_WIDTH:
        steps = steps[2:] if steps[0] == "…" else steps[1:]
        steps.insert(0, "…")
    where = " > ".join(steps)
    return f'{line.label:<12} {line.reason:<14} {where:<{PATH_WIDTH}} "{_snippet(line.text)}"'


def _snippet(text: str) -> str:
    """``text`` on one line (``⏎`` for a line break), cut at ``TEXT_CHARS`` with ``…``."""
    flat = " ⏎ ".join(" ".join(part.split()) for part in text.split("\n") if part.strip())
    flat = _clean(flat)
    return flat if len(flat) <= TEXT_CHARS else flat[: TEXT_CHARS - 1].rstrip() + "…"


def _clean(text: str) -> str:
    """Terminal-safe: no control characters (escape sequences) from the input."""
    return "".join(ch if ch.isprintable() else " " for ch in text)
