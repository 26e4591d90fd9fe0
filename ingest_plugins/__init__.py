"""Ingest news articles and reader comments into Elasticsearch through plugins.

Plugin authors need only this module: ``hookimpl`` to mark hook
implementations, the frozen values that cross the hook boundary and
``InputError`` for inputs that cannot be parsed.
"""

from .document import Article, Comment, Document, EncodingReport, SourceText
from .errors import InputError
from .hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Comment",
    "Document",
    "EncodingReport",
    "InputError",
    "SourceText",
    "__version__",
    "hookimpl",
]
