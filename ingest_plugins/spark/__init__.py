"""``ingest run --engine spark``: the same parse and push, on Apache Spark.

``driver`` runs in the ``ingest`` process: it gives every input file (an
archive whole) to a Spark task and turns what the tasks did into the run's
summary. ``tasks`` runs in Spark's Python workers: each task builds the
plugin host as ``ingest run``'s worker processes do, parses with
``Pipeline`` and pushes with ``es.bulk.push``. PySpark is an optional
dependency (``pip install 'ingest-plugins[spark]'``); this package imports
it only in the functions that need it. See docs/scale.md.
"""

from __future__ import annotations

import importlib.util

INSTALL_HINT = (
    "--engine spark needs PySpark: pip install 'ingest-plugins[spark]' (and Java 17 or 21)"
)


def pyspark_missing() -> bool:
    """Whether PySpark cannot be imported here."""
    try:
        return importlib.util.find_spec("pyspark") is None
    except (ImportError, ValueError):
        return True
