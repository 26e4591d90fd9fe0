"""Benchmark of the ingest pipeline: a synthetic corpus and a side-by-side harness.

``scripts.bench.corpus`` writes seeded synthetic articles (both sources, text and
HTML, at the sizes and with the markup of real pages); ``scripts.bench.run`` measures parsing,
the comparison
with trafilatura, ``ingest run`` against a plain bulk baseline and peak
memory. Run it with ``tox -e bench`` (``-- --quick`` for a short run).
"""
