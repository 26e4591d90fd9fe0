"""Document identity, stories and incremental runs, end to end against the live node."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from ingest_plugins.cli import main
from ingest_plugins.stories import SCHEME
from tests.conftest import SEEDS
from tests.reliability.helpers import summary

pytestmark = pytest.mark.es

AJ_SEED = SEEDS / "002_cb5603a3dcd24ba0.txt"
VT_SEED = SEEDS / "000_69b621c95946143e.txt"
UK_TITLE = "путін заявив, що західні санкції підштовхують до об'єднання росії та Білорусі"
RU_TITLE = "Путин заявил, что западные санкции подталкивают к объединению России и Белоруссии"
RU_SUMMARY = (
    "Президент России Владимир Путин заявил, что беспрецедентное политическое и социальное "
    "давление Запада и ряд санкций, введённых после вторжения в Украину, подталкивают Белоруссию "
    "к более быстрой интеграции с Россией. Это будет сделано для минимизации ущерба от "
    "незаконных санкций, — сказал он."
)


def russian_repost() -> str:
    """The Al Jazeera seed with its Ukrainian title and summary translated to Russian."""
    lines = AJ_SEED.read_text(encoding="utf-8").split("\n")
    summary_line = next(i for i, line in enumerate(lines) if line.startswith("Президент росії"))
    lines[summary_line] = RU_SUMMARY
    return "\n".join(lines).replace(UK_TITLE, RU_TITLE)


def reposts(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(AJ_SEED, folder / "uk-repost.txt")
    (folder / "ru-repost.txt").write_text(russian_repost(), encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["run", *args])
    return code, capsys.readouterr().err


def docs(es: Elasticsearch, index: str) -> dict[str, dict[str, object]]:
    es.indices.refresh(index=index)
    hits = es.search(index=index, size=100, query={"match_all": {}})["hits"]["hits"]
    return {Path(str(h["_source"]["path"])).name: {"id": h["_id"], **h["_source"]} for h in hits}


def search_ids(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    capsys.readouterr()
    assert main(["search", *args, "--json"]) == 0
    return [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()]


@pytest.mark.usefixtures("es_env")
def test_both_translation_reposts_are_kept_and_found_in_their_language(
    tmp_path: Path, es: Elasticsearch, index_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(capsys, str(reposts(tmp_path / "in")), "--index", index_name)
    assert code == 0, err
    assert summary(err)["documents"] == 2
    found = docs(es, index_name)
    uk, ru = found["uk-repost.txt"], found["ru-repost.txt"]
    assert uk["id"] != ru["id"] and len(found) == 2
    assert uk["story_id"] == ru["story_id"]
    assert uk["canonical_url"] == ru["canonical_url"]
    assert str(uk["canonical_url"]).startswith("https://www.aljazeera.com/news/2022/7/1/")
    assert search_ids(capsys, "підштовхують", "--lang", "uk", "--index", index_name) == [uk["id"]]
    assert search_ids(capsys, "подталкивают", "--lang", "ru", "--index", index_name) == [ru["id"]]
    for doc in (uk, ru):
        assert doc["parser"] == "aljazeera 0.1.0"
        assert len(str(doc["sha256"])) == 64 and doc["ingested_at"]


@pytest.mark.usefixtures("es_env")
def test_a_rerun_skips_unchanged_inputs_and_force_reindexes(
    tmp_path: Path, es: Elasticsearch, index_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    assert run(capsys, str(folder), "--index", index_name)[0] == 0
    first = docs(es, index_name)

    code, err = run(capsys, str(folder), "--index", index_name)
    assert code == 0, err
    assert "unchanged: 2" in err
    assert summary(err)["documents"] == 0 and summary(err)["inputs"] == 2
    assert docs(es, index_name) == first  # nothing was sent: ingested_at unchanged

    (folder / VT_SEED.name).write_bytes(VT_SEED.read_bytes() + b"\nOne more paragraph.\n")
    code, err = run(capsys, str(folder), "--index", index_name)
    assert "unchanged: 1" in err and summary(err)["documents"] == 1

    code, err = run(capsys, str(folder), "--index", index_name, "--force")
    assert "unchanged: 0" in err and summary(err)["documents"] == 2


def rerun_after_changing_aj(
    folder: Path,
    es: Elasticsearch,
    index: str,
    capsys: pytest.CaptureFixture[str],
    **fields: object,
) -> tuple[dict[str, object], dict[str, object]]:
    """Index the seeds, overwrite ``fields`` of the indexed Al Jazeera article, run again
    (only that article must be parsed again); the article before and after."""
    shutil.copytree(SEEDS, folder)
    assert run(capsys, str(folder), "--index", index)[0] == 0
    before = docs(es, index)[AJ_SEED.name]
    es.update(index=index, id=str(before["id"]), doc=fields, refresh=True)
    code, err = run(capsys, str(folder), "--index", index)
    assert code == 0, err
    assert "unchanged: 1" in err and summary(err)["documents"] == 1
    return before, docs(es, index)[AJ_SEED.name]


@pytest.mark.usefixtures("es_env")
def test_a_new_plugin_version_reparses_its_inputs(
    tmp_path: Path, es: Elasticsearch, index_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "seeds"
    _, after = rerun_after_changing_aj(folder, es, index_name, capsys, parser="aljazeera 0.0.9")
    assert after["parser"] == "aljazeera 0.1.0"


@pytest.mark.usefixtures("es_env")
def test_an_article_fingerprinted_in_an_older_scheme_is_parsed_again(
    tmp_path: Path, es: Elasticsearch, index_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    older = {"bands": ["00:0123456789abcdef"], "minhash": "AAECAw=="}  # no scheme
    folder = tmp_path / "seeds"
    before, after = rerun_after_changing_aj(folder, es, index_name, capsys, near_dup=older)
    near_dup = before["near_dup"]
    assert isinstance(near_dup, dict) and near_dup["minhash"].startswith(f"{SCHEME}:")
    assert after["near_dup"] == near_dup


@pytest.mark.usefixtures("es_env")
def test_two_inputs_with_one_id_are_named_and_counted_once(
    tmp_path: Path, es: Elasticsearch, index_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(AJ_SEED, folder / "a.txt")
    edited = AJ_SEED.read_text(encoding="utf-8").replace("Lukashenko", "Lukashenka")
    (folder / "b.txt").write_text(edited, encoding="utf-8")
    code, err = run(capsys, str(folder), "--index", index_name)
    assert code == 0, err
    named = [line for line in err.splitlines() if "resolve to the same document" in line]
    assert len(named) == 1
    assert f"{folder / 'b.txt'} and {folder / 'a.txt'}" in named[0]
    assert summary(err)["documents"] == 1
    assert len(docs(es, index_name)) == 1


@pytest.mark.usefixtures("es_env")
def test_related_lists_the_same_story_then_similar_coverage(
    tmp_path: Path, es: Elasticsearch, index_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = reposts(tmp_path / "in")
    shutil.copy(VT_SEED, folder / "vt.txt")
    assert run(capsys, str(folder), "--index", index_name)[0] == 0
    found = docs(es, index_name)

    capsys.readouterr()
    assert main(["related", str(found["vt.txt"]["id"]), "--index", index_name, "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines and all(line["why"] == "similar text" for line in lines)
    assert {line["id"] for line in lines[:2]} == {
        found["uk-repost.txt"]["id"],
        found["ru-repost.txt"]["id"],
    }

    assert (
        main(["related", str(found["uk-repost.txt"]["id"]), "--index", index_name, "--json"]) == 0
    )
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (lines[0]["id"], lines[0]["why"], lines[0]["score"]) == (
        found["ru-repost.txt"]["id"],
        "same URL",
        None,
    )
    assert lines[1]["id"] == found["vt.txt"]["id"] and lines[1]["why"] == "similar text"

    assert main(["related", "nosuchid", "--index", index_name]) == 1
    assert "no document 'nosuchid'" in capsys.readouterr().err


@pytest.mark.usefixtures("es_env")
def test_an_article_missing_some_of_its_comments_is_sent_again(
    tmp_path: Path, es: Elasticsearch, index_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    assert run(capsys, str(folder), "--index", index_name)[0] == 0
    vt = docs(es, index_name)[VT_SEED.name]
    comments = f"{index_name}-comments"
    es.delete(index=comments, id=f"{vt['id']}.c1", refresh=True)  # as if a run had stopped
    code, err = run(capsys, str(folder), "--index", index_name)
    assert code == 0, err
    assert "unchanged: 1" in err and summary(err)["documents"] == 1
    es.indices.refresh(index=comments)
    assert es.count(index=comments, query={"term": {"article_id": vt["id"]}})["count"] == 5


def copy_elsewhere() -> str:
    """The Al Jazeera seed as saved from another address, with a line of chrome added."""
    text = AJ_SEED.read_text(encoding="utf-8")
    moved = text.replace(
        "https://www.aljazeera.com/news/2022/7/1/russia-belarus-unification-ukraine-war",
        "https://www.aljazeera.com/amp/news/2022/7/1/putin-belarus-sanctions",
    )
    assert moved != text
    return moved + "\n\nFollow Al Jazeera English on social media.\n"


@pytest.mark.usefixtures("es_env")
def test_a_near_duplicate_under_another_url_joins_the_story_across_runs(
    tmp_path: Path, es: Elasticsearch, index_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "first"
    first.mkdir()
    (first / "copy.txt").write_text(copy_elsewhere(), encoding="utf-8")
    shutil.copy(VT_SEED, first / "vt.txt")
    assert run(capsys, str(first), "--index", index_name)[0] == 0
    before = docs(es, index_name)
    assert before["copy.txt"]["story_id"] != before["vt.txt"]["story_id"]

    # A later run brings the original page's two translation reposts (one URL).
    code, err = run(capsys, str(reposts(tmp_path / "second")), "--index", index_name)
    assert code == 0, err
    assert "found 3 near-duplicate pair(s); joined 1 story(ies), " in err  # uk, ru, copy
    found = docs(es, index_name)
    stories = {name: doc["story_id"] for name, doc in found.items()}
    assert stories["copy.txt"] == stories["uk-repost.txt"] == stories["ru-repost.txt"]
    assert stories["vt.txt"] == before["vt.txt"]["story_id"]  # other words: not joined
    # The joined story takes the smaller id, whichever run came first.
    assert stories["copy.txt"] == min(
        before["copy.txt"]["story_id"], found["uk-repost.txt"]["story_id"]
    )

    capsys.readouterr()
    assert main(["related", str(found["copy.txt"]["id"]), "--index", index_name, "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    same = {line["id"]: line["why"] for line in lines[:2]}
    assert set(same) == {found["uk-repost.txt"]["id"], found["ru-repost.txt"]["id"]}
    assert all(
        why.startswith("near-duplicate (0.") or why == "near-duplicate (1.00)"
        for why in same.values()
    )
    assert lines[2]["why"] == "similar text"

    # Re-running the same folders changes nothing: every input is unchanged.
    code, err = run(capsys, str(first), str(tmp_path / "second"), "--index", index_name)
    assert code == 0 and "unchanged: 4" in err and "near-duplicate" not in err
    assert {n: d["story_id"] for n, d in docs(es, index_name).items()} == stories
