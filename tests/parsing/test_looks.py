"""Tests of ``ingest_plugins.parsing.looks``: an element read within bounds, each part once."""

from __future__ import annotations

from ingest_plugins.parsing.html import Element, parse_page
from ingest_plugins.parsing.looks import MAX_NODES, MAX_TEXT, Look, label_of, read_links


def first(markup: str) -> Element:
    body = parse_page(f"<html><body>{markup}</body></html>").find("body")
    assert body is not None
    return body[0]


def test_read_links_counts_text_and_link_text() -> None:
    reading = read_links(first("<p>More: <a href='/tag/x' rel='tag'>one</a> <a>two</a></p>"))
    assert reading is not None
    assert (reading.text, reading.label) == ("More: one two", "More:")
    assert (reading.chars, reading.link_chars, reading.links, reading.tag_links) == (11, 6, 2, 1)
    assert reading.link_share == 6 / 11


def test_read_links_refuses_what_is_too_big_to_be_a_widget() -> None:
    many = first("<ul>" + "<li>x</li>" * MAX_NODES + "</ul>")
    long = first("<p>" + "word " * MAX_TEXT + "</p>")
    assert read_links(many) is None and read_links(long) is None


def test_look_reads_labels_and_neighbours() -> None:
    body = parse_page(
        "<html><body><h3>Related</h3><ul><li><a>A story</a></li></ul></body></html>"
    ).find("body")
    assert body is not None
    heading, listing = body
    assert Look(heading).label == "link" and label_of(heading) == "link"
    look = Look(listing)
    assert look.previous_label == "link"
    assert look.reading is not None and look.reading.link_share == 1.0
    assert look.reading is look.reading  # read once, then kept
