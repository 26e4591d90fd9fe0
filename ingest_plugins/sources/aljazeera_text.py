"""Al Jazeera text reposts: the line rules, and the parser built on them.

A repost of an Al Jazeera article (as shared in Ukrainian channels and
mailing lists) reads, top to bottom:

* a header line naming the site and the date: ``Al Jazeera.- 01.07.2022``;
* the English title, as it was copied (odd casing is kept);
* optionally a translation of the title and one of the standfirst, in
  Ukrainian or Russian (each block's language is detected on its own);
* the article URL, bare or in angle brackets;
* the English standfirst (one sentence), then the English body.

Text copied from the page itself adds site chrome: ``Advertisement``,
``Recommended Stories`` with its list of links (``list of 4 items`` …
``end of list``), share bars, ``Follow Al Jazeera English:`` and the
credit line ``Source: Al Jazeera and news agencies``. All of it goes to
``boilerplate``; the credit line too (the ``Article`` has no credit field
and it names no person, so it is not an author). Image captions (a line
ending in a bracketed credit such as ``[File: Reuters]``) are page
furniture as well and go to ``boilerplate``.

Every non-empty line ends up in exactly one part of the ``Article``
(title, summary, body, boilerplate) or is a metadata line (header, date,
byline, URL) whose value was extracted. The line rules (chrome, dates,
bylines) are shared with the HTML parser (``aljazeera_html``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

from ingest_plugins import Article, InputError
from ingest_plugins.language import UNDETERMINED, detect_language

SOURCE = "aljazeera"
"""The source name written into every ``Article`` (the plugin's ``NAME``)."""

DEFAULT_LATIN_LANGUAGE = "en"
"""Latin-script text of this source is English unless detected otherwise."""

# ---------------------------------------------------------------------------
# Text normalisation
# ---------------------------------------------------------------------------

# Runs of horizontal white space (incl. NBSP and other Unicode spaces) inside a line.
_INNER_SPACE_RE = re.compile(r"[^\S\n]+")

# Characters that carry no text: zero-width space/joiners, soft hyphen, BOM.
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\u00ad\ufeff]")


def clean_line(text: str) -> str:
    """Return ``text`` with invisible characters removed and spaces collapsed."""
    return _INNER_SPACE_RE.sub(" ", _INVISIBLE_RE.sub("", text)).strip()


