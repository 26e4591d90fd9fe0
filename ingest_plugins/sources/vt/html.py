"""Saved Veterans Today pages (a WordPress site): metadata, body, disclaimers, comments.

Two generations of the site's markup are handled the same way:

* the older tagDiv "Newspaper" theme: ``h1.entry-title``,
  ``.td-post-author-name``, ``time.entry-date[datetime]``, the article text
  in ``div.td-post-content``;
* current WordPress themes: ``article`` with ``div.entry-content``, a
  JSON-LD ``NewsArticle``/``Article`` (headline, datePublished, author) and
  ``link rel=canonical``.

Comments are WordPress' threaded list (``ol.comment-list > li.comment.depth-1
> … > ul.children > li.depth-2``). The page is read as a sequence of text
blocks, each tagged with the zone it came from: the article content
(body), the rest of the post area (boilerplate: share bars, tags, related
posts, ads) or the rest of the site (navigation, sidebar, footer, which is
not part of the document and is left out). VT's disclaimers are taken from
any zone by their content. Scripts, styles, frames, media and forms (the
comment form) never reach the text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest_plugins import Article, InputError, SourceText
from ingest_plugins.parsing import bylines, jsonld
from ingest_plugins.parsing.blocks import (
    BLOCK_TAGS,
    Routed,
    TextBlock,
    Whole,
    ZoneOf,
    text_blocks,
)
from ingest_plugins.parsing.comments import CommentDraft, finish_comments
from ingest_plugins.parsing.dates import normalize_iso, parse_date
from ingest_plugins.parsing.defences import route_boilerplate
from ingest_plugins.parsing.html import (
    NON_TEXT_TAGS,
    Element,
    ancestors,
    canonical_url,
    class_list,
    drop_elements,
    inner_text,
    meta_content,
    spaced_text,
    text_pieces,
)
from ingest_plugins.parsing.languages import lang_slot, slot_language
from ingest_plugins.parsing.lines import clean_line
from ingest_plugins.parsing.select import (
    CSSSelector,
    matches,
    select,
    select_one,
    selector,
    selectors,
)

from .site import AFFILIATIONS, NAME, chrome_kind, may_hold_disclaimer, merge_disclaimers

# ---------------------------------------------------------------------------
# Reading the tree as text blocks
# ---------------------------------------------------------------------------

# Elements whose content is never text: dropped before anything is read. Media and
# forms too (the comment form).
_DROPPED_TAGS = (
    *NON_TEXT_TAGS,
    "canvas", "video", "audio", "form", "input", "textarea", "select", "button", "option",
)  # fmt: skip

# class/id tokens of share bars, related posts and ads (boilerplate inside the post).
_CHROME_TOKEN_RE = re.compile(
    r"share|sharing|sharedaddy|social|related|yarpp|td-a-rec|adsbygoogle|advert|sponsor"
    r"|^ads?$|^ads?[-_]|[-_]ads?$|code-block|newsletter|subscribe",
    re.I,
)

_BODY, _POST, _SITE, _GAP = "body", "post", "site", "gap"
"""Zones: the article content, the rest of the post area, the rest of the
site, and a site subtree that cannot hold a disclaimer (see ``_SiteSkim``)."""


class _SiteSkim:
    """Picks the site-zone subtrees that cannot hold a disclaimer, to be read as gaps.

    Blocks of the rest of the site only matter when they are (part of) a
    disclaimer, and the disclaimer search only needs to know that other
    blocks stand between its candidates: a block element of the site zone
    whose whole text has no disclaimer probe word is read whole as one gap
    block (none when it has no text) instead of being walked. Elements that
    hold the post area or a skipped element are always walked.

    Each check reads the element's whole text, so along one line of nested
    elements only the outermost ``_SKIM_TRIES`` that hold a probe word are
    checked; the ones inside them are walked unchecked. That keeps the work
    linear in the page (deep nesting would make it quadratic). How many
    checks failed above an element travels down in its zone (``_SITE_ZONES``).
    """

    def __init__(self, special: Iterable[Element]) -> None:
        self.holders = {parent for tag in special for parent in ancestors(tag)}

    def zone_of(self, tag: Element, zone: str) -> str | Whole[str]:
        """``tag``'s zone in the site zone ``zone``: a gap, or a site zone to walk it in."""
        tries = _SITE_ZONES.index(zone)
        if tries >= _SKIM_TRIES or tag in self.holders or tag.tag not in BLOCK_TAGS:
            return zone
        text = inner_text(tag)
        if may_hold_disclaimer(text):
            return _SITE_ZONES[tries + 1]
        return Whole(_GAP, text=text)


