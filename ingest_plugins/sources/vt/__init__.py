"""The ``vt`` plugin: Veterans Today articles, as text copies or saved pages.

One package per site: ``site`` holds what is true of VT (its names and
URLs, disclaimers, chrome lines, bylines), ``text`` parses text copies,
``html`` parses saved pages (with ``metadata``, ``comments`` and
``elements``); this module only tells the host about the source. Both
parsers use the public toolkit (``ingest_plugins.parsing``) for everything
that is not VT's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest_plugins import Article, Source, SourceText, hookimpl

from .html import parse_html
from .site import NAME, html_claims, text_has_vt_markers
from .text import parse_text

__all__ = ["NAME", "claims", "ingest_sources", "parse", "parse_html", "parse_text"]


def claims(source: SourceText) -> bool:
    """True when ``source`` is a VT page.

    A saved page by its canonical URL, ``og:site_name``/``og:url`` or
    JSON-LD publisher; a text copy by VT-only phrases of its disclaimers.
    """
    if source.is_html:
        return html_claims(source)
    return text_has_vt_markers(source.text)


def parse(source: SourceText) -> Article:
    """The ``Article`` of a claimed VT input (saved page or text copy)."""
    return parse_html(source) if source.is_html else parse_text(source.text)


@hookimpl
def ingest_sources() -> Sequence[Source]:
    """One source, ``vt``."""
    return [Source(name=NAME, claim=claims, parse=parse)]