def split_lines(text: str) -> list[str]:
    """Split ``text`` into cleaned lines (any line-end convention)."""
    return [clean_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


# ---------------------------------------------------------------------------
# Scripts and languages
# ---------------------------------------------------------------------------

_UK_ONLY = frozenset("іїєґІЇЄҐ")
_RU_ONLY = frozenset("ыэёъЫЭЁЪ")


def _is_cyrillic(ch: str) -> bool:
    """True for a letter of the basic Cyrillic block."""
    return "\u0400" <= ch <= "\u04ff"


def is_cyrillic_text(text: str) -> bool:
    """True when ``text`` has Cyrillic letters and at least as many as Latin ones.

    This is the same split ``detect_language`` makes before it weighs
    Ukrainian against Russian.
    """
    cyrillic = sum(_is_cyrillic(ch) for ch in text)
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    return cyrillic > 0 and cyrillic >= latin


def latin_language(text: str) -> str:
    """Language of the Latin-script parts of an article (``en`` unless clearly other)."""
    lang = detect_language(text)
    if lang in (UNDETERMINED, "uk", "ru"):
        return DEFAULT_LATIN_LANGUAGE
    return lang


def cyrillic_languages(blocks: Sequence[str]) -> list[str]:
    """Languages of Cyrillic blocks that belong together, ``uk``, ``ru`` or ``und`` each.

    Each block is detected on its own. When the detector cannot tell (a
    short title with neither language's own letters and no function word)
    and the block holds no letter of either language, the block takes the
    language the other blocks agree on: a translator writes title and
    summary in one language. A block with letters of both languages stays
    ``und``, so this fallback never files a Russian block as ``uk``.
    """
    detected = [detect_language(block) for block in blocks]
    known = set(detected) - {UNDETERMINED}
    agreed = next(iter(known)) if len(known) == 1 else UNDETERMINED
    return [
        agreed
        if lang == UNDETERMINED and not any(ch in _UK_ONLY or ch in _RU_ONLY for ch in block)
        else lang
        for block, lang in zip(blocks, detected, strict=True)
    ]


def cyrillic_language(text: str) -> str:
    """Language of one Cyrillic text on its own, ``uk``, ``ru`` or ``und``."""
    return cyrillic_languages([text])[0]


def group_by_language(paragraphs: Sequence[str], latin_lang: str) -> dict[str, str]:
    """Join ``paragraphs`` with blank lines, one entry per language.

    Latin-script paragraphs all go under ``latin_lang`` (the article's
    language), Cyrillic ones under their own detected language.
    """
    cyrillic = [p for p in paragraphs if is_cyrillic_text(p)]
    cyrillic_lang = iter(cyrillic_languages(cyrillic))
    grouped: dict[str, list[str]] = {}
    for paragraph in paragraphs:
        lang = next(cyrillic_lang) if is_cyrillic_text(paragraph) else latin_lang
        grouped.setdefault(lang, []).append(paragraph)
    return {lang: "\n\n".join(texts) for lang, texts in grouped.items()}


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

# What may precede a date on its own line: "Published On", "Updated:", "Last update"
# (group "update" says the date is an update, not the publication), then a weekday.
_DATE_PREFIX = (
    r"(?:(?:published|posted|(?P<update>(?:last\s+)?updated?))(?:\s+on)?\s*:?\s+)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
)
# An optional clock time after a date: ", 14:21", "at 2:21 pm", "14:21 GMT".
_DATE_CLOCK = (
    r"(?:\s*,?\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"\s*(?P<ampm>[ap]\.?m\.?)?\s*(?:\(?(?P<utc>GMT|UTC|Z)\)?)?)?"
)
# "01.07.2022", "1/7/2022": day, month, year (the repost header's form).
_DATE_DOTTED_RE = re.compile(
    _DATE_PREFIX + r"(?P<day>\d{1,2})[./](?P<month_num>\d{1,2})[./](?P<year>\d{4})" + _DATE_CLOCK,
    re.I,
)
# "1 Jul 2022", "1st July, 2022": the site's own date line.
_DATE_DMY_RE = re.compile(
    _DATE_PREFIX
    + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[a-z]{3,9})\.?,?\s+(?P<year>\d{4})"
    + _DATE_CLOCK,
    re.I,
)
# "July 1, 2022", "Jul 1st 2022".
_DATE_MDY_RE = re.compile(
    _DATE_PREFIX
    + r"(?P<month>[a-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
    + _DATE_CLOCK,
    re.I,
)
# "2022-07-01" or an ISO 8601 datetime "2022-07-01T14:21:38+00:00".
_DATE_ISO_RE = re.compile(
    _DATE_PREFIX + r"(?P<iso>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?)",
    re.I,
)


@dataclass(frozen=True)
class DateLine:
    """A line that is only a date: its ISO value and whether it is an update date."""

    value: str
    updated: bool = False


def normalize_iso(value: str) -> str | None:
    """Return ``value`` if it is a valid ISO 8601 date or datetime, else ``None``."""
    value = value.strip()
    try:
        if len(value) == len("2022-07-01"):
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value)
    except ValueError:
        return None
    return value


def parse_date_line(line: str) -> DateLine | None:
    """Return the date a whole line names (``DD.MM.YYYY``, ``1 Jul 2022``…), else ``None``."""
    text = clean_line(line)
    iso = _DATE_ISO_RE.fullmatch(text)
    if iso:
        value = normalize_iso(iso.group("iso"))
        return DateLine(value, bool(iso.group("update"))) if value else None
    match = _DATE_DOTTED_RE.fullmatch(text) or _DATE_DMY_RE.fullmatch(text)
    match = match or _DATE_MDY_RE.fullmatch(text)
    if not match:
        return None
    groups = match.groupdict()
    month = int(groups["month_num"]) if groups.get("month_num") else None
    if month is None:
        month = _MONTHS.get(groups["month"].lower(), 0)
    try:
        day = date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None
    value = _with_clock(day, groups) if groups["hour"] else day.isoformat()
    return DateLine(value, bool(groups["update"])) if value else None