_SKIM_TRIES = 2
"""Nested elements holding a probe word that ``_SiteSkim`` checks before it stops checking."""
_SITE_ZONES = (_SITE, *(f"{_SITE}+{tries}" for tries in range(1, _SKIM_TRIES + 1)))
"""The site zone, by how many of ``_SiteSkim``'s checks failed above (``site+1``...).
They change only at block elements, which end blocks anyway."""


def _tokens(tag: Element) -> list[str]:
    """The class names and id of ``tag``."""
    return _split_tokens(tag.get("class"), tag.get("id"))


def _split_tokens(classes: str | None, tag_id: str | None) -> list[str]:
    """The class names in a ``class`` value, and the ``id`` value."""
    tokens = (classes or "").split()
    if tag_id is not None:
        tokens.append(tag_id)
    return tokens


def _is_chrome_container(tag: Element) -> bool:
    """True for a share bar, related-posts box or ad slot (by class or id)."""
    classes, tag_id = tag.get("class"), tag.get("id")
    if classes is None and tag_id is None:
        return False
    return _names_chrome(classes, tag_id)


@functools.lru_cache(maxsize=4096)
def _names_chrome(classes: str | None, tag_id: str | None) -> bool:
    """``_is_chrome_container`` for a ``class`` and ``id`` value: pages repeat a few dozen."""
    return any(_CHROME_TOKEN_RE.search(token) for token in _split_tokens(classes, tag_id))


def _has_class(tag: Element, name: str) -> bool:
    """True when ``tag`` has the class ``name``."""
    return name in _tokens(tag)


def _inside(tag: Element, container: Element) -> bool:
    """True when ``tag`` is ``container`` or one of its descendants."""
    return tag is container or any(parent is container for parent in ancestors(tag))


def _in_comment(tag: Element) -> bool:
    """True when ``tag`` sits inside an element of class ``comment``."""
    return any("comment" in class_list(parent) for parent in ancestors(tag))


# ---------------------------------------------------------------------------
# Finding the parts of the page
# ---------------------------------------------------------------------------

# Containers of the article text, best first.
_CONTENT_SELECTORS = selectors(
    ".td-post-content",
    ".tdb_single_content .tdb-block-inner",
    "[itemprop=articleBody]",
    ".entry-content",
    ".post-content",
    ".article-content",
    "article",
    "main",
)
_COMMENT_LIST_SELECTOR = selector(
    "ol.comment-list, ul.comment-list, ol.commentlist, ul.commentlist"
)
_TITLE_SELECTOR = selector("h1.entry-title, h1.tdb-title-text, h1.post-title, article h1, h1")
_SUBTITLE_SELECTOR = selector(".td-post-sub-title, .entry-subtitle, .post-subtitle, .subtitle")
_BYLINE_SELECTOR = selector(
    ".td-post-author-name, .tdb-author-name, .byline, .entry-author, .post-author, "
    ".author-name, [rel=author]"
)
_DATE_SELECTOR = selector(".td-post-date, .posted-on, .entry-date, .post-date, time[datetime]")
_COMMENT_TEXT_SELECTOR = selector(".comment-content, .comment-text, [itemprop=text]")
_COMMENT_AUTHOR_SELECTOR = selector(".comment-author .fn, .fn, cite, .comment-author")
_COMMENT_META_SELECTOR = selector(
    ".comment-meta, .comment-metadata, .comment-author, .reply, footer"
)
_COMMENT_TIME_SELECTOR = selector("time[datetime]")
_COMMENT_LINK_SELECTOR = selector(".comment-metadata a")
_NAME_LINK_SELECTOR = selector(".fn, a")

