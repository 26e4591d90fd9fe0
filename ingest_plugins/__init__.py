"""Ingest news articles and reader comments into Elasticsearch through plugins.

Plugin authors start here: ``hookimpl`` to mark hook implementations, the
frozen values that cross the hook boundary (``Source``, ``SourceText``,
``Article``, ``Comment``, ``Document``) and ``InputError`` for inputs that
cannot be parsed. The extraction toolkit is ``ingest_plugins.parsing``;
``ingest_plugins.testing`` compares a plugin's output with golden files.
See docs/plugins.md.
"""

from .document import Article, Comment, Document, EncodingReport, Source, SourceText
from .errors import InputError
from .hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Comment",
    "Document",
    "EncodingReport",
    "InputError",
    "Source",
    "SourceText",
    "__version__",
    "hookimpl",
]
