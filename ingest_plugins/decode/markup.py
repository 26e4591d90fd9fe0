"""Whether a text is markup: a saved HTML page, not a plain-text copy.

``looks_like_html`` decides once for the whole input (``SourceText.is_html``);
the codec stage also asks it before trusting a ``<meta charset>``.
"""

from __future__ import annotations

import re
from itertools import islice

HTML_PROLOGUE = re.compile(r"(?:\s|\ufeff|<!--.*?-->|<\?xml[^>]*>)*", re.S)
HTML_START = re.compile(r"<(?:!doctype\s+html|html|head)\b", re.I)
HTML_BODY = re.compile(r"<body[\s>]", re.I)
HTML_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|span|table|tr|td|ul|ol|li|h[1-6]|article|section|a|img)\b[^<>]{0,2000}>",
    re.I,
)
MIN_HTML_TAGS = 5
HTML_SNIFF_CHARS = 262144


def looks_like_html(text: str) -> bool:
    """A saved page, not a text copy that merely contains ``<https://…>``.

    Markup when it opens (after whitespace, BOM, comments and an XML
    declaration) with a doctype, ``<html`` or ``<head``; or has a
    ``<body>``; or has several common block/inline tags.
    """
    head = text[:HTML_SNIFF_CHARS]
    prologue = HTML_PROLOGUE.match(head)
    start = prologue.end() if prologue else 0
    if HTML_START.match(head, start) or HTML_BODY.search(head):
        return True
    tags = HTML_BLOCK_TAG.finditer(head)
    return sum(1 for _ in islice(tags, MIN_HTML_TAGS)) >= MIN_HTML_TAGS
