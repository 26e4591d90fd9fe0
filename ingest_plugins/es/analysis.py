"""Bilingual analysis chosen from what the cluster actually has.

Clusters differ: a production node usually has the ``analysis-common``
module (the ``english`` analyzer, the ``mapping`` char filter) and maybe the
``analysis-ukrainian`` plugin; a minimal node may have neither, only the
``hunspell`` token filter and whatever dictionaries sit in
``config/hunspell``. ``probe`` asks the cluster (``_nodes`` plugins and
trial ``_analyze`` calls, which never fail the run) and picks, per
language, the best chain available:

============  ==========================  =====================  ====================
language      best                        fallback               last resort
============  ==========================  =====================  ====================
English       ``english`` analyzer        hunspell ``en_US``     standard + stopwords
Ukrainian     ``ukrainian`` analyzer      hunspell ``uk_UA``     lowercase + stopwords
============  ==========================  =====================  ====================

Apostrophe variants (' ’ ʼ ‘ `) and the stress mark (U+0301) are unified
at index and query time in every Ukrainian chain: by the ``mapping`` char
filter when the cluster has it, by the ``uk_UA`` dictionary's own ``ICONV``
/ ``IGNORE`` rules in the hunspell chain, inside the ``ukrainian`` analyzer
itself, and always by ``ingest search`` on the query text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from elasticsearch import ApiError, Elasticsearch, TransportError

EnglishChain = Literal["english", "hunspell", "basic"]
UkrainianChain = Literal["ukrainian", "hunspell", "basic"]

APOSTROPHES = "’ʼ‘`"
STRESS = "\u0301"

UKRAINIAN_STOPWORDS = (
    "а але б би бо був була були було бути в вам вас весь вже ви від він вона вони воно всі "
    "де для до же з за зі і із її їх й його як яка яке які коли ми на над не ні но ну о об "
    "от під по при про та так також те ти то тобто тож тому тут у хоча це цей ці чи що щоб "
    "ще я"
).split()


@dataclass(frozen=True)
class AnalysisProfile:
    """Which chain each language gets on this cluster (stored in the index ``_meta``)."""

    english: EnglishChain
    ukrainian: UkrainianChain
    char_filters: bool
    """The ``mapping`` char filter exists (``analysis-common``)."""
    modules: tuple[str, ...] = ()
    """Modules and plugins every node reported (shown, not stored: only the
    chains decide the mapping)."""

    def meta(self) -> dict[str, Any]:
        """What the index ``_meta`` records: the chain of each language."""
        return {k: v for k, v in asdict(self).items() if k != "modules"}


# The best case, used for the reviewed JSON in mappings/.
FULL_PROFILE = AnalysisProfile(
    "english", "ukrainian", True, ("analysis-common", "analysis-ukrainian")
)


# ------------------------------------------------------------------ probing
def _analyzes(client: Elasticsearch, body: dict[str, Any]) -> list[str] | None:
    """Tokens of a trial ``_analyze``, or ``None`` when the cluster cannot do it."""
    try:
        response = client.indices.analyze(**body)
    except (ApiError, TransportError):
        return None
    return [token["token"] for token in response.get("tokens", [])]


def _hunspell(client: Elasticsearch, locale: str, word: str) -> bool:
    """True when the node has a working ``locale`` dictionary (the word gets stemmed)."""
    filters = ["lowercase", {"type": "hunspell", "locale": locale, "dedup": True}]
    tokens = _analyzes(client, {"tokenizer": "standard", "filter": filters, "text": word})
    return bool(tokens) and tokens != [word.lower()]


def _modules(client: Elasticsearch) -> tuple[str, ...]:
    """Modules and plugins present on every node (an analyzer must exist everywhere)."""
    try:
        nodes = client.nodes.info(metric="plugins")["nodes"].values()
    except (ApiError, TransportError):
        return ()
    sets = [
        {m["name"] for m in node.get("modules", [])} | {p["name"] for p in node.get("plugins", [])}
        for node in nodes
    ]
    return tuple(sorted(set.intersection(*sets))) if sets else ()


def probe(client: Elasticsearch) -> AnalysisProfile:
    """Ask the cluster what it can do; never raises for a missing feature."""
    english: EnglishChain = "basic"
    if _analyzes(client, {"analyzer": "english", "text": "treaties"}) is not None:
        english = "english"
    elif _hunspell(client, "en_US", "treaties"):
        english = "hunspell"
    ukrainian: UkrainianChain = "basic"
    if _analyzes(client, {"analyzer": "ukrainian", "text": "санкціями"}) is not None:
        ukrainian = "ukrainian"
    elif _hunspell(client, "uk_UA", "санкціями"):
        ukrainian = "hunspell"
    mapping = {"type": "mapping", "mappings": ["’=>'"]}
    char_filters = _analyzes(
        client, {"tokenizer": "standard", "char_filter": [mapping], "text": "a’b"}
    ) == ["a'b"]
    return AnalysisProfile(english, ukrainian, char_filters, _modules(client))


# ------------------------------------------------------------------ settings
def _language_chain(
    prefix: str,
    chain: str,
    builtin: str,
    locale: str,
    char_filters: list[str],
    token_filter: dict[str, Any],
) -> dict[str, Any]:
    """One language's analyzer: the built-in analyzer, or lowercase + stop (+ hunspell)."""
    if chain == builtin:
        return {"type": builtin}
    filters = ["lowercase", f"{prefix}_stop"]
    if chain == "hunspell":
        token_filter[f"{prefix}_hunspell"] = {"type": "hunspell", "locale": locale, "dedup": True}
        filters.append(f"{prefix}_hunspell")
    analyzer: dict[str, Any] = {"type": "custom", "tokenizer": "standard", "filter": filters}
    if char_filters:
        analyzer["char_filter"] = char_filters
    return analyzer


def analysis_settings(profile: AnalysisProfile) -> dict[str, Any]:
    """The ``index.analysis`` settings that define ``en_text``, ``uk_text``, ``other_text``."""
    analysis: dict[str, Any] = {}
    uk_char_filters: list[str] = []
    if profile.char_filters:
        mappings = [f"{ch}=>'" for ch in APOSTROPHES] + ["\\u0301=>"]
        analysis["char_filter"] = {"uk_normalize": {"type": "mapping", "mappings": mappings}}
        uk_char_filters = ["uk_normalize"]
    token_filter: dict[str, Any] = {
        "en_stop": {"type": "stop", "stopwords": "_english_"},
        "uk_stop": {"type": "stop", "stopwords": UKRAINIAN_STOPWORDS},
    }
    english = _language_chain("en", profile.english, "english", "en_US", [], token_filter)
    ukrainian = _language_chain(
        "uk", profile.ukrainian, "ukrainian", "uk_UA", uk_char_filters, token_filter
    )
    analysis["analyzer"] = {
        "other_text": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
        "en_text": english,
        "uk_text": ukrainian,
    }
    analysis["filter"] = token_filter
    return analysis


def normalize_query(text: str) -> str:
    """What ``ingest search`` does to a query before sending it: one apostrophe, no stress."""
    for ch in APOSTROPHES:
        text = text.replace(ch, "'")
    return text.replace(STRESS, "")
