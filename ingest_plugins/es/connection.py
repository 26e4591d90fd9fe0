"""How to reach the cluster: flags first, then ``INGEST_ES_*`` variables.

Secrets (password, API key) live only in ``ConnectionSettings`` and in the
client; ``repr()`` hides them and error messages never include them.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field

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
            options["basic_auth"] = (self.user, self.password)
        if self.url.startswith("https"):
            if self.insecure:
                warnings.warn("TLS certificate verification is off (--insecure)", stacklevel=2)
                options["verify_certs"] = False
                options["ssl_show_warn"] = False
            elif self.ca_certs:
                options["ca_certs"] = self.ca_certs
        return Elasticsearch(self.url, **options)  # type: ignore[arg-type]
