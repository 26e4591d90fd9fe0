"""The data path, top to bottom: path → bytes → text → plugin → Document.

``iter_inputs`` walks what the user named (names only, nothing read);
``expand_archives`` replaces each web archive in it by its records
(``warc.py``); ``Pipeline.parse_input`` turns
one file or record into a ``Document`` (decode, ``route`` to the claiming source,
the page-type gate (``page_kind``: only articles), its ``parse``,
``check_article``, ``enrich``) or raises ``InputError``
with a one-line reason; ``Pipeline.process`` does that for every input, yielding a
``Document`` or a ``Failure`` each, so one bad file never stops the
others and nothing is held in memory beyond the current input.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from .budget import DEFAULT_PARSE_BUDGET, BudgetExceeded, time_budget
from .checks import BadArticle, check_article
from .decode import read_source
from .document import Article, Document, SourceText
from .drift import extraction_warnings, page_facts
from .errors import InputError
from .ids import document_id, story_id
from .parsing.pagetype import page_kind
from .plugins import Host, PluginError, RegisteredSource
from .warc import WarcInput, WarcTally, is_warc, iter_warc_inputs, read_warc_payload

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Inputs larger than this are refused: no article page is that big, and a
50 MB "page" is a log file or a dump fed by mistake."""


@dataclass(frozen=True)
class Failure:
    """One input that did not become a document."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


Input = str | WarcInput
"""What ``Pipeline.parse_input`` takes: a file's path, or one record of a web archive."""


def input_path(item: Input) -> str:
    """The name of an input in documents and failure lines (``crawl.warc.gz#1234``)."""
    return item if isinstance(item, str) else item.path


def parser_name(registered: RegisteredSource) -> str:
    """``SOURCE VERSION`` of the plugin that parses a source (``vt 0.1.0``)."""
    return f"{registered.source.name} {registered.version or '-'}"


def _claims(registered: RegisteredSource, text: SourceText) -> bool:
    """Whether ``registered`` claims ``text``; a failing claim fails the input, naming it."""
    try:
        return bool(registered.source.claim(text))
    except InputError:
        raise
    except Exception as err:
        raise InputError(
            f"plugin {registered.plugin!r} failed while claiming as {registered.source.name!r}: "
            f"{type(err).__name__}: {err}",
            text.path,
        ) from err


def iter_inputs(paths: Iterable[str]) -> Iterator[str | Failure]:
    """Every file under ``paths`` (folders recursively, sorted), or a ``Failure``.

    Symlinked folders are followed once; a symlink loop, a missing path or an
    unreadable folder is reported as a failure and the walk goes on.
    """
    for path in paths:
        if os.path.isdir(path):
            yield from _walk(path)
        elif os.path.lexists(path) and not os.path.exists(path):
            yield Failure(path, "broken symbolic link (or a symlink loop)")
        elif not os.path.exists(path):
            yield Failure(path, "no such file or directory")
        else:
            yield path


def expand_archives(
    items: Iterable[str | Failure], on_note: Callable[[str], None] | None = None
) -> Iterator[Input | Failure]:
    """``items`` (``iter_inputs``), each web archive replaced by its input records.

    An archive's damaged records are failures; after each archive, ``on_note``
    gets one line counting what it held (``warc.WarcTally.summary``).
    """
    for item in items:
        if isinstance(item, Failure) or not is_warc(item):
            yield item
            continue
        tally = WarcTally()
        for record in iter_warc_inputs(item, tally):
            if isinstance(record, InputError):
                yield Failure(record.path or item, record.reason)
            else:
                yield record
        if on_note is not None:
            on_note(tally.summary(item))


def _walk(top: str) -> Iterator[str | Failure]:
    seen: set[str] = set()
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(top, followlinks=True, onerror=errors.append):
        while errors:
            err = errors.pop()
            yield Failure(err.filename or dirpath, f"cannot read folder: {err.strerror}")
        real = os.path.realpath(dirpath)
        if real in seen:
            dirnames[:] = []
            yield Failure(dirpath, "symlink loop: this folder was already visited")
            continue
        seen.add(real)
        dirnames.sort()
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            if os.path.lexists(path) and not os.path.exists(path):
                yield Failure(path, "broken symbolic link (or a symlink loop)")
            else:
                yield path
    while errors:
        err = errors.pop()
        yield Failure(err.filename or top, f"cannot read folder: {err.strerror}")


