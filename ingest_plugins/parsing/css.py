"""CSS selectors for the source plugins: what a selector finds, found fast.

A ``Selector`` is parsed once by cssselect. The selectors the plugins use
are simple ones (``.byline``, ``h1.entry-title``, ``time[datetime]``,
``#main``, ``[rel=author]``) and descendant chains of them
(``.comment-author .fn``); those are matched in Python in one pass over the
tree where that is faster than XPath. Anything else (``>``, ``+``,
pseudo-classes, ``^=``...) is compiled to XPath, as cssselect does.

Why not XPath for everything: libxml2 walks the whole tree once per
selector of a group, and tests ``@class`` by building a string per element,
so ``.a, .b, .c, .d, .e, .f`` cost six walks (0.46 ms on a 340-element
page); one walk in Python that splits each class attribute once costs about
0.1-0.2 ms. A single compound selector (``.a``, ``p.b``) is one walk in C
and stays XPath. Results are the same as the XPath's: document order, no element
twice, class names split on XML white space (as XPath's
``normalize-space``), tag and attribute names lowercase (as in a tree from
``parse_page``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeAlias, cast

from cssselect import HTMLTranslator
from cssselect import parse as parse_css
from cssselect.parser import Attrib, Class, CombinedSelector, Element, Hash, Tree
from cssselect.parser import Selector as SelectorTree
from lxml import etree

Node: TypeAlias = etree._Element
"""An element of a parsed page."""

_TRANSLATOR = HTMLTranslator()
_XML_SPACE = re.compile("[ \t\r\n]+")


class Unsupported(Exception):
    """A selector the one-pass matcher does not handle (XPath does)."""


@dataclass(frozen=True)
class Compound:
    """A tag (or any, ``None``), classes and attributes that one element must all have."""

    tag: str | None
    classes: frozenset[str]
    attributes: tuple[tuple[str, str | None], ...]
    """(name, value): the value it must equal, or ``None`` for "is present"."""

    def matches(self, element: Node, classes: list[str] | None) -> bool:
        """``classes`` are the element's class names (``None`` until needed)."""
        if self.tag is not None and element.tag != self.tag:
            return False
        if self.classes and not self.classes.issubset(
            classes if classes is not None else class_names(element)
        ):
            return False
        for name, value in self.attributes:
            found = element.get(name)
            if found is None or (value is not None and found != value):
                return False
        return True


@dataclass(frozen=True)
class Chain:
    """``a b c``: ``subject`` (``c``) inside ``b`` inside ``a`` (``ancestors``, outermost first)."""

    subject: Compound
    ancestors: tuple[Compound, ...]

    def matches(
        self, element: Node, classes: list[str] | None, scope: Node | None, memo: Memo
    ) -> bool:
        """Whether ``element`` matches, its ancestors counted strictly inside
        ``scope`` (``None``: all of them). ``memo`` is shared by the tests of
        one search (see ``Memo``)."""
        if not self.subject.matches(element, classes):
            return False
        if not self.ancestors:
            return True
        wanted = len(self.ancestors) - 1
        visited: list[tuple[int, Node, int]] = []
        found = False
        node = element.getparent()
        while node is not None and node is not scope:
            state = (id(self), node, wanted)
            known = memo.get(state)
            if known is not None:
                found = known
                break
            visited.append(state)
            if self.ancestors[wanted].matches(node, None):
                if wanted == 0:
                    found = True
                    break
                wanted -= 1  # the nearest fitting ancestor leaves the most room above it
            node = node.getparent()
        for state in visited:  # each of them leads to the same end
            memo[state] = found
        return found


Memo: TypeAlias = dict[tuple[int, Node, int], bool]
"""For one search: whether the ancestors from an element up, looking for a
chain's ``ancestors[wanted]`` there or above, complete the chain. Without
it, elements nested thousands deep would each walk all the way up (20,000
nested spans under ``div span``: 2·10⁸ steps); with it, each (element,
part) is looked at once per search."""


