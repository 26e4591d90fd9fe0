"""Tests of ``ingest_plugins.parsing.labels``: whole labels, in three languages."""

from __future__ import annotations

import pytest

from ingest_plugins.parsing.labels import (
    LINK_LABEL_START_RE,
    NEWSLETTER_LABEL_RE,
    SHARE_LABEL_RE,
    label_kind,
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Related stories", "link"),
        ("» Read also:", "link"),
        ("Читайте також", "link"),
        ("Tags:", "tags"),
        ("Теги", "tags"),
        ("About the author", "author"),
        ("Про автора", "author"),
        ("Related to the budget, the minister said", None),  # a sentence, not a label
        ("", None),
    ],
)
def test_label_kind(text: str, kind: str | None) -> None:
    assert label_kind(text) == kind


def test_widget_labels() -> None:
    assert SHARE_LABEL_RE.fullmatch("Share this article")
    assert SHARE_LABEL_RE.fullmatch("Telegram")
    assert not SHARE_LABEL_RE.fullmatch("Shares in the company fell")
    assert NEWSLETTER_LABEL_RE.fullmatch("Sign up for our daily newsletter")
    assert LINK_LABEL_START_RE.match("Read more: the minister's full statement")
    assert not LINK_LABEL_START_RE.match("Read more books, the minister said")
