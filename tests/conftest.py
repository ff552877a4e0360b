"""Shared fixtures: paths to the samples and goldens, the built-in rules, a CLI runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minutes_cli.rules import RuleSet, builtin_rules

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"
SEED = SAMPLES / "deyang-2018-study-campaign.txt"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests keep the rule and jieba caches out of the real user cache directory."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return builtin_rules()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
