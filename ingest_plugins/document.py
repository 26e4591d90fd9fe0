"""The values that cross a hook boundary, in the order the data meets them.

``SourceText`` (decoded, repaired text of one input) goes to the plugins;
a plugin's ``Source`` claims it and returns an ``Article``; the host
checks the article (``checks.check_article``) and turns it into a
``Document`` (adds the stable id, the path and the encoding report), and
that is what gets indexed.

All of them are frozen: a hook can read them but never change them for
the next hook. Language-keyed parts (``title``, ``summary``, ``body``)
map an ISO 639-1 code (``"en"``, ``"uk"``, ``"ru"``...) to text; the
code ``"und"`` means "could not tell".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from bs4 import BeautifulSoup
    from lxml import etree

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
    """One input after decoding and repair: what every plugin is shown.

    A saved page is parsed at most once, by the host, whatever number of
    plugins look at it: ``tree``, ``jsonld``, ``head`` and ``soup`` are
    built on first use and shared from then on. Claims run before parsing,
    so a claim sees the page as it was; the claiming source's ``parse`` may
    then change ``tree`` (drop elements, mark line breaks) as it likes.
    """

    path: str
    """The path as the user gave it (or as found under a folder they gave)."""
    text: str
    """Unicode text, NFC, ``\\n`` line ends, NBSP turned into spaces."""
    encoding: EncodingReport
    is_html: bool
    """True when the text is markup (a saved page), not a text copy. The host
    decides once (``decode.looks_like_html``); plugins follow it."""
    url: str | None = None
    """Where the input was fetched from, when known (a WARC record's
    ``WARC-Target-URI``); ``None`` for a saved file. A claim may look at its
    domain; the host puts it in ``Article.url`` when ``parse`` leaves that empty."""
    fetched: str | None = None
    """When the input was fetched, when known (a WARC record's ``WARC-Date``,
    ISO 8601 as the archive says it, e.g. ``2024-05-20T10:00:00Z``)."""
    utf8: tuple[str, bytes] | None = field(default=None, repr=False, compare=False)
    """Set by the host only: ``(text, its UTF-8)`` when the input's own bytes are
    exactly that (strict UTF-8 that repair left alone), so ``tree`` parses them
    without encoding the text again. A ``replace`` with another text leaves
    the pair behind: it is used only while its first member is ``text``."""

    @cached_property
    def tree(self) -> etree._Element:
        """The page as an lxml tree (root ``<html>``), parsed on first use.

        Markup nested deeper than ``parsing.html.MAX_DEPTH`` elements is
        flattened at that depth (``parse_warnings`` then says so). Raises
        ``InputError`` when the text holds no markup to build on.
        """
        from .errors import InputError
        from .parsing.html import PageError, read_page

        utf8 = self.utf8[1] if self.utf8 is not None and self.utf8[0] is self.text else None
        try:
            page = read_page(self.text, utf8)
        except PageError as err:
            raise InputError(str(err), self.path) from None
        self.__dict__["_parse_warnings"] = page.warnings  # (as cached_property stores)
        return page.root

    @property
    def parse_warnings(self) -> tuple[str, ...]:
        """What building ``tree`` changed in the markup, one line each (the host adds
        them to ``Document.warnings``); ``()`` when nothing, or while ``tree`` is unbuilt."""
        warnings: tuple[str, ...] = self.__dict__.get("_parse_warnings", ())
        return warnings

    @cached_property
    def jsonld(self) -> tuple[dict[str, Any], ...]:
        """Every JSON-LD object of the page's ``ld+json`` scripts: each script's
        objects, then the ones inside them (``@graph`` members, nested objects),
        in document order; ``()`` for a text copy."""
        from .parsing.jsonld import page_objects

        return tuple(page_objects(self.tree)) if self.is_html else ()

    @cached_property
    def head(self) -> tuple[dict[str, str], ...]:
        """The attributes of every ``<link>`` and ``<meta>`` tag of ``tree``, in document
        order (names lower-cased, entities decoded); ``()`` for a text copy."""
        if not self.is_html:
            return ()
        tags = self.tree.iter("link", "meta")  # (items: str pairs, for a tree parsed from str)
        return tuple(dict(cast("list[tuple[str, str]]", tag.items())) for tag in tags)

    @cached_property
    def soup(self) -> BeautifulSoup:
        """A BeautifulSoup tree over the same markup (lxml builder), for plugin
        authors who prefer its API. Built on first use; needs ``beautifulsoup4``
        (``pip install 'ingest-plugins[soup]'``). The built-in plugins use ``tree``."""
        from bs4 import BeautifulSoup

        return BeautifulSoup(self.text, "lxml")


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

    source: str = ""
    """The name of the ``Source`` that parsed it, e.g. ``"vt"``. Leave it empty
    and the host fills it in; any other name than the claiming source's is refused."""
    title: LangText = field(default_factory=dict)
    summary: LangText = field(default_factory=dict)
    body: LangText = field(default_factory=dict)
    url: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    """ISO 8601 date (``2022-07-01``) or datetime (``2022-07-01T10:00:00+03:00``),
    or ``None``. The host normalises it to what Elasticsearch's date field takes
    (``2022-07-01 10:00`` becomes ``2022-07-01T10:00:00``) or refuses the input."""
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
    sha256: str = ""
    """SHA-256 of the input's bytes, as read: an unchanged input is skipped by a re-run."""
    parser: str = ""
    """The source and the plugin version that parsed it, e.g. ``aljazeera 0.1.0``:
    a new plugin version re-parses its inputs."""
    story_id: str = ""
    """Shared by every version of one article (``ids.story_id``): the original page and
    its reposts and translations."""
    warnings: tuple[str, ...] = ()
    """What looks off about the extraction (``drift.extraction_warnings``): e.g.
    ``no date``, ``link-dense body (45% of it is link text)``. A layout change
    of the site shows here first."""

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language code with text in title, summary, body or comments."""
        a = self.article
        found = set(a.title) | set(a.summary) | set(a.body) | {c.lang for c in a.comments}
        return tuple(sorted(found - {"und"}))


@dataclass(frozen=True)
class Source:
    """One site (or one generic page kind) a plugin can parse.

    A plugin hands its sources to the host from ``ingest_sources``. For
    every input the host asks each source's ``claim`` and gives the input
    to the one that claims it, so ``parse`` is only ever called with inputs
    of its own source: it needs no "is this mine?" guard.

    Precedence: site sources (``fallback=False``) are asked first; the
    fallback sources only when no site source claimed the input. When two
    sources of the same rank claim one input, that input fails, naming
    both, rather than going to whichever plugin happened to load first.
    """

    name: str
    """Lower-case letters, digits, ``_``, ``-``, ``.``; unique among all loaded
    sources. Written into ``Article.source`` and the ``source`` field."""
    claim: Callable[[SourceText], bool]
    """True when the input is a page (or text copy) of this source. Called for
    every input until a source claims it: look at ``head``, ``jsonld``, the
    text or ``url`` (when known), not at the file name (it carries no information)."""
    parse: Callable[[SourceText], Article]
    """The ``Article`` of a claimed input. Raise ``InputError`` with a one-line
    reason when it cannot be parsed; the host adds the path."""
    fallback: bool = False
    """True for a generic parser that should only get what no site source claims."""
