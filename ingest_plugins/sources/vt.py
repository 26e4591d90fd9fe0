"""The ``vt`` source plugin: Veterans Today articles, as text copies or saved pages.

The hooks are thin: ``ingest_claim`` decides by content (``claims``) and
``ingest_parse`` sends the input to the text parser (``vt_text``) or, when
the host's decoder found markup (``SourceText.is_html``), to the HTML
parser (``vt_html``). Both parsers are plain functions, re-exported
here for tests and benchmarks.
"""

from __future__ import annotations

from ingest_plugins import Article, InputError, SourceText, hookimpl

from .vt_html import html_claims, parse_html
from .vt_text import parse_text, text_has_vt_markers

NAME = "vt"

__all__ = [
    "NAME",
    "claims",
    "ingest_claim",
    "ingest_parse",
    "parse_html",
    "parse_text",
]


def claims(source: SourceText) -> bool:
    """True when ``source`` is a VT page.

    A saved page by its canonical URL, ``og:site_name``/``og:url`` or
    JSON-LD publisher; a text copy by VT-only phrases of its disclaimers.
    """
    if source.is_html:
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
        return parse_html(source.text) if source.is_html else parse_text(source.text)
    except InputError as error:
        raise InputError(error.reason, source.path) from None
