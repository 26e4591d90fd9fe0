"""The ``aljazeera`` plugin: Al Jazeera articles, as text reposts or saved pages.

One package per site: ``site`` holds what is true of Al Jazeera (its
names and URLs, repost headers, chrome lines, bylines), ``text`` parses
text reposts, ``html`` parses saved pages (with ``metadata`` and
``zones``); this module only tells the host about the source.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest_plugins import Article, Source, SourceText, hookimpl

from .html import parse_html
from .site import NAME, html_claims, text_claims
from .text import parse_text

__all__ = ["NAME", "claims", "ingest_sources", "parse", "parse_html", "parse_text"]


def claims(source: SourceText) -> bool:
    """True when ``source`` is an Al Jazeera page or repost.

    A saved page by its canonical URL, ``og:url``/``og:site_name`` or
    JSON-LD publisher; a text repost by its ``Al Jazeera`` header, an
    aljazeera.com URL line near the top or a ``Source: Al Jazeera`` credit.
    """
    if source.is_html:
        return html_claims(source)
    return text_claims(source.text)


def parse(source: SourceText) -> Article:
    """The ``Article`` of a claimed Al Jazeera input (saved page or text repost)."""
    return parse_html(source) if source.is_html else parse_text(source.text)


@hookimpl
def ingest_sources() -> Sequence[Source]:
    """One source, ``aljazeera``."""
    return [Source(name=NAME, claim=claims, parse=parse)]
