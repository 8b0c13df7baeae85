"""`--help` that reads well at 80 columns.

Typer shows each value's Python type (``--db <str>``, ``paths... <list[str]>``) and Click cuts
a command's description in the list of commands to what fits beside its name. ``HelpGroup``
(the class of the ``detente`` app) gives every command and group under it, when Click looks it
up, Click's usual names for values (``--db TEXT``, ``--limit INTEGER``, ``FILES...``) and lists
each command with its whole first sentence, wrapped.
"""
from __future__ import annotations

import re

import click
from typer.core import TyperArgument, TyperGroup, TyperOption


class ReadableArgument(TyperArgument):
    """An argument shown by its name alone (``FILES...``, ``[PATHS...]``), without a Python type."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        return self.display_name_raw if self.required else f"[{self.display_name_raw}]"


class HelpGroup(TyperGroup):
    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            readable(command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1_000)))  # the whole first sentence
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def readable(command: click.Command) -> None:
    """Click's names for the values ``command`` takes (once), and the same for a sub-group's commands."""
    if getattr(command, "_readable", False):
        return
    command._readable = True  # type: ignore[attr-defined]
    if type(command) is TyperGroup:  # a sub-app (`detente query ...`): its commands get the same help
        command.__class__ = HelpGroup
    for param in command.params:
        if isinstance(param, TyperArgument) and param.metavar is None:
            param.__class__ = ReadableArgument
            param.metavar = (param.name or "value").upper() + ("..." if param.nargs != 1 else "")
        elif isinstance(param, TyperOption) and not param.is_flag and not param.count and param.metavar is None:
            param.metavar = _value_name(param)


_NAMES = {"str": "TEXT", "int": "INTEGER", "float": "FLOAT", "bool": "BOOLEAN"}


def _value_name(param: TyperOption) -> str:
    """TEXT, INTEGER, FLOAT, PATH ... as Click names them (an integer range is an INTEGER: its
    bounds are in the help); choices as [a|b]."""
    desc = param.type_descriptor
    if desc.is_choice and desc.choices:
        return "[" + "|".join(map(str, desc.choices)) + "]"
    bare = re.sub(r"^list\[(.*)\]$", r"\1", param.bare_type())
    return _NAMES.get(bare, bare.upper())