def class_names(element: Node) -> list[str]:
    """The element's class names, split as XPath's ``normalize-space`` would."""
    value = element.get("class")
    return split_classes(value) if value else []


def split_classes(value: str) -> list[str]:
    """``str.split`` also splits on form feeds and no-break spaces; XML does not."""
    return value.split() if value.isascii() else _XML_SPACE.split(value)


def compound(tree: Tree) -> Compound:
    """The ``Compound`` of a simple selector, or ``Unsupported``."""
    classes: set[str] = set()
    attributes: list[tuple[str, str | None]] = []
    while not isinstance(tree, Element):
        if isinstance(tree, Class):
            classes.add(tree.class_name)
        elif isinstance(tree, Hash):
            attributes.append(("id", tree.id))
        elif (
            isinstance(tree, Attrib)
            and tree.namespace is None
            and tree.flag is None
            and tree.operator in ("exists", "=")
        ):
            value = None if tree.value is None else str(tree.value.value)
            attributes.append((tree.attrib.lower(), value))
        else:
            raise Unsupported(repr(tree))
        tree = tree.selector
    if tree.namespace is not None:
        raise Unsupported(repr(tree))
    tag = None if tree.element in (None, "*") else str(tree.element).lower()
    return Compound(tag, frozenset(classes), tuple(reversed(attributes)))


def chain(tree: Tree) -> Chain:
    """The ``Chain`` of a selector, or ``Unsupported`` (a combinator other than descendant)."""
    parts: list[Compound] = []
    while isinstance(tree, CombinedSelector):
        if tree.combinator != " ":
            raise Unsupported(f"combinator {tree.combinator!r}")
        parts.append(compound(tree.subselector))
        tree = tree.selector
    parts.append(compound(tree))
    parts.reverse()
    return Chain(parts[-1], tuple(parts[:-1]))


class Selector:
    """A CSS selector (a group: ``a, b``), parsed once.

    ``all``/``first`` search the descendants of an element (not the element
    itself), in document order, and as XPath does, ``.a .b`` finds a ``.b``
    inside an ``.a`` that is itself inside the searched element. ``matches``
    tests the element itself, against all its ancestors (``.a .b`` matches a
    ``.b`` anywhere inside an ``.a``).
    """

    def __init__(self, css: str) -> None:
        self.css = css
        self._xpath = XPathSelector(css)
        try:
            chains: tuple[Chain, ...] | None = tuple(chain(c.parsed_tree) for c in _parse(css))
        except Unsupported:
            chains = None
        self._matcher = chains is not None
        """Whether the one-pass matcher handles this selector (``matches`` always uses it)."""
        chains = chains or ()
        self._classes_only = frozenset(
            next(iter(c.subject.classes)) for c in chains if _is_one_class(c)
        )
        """Class names that alone make a match (``.a, .b``): one set test for all."""
        self._chains = tuple(c for c in chains if not _is_one_class(c))
        self._needs_classes = bool(self._classes_only) or any(
            part.classes for c in self._chains for part in (c.subject, *c.ancestors)
        )
        tags = {c.subject.tag for c in chains}
        self._tags = tuple(sorted(tags)) if chains and None not in tags else None  # type: ignore[type-var]
        """The subjects' tags when every subject names one: lxml then skips the rest."""
        self._search_in_python = self._matcher and (
            len(chains) > 1 or (self._tags is not None and bool(chains[0].ancestors))
        )
        """Searches walk the tree in Python only where that was measured faster: a
        group (XPath walks once per selector), or ``.a span`` (lxml hands over the
        spans alone, and only their ancestors are looked at; XPath walks all of
        every ``.a``). One compound (``.a``, ``p.b``) is one XPath walk in C."""

    def all(self, root: Node) -> list[Node]:
        if not self._search_in_python:
            return self._xpath.all(root)
        candidates = self._candidates(root)
        if not self._chains:  # only class names: the loop that most pages run, inlined
            names = self._classes_only
            return [
                element
                for element in candidates
                if (value := element.get("class")) and not names.isdisjoint(split_classes(value))
            ]
        test, memo = self._test, cast("Memo", {})
        found = [element for element in candidates if test(element, root, memo)]
        memo.clear()  # while the candidates still hold their elements: see _candidates
        return found

    def first(self, root: Node) -> Node | None:
        return next(self.iter(root), None)

    def iter(self, root: Node) -> Iterator[Node]:
        """The matches of ``all``, one at a time: a caller that stops early
        leaves the rest of the tree untested."""
        if not self._search_in_python:
            yield from self._xpath.all(root)
            return
        candidates, memo = self._candidates(root), cast("Memo", {})
        try:
            for element in candidates:
                if self._test(element, root, memo):
                    yield element
        finally:
            memo.clear()  # while the candidates still hold their elements: see _candidates
            del candidates

    def matches(self, element: Node) -> bool:
        if not self._matcher:
            return self._xpath.matches(element)
        return self._test(element, None, {})

    def _candidates(self, root: Node) -> list[Node]:
        """The elements to test, listed before they are tested.

        lxml makes a Python object for each element it hands out, and when
        one is freed it looks up the ancestors for one still alive. Freed one
        by one while walking down thousands of nested elements, each would
        look through all those above it (20,000 nested spans: 0.7 s a
        search). A list is freed from its end, the deepest element first, so
        each finds its parent alive; the memo of a search, which holds
        ancestors top down, is emptied first, while the list still holds them.
        """
        if self._tags is not None:
            return list(root.iterdescendants(*self._tags))
        return list(root.iterdescendants(etree.Element))

    def _test(self, element: Node, scope: Node | None, memo: Memo) -> bool:
        classes = None
        if self._needs_classes:
            classes = class_names(element)
            if classes and not self._classes_only.isdisjoint(classes):
                return True
        for item in self._chains:  # noqa: SIM110 (a generator in any() costs more per element)
            if item.matches(element, classes, scope, memo):
                return True
        return False

    def __repr__(self) -> str:
        return f"Selector({self.css!r})"