# The site name after a page title: "Title | Veterans Today", "Title - Veterans Today".
_TITLE_SUFFIX_RE = re.compile(r"\s*[|–—-]\s*veterans\s*today\b.*$", re.I)
# "By " before a byline's names and " -" after them, as the tagDiv theme prints them.
_BYLINE_DECOR_RE = re.compile(r"^\s*by:?\s+|\s*[-–—|]\s*$", re.I)
# The WordPress comment id in an element id: comment-1234, li-comment-1234, div-comment-1234.
_COMMENT_ID_RE = re.compile(r"^(?:li-|div-)?comment-(?P<id>\d+)$")
# WordPress' nesting class on a comment: depth-1 (top level), depth-2…
_DEPTH_CLASS_RE = re.compile(r"^depth-(?P<depth>\d+)$")
# "…", "...", "[…]" or "[...]" ending an excerpt.
_ELLIPSIS_RE = re.compile(r"\s*(?:\[?(?:…|\.\.\.)\]?)\s*$")
# " says:" after a comment author's name.
_SAYS_RE = re.compile(r"\s+says:?$", re.I)


def _find_content(page: Element) -> Element:
    """The element holding the article text (the longest of the best kind)."""
    for compiled in _CONTENT_SELECTORS:
        found = [tag for tag in _outermost_only(select(page, compiled)) if not _in_comment(tag)]
        if found:
            return max(found, key=lambda tag: len(inner_text(tag)))
    raise InputError("VT page has no article content element")


def _outermost_only(tags: list[Element]) -> list[Element]:
    """``tags`` without those inside another of them.

    An inner one's text is part of the outer one's, so it never wins the
    longest-text choice (a tie goes to the first, the outer); reading the
    text, and the ancestors, of thousands of nested ones was quadratic.
    """
    holders = set(tags)
    return [tag for tag in tags if not any(parent in holders for parent in ancestors(tag))]


def _find_region(content: Element) -> Element:
    """The post area around ``content``: the main column, else the article."""
    for parent in ancestors(content):
        tokens = set(_tokens(parent))
        if (
            parent.tag == "main"
            or parent.get("role") == "main"
            or tokens & {"primary", "site-main", "td-ss-main-content", "td-main-content"}
        ):
            return parent
    article = next((parent for parent in ancestors(content) if parent.tag == "article"), None)
    if article is not None:
        return article
    container = content.getparent()
    return container if container is not None else content


def _first(root: Element, compiled: CSSSelector, skip: Element | None = None) -> Element | None:
    """The first element in ``root`` matching ``compiled`` that is not in ``skip``.

    The first match of all is found without a full search; only when it is
    in ``skip`` are all matches listed, and then the elements of ``skip``
    are listed once instead of walking up from every further match
    (thousands of nested matches inside ``skip`` made that quadratic). The
    list keeps them alive, so their ``id`` stays theirs, and is freed
    deepest first.
    """
    first = select_one(root, compiled)
    if first is None or skip is None or not _inside(first, skip):
        return first
    members = list(skip.iter())
    inside = {id(member) for member in members}
    return next((tag for tag in select(root, compiled) if id(tag) not in inside), None)


def _outermost(tag: Element, compiled: CSSSelector, root: Element) -> Element:
    """``tag`` or its outermost ancestor (below ``root``) that also matches ``compiled``."""
    best = tag
    for parent in ancestors(tag):
        if parent is root:
            break
        if matches(parent, compiled):
            best = parent
    return best


