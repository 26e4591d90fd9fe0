"""Stable document ids: what identifies an article, in order of preference."""

from __future__ import annotations

from ingest_plugins.document import Article
from ingest_plugins.ids import document_id, stable_key, story_id

URL = "https://www.aljazeera.com/news/2022/7/1/russia-belarus-unification-ukraine-war"


def test_url_wins_and_ignores_scheme_www_query_and_trailing_slash() -> None:
    a = Article(source="aljazeera", url=URL, title={"en": "one"})
    b = Article(source="aljazeera", url=URL.replace("https://www.", "http://") + "/?utm=x#top",
                title={"en": "another title"})  # fmt: skip
    assert stable_key(a, "x") == stable_key(b, "y")
    assert document_id(a, "x") == document_id(b, "y")


def test_title_and_date_when_there_is_no_url() -> None:
    a = Article(source="vt", title={"en": "Putin  says"}, published="2022-07-02")
    b = Article(source="vt", title={"en": "putin says"}, published="2022-07-02", body={"en": "x"})
    c = Article(source="vt", title={"en": "putin says"}, published="2022-07-03")
    assert document_id(a, "1") == document_id(b, "2") != document_id(c, "1")


def test_authors_and_body_opening_when_there_is_no_title() -> None:
    body = "Russian President Vladimir Putin said Friday that sanctions " * 20
    a = Article(source="vt", authors=("Dave Decamp",), body={"en": body})
    b = Article(source="vt", authors=("Dave Decamp",), body={"en": body + " A late correction."})
    assert document_id(a, "text a") == document_id(b, "text b")
    assert stable_key(a, "").startswith("body:Dave Decamp|")


def test_the_source_is_part_of_the_id() -> None:
    assert document_id(Article(source="vt", url=URL), "") != document_id(
        Article(source="aljazeera", url=URL), ""
    )


def test_whole_text_as_a_last_resort() -> None:
    empty = Article(source="vt")
    assert stable_key(empty, "Some  Text") == "text:some text"
    assert len(document_id(empty, "Some Text")) == 20


def test_translation_reposts_of_one_url_are_different_documents_of_one_story() -> None:
    original = Article(source="aljazeera", url=URL, title={"en": "Putin says"})
    uk = Article(source="aljazeera", url=URL, title={"en": "Putin says", "uk": "Путін заявив"})
    ru = Article(source="aljazeera", url=URL, title={"en": "Putin says", "ru": "Путин заявил"})
    ids = {document_id(a, "x") for a in (original, uk, ru)}
    assert len(ids) == 3
    assert len({story_id(a, document_id(a, "x")) for a in (original, uk, ru)}) == 1
    edited = Article(source="aljazeera", url=URL, title={"en": "Putin said", "uk": "Путін заявив"})
    assert document_id(edited, "y") == document_id(uk, "x")  # an edit keeps its id


def test_without_a_url_the_story_is_the_document() -> None:
    article = Article(source="vt", title={"en": "t"}, published="2022-07-02")
    assert story_id(article, "abc") == "abc"
