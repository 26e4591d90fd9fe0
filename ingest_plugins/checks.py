"""What the host checks in every ``Article`` a plugin returns, before it goes on.

A plugin is code the host did not write: a wrong type or a date that
Elasticsearch refuses must fail that one input with one line naming the
plugin and the field, not crash the run or surface later as a rejected
bulk item. ``check_article`` returns the article with ``source`` filled in
and dates normalised (``2025-10-24 15:26`` → ``2025-10-24T15:26:00``), or
raises ``BadArticle``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from .document import Article, Comment

LANGUAGE_CODES = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
    hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
    lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
    or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
    ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu und
    """.split()
)
"""The ISO 639-1 codes, and ``und`` for "could not tell"."""


# What Elasticsearch's default date format (strict_date_optional_time) reads as it is.
_ES_DATE_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}(?::\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
)


class BadArticle(ValueError):
    """A returned value breaks the ``Article`` contract; the message names the field."""


def check_article(article: object, source_name: str) -> Article:
    """``article`` checked and normalised, as parsed by the source ``source_name``."""
    if not isinstance(article, Article):
        raise BadArticle(f"parse returned {type(article).__name__}, not an Article")
    if not isinstance(article.source, str):
        raise BadArticle(f"source: expected str, got {type(article.source).__name__}")
    if article.source not in ("", source_name):
        raise BadArticle(
            f"source: {article.source!r}, but the input was claimed by {source_name!r}"
        )
    for name in ("title", "summary", "body"):
        _check_lang_text(name, getattr(article, name))
    _check_optional_str("url", article.url)
    for name in ("authors", "disclaimers", "boilerplate"):
        _check_strings(name, getattr(article, name))
    comments = article.comments
    if not isinstance(comments, tuple | list):
        raise BadArticle(f"comments: expected a tuple of Comment, got {type(comments).__name__}")
    ids: set[str] = set()
    checked = [_check_comment(i, comment, ids) for i, comment in enumerate(comments)]
    return dataclasses.replace(
        article,
        source=source_name,
        authors=tuple(article.authors),
        disclaimers=tuple(article.disclaimers),
        boilerplate=tuple(article.boilerplate),
        published=normalize_date("published", article.published),
        comments=tuple(checked),
    )


def normalize_date(field: str, value: object) -> str | None:
    """``value`` as Elasticsearch's ``strict_date_optional_time`` takes it, or ``None``.

    Any ISO 8601 form Python reads (``2022-07-01``, ``2022-07-01 10:00``,
    ``2022-07-01T10:00:00.5+03:00``, ``…Z``) is accepted; a datetime is
    written with a ``T``; anything else raises ``BadArticle``.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadArticle(f"{field}: expected an ISO 8601 str or None, got {type(value).__name__}")
    text = value.strip()
    parsed: date
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        parsed = _datetime(field, value, text)
    return text if _ES_DATE_RE.fullmatch(text) else parsed.isoformat()


def _datetime(field: str, value: str, text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise BadArticle(
            f"{field}: {value!r} is not an ISO 8601 date or datetime (e.g. 2022-07-01T10:00:00Z)"
        ) from None


def _check_lang_text(field: str, value: object) -> None:
    if not isinstance(value, Mapping):
        raise BadArticle(
            f"{field}: expected a dict of language code to text, got {type(value).__name__}"
        )
    for code, text in value.items():
        if code not in LANGUAGE_CODES:
            raise BadArticle(f"{field}: language key {code!r} is not an ISO 639-1 code (or 'und')")
        if not isinstance(text, str):
            raise BadArticle(f"{field}[{code!r}]: expected str, got {type(text).__name__}")


def _check_optional_str(field: str, value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise BadArticle(f"{field}: expected str or None, got {type(value).__name__}")


def _check_strings(field: str, value: object) -> None:
    if not isinstance(value, tuple | list):
        raise BadArticle(f"{field}: expected a tuple of str, got {type(value).__name__}")
    for item in value:
        if not isinstance(item, str):
            raise BadArticle(f"{field}: expected a tuple of str, found a {type(item).__name__}")


def _check_comment(index: int, comment: Any, ids: set[str]) -> Comment:
    where = f"comments[{index}]"
    if not isinstance(comment, Comment):
        raise BadArticle(f"{where}: expected a Comment, got {type(comment).__name__}")
    if not isinstance(comment.id, str) or not comment.id:
        raise BadArticle(f"{where}.id: expected a non-empty str")
    if comment.id in ids:
        raise BadArticle(f"{where}.id: {comment.id!r} is used by an earlier comment")
    ids.add(comment.id)
    if comment.parent is not None and comment.parent not in ids:
        raise BadArticle(f"{where}.parent: {comment.parent!r} is not an earlier comment's id")
    if not isinstance(comment.depth, int) or isinstance(comment.depth, bool) or comment.depth < 0:
        raise BadArticle(f"{where}.depth: expected an int >= 0, got {comment.depth!r}")
    if not isinstance(comment.text, str):
        raise BadArticle(f"{where}.text: expected str, got {type(comment.text).__name__}")
    if comment.lang not in LANGUAGE_CODES:
        raise BadArticle(f"{where}.lang: {comment.lang!r} is not an ISO 639-1 code (or 'und')")
    _check_optional_str(f"{where}.author", comment.author)
    published = normalize_date(f"{where}.published", comment.published)
    if published == comment.published:
        return comment
    return dataclasses.replace(comment, published=published)