@dataclass
class _Metadata:
    """What the page says about the article, and the elements it was read from."""

    title: str = ""
    subtitle: str = ""
    description: str = ""
    url: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    consumed: tuple[Element, ...] = ()


def _read_metadata(
    page: Element, region: Element, content: Element, ld: jsonld.ArticleMetadata
) -> _Metadata:
    """Read title, subtitle, authors, date, URL and description of the page."""
    consumed: list[Element] = []
    meta = _Metadata()

    title_tag = _first(region, _TITLE_SELECTOR)
    if title_tag is not None:
        consumed.append(title_tag)
        meta.title = spaced_text(title_tag)
    if not meta.title:
        title_element = next(page.iter("title"), None)
        page_title = " ".join(text_pieces(title_element)) if title_element is not None else ""
        meta.title = (
            ld.title
            or meta_content(page, "og:title")
            or clean_line(_TITLE_SUFFIX_RE.sub("", page_title))
        )

    subtitle_tag = _first(region, _SUBTITLE_SELECTOR, skip=content)
    if subtitle_tag is not None:
        consumed.append(subtitle_tag)
        meta.subtitle = spaced_text(subtitle_tag)

    byline_tag = _first(region, _BYLINE_SELECTOR, skip=content)
    dom_authors: tuple[str, ...] = ()
    if byline_tag is not None and not _in_comment(byline_tag):
        byline_tag = _outermost(byline_tag, _BYLINE_SELECTOR, region)
        consumed.append(byline_tag)
        dom_authors = _byline_names(byline_tag)
    meta.authors = ld.authors or dom_authors

    date_tag = _first(region, _DATE_SELECTOR, skip=content)
    dom_date: str | None = None
    if date_tag is not None and not _in_comment(date_tag):
        date_tag = _outermost(date_tag, _DATE_SELECTOR, region)
        consumed.append(date_tag)
        dom_date = _tag_date(date_tag)
    meta.published = (
        ld.published
        or normalize_iso(meta_content(page, "article:published_time") or "")
        or dom_date
    )
    meta.url = canonical_url(page) or ld.url
    meta.description = ld.description or meta_content(page, "og:description", "description") or ""
    meta.consumed = tuple(consumed)
    return meta


def _byline_names(tag: Element) -> tuple[str, ...]:
    """Author names in a byline element: the name links inside it, else its text."""
    linked = [spaced_text(a) for a in select(tag, _NAME_LINK_SELECTOR) if a is not tag]
    names = tuple(name for name in linked if name)
    if names:
        return names
    text = _BYLINE_DECOR_RE.sub("", spaced_text(tag))
    return bylines.parse_author_names(text, affiliations=AFFILIATIONS)


def _tag_date(tag: Element) -> str | None:
    """The ISO date of a date element: its ``datetime`` attribute, else its text."""
    time_tag = tag if tag.tag == "time" else next(tag.iterdescendants("time"), None)
    if time_tag is not None:
        value = time_tag.get("datetime")
        if isinstance(value, str) and normalize_iso(value):
            return normalize_iso(value)
    return parse_date(" ".join(text_pieces(tag)))


# ---------------------------------------------------------------------------
# Comments
# ---------------------------------------------------------------------------


def _comment_lists(page: Element) -> list[Element]:
    """The page's top-level comment lists (nested ``.children`` lists excluded)."""
    lists = select(page, _COMMENT_LIST_SELECTOR)
    return [
        tag for tag in lists if not any(_inside(tag, other) for other in lists if other is not tag)
    ]


def _own_parts(item: Element) -> list[Element]:
    """The elements of a comment ``li`` that belong to it (not its replies)."""
    return [
        child
        for child in item
        if isinstance(child.tag, str) and not _has_class(child, "children") and child.tag != "li"
    ]


def _own_first(parts: list[Element], compiled: CSSSelector) -> Element | None:
    """The first element matching ``compiled`` in or among a comment's own parts."""
    for part in parts:
        found = select_one(part, compiled)
        if found is not None:
            return found
    return None