class Pipeline:
    """Turns input files into documents with the plugins of ``host``.

    Inputs larger than ``max_bytes`` are refused; ``parse_input`` gives up on
    one that takes longer than ``parse_budget`` seconds (``None``: no limit).
    """

    def __init__(
        self,
        host: Host,
        max_bytes: int = DEFAULT_MAX_BYTES,
        parse_budget: float | None = DEFAULT_PARSE_BUDGET,
    ) -> None:
        self.host = host
        self.max_bytes = max_bytes
        self.parse_budget = parse_budget

    def read_bytes(self, path: str) -> bytes:
        try:
            if not os.path.isfile(path):  # a FIFO or device would block or never end
                raise InputError("not a regular file", path)
            size = os.path.getsize(path)
            if size > self.max_bytes:
                raise InputError(
                    f"too large: {size / 1e6:.1f} MB (limit {self.max_bytes / 1e6:.0f} MB, "
                    "see --max-bytes)",
                    path,
                )
            with open(path, "rb") as handle:
                return handle.read(self.max_bytes + 1)
        except OSError as err:
            raise InputError(f"cannot read file: {err.strerror or err}", path) from err

    def parse_bytes(
        self, raw: bytes, path: str, url: str | None = None, fetched: str | None = None
    ) -> Document:
        """bytes → repaired text → the claiming source → checked ``Document`` (+ enrichment).

        ``url`` and ``fetched`` say where and when the input was fetched, when
        known (a web archive's record): plugins see them on the ``SourceText``.
        """
        text = read_source(raw, path)
        if url is not None or fetched is not None:
            text = replace(text, url=url, fetched=fetched)
        claimed = self.route(text)
        name = claimed.source.name
        kind = page_kind(text)
        if not kind.is_article:
            raise InputError(f"not an article ({kind.kind} page: {kind.reason})", path)
        facts = page_facts(text)  # before parse, which may change the tree
        try:
            returned = claimed.source.parse(text)
        except InputError as err:
            # A page flattened for its depth (text.parse_warnings) says so: that may be why.
            reason = "; ".join((f"{name}: {err.reason}", *text.parse_warnings))
            raise InputError(reason, path) from err
        except Exception as err:
            failure = f"{type(err).__name__}: {err}"
            raise InputError(
                f"plugin {claimed.plugin!r} failed parsing as {name!r}: {failure}", path
            ) from err
        if text.url and isinstance(returned, Article) and not returned.url:
            returned = replace(returned, url=text.url)  # no canonical URL: where it was fetched
        try:
            article = check_article(returned, name)
        except BadArticle as err:
            raise InputError(
                f"plugin {claimed.plugin!r} returned a bad Article: {err}", path
            ) from None
        doc_id = document_id(article, text.text)
        document = Document(
            id=doc_id,
            path=path,
            article=article,
            encoding=text.encoding,
            format="html" if text.is_html else "text",
            sha256=hashlib.sha256(raw).hexdigest(),
            parser=parser_name(claimed),
            story_id=story_id(article, doc_id),
            warnings=(*text.parse_warnings, *extraction_warnings(article, facts)),
        )
        extra = self.enrich(document)
        return replace(document, extra=extra) if extra else document

    def route(self, text: SourceText) -> RegisteredSource:
        """The one source that claims ``text``: site sources first, then fallbacks.

        Raises ``InputError`` when none claims it, or when two of the same
        rank do (naming both: which to use is the user's call, not load order).
        """
        sources = self.host.sources.values()
        for fallback in (False, True):
            claimed = [s for s in sources if s.source.fallback is fallback and _claims(s, text)]
            if len(claimed) == 1:
                return claimed[0]
            if claimed:
                names = ", ".join(f"{s.source.name!r} (plugin {s.plugin!r})" for s in claimed)
                raise InputError(
                    f"claimed by more than one source: {names}; turn one off with --disable PLUGIN",
                    text.path,
                )
        declined = ", ".join(self.host.sources) or "no sources are loaded"
        raise InputError(f"no plugin claimed this input (declined: {declined})", text.path)

    def enrich(self, document: Document) -> dict[str, Any]:
        """Merge what every ``ingest_enrich`` hook returns; a clash names both plugins."""
        merged: dict[str, Any] = {}
        owner: dict[str, str] = {}
        for plugin, fields in self.host.call_each("ingest_enrich", document=document):
            if not isinstance(fields, dict):
                raise PluginError(
                    f"plugin {plugin!r}: ingest_enrich must return a dict, "
                    f"got {type(fields).__name__}"
                )
            for key, value in fields.items():
                if key in owner:
                    raise PluginError(
                        f"field {key!r} added by both plugin {owner[key]!r} and {plugin!r}"
                    )
                owner[key] = plugin
                merged[key] = value
        return merged

    def parse_file(self, path: str) -> Document:
        return self.parse_bytes(self.read_bytes(path), path)

    def parse_input(self, item: Input) -> Document:
        """``parse_file`` for a path; for a web archive's record, its payload.

        An input that takes longer than ``parse_budget`` fails with ``InputError``.
        """
        try:
            with time_budget(self.parse_budget):
                if isinstance(item, str):
                    return self.parse_file(item)
                raw = read_warc_payload(item.archive, item.offset, self.max_bytes)
                return self.parse_bytes(raw, item.path, url=item.url, fetched=item.fetched)
        except BudgetExceeded as err:
            raise InputError(
                f"given up: parsing took longer than the time budget of {err.seconds:g} s "
                "per input",
                input_path(item),
            ) from None

    def process(
        self,
        paths: Iterable[str],
        skip: Callable[[str], bool] | None = None,
        on_note: Callable[[str], None] | None = None,
    ) -> Iterator[Document | Failure]:
        """A ``Document`` or a ``Failure`` for every input under ``paths``, except
        the files ``skip`` says need no parsing (an incremental run's unchanged ones;
        a web archive's records are never skipped). ``on_note`` gets each archive's
        count of records read and skipped."""
        for item in expand_archives(iter_inputs(paths), on_note):
            if isinstance(item, Failure):
                yield item
                continue
            if skip is not None and isinstance(item, str) and skip(item):
                continue
            try:
                yield self.parse_input(item)
            except (InputError, PluginError) as err:
                yield Failure(input_path(item), getattr(err, "reason", str(err)))
