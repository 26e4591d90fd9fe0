"""The values that cross a hook boundary, in the order the data meets them.

``SourceText`` (decoded, repaired text of one input) goes to the plugins;
the plugin that claims it returns an ``Article``; the host turns the
article into a ``Document`` (adds the stable id, the path and the
encoding report) and that is what gets indexed.

All of them are frozen: a hook can read them but never change them for
the next hook. Language-keyed parts (``title``, ``summary``, ``body``)
map an ISO 639-1 code (``"en"``, ``"uk"``, ``"ru"``...) to text; the
code ``"und"`` means "could not tell".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LangText = dict[str, str]


@dataclass(frozen=True)
class EncodingReport:
    """What the decoder found in the raw bytes and what it repaired."""

    encoding: str
    """The codec the bytes were decoded with, e.g. ``"utf-8"``, ``"cp1251"``."""
    confidence: float = 1.0
    """1.0 for a BOM or strict UTF-8; lower when the codec was guessed."""
    fixes: tuple[str, ...] = ()
    """Names of the repairs applied, e.g. ``("mojibake", "crlf", "nbsp")``."""


@dataclass(frozen=True)
class SourceText:
    """One input after decoding and repair: what every plugin is shown."""

    path: str
    """The path as the user gave it (or as found under a folder they gave)."""
    text: str
    """Unicode text, NFC, ``\\n`` line ends, NBSP turned into spaces."""
    encoding: EncodingReport
    is_html: bool
    """True when the text looks like markup (a saved page), not a text copy."""


@dataclass(frozen=True)
class Comment:
    """One reader comment. ``parent`` is ``None`` for top-level comments and
    for replies whose parent is not in the document (they keep their depth)."""

    id: str
    parent: str | None
    depth: int
    text: str
    lang: str
    author: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Article:
    """What a source plugin extracts from one input."""

    source: str
    """The plugin's source name, e.g. ``"vt"`` or ``"aljazeera"``."""
    title: LangText = field(default_factory=dict)
    summary: LangText = field(default_factory=dict)
    body: LangText = field(default_factory=dict)
    url: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    """ISO 8601 date (``2022-07-01``) or datetime, or ``None``."""
    disclaimers: tuple[str, ...] = ()
    comments: tuple[Comment, ...] = ()
    boilerplate: tuple[str, ...] = ()
    """Site chrome that was recognised and kept out of the body
    (``Comments are closed.``, share widgets, recommended stories...)."""


@dataclass(frozen=True)
class Document:
    """An article as indexed: the plugin's ``Article`` plus what the host knows."""

    id: str
    """Stable: the same input always gives the same id (see ``ids.py``)."""
    path: str
    article: Article
    encoding: EncodingReport
    format: str
    """``"html"`` or ``"text"``."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Fields added by ``ingest_enrich`` hooks, keyed by field name."""

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language code with text in title, summary, body or comments."""
        a = self.article
        found = set(a.title) | set(a.summary) | set(a.body) | {c.lang for c in a.comments}
        return tuple(sorted(found - {"und"}))