def _parse(css: str) -> list[SelectorTree]:
    parsed = parse_css(css)
    if any(item.pseudo_element is not None for item in parsed):
        raise Unsupported("pseudo-element")
    return parsed


def _is_one_class(c: Chain) -> bool:
    s = c.subject
    return not c.ancestors and s.tag is None and len(s.classes) == 1 and not s.attributes


class XPathSelector:
    """Any CSS selector, compiled to XPath by cssselect (``Selector``'s fallback)."""

    def __init__(self, css: str) -> None:
        self._all = etree.XPath(_TRANSLATOR.css_to_xpath(css, prefix="descendant::"))
        combined = any(isinstance(s.parsed_tree, CombinedSelector) for s in parse_css(css))
        # "a b" translated for self:: would test a's descendants, not the element:
        # such groups are searched in the whole document (root included) instead.
        self._self = (
            None if combined else etree.XPath(_TRANSLATOR.css_to_xpath(css, prefix="self::"))
        )
        self._in_document = (
            etree.XPath(_TRANSLATOR.css_to_xpath(css, prefix="descendant-or-self::"))
            if combined
            else None
        )
        self._matched: tuple[Node, set[Node]] | None = None
        """With combinators: the last document searched, and what matched in it."""

    def all(self, root: Node) -> list[Node]:
        return cast("list[Node]", self._all(root))

    def matches(self, element: Node) -> bool:
        if self._self is not None:
            return bool(self._self(element))
        assert self._in_document is not None
        document = element.getroottree().getroot()
        if self._matched is None or self._matched[0] is not document:
            self._matched = (document, set(cast("list[Node]", self._in_document(document))))
        return element in self._matched[1]


def selectors(*css: str) -> tuple[Selector, ...]:
    """``Selector`` for each of ``css``, in order."""
    return tuple(Selector(c) for c in css)


def select_first(root: Node, candidates: Iterable[Selector]) -> Node | None:
    """The first element matched by the first of ``candidates`` that matches anything."""
    for selector in candidates:
        found = selector.first(root)
        if found is not None:
            return found
    return None
