"""How to reach the cluster: flags first, then ``INGEST_ES_*`` variables.

Secrets (password, API key) live only in ``ConnectionSettings`` and in the
client; ``repr()`` hides them and error messages never include them.
Credentials written into the URL (``https://user:pw@host``) are moved out
of it into basic auth, so the URL that ends up in messages and logs never
carries them. ``secrets()`` lists every form a secret could be printed in,
for ``ingest_plugins.redact``.

TLS is verified by default, against ``ca_certs`` when given (else the
system's trust store); ``insecure`` turns verification off and warns.
"""

from __future__ import annotations

import base64
import binascii
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from elasticsearch import Elasticsearch

DEFAULT_URL = "https://127.0.0.1:9200"


@dataclass(frozen=True)
class ConnectionSettings:
    url: str = DEFAULT_URL
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    api_key: str | None = field(default=None, repr=False)
    ca_certs: str | None = None
    insecure: bool = False
    """Skip TLS verification. Only when asked for explicitly; warns."""
    request_timeout: float = 30.0

    def __post_init__(self) -> None:
        url, user, password = split_userinfo(self.url)
        if url != self.url:
            object.__setattr__(self, "url", url)
            if self.user is None:
                object.__setattr__(self, "user", user)
            if self.password is None:
                object.__setattr__(self, "password", password)

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, **overrides: object
    ) -> ConnectionSettings:
        """Settings from ``INGEST_ES_*`` variables; non-None ``overrides`` (flags) win."""
        env = os.environ if env is None else env
        values: dict[str, object] = {
            "url": env.get("INGEST_ES_URL", DEFAULT_URL),
            "user": env.get("INGEST_ES_USER") or None,
            "password": env.get("INGEST_ES_PASSWORD") or None,
            "api_key": env.get("INGEST_ES_API_KEY") or None,
            "ca_certs": env.get("INGEST_ES_CA_CERTS") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def basic_auth_token(self) -> str:
        """The base64 ``user:password`` token of the ``Authorization: Basic`` header."""
        return base64.b64encode(f"{self.user or ''}:{self.password or ''}".encode()).decode()

    def secrets(self) -> tuple[str, ...]:
        """Every printable form of the password and API key (to scrub from output)."""
        found: list[str] = []
        if self.password:
            found += [self.password, quote(self.password, safe="")]
            found.append(self.basic_auth_token())
        if self.api_key:
            found.append(self.api_key)
            found += _api_key_parts(self.api_key)
        return tuple(dict.fromkeys(s for s in found if s))

    def client(self) -> Elasticsearch:
        """An ``Elasticsearch`` client for these settings (no request is made)."""
        options: dict[str, object] = {
            "request_timeout": self.request_timeout,
            "retry_on_timeout": True,
            "max_retries": 3,
        }
        if self.api_key:
            options["api_key"] = self.api_key
        elif self.user and self.password is not None:
            # Encoded here as UTF-8 (what Elasticsearch expects): the client would
            # encode the pair as ASCII and crash on a password like "pässword".
            options["basic_auth"] = self.basic_auth_token()
        if self.url.startswith("https"):
            if self.insecure:
                warnings.warn("TLS certificate verification is off (--insecure)", stacklevel=2)
                options["verify_certs"] = False
                options["ssl_show_warn"] = False
            elif self.ca_certs:
                options["ca_certs"] = self.ca_certs
        return Elasticsearch(self.url, **options)  # type: ignore[arg-type]


def split_userinfo(url: str) -> tuple[str, str | None, str | None]:
    """``https://u:p@host/`` → (``https://host/``, ``u``, ``p``); other URLs unchanged."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None, None
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, sep, password = userinfo.partition(":")
    clean = urlunsplit(parts._replace(netloc=hostport))
    return clean, unquote(user) or None, unquote(password) if sep else None


def _api_key_parts(api_key: str) -> list[str]:
    """The ``id:key`` inside an encoded API key, and the key alone."""
    try:
        decoded = base64.b64decode(api_key, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return []
    _, sep, key = decoded.partition(":")
    return [decoded, key] if sep else [decoded]