def _with_clock(day: date, groups: dict[str, str | None]) -> str | None:
    """Combine ``day`` with the clock time a date regex matched (UTC when marked so)."""
    hour, minute = int(groups["hour"] or 0), int(groups["minute"] or 0)
    ampm = groups["ampm"]
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    zone = timezone(timedelta(0)) if groups["utc"] else None
    try:
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).isoformat()
    except ValueError:
        return None


def same_day(first: str, second: str) -> bool:
    """True when two ISO values name the same calendar day."""
    return first[:10] == second[:10]


# ---------------------------------------------------------------------------
# Header, URL and byline lines
# ---------------------------------------------------------------------------

# The repost header: the site's name, punctuation, then (optionally) a date:
# "Al Jazeera.- 01.07.2022", "AL JAZEERA, 1 July 2022", "Al Jazeera English".
_HEADER_RE = re.compile(
    r"al[\s-]*jazeera(?:\s+english)?\s*[.,:;|/–—-]*\s*(?P<rest>.*)",
    re.I,
)


def parse_header_line(line: str) -> DateLine | None:
    """Return the header's date if ``line`` is an ``Al Jazeera <date>`` header.

    A bare ``Al Jazeera`` line is a header without a date (an empty value).
    """
    match = _HEADER_RE.fullmatch(clean_line(line))
    if not match:
        return None
    rest = match.group("rest")
    if not rest:
        return DateLine("")
    return parse_date_line(rest)


# A line that is only a URL, bare or in angle brackets: "<https://…>".
_URL_LINE_RE = re.compile(r"<?(?P<url>https?://[^\s<>]+?)>?")

_AJ_HOSTS = ("aljazeera.com", "aljazeera.net")


def parse_url_line(line: str) -> str | None:
    """Return the URL if ``line`` is nothing but a URL, else ``None``."""
    match = _URL_LINE_RE.fullmatch(clean_line(line))
    return match.group("url") if match else None


def is_aljazeera_url(url: str) -> bool:
    """True when ``url`` points at an Al Jazeera site (any subdomain)."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    return any(host == h or host.endswith("." + h) for h in _AJ_HOSTS)


# "By Ali Harb", "By X, Senior Editor", "By X and Y", "Written by: X in Kyiv".
_BYLINE_RE = re.compile(r"(?:(?:written|posted|reported)\s+)?by:?\s+(?P<names>\S.*)", re.I)
# Separators between a byline's names and its role: ",", " | ", " - ".
_ROLE_SEPARATOR_RE = re.compile(r"\s*(?:,|\s[|–—-]\s)\s*")
# Separators between names: " and ", " & ".
_NAME_JOIN_RE = re.compile(r"\s+(?:and|&)\s+", re.I)
# A place after a name: "Ali Harb in Washington".
_NAME_PLACE_RE = re.compile(r"\s+in\s+[A-Z].*$")
# Arabic name particles written lower-case with a hyphen: "al-Tahhan", "el-Sisi".
_NAME_PREFIXED_RE = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az|ul)-[^\W\d_][\w'’-]*")

# Lower-case particles that may stand alone inside a personal name.
_NAME_PARTICLES = frozenset("al el bin ibn ben bint abu de da di del der van von la le du".split())
# Words that mark a byline part as a role or an affiliation, not a name.
_ROLE_WORDS = frozenset(
    "editor editors writer correspondent contributor columnist reporter producer journalist "
    "staff senior chief bureau analyst digital online news agency agencies al jazeera "
    "english".split()
)
_NAME_MIN_WORDS = 2
"""Bylines name people by first and last name; one word (``By February``) is prose."""
_NAME_MAX_WORDS = 5


def _is_name(text: str) -> bool:
    """True when ``text`` looks like one person's name (capitalised words)."""
    words = text.split()
    if not _NAME_MIN_WORDS <= len(words) <= _NAME_MAX_WORDS or not words[0][:1].isupper():
        return False
    for word in words:
        if word.lower() in _NAME_PARTICLES or _NAME_PREFIXED_RE.fullmatch(word):
            continue
        if not word[:1].isupper() or not all(ch.isalpha() or ch in ".'’-" for ch in word):
            return False
    return True


