"""Reasons: why an element inside an article's text is kept out of the body.

The defences (``defences``) name what they find with one of these; the
walk keeps it on the blocks of that element (``TextBlock.reason``) and
``ingest parse --explain`` shows it.
"""

from __future__ import annotations

__all__ = [
    "AD",
    "AUTHOR_BIO",
    "CAPTION",
    "EMBED",
    "EMBED_ID",
    "HIDDEN",
    "LINK_LIST",
    "NEWSLETTER",
    "REASONS",
    "SHARE",
    "TAGS",
]

HIDDEN = "hidden"
"""Not shown: the ``hidden`` attribute, inline ``display: none`` / ``visibility: hidden``,
or a block with ``aria-hidden="true"``."""
LINK_LIST = "link list"
"""Links to other stories: a list or paragraph that is mostly link text, or one
headed ``More:``, ``Read more``, ``Related``, ``Recommended``, ``Read also``…"""
AUTHOR_BIO = "author bio"
"""An about-the-author box, its heading and the paragraph after that heading."""
TAGS = "tags"
"""The article's tag or topic list."""
SHARE = "share widget"
"""Share buttons and their labels."""
NEWSLETTER = "newsletter"
"""A newsletter sign-up box."""
AD = "ad"
"""An ad slot or its label."""
EMBED = "embed"
"""An embedded post or player (its fallback text)."""
EMBED_ID = "embed id"
"""A block that is only ids or long numbers (left behind by an embed)."""
CAPTION = "caption"
"""An image caption or photo credit: a ``figcaption``, or a box whose class names say
caption or credit (``wp-caption``, ``article-featured-media-credit``)."""
REASONS = (HIDDEN, LINK_LIST, AUTHOR_BIO, TAGS, SHARE, NEWSLETTER, AD, EMBED, EMBED_ID, CAPTION)
"""Every reason a detector gives, in the order ``defences.boilerplate_reason`` asks."""
