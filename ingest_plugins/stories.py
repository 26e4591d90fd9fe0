"""Near-duplicate fingerprints: which documents tell the same article in other pages.

Two documents are the same article when their canonical URLs agree
(``ids.story_id``) or when their bodies are near-duplicates: a wire story
reposted by another outlet, a page saved twice under different URLs, a
translation repost whose English text is the original's. Near-duplicates
are found with MinHash (``datasketch``) over word 5-shingles of the
document's longest body:

* ``fingerprint`` is the MinHash signature, ``NUM_PERM`` 32-bit values
  (shingles hashed with CRC-32, datasketch's ``affine32`` permutations),
  stored with the document as ``SCHEME:base64`` (not indexed);
* ``bands`` cuts it into ``BANDS`` bands of ``ROWS`` values and names each
  band (``"07:3f2a…"``); the bands are indexed as keywords, so the index
  itself is the LSH table: documents sharing one band are candidates;
* a candidate is a near-duplicate when the signatures estimate a Jaccard
  similarity of at least ``THRESHOLD``.

Bodies shorter than ``MIN_WORDS`` words get no fingerprint: a few lines
shared by two pages (a quote, a disclaimer) do not make them one story.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
import zlib
from array import array

from .document import Article

__all__ = [
    "BANDS",
    "MIN_WORDS",
    "NUM_PERM",
    "ROWS",
    "SCHEME",
    "THRESHOLD",
    "bands",
    "fingerprint",
    "is_current",
    "similarity",
]

NUM_PERM = 96
BANDS = 32
ROWS = NUM_PERM // BANDS
"""Three values per band put the LSH curve's midpoint, (1/BANDS)**(1/ROWS), at 0.31:
pairs at ``THRESHOLD`` or above become candidates, unrelated bodies rarely do."""
THRESHOLD = 0.3
"""Estimated Jaccard similarity of 5-shingle sets above which two bodies are one story."""
SCHEME = "2"
"""Names how signatures are made (``NUM_PERM``, the hash, the permutations); signatures
of another scheme, from an index filled by an older version, are never compared."""
MIN_WORDS = 50
SHINGLE = 5
_SEED = 1
_WORDS = re.compile(r"\w+")


def _shingles(text: str) -> list[bytes]:
    words = _WORDS.findall(text.lower())
    if len(words) < MIN_WORDS:
        return []
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    return [gram.encode() for gram in grams]


def fingerprint(article: Article) -> str:
    """The MinHash signature of the article's longest body, base64; ``""`` when too short."""
    body = max(article.body.values(), key=len, default="")
    shingles = _shingles(body)
    if not shingles:
        return ""
    from datasketch import MinHash  # numpy and scipy: only when documents are indexed

    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=zlib.crc32, scheme="affine32")
    minhash.update_batch(shingles)
    values = minhash.hashvalues.astype("<u4")  # affine32 values are 32-bit
    return f"{SCHEME}:{base64.b64encode(values.tobytes()).decode('ascii')}"


def is_current(signature: str) -> bool:
    """True when ``signature`` is of this ``SCHEME``, or empty (a body too short to have one)."""
    return not signature or signature.partition(":")[0] == SCHEME


def _raw(signature: str) -> bytes:
    """The signature's ``NUM_PERM`` values as bytes; empty for no signature, one of
    another scheme, or one that is damaged."""
    scheme, _, encoded = signature.partition(":")
    if scheme != SCHEME:
        return b""
    try:
        raw = base64.b64decode(encoded, validate=True)
    except ValueError:
        return b""
    return raw if len(raw) == NUM_PERM * 4 else b""


def _values(signature: str) -> array[int]:
    values = array("I", _raw(signature))
    if sys.byteorder == "big":
        values.byteswap()  # stored little-endian
    return values


def bands(signature: str) -> list[str]:
    """The LSH band keys of a signature (empty for none, see ``similarity``)."""
    raw = _raw(signature)
    if not raw:
        return []
    width = ROWS * 4
    keys = []
    for band in range(BANDS):
        rows = raw[band * width : (band + 1) * width]
        keys.append(f"{band:02d}:{hashlib.blake2b(rows, digest_size=8).hexdigest()}")
    return keys


def similarity(first: str, second: str) -> float:
    """Estimated Jaccard similarity of the two bodies.

    0.0 when either has no signature or one of another ``SCHEME`` (indexed by an
    older version; the next ``ingest run`` over its input fingerprints it again).
    """
    a, b = _values(first), _values(second)
    if not a or not b:
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
