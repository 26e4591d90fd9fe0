"""Bilingual analysis chosen from what the cluster actually has.

Clusters differ: a production node usually has the ``analysis-common``
module (the ``english`` analyzer, the ``mapping`` char filter) and maybe the
official ``analysis-ukrainian`` plugin (the ``ukrainian`` analyzer) or our
``ingest_uk_lemma`` token filter (the same dictionary lemmatisation as a
filter, for clusters without the official plugin); a minimal node may have
none of these, only the ``hunspell`` token filter and whatever dictionaries
sit in ``config/hunspell``. ``probe`` asks the cluster (``_nodes`` plugins
and trial ``_analyze`` calls, which never fail the run) and picks, per
language, the first chain of its row that the cluster can run:

=========  ======================  ===========================  ==================  =============
language   best                    next                         fallback            last resort
=========  ======================  ===========================  ==================  =============
English    ``english`` analyzer    (none)                       hunspell ``en_US``  ``basic``
Ukrainian  ``ukrainian`` analyzer  ``ingest_uk_lemma`` filter   hunspell ``uk_UA``  ``basic``
=========  ======================  ===========================  ==================  =============

``basic`` is standard + lowercase + stopwords, no morphology; on a cluster
with the ``mapping`` char filter but neither Ukrainian component (most
managed clusters) the Ukrainian ``basic`` chain also gets the char filter.

Apostrophe variants (' ’ ʼ ‘ `) and the stress mark (U+0301) are unified
at index and query time: by the ``uk_normalize`` char filter in every
custom Ukrainian chain when the cluster has ``mapping``, inside the
``ukrainian`` analyzer itself, by the ``uk_UA`` dictionary's own ``ICONV``
/ ``IGNORE`` rules for the words it knows, and always by ``ingest search``
on the query text.

The hunspell chains run the dictionary *before* lower-casing: Lucene's
hunspell stemmer tries the lower-case form of a capitalised or upper-case
word, never the capitalised form of a lower-case one, and the dictionaries
list proper nouns capitalised (``Україна``, ``Russia/M`` with its ``'s``).
With ``mapping``, the Ukrainian hunspell chain also upper-cases every
Cyrillic letter first (``uk_upper``), so every case variant of every word
is looked up: typed ``україни`` finds ``Україна`` as the dictionary option
``ignore_case`` would (a node setting, out of an index's reach). Without
``mapping`` only words written capitalised or upper-case get that.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from elasticsearch import ApiError, Elasticsearch, TransportError

EnglishChain = Literal["english", "hunspell", "basic"]
UkrainianChain = Literal["ukrainian", "ingest_uk_lemma", "hunspell", "basic"]

APOSTROPHES = "’ʼ‘`"
STRESS = "\u0301"
UKRAINIAN_LOWER = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"

UKRAINIAN_STOPWORDS = (
    "а але б би бо був була були було бути в вам вас весь вже ви від він вона вони воно всі "
    "де для до же з за зі і із її їх й його як яка яке які коли ми на над не ні но ну о об "
    "от під по при про та так також те ти то тобто тож тому тут у хоча це цей ці чи що щоб "
    "ще я"
).split()

_ENGLISH_WHY = {
    "english": "`english` analyzer (analysis-common)",
    "hunspell": "hunspell en_US dictionary: no `english` analyzer (analysis-common)",
    "basic": "standard + stopwords, no stemming: no `english` analyzer, no en_US dictionary",
}
_UKRAINIAN_WHY = {
    "ukrainian": "`ukrainian` analyzer (analysis-ukrainian plugin)",
    "ingest_uk_lemma": "`ingest_uk_lemma` filter (dictionary lemmas): no `ukrainian` analyzer",
    "hunspell": "hunspell uk_UA dictionary: no `ukrainian` analyzer, no `ingest_uk_lemma` filter",
    "basic": "standard + stopwords, no morphology: no `ukrainian` analyzer, "
    "no `ingest_uk_lemma` filter, no uk_UA dictionary",
}


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

    def describe(self) -> dict[str, str]:
        """Why each analyzer got its chain (``en_text``, ``uk_text``), and the char filter."""
        return describe(self.meta())


def describe(meta: dict[str, Any]) -> dict[str, str]:
    """``describe`` for a stored ``_meta.analysis`` (unknown values are shown as they are)."""
    english, ukrainian = meta.get("english"), meta.get("ukrainian")
    if ukrainian == "ukrainian":
        chars = "the `ukrainian` analyzer unifies apostrophes and drops stress marks itself"
    elif meta.get("char_filters"):
        chars = "`mapping` char filter unifies apostrophes and drops stress marks (uk_text)"
        if ukrainian == "hunspell":
            chars += ", and upper-cases Cyrillic so the dictionary tries every case"
    else:
        chars = (
            "no `mapping` char filter (analysis-common): apostrophe and stress variants are "
            "unified in indexed text only in words the dictionary knows (in queries by "
            "`ingest search` always)"
        )
        if ukrainian == "hunspell":
            chars += "; proper nouns typed in lower case are not lemmatised"
    return {
        "en_text": f"{english} — {_ENGLISH_WHY.get(str(english), 'unknown chain')}",
        "uk_text": f"{ukrainian} — {_UKRAINIAN_WHY.get(str(ukrainian), 'unknown chain')}",
        "char_filter": chars,
    }


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


def _stems(client: Elasticsearch, token_filter: dict[str, Any], word: str) -> bool:
    """True when ``token_filter`` exists and changes ``word`` (a working dictionary)."""
    filters = ["lowercase", token_filter]
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
    elif _stems(client, _hunspell("en_US"), "treaties"):
        english = "hunspell"
    ukrainian: UkrainianChain = "basic"
    if _analyzes(client, {"analyzer": "ukrainian", "text": "санкціями"}) is not None:
        ukrainian = "ukrainian"
    elif _stems(client, {"type": "ingest_uk_lemma"}, "санкціями"):
        ukrainian = "ingest_uk_lemma"
    elif _stems(client, _hunspell("uk_UA"), "санкціями"):
        ukrainian = "hunspell"
    mapping = {"type": "mapping", "mappings": ["’=>'"]}
    char_filters = _analyzes(
        client, {"tokenizer": "standard", "char_filter": [mapping], "text": "a’b"}
    ) == ["a'b"]
    return AnalysisProfile(english, ukrainian, char_filters, _modules(client))


# ------------------------------------------------------------------ settings
def _hunspell(locale: str) -> dict[str, Any]:
    return {"type": "hunspell", "locale": locale, "dedup": True}


def _english(chain: EnglishChain, token_filter: dict[str, Any]) -> dict[str, Any]:
    if chain == "english":
        return {"type": "english"}
    filters = ["lowercase", "en_stop"]
    if chain == "hunspell":
        token_filter["en_hunspell"] = _hunspell("en_US")
        filters = ["en_hunspell", *filters]  # before lowercase: Russia's -> Russia
    return {"type": "custom", "tokenizer": "standard", "filter": filters}


def _ukrainian(
    chain: UkrainianChain,
    char_filters: bool,
    char_filter: dict[str, Any],
    token_filter: dict[str, Any],
) -> dict[str, Any]:
    if chain == "ukrainian":
        return {"type": "ukrainian"}
    filters = ["lowercase", "uk_stop"]
    if chain == "ingest_uk_lemma":
        token_filter["uk_lemma"] = {"type": "ingest_uk_lemma"}
        filters.append("uk_lemma")
    elif chain == "hunspell":
        token_filter["uk_hunspell"] = _hunspell("uk_UA")
        filters = ["uk_hunspell", *filters]  # before lowercase: України -> Україна
    analyzer: dict[str, Any] = {"type": "custom", "tokenizer": "standard", "filter": filters}
    if char_filters:
        analyzer["char_filter"] = ["uk_normalize"]
        if chain == "hunspell":
            upper = [f"{ch}=>{ch.upper()}" for ch in UKRAINIAN_LOWER]
            char_filter["uk_upper"] = {"type": "mapping", "mappings": upper}
            analyzer["char_filter"].append("uk_upper")
    return analyzer


def analysis_settings(profile: AnalysisProfile) -> dict[str, Any]:
    """The ``index.analysis`` settings that define ``en_text``, ``uk_text``, ``other_text``."""
    char_filter: dict[str, Any] = {}
    if profile.char_filters:
        mappings = [f"{ch}=>'" for ch in APOSTROPHES] + ["\\u0301=>"]
        char_filter["uk_normalize"] = {"type": "mapping", "mappings": mappings}
    token_filter: dict[str, Any] = {
        "en_stop": {"type": "stop", "stopwords": "_english_"},
        "uk_stop": {"type": "stop", "stopwords": UKRAINIAN_STOPWORDS},
    }
    english = _english(profile.english, token_filter)
    ukrainian = _ukrainian(profile.ukrainian, profile.char_filters, char_filter, token_filter)
    analysis: dict[str, Any] = {"char_filter": char_filter} if char_filter else {}
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
