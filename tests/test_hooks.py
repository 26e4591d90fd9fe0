"""One test per hook, through the real pipeline with the example plugin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ingest_plugins import Article, Comment, Source, SourceText
from ingest_plugins.errors import InputError
from ingest_plugins.es.mappings import index_bodies
from ingest_plugins.pipeline import Pipeline
from ingest_plugins.plugins import Host, PluginError
from tests.plugin_helpers import WIRE_TEXT, example_module, sources_plugin


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


def test_a_crashing_parse_becomes_an_input_error_naming_the_plugin(host: Host) -> None:
    def crash(source: SourceText) -> Article:
        raise ZeroDivisionError("boom")

    host.register(sources_plugin(Source("crashing", lambda s: "CRASH" in s.text, crash)), "crasher")
    with pytest.raises(InputError) as err:
        parse(host, "CRASH now\n", "in/crash.txt")
    assert str(err.value) == (
        "in/crash.txt: plugin 'crasher' failed parsing as 'crashing': ZeroDivisionError: boom"
    )


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


# ---------------------------------------------------------------------------
# Routing: which source gets an input
# ---------------------------------------------------------------------------


def _titled(title: str) -> Callable[[SourceText], Article]:
    def parse(source: SourceText) -> Article:
        return Article(title={"en": title}, body={"en": source.text})

    return parse


def _claims_word(word: str) -> Callable[[SourceText], bool]:
    return lambda source: word in source.text


def test_site_sources_win_over_fallbacks_whatever_the_load_order() -> None:
    host = Host()
    generic = Source("generic", _claims_word("news"), _titled("generic"), fallback=True)
    site = Source("site", _claims_word("site news"), _titled("site"))
    host.register(sources_plugin(generic, name="g"), "generic-plugin")
    host.register(sources_plugin(site, name="s"), "site-plugin")
    pipeline = Pipeline(host)
    assert pipeline.parse_bytes(b"site news today", "a.txt").article.source == "site"
    assert pipeline.parse_bytes(b"other news today", "b.txt").article.source == "generic"


def test_two_site_sources_claiming_one_input_fail_it_naming_both() -> None:
    host = Host()
    host.register(sources_plugin(Source("one", _claims_word("x"), _titled("1")), name="p1"), "p1")
    host.register(sources_plugin(Source("two", _claims_word("x"), _titled("2")), name="p2"), "p2")
    with pytest.raises(InputError) as err:
        Pipeline(host).parse_bytes(b"x marks the spot", "in/x.txt")
    assert str(err.value) == (
        "in/x.txt: claimed by more than one source: 'one' (plugin 'p1'), 'two' (plugin 'p2'); "
        "turn one off with --disable PLUGIN"
    )


def test_a_crashing_claim_fails_the_input_naming_the_plugin() -> None:
    def crash(source: SourceText) -> bool:
        raise KeyError("og:url")

    host = Host()
    host.register(sources_plugin(Source("fragile", crash, _titled("f"))), "fragile-plugin")
    with pytest.raises(InputError, match="plugin 'fragile-plugin' failed while claiming as"):
        Pipeline(host).parse_bytes(b"anything", "in/a.txt")


# ---------------------------------------------------------------------------
# Every returned Article is checked at the boundary
# ---------------------------------------------------------------------------


def _returning(article: object) -> Host:
    host = Host()
    source = Source("returns", lambda s: True, lambda s: article)  # type: ignore[arg-type,return-value]
    host.register(sources_plugin(source), "returner")
    return host


@pytest.mark.parametrize(
    ("article", "reason"),
    [
        ({"title": "x"}, "parse returned dict, not an Article"),
        (Article(title="a str"), "title: expected a dict of language code to text, got str"),  # type: ignore[arg-type]
        (Article(body={"english": "x"}), "body: language key 'english' is not an ISO 639-1 code"),
        (Article(body={"en": 3}), "body['en']: expected str, got int"),  # type: ignore[dict-item]
        (Article(published="yesterday"), "published: 'yesterday' is not an ISO 8601 date"),
        (Article(source="vt"), "source: 'vt', but the input was claimed by 'returns'"),
        (Article(authors=("A", 2)), "authors: expected a tuple of str, found a int"),  # type: ignore[arg-type]
        (Article(url=5), "url: expected str or None, got int"),  # type: ignore[arg-type]
        (
            Article(comments=(Comment("c1", "c9", 1, "hi", "en"),)),
            "comments[0].parent: 'c9' is not an earlier comment's id",
        ),
        (
            Article(comments=(Comment("c1", None, 0, "hi", "english"),)),
            "comments[0].lang: 'english' is not an ISO 639-1 code",
        ),
    ],
)
def test_a_bad_return_fails_that_input_with_one_line(article: object, reason: str) -> None:
    with pytest.raises(InputError) as err:
        Pipeline(_returning(article)).parse_bytes(b"text", "in/bad.txt")
    message = str(err.value)
    assert message.startswith("in/bad.txt: plugin 'returner' returned a bad Article: ")
    assert reason in message and "\n" not in message


def test_the_host_fills_in_the_source_and_normalises_dates() -> None:
    article = Article(
        body={"en": "x"},
        published="2025-10-24 15:26:00",
        comments=(Comment("c1", None, 0, "hi", "en", published="2025-10-24 16:00"),),
    )
    document = Pipeline(_returning(article)).parse_bytes(b"text", "in/ok.txt")
    assert document.article.source == "returns"
    assert document.article.published == "2025-10-24T15:26:00"
    assert document.article.comments[0].published == "2025-10-24T16:00:00"


def test_one_bad_return_does_not_stop_the_other_inputs(tmp_path: Path) -> None:
    host = Host()
    bad = Source("bad", _claims_word("BAD"), lambda s: Article(title="oops"))  # type: ignore[arg-type]
    host.register(sources_plugin(bad), "bad-plugin")
    host.register(example_module(), "example_wire", "code")
    (tmp_path / "1.txt").write_text("BAD input\n")
    (tmp_path / "2.txt").write_text(WIRE_TEXT)
    results = list(Pipeline(host).process([str(tmp_path)]))
    assert [type(r).__name__ for r in results] == ["Failure", "Document"]


def test_enrich_goes_through_pluggy_hook_wrappers(host: Host) -> None:
    import types

    from ingest_plugins import hookimpl

    seen: list[str] = []
    traced = types.ModuleType("traced")

    @hookimpl(wrapper=True)
    def ingest_enrich(document: object) -> object:
        seen.append("before")
        result = yield
        seen.append("after")
        return result

    traced.ingest_enrich = ingest_enrich  # type: ignore[attr-defined]
    host.register(traced, "traced")
    document = Pipeline(host).parse_bytes(WIRE_TEXT.encode(), "in/bulletin.txt")
    assert document.extra == {"word_count": 6}
    assert seen == ["before", "after"]
