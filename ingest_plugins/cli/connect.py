"""Plugins and the cluster, as the commands reach them, and the one-line reasons when they fail.

The Elasticsearch client costs more to import than parsing a page does: it is
imported here only inside the functions of the commands that talk to a cluster.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
import warnings
from typing import TYPE_CHECKING

from ..plugins import Host, load_host
from ..redact import register, scrub
from .output import error, note

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch
    from elasticsearch import SSLError as EsTlsError

    from ..es.connection import ConnectionSettings


def host(args: argparse.Namespace) -> Host:
    """The plugins of ``--plugin``/``--disable``/``--strict``; each load failure said once."""
    loaded = load_host(extra=args.plugin, disable=args.disable, strict=args.strict)
    for name, reason in sorted(loaded.failures.items()):
        error(f"plugin {name!r} failed to load: {reason}")
    for warning in loaded.warnings:
        note(f"warning: {warning}")
    return loaded


def connection_settings(args: argparse.Namespace) -> ConnectionSettings:
    """The connection flags over ``INGEST_ES_*``; the secrets registered to be masked."""
    from ..es.connection import ConnectionSettings

    password = os.environ.get(args.es_password_env) if args.es_password_env else None
    settings = ConnectionSettings.from_env(
        url=args.es_url,
        user=args.es_user,
        password=password,
        ca_certs=args.ca_certs,
        insecure=args.insecure or None,
    )
    register(settings.secrets())
    return settings


def client(args: argparse.Namespace) -> Elasticsearch:
    settings = connection_settings(args)
    if not settings.insecure:
        return settings.client()
    note(
        "warning: TLS certificate verification is off (--insecure): anyone on the path can "
        "read the credentials and the data; give the CA with --ca-certs instead"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # said once above, in the command's own words
        return settings.client()


def check_cluster(es: Elasticsearch) -> None:
    """One bounded request up front, so an unreachable cluster fails fast and clearly."""
    es.options(request_timeout=10, max_retries=0).cluster.health()


def es_failure(err: Exception) -> str | None:
    """The one-line reason for an Elasticsearch error that stops a command, else ``None``.

    Only when the client was imported: a command that never talks to a cluster
    cannot raise its errors, and must not pay for importing it to find that out.
    """
    if "elasticsearch" not in sys.modules:
        return None
    from elasticsearch import ApiError, AuthenticationException
    from elasticsearch import ConnectionError as EsConnectionError
    from elasticsearch import ConnectionTimeout as EsConnectionTimeout
    from elasticsearch import SSLError as EsTlsError

    from ..es.retry import ClusterUnavailable

    if isinstance(err, AuthenticationException):
        return "Elasticsearch refused the credentials (check INGEST_ES_USER / password / API key)"
    if isinstance(err, EsTlsError):
        return f"TLS failed: {_tls_reason(err)}"
    if isinstance(err, EsConnectionError | EsConnectionTimeout):
        return f"cannot reach Elasticsearch: {type(err).__name__}: {err.message}"
    if isinstance(err, ClusterUnavailable):
        return f"gave up: Elasticsearch made {err}"
    if isinstance(err, ApiError):
        return f"Elasticsearch error: {err.meta.status} {err.error}"
    return None


def fatal(args: argparse.Namespace, message: str) -> None:
    """One scrubbed line on stderr; with ``--verbose``, the scrubbed traceback first."""
    if getattr(args, "verbose", False):
        sys.stderr.write(scrub(traceback.format_exc()))
    error(scrub(message))


def _tls_reason(err: EsTlsError) -> str:
    """Why TLS failed, with what to do about an untrusted certificate."""
    from ..es.retry import certificate_problem

    if certificate_problem(err):
        return (
            "the cluster's certificate is not trusted; give its CA with --ca-certs or "
            "INGEST_ES_CA_CERTS (or, not recommended, --insecure)"
        )
    return f"{type(err).__name__}: {err.message}"