def _comment_id(item: Element, parts: list[Element], number: int) -> str:
    """The WordPress id of a comment (``comment-1234`` → ``"1234"``), else ``c<n>``."""
    for tag in (item, *parts):
        tag_id = tag.get("id")
        match = _COMMENT_ID_RE.match(tag_id) if isinstance(tag_id, str) else None
        if match:
            return match.group("id")
    return f"c{number}"


def _comment_depth(item: Element) -> int:
    """Depth from WordPress' ``depth-N`` class (N - 1), else from the nesting."""
    for token in _tokens(item):
        match = _DEPTH_CLASS_RE.match(token)
        if match and int(match.group("depth")) >= 1:
            return int(match.group("depth")) - 1
    return sum(1 for parent in ancestors(item) if _is_comment_item(parent))


def _is_comment_item(tag: Element) -> bool:
    """True for a comment's ``li`` (pingbacks and trackbacks are not comments)."""
    return tag.tag == "li" and _has_class(tag, "comment")


def _comment_text(parts: list[Element]) -> str:
    """A comment's text: paragraphs joined by blank lines, ``<br>`` kept as ``\\n``."""
    holder = _own_first(parts, _COMMENT_TEXT_SELECTOR)
    roots = [holder] if holder is not None else parts
    paragraphs: list[str] = []
    for root in roots:
        # Without a text holder, the comment's metadata is left out.
        meta = set(select(root, _COMMENT_META_SELECTOR)) if holder is None else set()
        paragraphs.extend(block.text for block in text_blocks(root, _leaving_out(meta), _BODY))
    return "\n\n".join(paragraphs)


def _leaving_out(skipped: set[Element]) -> ZoneOf[str]:
    """A zone callback that leaves ``skipped`` out and keeps the rest in its parent's zone."""

    def zone_of(tag: Element, zone: str) -> str | None:
        return None if tag in skipped else zone

    return zone_of


def _comment_author(parts: list[Element]) -> str | None:
    """The name of a comment's author, without the theme's " says:"."""
    tag = _own_first(parts, _COMMENT_AUTHOR_SELECTOR)
    name = _SAYS_RE.sub("", spaced_text(tag)) if tag is not None else ""
    return name or None


def _comment_date(parts: list[Element]) -> str | None:
    """When a comment was posted: its ``time[datetime]``, else a dated link's text."""
    tag = _own_first(parts, _COMMENT_TIME_SELECTOR)
    if tag is None:
        tag = _own_first(parts, _COMMENT_LINK_SELECTOR)
    return _tag_date(tag) if tag is not None else None


def _read_comments(page: Element) -> tuple[list[CommentDraft], list[Element]]:
    """Read every comment; return the drafts and the elements they were read from."""
    drafts: list[CommentDraft] = []
    consumed: list[Element] = []
    ids: dict[Element, str] = {}
    for comment_list in _comment_lists(page):
        for item in comment_list.iterdescendants("li"):
            if not _is_comment_item(item):
                continue
            parts = _own_parts(item)
            consumed.extend(parts)
            comment_id = _comment_id(item, parts, len(drafts) + 1)
            ids[item] = comment_id
            parent_item = next((p for p in ancestors(item) if _is_comment_item(p)), None)
            drafts.append(
                CommentDraft(
                    depth=_comment_depth(item),
                    paragraphs=[_comment_text(parts)],
                    id=comment_id,
                    parent=ids.get(parent_item) if parent_item is not None else None,
                    structural=True,
                    author=_comment_author(parts),
                    published=_comment_date(parts),
                )
            )
    return drafts, consumed


# ---------------------------------------------------------------------------
# The HTML parser
# ---------------------------------------------------------------------------


