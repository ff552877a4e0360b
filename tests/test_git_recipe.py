"""The README's git recipe: with the textconv driver, `git diff` on a report .txt shows the
structural YAML diff."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, encoding="utf-8", env=env, check=True
    )
    return done.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_textconv_recipe_shows_a_structural_diff(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "git config diff.minutes.textconv 'minutes parse --no-spans --no-source'" in readme
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "clerk@example.org")
    _git(repo, "config", "user.name", "Clerk")
    (repo / ".gitattributes").write_text("*.txt diff=minutes\n", encoding="utf-8")
    # The recipe's command, run with this interpreter so the test needs no install on PATH.
    command = f"{shlex.quote(sys.executable)} -m minutes_cli parse --no-spans --no-source"
    _git(repo, "config", "diff.minutes.textconv", command)
    report = repo / "report.txt"
    shutil.copy(SEED, report)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "published")
    report.write_text(SEED.read_text(encoding="utf-8").replace("市委副书记何礼,", ""), encoding="utf-8")
    diff = _git(repo, "diff")
    assert "-- name: 何礼" in diff
    assert "span" not in diff
    assert "sha256" not in diff
    assert "重点要做到" not in diff  # the unchanged prose is not in the diff
