"""Whether a saved page declares itself a page of a given site.

A page names its site in the head (``link rel=canonical``, ``og:url``,
``og:site_name``) and in JSON-LD (the article's ``publisher``, a
``WebSite`` object). A plugin passes what its site looks like; the page is
read with regexes only, so claiming stays cheap and never fails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .html import head_tags
from .jsonld import iter_objects, ld_references, ld_types, load_json, scripts_in_markup


def page_declares_site(
    markup: str, *, is_site_url: Callable[[str], bool], is_site_name: Callable[[str], bool]
) -> bool:
    """True when the head or the JSON-LD of ``markup`` names the site.

    ``is_site_url`` judges the canonical link, ``og:url`` and JSON-LD URLs
    and ``@id``s; ``is_site_name`` judges ``og:site_name`` and JSON-LD names.
    """
    for kind, value in head_site_signals(markup):
        if is_site_name(value) if kind == "name" else is_site_url(value):
            return True

    def names_site(value: object) -> bool:
        return any(is_site_url(ref) or is_site_name(ref) for ref in ld_references(value))

    for script in scripts_in_markup(markup):
        for obj in iter_objects(load_json(script)):
            if names_site(obj.get("publisher")):
                return True
            if "WebSite" in ld_types(obj) and names_site(obj):
                return True
    return False


def page_names_a_site(markup: str) -> bool:
    """True when the head of ``markup`` names the page's site at all (a canonical
    link, ``og:url`` or ``og:site_name``), whichever site that is."""
    return any(value.strip() for _, value in head_site_signals(markup))


def head_site_signals(markup: str) -> Iterator[tuple[str, str]]:
    """What the head says the page's site is: ``("url", canonical href or og:url)``
    and ``("name", og:site_name)``, in document order."""
    for attrs in head_tags(markup):
        rel = attrs.get("rel", "").lower().split()
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if "canonical" in rel:
            yield "url", attrs.get("href", "")
        if key == "og:url":
            yield "url", attrs.get("content", "")
        if key == "og:site_name":
            yield "name", attrs.get("content", "")
