"""Whether a saved page declares itself a page of a given site.

A page names its site in the head (``link rel=canonical``, ``og:url``,
``og:site_name``) and in JSON-LD (the article's ``publisher``, a
``WebSite`` object). A plugin passes what its site looks like; the page's
head and JSON-LD are the views its ``SourceText`` shares with every other
plugin, so asking costs nothing after the first plugin has asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ingest_plugins.document import SourceText

from .jsonld import ld_references, ld_types

__all__ = [
    "head_site_signals",
    "page_declares_site",
    "page_names_a_site",
]


def page_declares_site(
    source: SourceText,
    *,
    is_site_url: Callable[[str], bool],
    is_site_name: Callable[[str], bool],
) -> bool:
    """True when the head or the JSON-LD of the page ``source`` names the site, or,
    for a page whose head names no site at all, the URL it was fetched from
    (``SourceText.url``, e.g. a web-archive record's) is on the site.

    ``is_site_url`` judges the canonical link, ``og:url``, JSON-LD URLs and
    ``@id``s and the fetch URL; ``is_site_name`` judges ``og:site_name`` and
    JSON-LD names.
    """
    signals = list(head_site_signals(source.head))
    for kind, value in signals:
        if is_site_name(value) if kind == "name" else is_site_url(value):
            return True
    if source.url and not any(value.strip() for _, value in signals) and is_site_url(source.url):
        return True

    def names_site(value: object) -> bool:
        return any(is_site_url(ref) or is_site_name(ref) for ref in ld_references(value))

    for obj in source.jsonld:
        if names_site(obj.get("publisher")):
            return True
        if "WebSite" in ld_types(obj) and names_site(obj):
            return True
    return False


def page_names_a_site(source: SourceText) -> bool:
    """True when the head of the page names its site at all (a canonical link,
    ``og:url`` or ``og:site_name``), whichever site that is."""
    return any(value.strip() for _, value in head_site_signals(source.head))


def head_site_signals(tags: Iterable[dict[str, str]]) -> Iterator[tuple[str, str]]:
    """What head ``tags`` (``SourceText.head``) say the page's site is:
    ``("url", canonical href or og:url)`` and ``("name", og:site_name)``, in order."""
    for attrs in tags:
        rel = attrs.get("rel", "").lower().split()
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if "canonical" in rel:
            yield "url", attrs.get("href", "")
        if key == "og:url":
            yield "url", attrs.get("content", "")
        if key == "og:site_name":
            yield "name", attrs.get("content", "")
