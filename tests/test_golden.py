"""Golden pairs: every samples/<name>.txt parses to exactly tests/golden/<name>.yaml.

Regenerate with ``python tests/regen.py`` and review the diff as you would code.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import GOLDEN, SAMPLES, SEED

from minutes_cli import parse_file
from minutes_cli.render import render

SAMPLE_FILES = sorted(SAMPLES.glob("**/*.txt"))


def _golden_for(sample: Path) -> Path:
    return GOLDEN / sample.relative_to(SAMPLES).with_suffix(".yaml")


def test_there_are_samples_and_each_has_a_golden() -> None:
    assert SEED in SAMPLE_FILES
    missing = [str(s.relative_to(SAMPLES)) for s in SAMPLE_FILES if not _golden_for(s).is_file()]
    assert not missing, f"samples without golden (run python tests/regen.py): {missing}"


def test_every_golden_has_a_sample() -> None:
    orphans = [
        str(g.relative_to(GOLDEN))
        for g in GOLDEN.glob("**/*.yaml")
        if not (SAMPLES / g.relative_to(GOLDEN)).with_suffix(".txt").is_file()
    ]
    assert not orphans, f"goldens without a sample: {orphans}"


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: str(p.relative_to(SAMPLES)))
def test_sample_matches_golden(sample: Path) -> None:
    expected = _golden_for(sample).read_text(encoding="utf-8")
    got = render(parse_file(sample))
    if got != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), got.splitlines(keepends=True), "golden", "parsed", n=2
            )
        )
        pytest.fail(f"{sample.name} differs from its golden:\n{diff}")
