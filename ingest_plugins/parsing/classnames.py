"""What class names and ids say: the words in them that name a widget or a box.

Themes name their share bars, newsletter boxes, ad slots, embeds, author
boxes, tag lists and image captions in their class names and ids
(``article-share``, ``newsletter-signup``, ``ad-container``, ``adsbygoogle``,
``twitter-tweet``, ``author-bio``, ``post-tags``, ``wp-caption-text``). A
name is split into words at ``-`` and ``_``; whole words count
(``shared-history`` is no share bar).
"""

from __future__ import annotations

from .html import Element
from .reasons import AD, AUTHOR_BIO, CAPTION, EMBED, NEWSLETTER, SHARE, TAGS

__all__ = ["class_reason", "element_class_reason"]

_SHARE_WORDS = frozenset(
    "share shares sharing sharebar sharer sharethis sharedaddy addthis addtoany a2a social "
    "socials socialshare".split()
)
_NEWSLETTER_WORDS = frozenset(
    "newsletter newsletters subscribe subscription signup mailchimp mc4wp optin".split()
)
_AD_WORDS = frozenset(
    "ad ads adv advert adverts advertisement advertising adsbygoogle adslot adsense adunit dfp "
    "gpt sponsor sponsored promo outbrain taboola teads".split()
)
_EMBED_WORDS = frozenset("embed embeds embedded oembed".split())
_EMBED_NAMES = frozenset(
    "twitter-tweet twitter-timeline instagram-media tiktok-embed fb-post fb-video "
    "telegram-post reddit-card".split()
)
"""Whole names of embeds whose words say nothing by themselves."""
_TAG_WORDS = frozenset("tags tag tagcloud taglist topics topic keywords rubrics".split())
_CAPTION_WORDS = frozenset("caption captions figcaption credit credits".split())
_AUTHOR_WORDS = frozenset({"author", "authors"})
_BIO_WORDS = frozenset("bio box about info card profile description desc details".split())
"""With an author word, an author box (``author-box``, ``about-author``)."""
_BIO_ALONE = frozenset("bio biography authorbio authorbox".split())


def class_reason(classes: str | None, element_id: str | None) -> str | None:
    """The reason (``reasons``) a ``class`` value and an ``id`` value give, if any.

    ``SHARE``, ``NEWSLETTER``, ``AD``, ``EMBED``, ``AUTHOR_BIO``, ``TAGS`` or
    ``CAPTION``, in that order when words of several are there.
    """
    lowered = f"{classes or ''} {element_id or ''}".lower()
    names = lowered.split()
    words = set(lowered.replace("_", " ").replace("-", " ").split())
    if words & _SHARE_WORDS:
        return SHARE
    if words & _NEWSLETTER_WORDS:
        return NEWSLETTER
    if words & _AD_WORDS:
        return AD
    if words & _EMBED_WORDS or _EMBED_NAMES.intersection(names):
        return EMBED
    if words & _BIO_ALONE or (words & _AUTHOR_WORDS and words & _BIO_WORDS):
        return AUTHOR_BIO
    if words & _TAG_WORDS:
        return TAGS
    if words & _CAPTION_WORDS:
        return CAPTION
    return None


def element_class_reason(element: Element) -> str | None:
    """``class_reason`` of ``element``'s ``class`` and ``id``."""
    classes, element_id = element.get("class"), element.get("id")
    if classes is None and element_id is None:
        return None
    return class_reason(classes, element_id)
