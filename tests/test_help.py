"""`--help` of every command at 80 columns: Click's names for values, never Python types, and
every description whole (not cut with "...")."""
from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from detente.cli.app import app

PYTHON_TYPE = re.compile(r"<(str|int|float|bool|path|list\[|dict\[|tuple\[)[^>]*>")


def command_paths() -> list[tuple[list[str], object]]:
    """Every command and group under the app, with its path of names."""
    found = []

    def walk(path: list[str], command) -> None:
        found.append((path, command))
        for name, sub in getattr(command, "commands", {}).items():
            walk([*path, name], sub)

    walk([], typer.main.get_command(app))
    return found


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("path,command", [pytest.param(p, c, id=" ".join(["detente", *p])) for p, c in command_paths()])
def test_help_reads_whole_at_80_columns(path, command):
    res = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    out = res.output
    assert max(len(line) for line in out.splitlines()) <= 80, out
    assert not PYTHON_TYPE.search(out), out
    for param in command.params:
        if getattr(param, "help", None):  # each option's and argument's description, whole
            assert flat(param.help) in flat(out), (param.name, out)
        if param.param_type_name == "argument":  # shown by its name: FILES..., [PATHS...], ACTOR
            assert re.search(rf"\[?{param.name.upper()}(\.\.\.)?\]?\s", out), out
    for sub in getattr(command, "commands", {}).values():  # each sub-command's first sentence, whole
        first = flat(sub.help or "").split(". ")[0].rstrip(".")
        assert first in flat(out) and "..." not in flat(out).split("Commands:")[1].replace("/api/...", ""), out


def test_options_name_their_values():
    out = CliRunner().invoke(app, ["ingest", "--help"], env={"COLUMNS": "80"}).output
    assert re.search(r"--db TEXT\s", out) and re.search(r"--workers INTEGER\s", out) and "[PATHS...]" in out
    out = CliRunner().invoke(app, ["code", "--help"], env={"COLUMNS": "80"}).output
    assert re.search(r"--out PATH\s", out) and "[OPTIONS] FILES..." in out
