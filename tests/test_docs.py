"""The README documents what exists: every command and option, every exit code, every field
of the output schema, and the two-command Quick start that CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import typer
from conftest import ROOT
from pydantic import BaseModel

from minutes_cli import model
from minutes_cli.cli import app
from minutes_cli.errors import ExitCode

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_documented() -> None:
    commands = getattr(typer.main.get_command(app), "commands", {})
    assert "parse" in commands
    for name, sub in commands.items():
        assert f"`minutes {name}" in README, name
        for param in sub.params:
            for opt in param.opts:
                if opt.startswith("-") and opt not in ("-h", "--help"):
                    assert f"`{opt}" in README or f" {opt}" in README, f"{name} {opt}"


def test_every_exit_code_is_documented() -> None:
    for code in ExitCode:
        assert re.search(rf"^\| {int(code)} \|", README, re.M), code


def _fields(cls: type[BaseModel], prefix: str) -> list[str]:
    names = []
    for name, info in cls.model_fields.items():
        names.append(prefix + name)
        inner = info.annotation
        for arg in getattr(inner, "__args__", (inner,)):
            if isinstance(arg, type) and issubclass(arg, BaseModel) and arg is not cls:
                names.extend(_fields(arg, f"{prefix}{name}."))
    return names


def test_every_schema_field_is_documented() -> None:
    documented = README.split("## Output schema", 1)[1].split("\n## ", 1)[0]
    for field in _fields(model.Report, ""):
        leaf = field.rsplit(".", 1)[-1]
        assert f"`{field}" in documented or f"{leaf}" in documented, field


def test_quick_start_is_two_commands_and_ci_runs_the_test_command() -> None:
    block = README.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert len(commands) == 2
    assert "minutes parse samples/" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_rules_readme_names_every_rule_file() -> None:
    from minutes_cli.rules import RULE_FILES

    text = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    for name in (*RULE_FILES, "t2s.txt", "surnames.txt"):
        assert name in text, name


def test_samples_exist_for_the_quick_start() -> None:
    assert Path(ROOT / "samples" / "deyang-2018-study-campaign.txt").is_file()
