"""One real run of the installed ``minutes`` command and of ``python -m minutes_cli``, from a
directory that is not the source tree, so the packaged rule files are what is used."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLDEN, SEED

EXPECTED = (GOLDEN / "deyang-2018-study-campaign.yaml").read_text(encoding="utf-8")


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=env, check=False)


def _console_script() -> str | None:
    beside = Path(sys.executable).with_name("minutes")
    return str(beside) if beside.exists() else shutil.which("minutes")


def test_console_script_from_another_directory(tmp_path: Path) -> None:
    script = _console_script()
    if script is None:
        pytest.skip("minutes is not installed as a command in this environment")
    seed = tmp_path / SEED.name
    shutil.copy(SEED, seed)
    result = _run([script, "parse", seed.name], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED
    assert result.stderr == ""


def test_python_dash_m(tmp_path: Path) -> None:
    result = _run([sys.executable, "-m", "minutes_cli", "parse", str(SEED)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED


def test_missing_file_through_the_real_process(tmp_path: Path) -> None:
    result = _run([sys.executable, "-m", "minutes_cli", "parse", "nope.txt"], tmp_path)
    assert result.returncode == 4
    assert result.stdout == ""
    assert result.stderr == "minutes: error: nope.txt: no such file\n"
