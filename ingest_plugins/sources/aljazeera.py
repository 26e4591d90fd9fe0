"""The ``aljazeera`` source plugin: Al Jazeera articles, as text reposts or saved pages.

The hooks are thin: ``ingest_claim`` decides by content (``claims``) and
``ingest_parse`` sends the input to the text parser (``aljazeera_text``)
or the HTML parser (``aljazeera_html``). Both parsers are plain functions,
re-exported here for tests and benchmarks.
"""

from __future__ import annotations

from ingest_plugins import Article, InputError, SourceText, hookimpl
from ingest_plugins.parsing.html import looks_like_html

from .aljazeera_html import html_claims, parse_html
from .aljazeera_text import parse_text, text_claims

NAME = "aljazeera"

__all__ = [
    "NAME",
    "claims",
    "ingest_claim",
    "ingest_parse",
    "is_markup",
    "parse_html",
    "parse_source",
    "parse_text",
]


def is_markup(source: SourceText) -> bool:
    """True when ``source`` is a saved page rather than a text copy."""
    return source.is_html or looks_like_html(source.text)


def claims(source: SourceText) -> bool:
    """True when ``source`` is an Al Jazeera page or repost.

    A saved page by its canonical URL, ``og:url``/``og:site_name`` or
    JSON-LD publisher; a text repost by its ``Al Jazeera`` header, an
    aljazeera.com URL line near the top or a ``Source: Al Jazeera`` credit.
    """
    if is_markup(source):
        return html_claims(source.text)
    return text_claims(source.text)


def parse_source(source: SourceText) -> Article:
    """Parse ``source`` with the parser for its format; ``InputError`` names the path."""
    try:
        return parse_html(source.text) if is_markup(source) else parse_text(source.text)
    except InputError as error:
        raise InputError(error.reason, source.path) from None


@hookimpl
def ingest_claim(source: SourceText) -> str | None:
    """Claim ``source`` for ``aljazeera`` when its content is an Al Jazeera article."""
    return NAME if claims(source) else None


@hookimpl
def ingest_parse(source: SourceText, claimed_by: str) -> Article | None:
    """Parse a claimed Al Jazeera input; ``None`` when another plugin claimed it."""
    if claimed_by != NAME:
        return None
    return parse_source(source)
