"""Questions about one element of a VT page: its class names and id, where it sits."""

from __future__ import annotations

from ingest_plugins.parsing.html import Element, ancestors, class_list

__all__ = ["has_class", "in_comment", "inside", "tokens"]


def tokens(tag: Element) -> list[str]:
    """The class names and id of ``tag``."""
    names = str(tag.get("class") or "").split()
    tag_id = tag.get("id")
    if tag_id is not None:
        names.append(tag_id)
    return names


def has_class(tag: Element, name: str) -> bool:
    """True when ``tag`` has the class ``name``."""
    return name in tokens(tag)


def inside(tag: Element, container: Element) -> bool:
    """True when ``tag`` is ``container`` or one of its descendants."""
    return tag is container or any(parent is container for parent in ancestors(tag))


def in_comment(tag: Element) -> bool:
    """True when ``tag`` sits inside an element of class ``comment``."""
    return any("comment" in class_list(parent) for parent in ancestors(tag))
