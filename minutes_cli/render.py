"""Stage 9: ``Report`` -> YAML or JSON text.

Both keep Chinese readable (no escapes) and keys in model order; YAML never folds lines and
writes each span on one line (``span: [0, 7]``) so goldens diff cleanly. ``spans=False``
drops every span for a cleaner reading view.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

    from .model import Report

FORMATS = ("yaml", "json")
# Wider than any line: YAML must never fold a long Chinese sentence.
_NO_FOLD = 1_000_000_000


class _FlowList(list[Any]):
    """A list YAML writes inline: spans."""


@cache
def _dumper() -> type[yaml.SafeDumper]:
    # Built on first use: JSON output (scripts, batch) never pays for importing PyYAML.
    import yaml

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        pass

    def flow(dumper: yaml.SafeDumper, data: _FlowList) -> yaml.Node:
        return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)

    Dumper.add_representer(_FlowList, flow)
    return Dumper


def report_data(report: Report | dict[str, Any], *, spans: bool = True, source: bool = True) -> dict[str, Any]:
    """The report as plain data in key order (from a ``Report`` or from ``build_data``)."""
    raw = report if isinstance(report, dict) else report.model_dump(mode="json")
    # Copy only what changes: the walk is needed to drop spans, not to keep them.
    data: dict[str, Any] = _without_spans(raw) if not spans else dict(raw)
    if not source:
        del data["source"]
    return data


def render(report: Report | dict[str, Any], fmt: str = "yaml", *, spans: bool = True, source: bool = True) -> str:
    data = report_data(report, spans=spans, source=source)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return to_yaml(data)


def to_yaml(data: Any) -> str:
    import yaml

    text: str = yaml.dump(
        _flow_spans(data),
        Dumper=_dumper(),
        allow_unicode=True,
        sort_keys=False,
        width=_NO_FOLD,
        default_flow_style=False,
    )
    return text


def _without_spans(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_spans(item) for key, item in value.items() if key != "span"}
    if isinstance(value, list):
        return [_without_spans(item) for item in value]
    return value


def _flow_spans(value: Any) -> Any:
    """The data with every span list marked to be written inline (span: [0, 7])."""
    if isinstance(value, dict):
        return {
            key: _FlowList(item) if key == "span" and isinstance(item, list) else _flow_spans(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_flow_spans(item) for item in value]
    return value