def _has_role_word(text: str) -> bool:
    """True when a byline part names a role or affiliation (``Senior Editor``)."""
    words = {w.strip(".,()").lower().removesuffix("'s").removesuffix("’s") for w in text.split()}
    return bool(words & _ROLE_WORDS)


def _split_names(text: str) -> list[str] | None:
    """Split ``X and Y`` (a place after a name dropped) into names; ``None`` if not names."""
    names = _NAME_JOIN_RE.split(_NAME_PLACE_RE.sub("", text))
    return names if all(_is_name(name) for name in names) else None


def parse_author_names(text: str) -> tuple[str, ...]:
    """Split ``X and Y`` / ``X, Y`` / ``X, Senior Editor`` into names; ``()`` if not a byline.

    Parts after the first are more names or a role; anything else (prose
    such as ``February, the troops left``) means the text is no byline.
    """
    names: list[str] = []
    for position, part in enumerate(_ROLE_SEPARATOR_RE.split(clean_line(text))):
        if not part:
            continue
        if position > 0 and _has_role_word(part):
            continue
        found = _split_names(part)
        if found is None:
            return ()
        names.extend(found)
    return tuple(names)


def parse_byline(line: str) -> tuple[str, ...]:
    """Return the author names of a byline line, or ``()`` if it is not one."""
    match = _BYLINE_RE.fullmatch(clean_line(line))
    return parse_author_names(match.group("names")) if match else ()


# ---------------------------------------------------------------------------
# Site chrome
# ---------------------------------------------------------------------------

# Each pattern matches a whole (cleaned) line of Al Jazeera site chrome.
_CHROME_PATTERNS: dict[str, re.Pattern[str]] = {
    # "Advertisement", "- Advertisement -", "Sponsored"
    "advertisement": re.compile(r"[-–—\s]*(?:advertisement|sponsored(?: content)?)[-–—\s]*", re.I),
    # The related-stories widget's heading: "Recommended Stories", "Keep reading".
    "list_start": re.compile(
        r"(?:recommended stories|keep reading|more from al jazeera|related stories"
        r"|more on this(?: story)?|list of \d+ items?):?",
        re.I,
    ),
    # Screen-reader markers inside that widget: "list 2 of 4", "end of list".
    "list_marker": re.compile(r"list \d+ of \d+|end of list", re.I),
    # Share bar: "Share", "Click here to share on social media", network names.
    "share": re.compile(
        r"share(?: this(?: article| story)?)?(?: on| via)?:?|share2|save|"
        r"click here to share on social media|copy link|"
        r"(?:share on )?(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|"
        r"flipboard|print)",
        re.I,
    ),
    # "Follow Al Jazeera English:", "Follow us on Twitter".
    "follow": re.compile(r"follow (?:al jazeera(?: english)?|us)(?: on [\w ]+)?:?", re.I),
    # The credit line "Source: Al Jazeera and news agencies" (a credit, not a person).
    "source_credit": re.compile(r"source:\s*[^.!?]{2,80}", re.I),
    # Newsletter box and audio player labels.
    "newsletter": re.compile(
        r"sign up for al jazeera|subscribe|your subscription failed\. please try again\.|"
        r"please check your email to confirm your subscription|"
        r"by signing up, you agree to our privacy policy|listen to this article|"
        r"\d+ mins? (?:read|listen)",
        re.I,
    ),
    # A line without letters or digits: "* * *", "---".
    "separator": re.compile(r"[^\w]+"),
}

# An image caption ends in a bracketed photo credit: "[File: Reuters]", "[AP Photo/X]",
# "[Ali Harb/Al Jazeera]". The credit must name an agency or hold a slash.
_CAPTION_RE = re.compile(
    r".*\[(?:file(?: photo)?:\s*)?[^\[\]]*"
    r"(?:/|\b(?:reuters|ap|afp|getty|epa|anadolu|sputnik|handout|al jazeera|file)\b)"
    r"[^\[\]]*\]",
    re.I,
)


def chrome_kind(line: str) -> str | None:
    """Name the chrome pattern that matches the whole of ``line``, or ``None``."""
    text = clean_line(line)
    if not text:
        return None
    for name, pattern in _CHROME_PATTERNS.items():
        if pattern.fullmatch(text):
            return name
    if _CAPTION_RE.fullmatch(text):
        return "caption"
    return None


