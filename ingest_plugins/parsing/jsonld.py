"""JSON-LD: the objects of a page's ``application/ld+json`` scripts and its article.

Pages put their schema.org objects in one or more scripts, as a single
object, a list, an ``@graph`` or nested in each other; authors are often
``@id`` references to a ``Person`` elsewhere on the page. Everything here
is lenient: JSON with the usual flaws is read anyway (``load_json``),
what cannot be read is skipped, unexpected shapes give ``None``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import chompjs
from lxml import etree

from .dates import normalize_iso, parse_date
from .html import inner_text
from .lines import clean_line

__all__ = [
    "ARTICLE_TYPES",
    "ArticleMetadata",
    "article_metadata",
    "find_article",
    "iter_objects",
    "ld_authors",
    "ld_references",
    "ld_text",
    "ld_types",
    "ld_url",
    "load_json",
    "page_objects",
]

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
    }
)
"""schema.org types of an article page's main object."""

ORGANIZATION_TYPES = frozenset({"Organization", "NewsMediaOrganization"})
"""schema.org types of an author that is no person."""

MAX_NODES = 10_000
"""A walk stops after this many JSON values (a hostile page cannot stall it)."""

# The content of every <script type="application/ld+json"> element, in raw markup.
_SCRIPT_RE = re.compile(
    r"<script\b[^>]*application/ld\+json[^>]*>(?P<json>.*?)</script\s*>", re.I | re.S
)


def load_json(text: str) -> Any:
    """Parse a JSON-LD script's text; ``None`` when nothing in it can be read.

    Pages' scripts are often not quite JSON, and one flaw would cost the
    article's date and authors: line breaks and tabs inside strings, a
    ``<!-- -->`` or ``// <![CDATA[`` wrapper, ``//`` comments, trailing
    commas, a ``;`` or a stray ``}`` after the object. Strict JSON is tried
    first (control characters allowed); then ``chompjs``, which reads
    JavaScript object syntax. Two values one after the other come back as
    a list. Quotes left unescaped inside a string cannot be read.
    """
    text = text.strip().removeprefix("<!--").removesuffix("-->")
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        pass
    try:
        values: list[Any] = list(chompjs.parse_js_objects(text, loader_kwargs={"strict": False}))
    except (ValueError, RecursionError):
        return None
    if len(values) == 1:
        return values[0]
    return values or None


def _as_list(value: Any) -> list[Any]:
    """``value`` as a list: lists stay, ``None`` is empty, anything else is wrapped."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _walk(root: Any, children: Callable[[dict[str, Any]], Iterable[Any]]) -> Iterator[Any]:
    """``root`` and the values under it in document order; an object's are ``children(obj)``.

    The walk uses its own stack (no recursion limit) and stops after ``MAX_NODES`` values.
    """
    stack = [root]
    for _ in range(MAX_NODES):
        if not stack:
            return
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(reversed(list(children(item))))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def iter_objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``data``, nested ones included, in document order.

    Top-level objects, list items, ``@graph`` members and objects inside
    other objects' values are all found (at most ``MAX_NODES`` values are read).
    """
    for item in _walk(data, dict.values):
        if isinstance(item, dict):
            yield item


def scripts_in_markup(markup: str) -> Iterator[str]:
    """The text of each JSON-LD script in raw markup (no HTML parsing)."""
    for match in _SCRIPT_RE.finditer(markup):
        yield match.group("json")


def page_objects(root: etree._Element) -> list[dict[str, Any]]:
    """Every JSON-LD object of a parsed page, script by script (see ``iter_objects``)."""
    objects: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if "ld+json" in str(script.get("type") or "").lower():
            objects.extend(iter_objects(load_json(inner_text(script))))
    return objects


def ld_types(obj: dict[str, Any]) -> set[str]:
    """The ``@type`` names of a JSON-LD object."""
    return {t for t in _as_list(obj.get("@type")) if isinstance(t, str)}


def ld_text(value: Any) -> str | None:
    """A JSON-LD text (the first, if a list) with entities decoded and spaces collapsed,
    line breaks included: a headline or a name is one line, whatever the page's
    template left in the string.

    ``None`` when it is no string or empty.
    """
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str):
        return None
    return clean_line(html.unescape(value).replace("\n", " ")) or None


def ld_url(value: Any) -> str | None:
    """The first http(s) URL given as a string or as an object's ``@id``/``url``."""
    for item in _as_list(value):
        if isinstance(item, dict):
            item = item.get("@id") or item.get("url")
        if isinstance(item, str) and item.strip().startswith(("http://", "https://")):
            return item.strip()
    return None


def ld_references(value: Any) -> Iterator[str]:
    """Every ``name``, ``url`` and ``@id`` string in a JSON-LD value (objects, lists, text)."""
    for item in _walk(value, lambda obj: (obj.get(key) for key in ("name", "url", "@id"))):
        if isinstance(item, str):
            yield item


def ld_authors(value: Any, objects: Iterable[dict[str, Any]] = ()) -> tuple[str, ...]:
    """Names of the persons in a JSON-LD ``author`` value, each once, in order.

    ``@id`` references are resolved among ``objects``; organisations are
    no authors.
    """
    by_id = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    names: list[str] = []
    for item in _as_list(value):
        if isinstance(item, dict):
            if "name" not in item:
                item = by_id.get(str(item.get("@id")), item)
            if ld_types(item) & ORGANIZATION_TYPES:
                continue
            item = item.get("name")
        name = ld_text(item)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def find_article(objects: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The first object whose type is one of ``ARTICLE_TYPES``, else ``None``."""
    return next((obj for obj in objects if ld_types(obj) & ARTICLE_TYPES), None)


@dataclass(frozen=True)
class ArticleMetadata:
    """What a JSON-LD article says about itself; any field may be missing."""

    title: str | None = None
    description: str | None = None
    published: str | None = None
    """``datePublished`` as ISO 8601 (non-ISO forms such as ``19 Nov 2019 07:09 GMT``
    are read as date lines); ``dateCreated``, then ``dateModified``, only when it is
    missing (one that is there but no date gives ``None``)."""
    authors: tuple[str, ...] = ()
    url: str | None = None


def _first_date(article: dict[str, Any], keys: Iterable[str]) -> str | None:
    """The value of the first of ``keys`` the article has, read as a date (ISO 8601 or
    a date line); ``None`` when that one is no date (a later key is no substitute)."""
    for key in keys:
        text = ld_text(article.get(key))
        if text:
            return normalize_iso(text) or parse_date(text)
    return None


def article_metadata(objects: list[dict[str, Any]]) -> ArticleMetadata:
    """Title (``headline``, else ``name``), description, date, authors and URL of the article.

    ``objects`` are all JSON-LD objects of the page (``page_objects``); an
    empty ``ArticleMetadata`` when none of them is an article.
    """
    article = find_article(objects)
    if article is None:
        return ArticleMetadata()
    return ArticleMetadata(
        title=ld_text(article.get("headline")) or ld_text(article.get("name")),
        description=ld_text(article.get("description")),
        published=_first_date(article, ("datePublished", "dateCreated", "dateModified")),
        authors=ld_authors(article.get("author"), objects),
        url=ld_url(article.get("mainEntityOfPage")) or ld_url(article.get("url")),
    )
