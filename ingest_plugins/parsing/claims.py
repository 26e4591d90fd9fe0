"""Whether a saved page declares itself a page of a given site.

A page names its site in the head (``link rel=canonical``, ``og:url``,
``og:site_name``) and in JSON-LD (the article's ``publisher``, a
``WebSite`` object). A plugin passes what its site looks like; the page is
read with regexes only, so claiming stays cheap and never fails. Every
plugin asks about the same page in turn, so what was read of the last page
is kept (``_last_page_only``) and not read again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from .html import head_tags
from .jsonld import iter_objects, ld_references, ld_types, load_json, scripts_in_markup


def page_declares_site(
    markup: str, *, is_site_url: Callable[[str], bool], is_site_name: Callable[[str], bool]
) -> bool:
    """True when the head or the JSON-LD of ``markup`` names the site.

    ``is_site_url`` judges the canonical link, ``og:url`` and JSON-LD URLs
    and ``@id``s; ``is_site_name`` judges ``og:site_name`` and JSON-LD names.
    """
    for kind, value in _site_signals(markup):
        if is_site_name(value) if kind == "name" else is_site_url(value):
            return True

    def names_site(value: object) -> bool:
        return any(is_site_url(ref) or is_site_name(ref) for ref in ld_references(value))

    for obj in _ld_objects(markup):
        if names_site(obj.get("publisher")):
            return True
        if "WebSite" in ld_types(obj) and names_site(obj):
            return True
    return False


def page_names_a_site(markup: str) -> bool:
    """True when the head of ``markup`` names the page's site at all (a canonical
    link, ``og:url`` or ``og:site_name``), whichever site that is."""
    return any(value.strip() for _, value in _site_signals(markup))


T = TypeVar("T")


def _last_page_only(read: Callable[[str], T]) -> Callable[[str], T]:
    """``read`` remembering its answer for the last page it was given.

    The page is recognised as the very ``str`` object (one that merely looks
    the same is read anew); callers only read the answer, never change it.
    """
    last: list[tuple[str, T]] = []

    @functools.wraps(read)
    def remembered(markup: str) -> T:
        if not last or last[0][0] is not markup:
            last[:] = [(markup, read(markup))]
        return last[0][1]

    return remembered


@_last_page_only
def _site_signals(markup: str) -> tuple[tuple[str, str], ...]:
    return tuple(head_site_signals(markup))


@_last_page_only
def _ld_objects(markup: str) -> tuple[dict[str, Any], ...]:
    return tuple(
        obj for script in scripts_in_markup(markup) for obj in iter_objects(load_json(script))
    )


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