def _zone_function(
    region: Element, content: Element, consumed: list[Element], skim: _SiteSkim
) -> ZoneOf[str]:
    """Build the ``zone_of`` function of the page walk.

    Inside the article content, the toolkit's defences go first: what they
    find (hidden elements, link lists, author bios, tags, widgets, embeds)
    goes to the post zone (boilerplate), with the reason on its blocks.
    """
    skipped = set(consumed)

    def zone_of(tag: Element, zone: str) -> str | Whole[str] | Routed[str] | None:
        if tag in skipped:
            return None
        if tag is content:
            return _BODY
        if tag is region:
            return _POST
        if zone == _BODY and (routed := route_boilerplate(tag, _POST)) is not None:
            return routed
        if zone not in _SITE_ZONES:
            return _POST if _is_chrome_container(tag) else zone
        return skim.zone_of(tag, zone)

    return zone_of


def _is_excerpt_of(description: str, body: str) -> bool:
    """True when ``description`` is only a (shortened) piece of ``body``."""
    key = _ELLIPSIS_RE.sub("", description).strip().lower()
    return key in " ".join(body.split()).lower()


def parse_html(source: SourceText) -> Article:
    """Parse a saved VT article page (``source.tree``) into an ``Article``.

    Raises ``InputError`` when the page has no article content.
    """
    try:
        page = source.tree
    except InputError:
        raise InputError("VT page has no article content element") from None
    ld = jsonld.article_metadata(list(source.jsonld))
    drop_elements(page, _DROPPED_TAGS)
    drafts, comment_parts = _read_comments(page)
    content = _find_content(page)
    region = _find_region(content)
    meta = _read_metadata(page, region, content, ld)
    body_element = page.find("body")
    root = body_element if body_element is not None else page
    skipped = [*meta.consumed, *comment_parts]
    zone_of = _zone_function(region, content, skipped, _SiteSkim([region, *skipped]))
    blocks = text_blocks(root, zone_of, _SITE)

    body, disclaimers, boilerplate = _sort_blocks(blocks)
    if not body:
        raise InputError("VT page has no article body")
    body_slot = lang_slot("\n\n".join(body))
    body_lang = slot_language(body_slot)
    summary = meta.subtitle
    if not summary and meta.description and not _is_excerpt_of(meta.description, "\n".join(body)):
        summary = meta.description
    return Article(
        source=NAME,
        title=lang_slot(meta.title, body_lang),
        summary=lang_slot(summary, body_lang),
        body=body_slot,
        url=meta.url,
        authors=meta.authors,
        published=meta.published,
        disclaimers=disclaimers,
        comments=finish_comments(drafts),
        boilerplate=boilerplate,
    )


def _sort_blocks(
    blocks: list[TextBlock[str]],
) -> tuple[list[str], tuple[str, ...], tuple[str, ...]]:
    """Split blocks into body paragraphs, disclaimers and boilerplate.

    Disclaimers come from any zone; body blocks lose their chrome lines
    (``Advertisement``…) to the boilerplate; other post blocks are
    boilerplate; blocks of the rest of the site are left out. A gap's text
    holds no disclaimer phrase: it is not searched.
    """
    spans = merge_disclaimers(["" if block.zone == _GAP else block.text for block in blocks])
    span_end = dict(spans)
    inside = {i for first, last in spans for i in range(first + 1, last + 1)}
    body: list[str] = []
    disclaimers: list[str] = []
    boilerplate: list[str] = []
    for i, block in enumerate(blocks):
        if i in span_end:
            text = "\n".join(b.text for b in blocks[i : span_end[i] + 1])
            if text not in disclaimers:
                disclaimers.append(text)
        elif i in inside or block.zone == _GAP or block.zone in _SITE_ZONES:
            continue
        elif block.zone == _POST:
            boilerplate.append(block.text)
        else:
            prose: list[str] = []
            for line in block.text.split("\n"):
                if chrome_kind(line):
                    boilerplate.append(line)
                else:
                    prose.append(line)
            if prose:
                body.append("\n".join(prose))
    return body, tuple(disclaimers), tuple(boilerplate)
