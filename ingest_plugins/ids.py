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

**Versions of one article stay apart.** A translation repost carries the
original's URL but also a title or summary in another language: the
Ukrainian and the Russian repost of one Al Jazeera article are two
documents, not one replacing the other. So when an article has text in
more than one language, its sorted language codes join the key
(``url:…|en,uk``); an edited input keeps its languages and so its id. Two
inputs that still resolve to one id with different content are reported
by ``ingest run``.

**Stories.** ``story_id`` groups the versions of one article: the hash of
the canonical URL when the article has one (the original page and every
repost of it), else the document's own id.
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


def _languages(article: Article) -> str:
    """The article's language codes (title, summary, body), sorted, when more than one."""
    found = sorted((set(article.title) | set(article.summary) | set(article.body)) - {"und"})
    return "|" + ",".join(found) if len(found) > 1 else ""


def stable_key(article: Article, text: str) -> str:
    """The identifying key of ``article`` (see the module docstring)."""
    if article.url:
        return "url:" + _url_key(article.url) + _languages(article)
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


def story_id(article: Article, document_id: str) -> str:
    """The id shared by every version of one article (see the module docstring)."""
    if not article.url:
        return document_id
    return "s" + hashlib.sha256(_url_key(article.url).encode()).hexdigest()[:19]
