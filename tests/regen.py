"""Regenerate the golden files: ``python tests/regen.py``. Review the diff like code."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from minutes_cli import parse_file  # noqa: E402
from minutes_cli.render import render  # noqa: E402


def main() -> None:
    golden = ROOT / "tests" / "golden"
    for sample in sorted((ROOT / "samples").glob("**/*.txt")):
        target = golden / sample.relative_to(ROOT / "samples").with_suffix(".yaml")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(parse_file(sample)), encoding="utf-8")
        print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
