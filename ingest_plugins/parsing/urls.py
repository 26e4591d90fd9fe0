"""URLs: a line that is only a URL, and whether a URL is on a given site."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from .lines import clean_line

__all__ = [
    "parse_url_line",
    "url_in_domains",
]

# A line that is only a URL, bare or in angle brackets: "<https://…>".
_URL_LINE_RE = re.compile(r"<?(?P<url>https?://[^\s<>]+)>?")


def parse_url_line(line: str) -> str | None:
    """Return the URL if ``line`` is nothing but an http(s) URL (``<…>`` allowed), else ``None``."""
    match = _URL_LINE_RE.fullmatch(clean_line(line))
    return match.group("url") if match else None


def url_in_domains(url: str, domains: Iterable[str]) -> bool:
    """True when ``url`` is an http(s) (or scheme-relative) URL on one of ``domains``.

    A domain covers its subdomains: ``example.com`` matches
    ``https://www.example.com/a``. Domains are given in lower case.
    """
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https", ""):
        return False
    return bool(host) and any(host == d or host.endswith("." + d) for d in domains)
