"""``minutes rules check``: load a rule set and run every example its rules carry.

Input: a compiled ``RuleSet``. Output: one message per failing example (empty when all pass).
Example: a cue rule with ``match: ['会议号召，…']`` that no longer matches ->
"sections.yaml: rule 'meeting_cue': should match '会议号召，…'".
"""

from __future__ import annotations

from .normalize import normalize
from .rules import Example, RuleSet


def example_failure(example: Example, rules: RuleSet) -> str | None:
    """Why ``example`` fails against its rule, or None when it passes."""
    text = example.text if example.raw else normalize(example.text, rules).text
    m = example.regex.search(text)
    where = f"{example.file}: rule {example.rule!r}"
    if not example.should_match:
        return f"{where}: should not match {example.text!r} but matched {m.group()!r}" if m else None
    if m is None:
        return f"{where}: should match {example.text!r}"
    for group, want in example.groups.items():
        if m.group(group) != rules.fold(want):
            return f"{where}: in {example.text!r} group {group!r} is {m.group(group)!r}, not {want!r}"
    return None


def check(rules: RuleSet) -> list[str]:
    return [failure for example in rules.examples if (failure := example_failure(example, rules))]
