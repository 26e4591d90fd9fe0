"""An example third-party plugin, implementing every hook.

It parses a made-up wire format::

    EXAMPLE WIRE
    Title line
    2024-05-01

    Body paragraphs...

and adds a ``word_count`` field to every document, whatever its source.
"""

from __future__ import annotations

from typing import Any

from ingest_plugins import Article, Document, InputError, Source, SourceText, hookimpl

__version__ = "0.2.0"
NAME = "example_wire"
MARKER = "EXAMPLE WIRE"


def claims(source: SourceText) -> bool:
    return source.text.lstrip().startswith(MARKER)


def parse(source: SourceText) -> Article:
    head, _, body = source.text.strip().partition("\n\n")
    lines = head.splitlines()
    if len(lines) < 3 or not body.strip():
        raise InputError("an EXAMPLE WIRE bulletin needs a title line, a date line and a body")
    return Article(
        title={"en": lines[1].strip()},
        body={"en": body.strip()},
        published=lines[2].strip(),
    )


@hookimpl
def ingest_sources() -> list[Source]:
    return [Source(name=NAME, claim=claims, parse=parse)]


@hookimpl
def ingest_enrich(document: Document) -> dict[str, Any] | None:
    words = sum(len(text.split()) for text in document.article.body.values())
    return {"word_count": words}


@hookimpl
def ingest_mappings() -> dict[str, Any] | None:
    return {"word_count": {"type": "integer"}}
