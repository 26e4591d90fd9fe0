"""The ``vt`` source plugin: Veterans Today articles, as text copies or saved pages.

The hooks are thin: ``ingest_claim`` decides by content (``claims``) and
``ingest_parse`` sends the input to the text parser (``vt_text``) or the
HTML parser (``vt_html``). Both parsers are plain functions, re-exported
here for tests and benchmarks.
"""

from __future__ import annotations

from ingest_plugins import Article, InputError, SourceText, hookimpl

from .vt_html import html_claims, looks_like_html, parse_html
from .vt_text import parse_text, text_has_vt_markers

NAME = "vt"

__all__ = [
    "NAME",
    "claims",
    "ingest_claim",
    "ingest_parse",
    "is_markup",
    "parse_html",
    "parse_text",
]


def is_markup(source: SourceText) -> bool:
    """True when ``source`` is a saved page rather than a text copy."""
    return source.is_html or looks_like_html(source.text)


def claims(source: SourceText) -> bool:
    """True when ``source`` is a VT page.

    A saved page by its canonical URL, ``og:site_name``/``og:url`` or
    JSON-LD publisher; a text copy by VT-only phrases of its disclaimers.
    """
    if is_markup(source):
        return html_claims(source.text)
    return text_has_vt_markers(source.text)


@hookimpl
def ingest_claim(source: SourceText) -> str | None:
    """Claim ``source`` for ``vt`` when its content is a VT page."""
    return NAME if claims(source) else None


@hookimpl
def ingest_parse(source: SourceText, claimed_by: str) -> Article | None:
    """Parse a claimed VT input; ``None`` when another plugin claimed it.

    Raises ``InputError`` (with the input's path) when the input cannot be parsed.
    """
    if claimed_by != NAME:
        return None
    try:
        return parse_html(source.text) if is_markup(source) else parse_text(source.text)
    except InputError as error:
        raise InputError(error.reason, source.path) from None
