"""The live node itself: TLS, auth, index and search with the official client."""

from __future__ import annotations

import pytest
from elasticsearch import AuthenticationException, Elasticsearch, SSLError

from ingest_plugins.es.connection import ConnectionSettings

pytestmark = pytest.mark.es


def test_index_and_search_over_tls_with_auth(es: Elasticsearch, index_name: str) -> None:
    es.index(index=index_name, id="1", document={"title": "sanctions and treaties"})
    es.indices.refresh(index=index_name)
    hits = es.search(index=index_name, query={"match": {"title": "treaties"}})["hits"]
    assert hits["total"]["value"] == 1
    assert hits["hits"][0]["_id"] == "1"


def test_anonymous_request_is_refused(es_settings: ConnectionSettings) -> None:
    anonymous = ConnectionSettings(url=es_settings.url, ca_certs=es_settings.ca_certs).client()
    with pytest.raises(AuthenticationException):
        anonymous.cluster.health()


def test_wrong_password_is_refused(es_settings: ConnectionSettings) -> None:
    wrong = ConnectionSettings(
        url=es_settings.url,
        user="elastic",
        password="not-the-password",
        ca_certs=es_settings.ca_certs,
    ).client()
    with pytest.raises(AuthenticationException):
        wrong.cluster.health()


def test_tls_is_verified_against_the_ca(es_settings: ConnectionSettings) -> None:
    if not es_settings.url.startswith("https"):
        pytest.skip("cluster under test does not use TLS")
    # No CA given: the system trust store does not know the node's CA.
    untrusted = ConnectionSettings(
        url=es_settings.url, user=es_settings.user, password=es_settings.password
    ).client()
    with pytest.raises(SSLError):
        untrusted.options(max_retries=0).cluster.health()
