"""Labels: the short texts that say what follows is no article text, or that are widgets.

A list of links to other stories comes under ``More:``, ``Related``,
``Read also`` or ``Читайте також``; topic links under ``Tags:``; an author
box under ``About the author``. Share buttons and newsletter boxes say
``Share this article`` or ``Sign up for our newsletter``. Each pattern
here matches one whole label, white space collapsed (``fullmatch``), in
English, Ukrainian and Russian; separators such as ``:``, ``»`` or ``→``
around it are part of the label.
"""

from __future__ import annotations

import re

__all__ = [
    "AUTHOR_LABEL_RE",
    "LABEL_RE",
    "LINK_LABEL_RE",
    "LINK_LABEL_START_RE",
    "NETWORK_RE",
    "NEWSLETTER_LABEL_RE",
    "SHARE_LABEL_RE",
    "TAGS_LABEL_RE",
    "label_kind",
]

_SEPARATOR = r"[\s:：.…»>→|•·–—-]*"
_LINK_LABEL = (
    r"(?:read more|more|related(?: stories| articles| coverage| content| news| posts| reading)?"
    r"|recommended(?: stories| reading| for you)?|read also|also read|see also|read next"
    r"|further reading|keep reading|you may also like|more on (?:this|the) (?:story|topic)"
    r"|more from [\w ]{2,40}|читайте також|також читайте|читайте также|также читайте"
    r"|читайте тоже|дивіться також|смотрите также|по темі|по теме|за темою|на тему"
    r"|ще на тему|ещё по теме|еще по теме|рекомендуємо|рекомендуем)"
)
LINK_LABEL_RE = re.compile(rf"{_SEPARATOR}{_LINK_LABEL}{_SEPARATOR}", re.I)
"""A label heading a list of links to other stories (``More:``, ``Related stories``…)."""
LINK_LABEL_START_RE = re.compile(rf"{_SEPARATOR}{_LINK_LABEL}\s*[:：|»>→–—-]", re.I)
"""Such a label at the start of a text, with its separator (``Read more: …``); use ``match``."""
TAGS_LABEL_RE = re.compile(
    rf"{_SEPARATOR}(?:tags?|topics?|keywords|filed under|теги|тег|мітки|теми|темы"
    rf"|ключові слова|ключевые слова|рубрики){_SEPARATOR}",
    re.I,
)
"""A label heading the article's tags or topics (``Tags:``, ``Теги``…)."""
AUTHOR_LABEL_RE = re.compile(
    rf"{_SEPARATOR}(?:about the authors?|about author|the author|author bio|about the writer"
    rf"|про автора|про авторів|про авторку|об авторе|об авторах){_SEPARATOR}",
    re.I,
)
"""A label heading an about-the-author box (``About the author``, ``Про автора``…)."""
LABEL_RE = re.compile(
    "|".join(
        f"(?P<{kind}>{pattern.pattern})"
        for kind, pattern in (
            ("link", LINK_LABEL_RE),
            ("tags", TAGS_LABEL_RE),
            ("author", AUTHOR_LABEL_RE),
        )
    ),
    re.I,
)
"""Any of the three; the group that matched (``link``, ``tags`` or ``author``) is its kind."""
_NETWORK = r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|e-?mail|vk|viber|messenger)"
NETWORK_RE = re.compile(_NETWORK, re.I)
"""The name of a network a page shares to (``Facebook``, ``Telegram``, ``E-mail``…)."""
SHARE_LABEL_RE = re.compile(
    rf"(?:share(?: this(?: article| story| post| page)?)?(?:(?: on| via) {_NETWORK})?"
    rf"|поділитися|поделиться|{_NETWORK})\s*:?",
    re.I,
)
"""The label of a share button or bar (``Share``, ``Share this article``, ``Facebook``…)."""
NEWSLETTER_LABEL_RE = re.compile(
    r"(?:sign up|subscribe)(?: (?:to|for))?(?: (?:our|the))?[\w ]{0,30} newsletters?\b.*"
    r"|підпишіться на [\w ]{0,30}розсилку.*|подпишитесь на [\w ]{0,30}рассылку.*",
    re.I,
)
"""The call of a newsletter sign-up box (``Sign up for our daily newsletter``…)."""


def label_kind(text: str) -> str | None:
    """``"link"``, ``"tags"`` or ``"author"`` when all of ``text`` is such a label."""
    found = LABEL_RE.fullmatch(text)
    return found.lastgroup if found else None
