"""The last guard before the index: text fields hold plain text, never markup.

Source plugins extract text from HTML, but an input saved as text may
still carry markup (a copied embed code, a quoted ``<script>``), and a
third-party plugin may hand back HTML. Whatever reaches the index is
shown somewhere later, so the host guarantees it: every text field of an
indexed document is passed through ``plain`` on the way to Elasticsearch.

``plain`` removes tags, comments, CDATA markers and the whole content of
``script``/``style``/``iframe``/… elements; text without ``<`` is returned
untouched (the common case costs one ``in`` test). It is linear in the
length of the text, whatever the input: one scan over the tags, then a few
more passes only if removing tags glued new ones together
(``<scr<b></b>ipt>``, at most ``MAX_PASSES``). Last, any ``<`` that could
still open a tag in a browser (followed by a letter, ``/``, ``!`` or ``?``:
a broken ``</li?``, or ``x<y``) gets a space after it, which makes it text
by the HTML rules. Entities (``&lt;``) are left as they are: decoding them
could make new tags.
"""

from __future__ import annotations

import re
from typing import Any

RAW_TEXT = frozenset(
    {"script", "style", "iframe", "noscript", "template", "svg", "object", "embed", "textarea"}
)
"""Elements whose content is not text for a reader: dropped with their content."""
INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "font", "i", "kbd", "mark", "q", "s",
     "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
)  # fmt: skip
"""Tags removed without a trace; any other tag becomes a space (it separated words)."""
MAX_PASSES = 8
STRUCTURAL_KEYS = frozenset(
    {"id", "path", "url", "source", "format", "article_id", "parent", "comment_id", "lang",
     "languages", "published", "encoding"}
)  # fmt: skip
"""Identifiers and codes, not text: never rewritten (they are keywords, not shown as prose)."""

_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"  # comment (an unclosed one runs to the end, as in a browser)
    r"|<!\[CDATA\[|\]\]>"
    r"|<[!?][^<>]*>"  # doctype, processing instruction
    r"|<(/?)([A-Za-z][\w:.-]*)(?:\s[^<>]*)?/?>",  # start or end tag
    re.S,
)
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def plain(text: str) -> str:
    """``text`` without markup (see the module docstring)."""
    if "<" not in text:
        return text
    for _ in range(MAX_PASSES):
        stripped = _strip_once(text)
        if stripped == text:
            break
        text = stripped
    return _TAG_START.sub("< ", text)


def _strip_once(text: str, skip_raw: bool = True) -> str:
    """One scan: drop tags, and raw-text elements with their content."""
    out: list[str] = []
    pos = 0
    inside: str | None = None
    opened_at = 0
    for match in _MARKUP.finditer(text):
        closing, name = match.group(1) == "/", (match.group(2) or "").lower()
        if inside is not None:
            if closing and name == inside:
                inside, pos = None, match.end()
            continue
        out.append(text[pos : match.start()])
        out.append("" if name in INLINE else " ")
        pos = match.end()
        if skip_raw and name in RAW_TEXT and not closing and not match.group(0).endswith("/>"):
            inside, opened_at = name, match.end()
    if inside is not None:  # never closed: keep what follows, as text, without its tags
        return "".join(out) + _strip_once(text[opened_at:], skip_raw=False)
    out.append(text[pos:])
    return "".join(out)


def plain_record(record: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """``record`` with every text value made plain; True if anything changed.

    Structural keys (ids, paths, URLs, codes, dates) are left alone.
    """
    changed = False

    def clean(value: Any) -> Any:
        nonlocal changed
        if isinstance(value, str):
            result = plain(value)
            changed = changed or result != value
            return result
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        return value

    out = {k: v if k in STRUCTURAL_KEYS else clean(v) for k, v in record.items()}
    return out, changed
