"""One test per hook, through the real pipeline with the example plugin."""

from __future__ import annotations

import pytest

from ingest_plugins.errors import InputError
from ingest_plugins.es.mappings import index_bodies
from ingest_plugins.pipeline import Pipeline
from ingest_plugins.plugins import Host, PluginError
from tests.plugin_helpers import WIRE_TEXT, example_module


@pytest.fixture
def host() -> Host:
    fresh = Host()
    fresh.register(example_module(), "example_wire", "code")
    return fresh


def parse(host: Host, text: str, path: str = "in/bulletin.txt") -> object:
    return Pipeline(host).parse_bytes(text.encode(), path)


def test_ingest_claim_routes_by_content_not_name(host: Host) -> None:
    document = Pipeline(host).parse_bytes(WIRE_TEXT.encode(), "whatever.html")
    assert document.article.source == "example_wire"


def test_unclaimed_input_names_the_file_and_the_plugins_that_declined(host: Host) -> None:
    with pytest.raises(InputError) as err:
        parse(host, "Just some words that no plugin wants.\n", "in/other.txt")
    assert str(err.value) == ("in/other.txt: no plugin claimed this input (declined: example_wire)")


def test_ingest_parse_builds_the_document(host: Host) -> None:
    document = Pipeline(host).parse_bytes(WIRE_TEXT.encode(), "in/bulletin.txt")
    assert document.article.title == {"en": "Treaty signed"}
    assert document.article.published == "2024-05-01"
    assert document.path == "in/bulletin.txt"
    assert document.languages == ("en",)


def test_ingest_parse_input_error_names_the_source_and_file(host: Host) -> None:
    with pytest.raises(InputError) as err:
        parse(host, "EXAMPLE WIRE\nonly a title\n", "in/short.txt")
    assert str(err.value).startswith("in/short.txt: example_wire: an EXAMPLE WIRE bulletin needs")


def test_a_crashing_plugin_becomes_an_input_error_naming_it(host: Host) -> None:
    class Crashing:
        @staticmethod
        def ingest_parse(source: object, claimed_by: str) -> None:
            raise ZeroDivisionError("boom")

    from ingest_plugins import hookimpl

    hookimpl(Crashing.ingest_parse)
    host.pm.register(Crashing, name="crashing")
    with pytest.raises(InputError, match="plugin for 'example_wire' failed: ZeroDivisionError"):
        parse(host, WIRE_TEXT)


def test_ingest_enrich_adds_fields(host: Host) -> None:
    document = Pipeline(host).parse_bytes(WIRE_TEXT.encode(), "in/bulletin.txt")
    assert document.extra == {"word_count": 6}


def test_two_plugins_adding_the_same_field_is_an_error_naming_both(host: Host) -> None:
    import types

    from ingest_plugins import hookimpl

    other = types.ModuleType("other_counter")

    @hookimpl
    def ingest_enrich(document: object) -> dict[str, int]:
        return {"word_count": 0}

    other.ingest_enrich = ingest_enrich  # type: ignore[attr-defined]
    host.register(other, "other_counter")
    with pytest.raises(PluginError, match="'word_count' added by both plugin"):
        parse(host, WIRE_TEXT)


def test_ingest_mappings_adds_fields_to_the_articles_index(host: Host) -> None:
    properties = index_bodies(host)["articles"]["mappings"]["properties"]
    assert properties["word_count"] == {"type": "integer"}


def test_ingest_mappings_conflict_names_the_plugin(host: Host) -> None:
    import types

    from ingest_plugins import hookimpl

    clash = types.ModuleType("clash")

    @hookimpl
    def ingest_mappings() -> dict[str, object]:
        return {"source": {"type": "text"}}

    clash.ingest_mappings = ingest_mappings  # type: ignore[attr-defined]
    host.register(clash, "clash")
    with pytest.raises(PluginError, match="plugin 'clash' maps field 'source'"):
        index_bodies(host)
