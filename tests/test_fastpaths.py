"""Speed shortcuts give exactly what the plain code gives: each fast path is checked against
the slow one it replaces, on every sample and on noisy text."""

from __future__ import annotations

import random

from conftest import SAMPLES

from minutes_cli.api import parse_doc
from minutes_cli.normalize import View, normalize
from minutes_cli.pipeline import Doc
from minutes_cli.rules import builtin_rules

DOCS: list[Doc] = [parse_doc(p) for p in sorted(SAMPLES.glob("**/*.txt"))]


def _views() -> list[View]:
    # Deletions of every kind (pinyin, spaces, markup, CR) leave gaps in the origin map.
    noisy = "會(huì)議(yì)强调，  要 抓好<b>落实</b>。\r\n" * 5
    views = [d.view for d in DOCS if d.view is not None]
    return [*views, normalize(noisy, builtin_rules())]


def test_clean_equals_the_character_by_character_join() -> None:
    rng = random.Random(7)
    for view in _views():
        size = len(view.text)
        ranges = [(a, b) for a in range(0, size, 97) for b in (a, a + 1, a + 5, a + 40, size)]
        for _ in range(50):
            a, b = rng.randrange(size + 1), rng.randrange(size + 1)
            ranges.append((min(a, b), max(a, b)))
        for a, b in ranges:
            b = min(b, size)
            slow = "".join(view.original[view.origin[i]] for i in range(a, b))
            assert view.clean(a, b) == slow, (a, b)
