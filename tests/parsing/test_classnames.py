"""Tests of ``ingest_plugins.parsing.classnames``: whole words of class names and ids."""

from __future__ import annotations

import pytest

from ingest_plugins.parsing.classnames import class_reason, element_class_reason
from ingest_plugins.parsing.html import parse_page
from ingest_plugins.parsing.reasons import AD, AUTHOR_BIO, EMBED, NEWSLETTER, SHARE, TAGS


@pytest.mark.parametrize(
    ("classes", "element_id", "reason"),
    [
        ("article-share", None, SHARE),
        (None, "newsletter_signup", NEWSLETTER),
        ("ad-container top", None, AD),
        ("twitter-tweet", None, EMBED),
        ("author-box", None, AUTHOR_BIO),
        ("post-tags", None, TAGS),
        ("share ad", None, SHARE),  # the first kind in the order wins
        ("shared-history", None, None),  # "shared" is no share word
        ("author-name", None, None),  # an author word alone is no bio
        ("header", "main", None),
    ],
)
def test_class_reason(classes: str | None, element_id: str | None, reason: str | None) -> None:
    assert class_reason(classes, element_id) == reason


def test_element_class_reason_reads_class_and_id() -> None:
    page = parse_page("<html><body><div id='x' class='Ad-Slot'>x</div><p>y</p></body></html>")
    div, paragraph = page.find(".//div"), page.find(".//p")
    assert div is not None and paragraph is not None
    assert element_class_reason(div) == AD
    assert element_class_reason(paragraph) is None
