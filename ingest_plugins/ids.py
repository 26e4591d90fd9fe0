"""Stable document ids: the same article always gets the same id.

An id must survive small changes to the input (a re-saved page, new
comments, a fixed typo) so that a re-run *updates* the indexed document
instead of adding a second one. So it is derived from the most stable
thing the article has, in this order:

1. its canonical URL;
2. its title and publication date;
3. its authors and the opening of its body;
4. failing all of those, the whole text.

The id is the first 20 hex digits of a SHA-256 over the source name and
that key, so two sources never collide.
"""

from __future__ import annotations

import hashlib
import re

from .document import Article

_SPACES = re.compile(r"\s+")
_BODY_PREFIX = 300


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip().lower()


def _url_key(url: str) -> str:
    """Scheme, ``www.``, query, fragment and trailing slash do not make a new article."""
    key = re.sub(r"^https?://(www\.)?", "", url.strip().lower())
    key = re.split(r"[?#]", key, maxsplit=1)[0]
    return key.rstrip("/")


def stable_key(article: Article, text: str) -> str:
    """The identifying key of ``article`` (see the module docstring)."""
    if article.url:
        return "url:" + _url_key(article.url)
    title = next(iter(sorted(article.title.items())), ("", ""))[1]
    if title:
        return f"title:{_squash(title)}|{article.published or ''}"
    body = next(iter(sorted(article.body.items())), ("", ""))[1]
    if body:
        return f"body:{'|'.join(article.authors)}|{_squash(body)[:_BODY_PREFIX]}"
    return "text:" + _squash(text)


def document_id(article: Article, text: str) -> str:
    digest = hashlib.sha256(f"{article.source}\n{stable_key(article, text)}".encode())
    return digest.hexdigest()[:20]