_LIST_ITEM_MAX_CHARS = 160
_LIST_ITEM_MAX_WORDS = 25
# A bullet before a list item: "•", "*", "-".
_BULLET_RE = re.compile(r"[•*·‣–—-]\s+\S.*")


def is_list_item(line: str) -> bool:
    """True when ``line`` can be an entry of a related-stories list (a headline).

    Headlines are short Latin-script lines that do not end a sentence.
    """
    text = clean_line(line)
    if not text or chrome_kind(text) is not None or _BULLET_RE.fullmatch(text):
        return bool(text)
    return (
        len(text) <= _LIST_ITEM_MAX_CHARS
        and len(text.split()) <= _LIST_ITEM_MAX_WORDS
        and not text.endswith(".")
        and not is_cyrillic_text(text)
    )


def related_list_end(lines: Sequence[str], start: int) -> int:
    """Index just past the related-stories list that starts at ``lines[start]``.

    The list runs to its ``end of list`` marker; without one, over the
    headline-like lines that follow, up to the first line of prose.
    """
    index = start + 1
    while index < len(lines):
        text = lines[index]
        if text.lower() == "end of list":
            return index + 1
        if text and not is_list_item(text):
            break
        index += 1
    while index > start + 1 and not lines[index - 1]:
        index -= 1
    return index


# ---------------------------------------------------------------------------
# Claiming a text repost
# ---------------------------------------------------------------------------

_CLAIM_HEAD_LINES = 15
"""A repost's URL line, if any, is among its first non-empty lines."""

# A "Source: Al Jazeera…" credit line anywhere in the text.
_SOURCE_CREDIT_RE = re.compile(r"^[^\S\n]*source:[^\S\n]*al[\s-]*jazeera\b[^\n]*$", re.I | re.M)


def text_claims(text: str) -> bool:
    """True when ``text`` is an Al Jazeera repost or text copy.

    Any one of: an ``Al Jazeera`` header as the first line, an
    aljazeera.com URL line among the first lines, or a ``Source: Al
    Jazeera…`` credit line.
    """
    head = [line for line in split_lines(text[:20_000]) if line][:_CLAIM_HEAD_LINES]
    if head and parse_header_line(head[0]) is not None:
        return True
    for line in head:
        url = parse_url_line(line)
        if url and is_aljazeera_url(url):
            return True
    return _SOURCE_CREDIT_RE.search(text) is not None


# ---------------------------------------------------------------------------
# The text parser
# ---------------------------------------------------------------------------

_TITLE_MAX_CHARS = 250
_STANDFIRST_MAX_CHARS = 400


@dataclass
class _Parts:
    """What the line pass collects: metadata, chrome and prose paragraphs in order."""

    authors: list[str] = field(default_factory=list)
    published: str | None = None
    url: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)


def _apply_date(value: DateLine, line: str, parts: _Parts) -> None:
    """Record a date line: the first gives ``published``; a same-day one may add the time.

    Update dates and other dates are not the publication date: they are
    kept in ``boilerplate``.
    """
    if not value.value:
        return
    if value.updated:
        parts.boilerplate.append(line)
    elif parts.published is None:
        parts.published = value.value
    elif same_day(parts.published, value.value):
        if len(value.value) > len(parts.published):
            parts.published = value.value
    else:
        parts.boilerplate.append(line)


def _apply_metadata(line: str, parts: _Parts) -> bool:
    """Record ``line`` if it is a header, date, URL or byline line; say if it was."""
    header = parse_header_line(line) or parse_date_line(line)
    if header is not None:
        _apply_date(header, line, parts)
        return True
    url = parse_url_line(line)
    if url:
        if parts.url is None and is_aljazeera_url(url):
            parts.url = url
        elif url != parts.url:
            parts.boilerplate.append(line)
        return True
    authors = parse_byline(line)
    if authors:
        parts.authors.extend(a for a in authors if a not in parts.authors)
        return True
    return False


