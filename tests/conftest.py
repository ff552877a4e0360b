"""Shared fixtures: paths to the samples and goldens, the built-in rules, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from minutes_cli.rules import RuleSet, builtin_rules

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"
SEED = SAMPLES / "deyang-2018-study-campaign.txt"


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return builtin_rules()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
