"""CSS selectors, compiled once by lxml and evaluated afresh on every search.

A selector is an ``lxml.cssselect.CSSSelector``: cssselect translates the
CSS to XPath with HTML rules (tag and attribute names are matched without
regard to case, as in a tree from ``parse_page``) and libxml2 runs it.
Nothing found is kept between searches: a page the parser has changed
(elements dropped or moved) is searched as it is now.

A search covers the element it starts from and everything inside it, in
document order; combinators count only ancestors inside that element
(``select(div, ".a p")`` finds a ``p`` inside an ``.a`` that is ``div`` or
inside it). ``matches`` judges one element where it stands in its tree.

``select_one`` and ``matches`` run XPath forms of the same selector,
compiled on first use: ``select_one`` tests the alternatives of a group
(``.a, .b``) together on each element and stops at the first match,
where the full search walks the tree once per alternative and to its end.
Class tests read an element's ``class`` once per test, not three times as
cssselect writes them (XPath copies the attribute's text on every read).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TypeGuard, cast

from cssselect import HTMLTranslator, SelectorError
from cssselect import parse as parse_css
from cssselect.parser import Class, CombinedSelector
from cssselect.parser import Element as ElementSelector
from cssselect.xpath import XPathExpr
from lxml import etree
from lxml.cssselect import CSSSelector

from .html import Element

__all__ = [
    "CSSSelector",
    "matches",
    "select",
    "select_first",
    "select_one",
    "selector",
    "selectors",
]


class _Translator(HTMLTranslator):
    """cssselect's HTML rules, with ``[name~=value]`` (and so ``.value``) as
    one test of the attribute: ``@class[contains(., 'a') and …]``."""

    def xpath_attrib_includes(self, xpath: XPathExpr, name: str, value: str | None) -> XPathExpr:
        if not value or not _is_word(value):
            return xpath.add_condition("0")  # as cssselect: matches nothing
        return xpath.add_condition(f"{name}[{self.includes(value)}]")

    def includes(self, word: str) -> str:
        """XPath testing that the context node's text, split at white space, holds ``word``."""
        padded = self.xpath_literal(f" {word} ")
        return (
            f"contains(., {self.xpath_literal(word)})"
            f" and contains(concat(' ', normalize-space(.), ' '), {padded})"
        )


def _is_word(value: str) -> bool:
    return not any(space in value for space in " \t\r\n\f")


_TRANSLATOR = _Translator()


def selector(css: str) -> CSSSelector:
    """Compile ``css`` (one selector or a group, ``a, b``) with HTML rules."""
    # lxml takes a translator object too; its type stubs only know the names.
    return CSSSelector(css, translator=_TRANSLATOR)  # type: ignore[arg-type]


def selectors(*css: str) -> tuple[CSSSelector, ...]:
    """``selector`` for each of ``css``, in order (for ``select_first``)."""
    return tuple(selector(c) for c in css)


def select(root: Element, compiled: CSSSelector) -> list[Element]:
    """Every element matched by ``compiled`` in ``root`` (``root`` included), in document order."""
    return cast("list[Element]", compiled(root))


def select_one(root: Element, compiled: CSSSelector) -> Element | None:
    """The first element ``select`` would give (``None`` if none); the search stops there."""
    found = cast("list[Element]", _first_form(_css(compiled))(root))
    return found[0] if found else None


def select_first(root: Element, candidates: Iterable[CSSSelector]) -> Element | None:
    """The first match of the first of ``candidates`` that matches anything in ``root``.

    ``candidates`` are tried best first: a later one is only searched when
    none before it matched.
    """
    for compiled in candidates:
        found = select_one(root, compiled)
        if found is not None:
            return found
    return None


def matches(element: Element, compiled: CSSSelector) -> bool:
    """Whether ``compiled`` matches ``element`` where it stands now.

    Ancestors and siblings count as far up as ``element``'s tree goes (the
    whole page, or the subtree it was moved into). A selector without
    combinators is tested on the element alone; one with them (``div > p``)
    is searched for in that whole tree: to test many elements against
    such a selector, take ``set(select(root, compiled))`` once instead.
    """
    own = _self_form(_css(compiled))
    if own is not None:
        return bool(own(element))
    top = element
    while (parent := top.getparent()) is not None:
        top = parent
    return any(found is element for found in select(top, compiled))


def _css(compiled: CSSSelector) -> str:
    """The CSS text ``compiled`` was made from (lxml keeps it; its type stubs omit it)."""
    return cast("str", compiled.css)  # type: ignore[attr-defined]


@functools.cache
def _first_form(css: str) -> etree.XPath:
    """XPath for the first match of ``css`` in document order, that stops at it.

    The alternatives without combinators are tested together, one walk per
    tag they name (``descendant-or-self::p[a or b][1]``; ``*`` for those
    that name none), and those that are one class read the ``class`` once
    for all (``@class[a or b]``). Each other alternative finds its own first
    match, unless an alternative without combinators matches all it can
    match (``.fn`` for ``.author .fn``). The earliest match is the answer.
    """
    tests: dict[str, list[str]] = {}
    classes: dict[str, list[str]] = {}
    simple: set[str] = set()
    combined: list[tuple[str, str]] = []
    for item in parse_css(css):
        if item.pseudo_element is not None:
            raise SelectorError(f"pseudo-element in {css!r}")
        tree = item.parsed_tree
        expr = _TRANSLATOR.xpath(tree)
        if isinstance(tree, CombinedSelector) or expr.path:
            subject = tree.subselector if isinstance(tree, CombinedSelector) else tree
            path = _TRANSLATOR.selector_to_xpath(item, prefix="descendant-or-self::")
            combined.append((str(_TRANSLATOR.xpath(subject)), f"{path}[1]"))
            continue
        simple.add(str(expr))
        tests.setdefault(expr.element, [])
        if _is_one_class(tree):
            classes.setdefault(expr.element, []).append(_TRANSLATOR.includes(tree.class_name))
        else:
            tests[expr.element].append(expr.condition)
    paths = []
    for tag, conditions in tests.items():
        if tag in classes:
            conditions.append("@class[" + " or ".join(f"({c})" for c in classes[tag]) + "]")
        test = "" if "" in conditions else "[" + " or ".join(f"({c})" for c in conditions) + "]"
        paths.append(f"descendant-or-self::{tag}{test}[1]")
    paths.extend(path for subject, path in combined if subject not in simple)
    return etree.XPath(f"({' | '.join(paths)})[1]")


def _is_one_class(tree: object) -> TypeGuard[Class]:
    """True for a selector that is one class name, on any element or one tag (``.a``, ``p.a``)."""
    return (
        isinstance(tree, Class)
        and isinstance(tree.selector, ElementSelector)
        and tree.selector.namespace is None
        and _is_word(tree.class_name)
    )


@functools.cache
def _self_form(css: str) -> etree.XPath | None:
    """XPath testing one element against ``css``; ``None`` when a combinator
    makes the element's surroundings count."""
    if any(isinstance(item.parsed_tree, CombinedSelector) for item in parse_css(css)):
        return None
    return etree.XPath(_TRANSLATOR.css_to_xpath(css, prefix="self::"))
