"""``ingest search`` and ``ingest related``: the index, read back for people or as JSON Lines."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import connect
from .options import EXIT_INPUT_FAILED, EXIT_OK
from .output import clean, error

if TYPE_CHECKING:
    from ..es.search import ArticleHit, CommentHit


def cmd_search(args: argparse.Namespace) -> int:
    from ..es.analysis import normalize_query
    from ..es.search import search_articles, search_comments

    client = connect.client(args)
    hits: Sequence[ArticleHit | CommentHit]
    query = normalize_query(args.query)
    if args.comments:
        hits = search_comments(client, args.index, query, args.lang, args.source, args.size)
    else:
        hits = search_articles(
            client,
            args.index,
            query,
            args.lang,
            args.source,
            args.since,
            args.until,
            args.size,
        )
    for hit in hits:
        if args.json:
            print(json.dumps(hit.record(), ensure_ascii=False))
        else:
            print(_render_hit(hit))
    if not args.json:
        print(f"{len(hits)} hit(s)", file=sys.stderr)
    return EXIT_OK


def cmd_related(args: argparse.Namespace) -> int:
    from ..es.related import UnknownDocument, find_related

    client = connect.client(args)
    try:
        found = find_related(client, args.index, args.id, args.size)
    except UnknownDocument as err:
        error(str(err))
        return EXIT_INPUT_FAILED
    for item in found:
        if args.json:
            print(json.dumps(item.record(), ensure_ascii=False))
        else:
            title = next(iter(item.title.values()), "(no title)") if item.title else "(no title)"
            score = f"{item.score:6.2f}" if item.score is not None else "     -"
            print(f"{score}  {item.why:<12}  {item.id}  [{item.source}] {clean(title)}")
    if not args.json:
        print(f"{len(found)} related", file=sys.stderr)
    return EXIT_OK


def _render_hit(hit: ArticleHit | CommentHit) -> str:
    from ..es.search import CommentHit

    snippets = "\n".join(f"    … {clean(h)} …" for h in hit.highlights[:3])
    if isinstance(hit, CommentHit):
        head = f"{hit.score:6.2f}  comment {hit.id}  (article {hit.article_id})"
    else:
        title = next(iter(hit.title.values()), "(no title)") if hit.title else "(no title)"
        where = hit.url or hit.path or hit.id
        head = f"{hit.score:6.2f}  [{hit.source}] {clean(title)}\n        {where}"
    return head + ("\n" + snippets if snippets else "")