def _read_lines(lines: Sequence[str]) -> _Parts:
    """Sort lines into metadata, chrome and paragraphs (blank-line separated)."""
    parts = _Parts()
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            parts.paragraphs.append("\n".join(paragraph))
            paragraph.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        kind = chrome_kind(line) if line else None
        if not line:
            flush()
        elif kind == "list_start":
            flush()
            end = related_list_end(lines, index)
            parts.boilerplate.extend(text for text in lines[index:end] if text)
            index = end
            continue
        elif kind is not None:
            flush()
            parts.boilerplate.append(line)
        elif _apply_metadata(line, parts):
            flush()
        else:
            paragraph.append(line)
        index += 1
    flush()
    return parts


@dataclass
class _Layout:
    """Paragraphs assigned to their places in a repost."""

    title: str | None = None
    standfirst: str | None = None
    translations: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def _is_single_line(text: str, limit: int) -> bool:
    """True when ``text`` is one line of at most ``limit`` characters."""
    return "\n" not in text and len(text) <= limit


def _lay_out(paragraphs: Sequence[str]) -> _Layout:
    """Assign paragraphs by position and script.

    Until the first body paragraph (the head): the first English line is
    the title, the next English line the standfirst, and Cyrillic blocks
    are translations. Everything after is body, Cyrillic paragraphs
    included (they get their own language).
    """
    layout = _Layout()
    in_head = True
    for paragraph in paragraphs:
        if in_head and is_cyrillic_text(paragraph):
            layout.translations.append(paragraph)
        elif in_head and layout.title is None and _is_single_line(paragraph, _TITLE_MAX_CHARS):
            layout.title = paragraph
        elif (
            in_head
            and layout.title is not None
            and layout.standfirst is None
            and _is_single_line(paragraph, _STANDFIRST_MAX_CHARS)
        ):
            layout.standfirst = paragraph
        else:
            in_head = False
            layout.body.append(paragraph)
    if not layout.body and layout.standfirst is not None:
        # Only one English paragraph after the title: it is the article, not a standfirst.
        layout.body.append(layout.standfirst)
        layout.standfirst = None
    return layout


def _looks_like_title(text: str) -> bool:
    """True when a translation block reads as a title (one line, no closing full stop)."""
    return _is_single_line(text, _TITLE_MAX_CHARS) and not text.endswith(".")


def _translation_slots(blocks: Sequence[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Split translation blocks into ``(title, summary)`` slots by detected language.

    With two or more blocks the first is the title and the rest the
    summary; a single block is a title if it reads like one.
    """
    if not blocks:
        return {}, {}
    if len(blocks) == 1 and not _looks_like_title(blocks[0]):
        title_blocks: Sequence[str] = ()
        summary_blocks: Sequence[str] = blocks
    else:
        title_blocks, summary_blocks = blocks[:1], blocks[1:]
    langs = cyrillic_languages([*title_blocks, *summary_blocks])
    title: dict[str, str] = {}
    summary: dict[str, list[str]] = {}
    for block, lang in zip(title_blocks, langs, strict=False):
        title[lang] = block
    for block, lang in zip(summary_blocks, langs[len(title_blocks) :], strict=True):
        summary.setdefault(lang, []).append(block)
    return title, {lang: "\n\n".join(texts) for lang, texts in summary.items()}


def parse_text(text: str) -> Article:
    """Parse an Al Jazeera repost or text copy into an ``Article``.

    Raises ``InputError`` when the text holds no article body.
    """
    if not text.strip():
        raise InputError("empty input")
    parts = _read_lines(split_lines(text))
    layout = _lay_out(parts.paragraphs)
    if not layout.body:
        raise InputError("no article body found in the Al Jazeera text")
    latin_text = "\n\n".join(
        p
        for p in (layout.title, layout.standfirst, *layout.body)
        if p is not None and not is_cyrillic_text(p)
    )
    lang = latin_language(latin_text)
    title, summary = _translation_slots(layout.translations)
    if layout.title is not None:
        title = {lang: layout.title, **title}
    if layout.standfirst is not None:
        summary = {lang: layout.standfirst, **summary}
    return Article(
        source=SOURCE,
        title=title,
        summary=summary,
        body=group_by_language(layout.body, lang),
        url=parts.url,
        authors=tuple(parts.authors),
        published=parts.published,
        boilerplate=tuple(parts.boilerplate),
    )
