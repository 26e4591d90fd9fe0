"""Write docs/toolkit.md, the reference of the extraction toolkit, from its docstrings.

``python -m scripts.write_toolkit_docs`` rewrites the file;
``tests/test_docs.py`` fails when it is out of date, so every public name
of ``ingest_plugins.parsing`` (each module's ``__all__``) is documented,
with its signature and docstring, and nothing documented is gone.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path
from types import ModuleType

import ingest_plugins.parsing as parsing

DOC = Path(__file__).resolve().parent.parent / "docs" / "toolkit.md"

INTRO = """\
# The extraction toolkit

`ingest_plugins.parsing` holds what is true of news pages in general, for
the built-in plugins and yours alike; a plugin keeps only the knowledge of
its own site (selectors, chrome phrases, claim signals). Start with
[plugins.md](plugins.md); its walkthrough uses the most common pieces:
`claims.page_declares_site`, `select`, `blocks.text_blocks`,
`comments.finish_comments`, `languages.lang_slot`.

The page itself comes parsed: `SourceText.tree` (lxml), `.jsonld`, `.head`
and `.soup` are built once by the host and shared by every plugin.

This page is generated from the docstrings by
`python -m scripts.write_toolkit_docs`; a test keeps it in sync.
"""


def modules() -> list[ModuleType]:
    """The toolkit's modules, in name order."""
    found = (info.name for info in pkgutil.iter_modules(parsing.__path__))
    return [importlib.import_module(f"{parsing.__name__}.{name}") for name in sorted(found)]


def attribute_docs(module: ModuleType) -> dict[str, str]:
    """The docstrings written under module-level assignments (``NAME = ...`` then a string)."""
    tree = ast.parse(inspect.getsource(module))
    docs: dict[str, str] = {}
    for node, after in zip(tree.body, tree.body[1:], strict=False):
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if (
            isinstance(target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[target.id] = inspect.cleandoc(after.value.value)
    return docs


def describe(module: ModuleType, name: str, attributes: dict[str, str]) -> str:
    """One entry: heading, signature and docstring; ``ValueError`` when it has no docstring."""
    value = getattr(module, name)
    if inspect.isfunction(value):
        head = f"{name}{_signature(module, value)}".replace("'", "")
        doc = inspect.getdoc(value)
    elif inspect.isclass(value):
        head = f"class {name}"
        doc = inspect.getdoc(value) if value.__doc__ else None
    else:
        head = name
        doc = attributes.get(name)
    if not doc:
        raise ValueError(f"{module.__name__}.{name} has no docstring")
    return f"### `{module.__name__.rsplit('.', 1)[1]}.{name}`\n\n```python\n{head}\n```\n\n{doc}\n"


class _Named:
    """A default value shown by its module-level name (a set's order is not stable)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


def _signature(module: ModuleType, function: object) -> inspect.Signature:
    """``function``'s signature, with defaults that are module constants shown by name."""
    signature = inspect.signature(function)  # type: ignore[arg-type]
    names = {id(v): k for k, v in vars(module).items() if k.isupper()}
    parameters = [
        p.replace(default=_Named(names[id(p.default)])) if id(p.default) in names else p
        for p in signature.parameters.values()
    ]
    return signature.replace(parameters=parameters)


def render() -> str:
    """The whole page."""
    parts = [INTRO]
    for module in modules():
        short = module.__name__.rsplit(".", 1)[1]
        summary = inspect.cleandoc(module.__doc__ or "").split("\n\n", 1)
        parts.append(f"## {short}\n\n" + "\n\n".join(summary) + "\n")
        attributes = attribute_docs(module)
        parts.extend(describe(module, name, attributes) for name in module.__all__)
    return "\n".join(parts)


if __name__ == "__main__":
    DOC.write_text(render())
    print(DOC)
