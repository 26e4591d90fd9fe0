"""README.md stays a short manual whose commands, flags and links are real.

The README's examples are checked against the CLI itself
(``ingest_plugins.cli.build_parser()``): every ``ingest COMMAND`` written in
a code block or an inline code span must be a subcommand, and every
``--flag`` written after it an option of that subcommand. Relative links in
README.md and docs/*.md must point at files that exist.
"""

from __future__ import annotations

import argparse
import re
from functools import cache
from pathlib import Path

import pytest

from ingest_plugins.cli import build_parser

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
MAX_README_LINES = 200

FENCE = re.compile(r"^```[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
INLINE = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
COMMAND = re.compile(r"(?:^|[\s/(])ingest\s+([a-z][a-z0-9-]*)")
FLAG = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*)")
COMMAND_END = re.compile(r"\s#\s|\s(?:&&|\|\||;)\s|\s\|\s|\s>")
"""Where one command ends: a shell comment, a chained command, a pipe or a redirect."""


@cache
def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("ingest_plugins.cli.build_parser() has no subcommands")


def options(command: str) -> set[str]:
    return {
        option for action in subcommands()[command]._actions for option in action.option_strings
    }


def code_blocks(text: str) -> list[str]:
    return FENCE.findall(text)


def prose(text: str) -> str:
    """``text`` without its fenced code blocks."""
    return FENCE.sub("", text)


def code_lines(text: str) -> list[str]:
    """Shell lines of the fenced blocks (continuations joined) and every inline code span."""
    lines = []
    for block in code_blocks(text):
        lines += block.replace("\\\n", " ").splitlines()
    lines += INLINE.findall(prose(text))
    return lines


def ingest_invocations(text: str) -> list[tuple[str, str]]:
    """``(command, rest of the command)`` for each ``ingest COMMAND`` in the code."""
    found = []
    for line in code_lines(text):
        for match in COMMAND.finditer(line):
            rest = line[match.end() :]
            end = COMMAND_END.search(rest)
            found.append((match.group(1), rest[: end.start()] if end else rest))
    return found


def markdown_files() -> list[Path]:
    return [README, *sorted((REPO / "docs").glob("*.md"))]


def test_the_readme_is_a_short_manual() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_README_LINES, (
        f"README.md has {len(lines)} lines (at most {MAX_README_LINES}): "
        "move detail to a page under docs/ and link it"
    )


@pytest.mark.parametrize("page", markdown_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_relative_links_point_at_existing_files(page: Path) -> None:
    text = INLINE.sub("", prose(page.read_text(encoding="utf-8")))
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
            continue  # a URL (https:, mailto:) or an anchor in the same page
        path = target.split("#", 1)[0]
        if not (page.parent / path).exists():
            broken.append(target)
    assert not broken, f"{page.relative_to(REPO)}: links to missing files: {broken}"


def test_the_readme_names_only_real_commands() -> None:
    invocations = ingest_invocations(README.read_text(encoding="utf-8"))
    assert invocations, "the README shows no ingest command"
    unknown = sorted({command for command, _ in invocations} - set(subcommands()))
    assert not unknown, f"README.md: not ingest subcommands: {unknown}"


def test_the_readme_shows_every_command() -> None:
    shown = {command for command, _ in ingest_invocations(README.read_text(encoding="utf-8"))}
    assert shown >= set(subcommands()), f"README.md never shows {set(subcommands()) - shown}"


def test_the_readme_flags_belong_to_their_command() -> None:
    wrong = []
    for command, rest in ingest_invocations(README.read_text(encoding="utf-8")):
        if command not in subcommands():
            continue  # reported by test_the_readme_names_only_real_commands
        wrong += [f"ingest {command} {flag}" for flag in FLAG.findall(rest)
                  if flag not in options(command)]  # fmt: skip
    assert not wrong, f"README.md: options these commands do not have: {sorted(set(wrong))}"


# The checker itself, on small made-up pages.


def test_invocations_are_read_from_blocks_and_inline_code_only() -> None:
    text = (
        "Run ingest parse --nope in prose: not code.\n\n"
        "```bash\n"
        ".venv-ingest/bin/ingest run seeds/ --index x \\\n"
        "    --workers 2   # --comment-flag\n"
        "ingest search q --json | ingest parse --x\n"
        "```\n\n"
        "| `ingest mappings show\\|template [--json]` |\n"
    )
    found = [(command, FLAG.findall(rest)) for command, rest in ingest_invocations(text)]
    assert found == [
        ("run", ["--index", "--workers"]),
        ("search", ["--json"]),
        ("parse", ["--x"]),
        ("mappings", ["--json"]),
    ]


def test_a_flag_of_another_command_is_caught() -> None:
    assert "--comments" in options("search")
    assert "--comments" not in options("run")
    assert "--dir" in options("new-plugin")
