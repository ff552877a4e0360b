"""A wall-clock limit on parsing one report, so that no input and no rule can hang a run.

The built-in rules are linear (``bench/run.py``), and rule files are checked at load for the
nested-repeat shape that backtracks exponentially. A clerk's own pattern can still be slow in
ways no static check catches (``.*.*.*x`` is cubic), so the CLI parses each report under a
timer: Python's regex engine checks for signals while it matches, so the alarm stops even a
single runaway match, and the report fails with one line (exit 4) while a batch goes on.

Where there is no interval timer (Windows) or the caller is not the main thread, the limit
is not enforced.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import InputError

DEFAULT_SECONDS = 60.0  # a real report takes milliseconds; the 8 MiB limit a few seconds


class _Expired(Exception):
    pass


def _expire(signum: int, frame: FrameType | None) -> None:
    raise _Expired


@contextmanager
def time_limit(seconds: float, where: str) -> Iterator[None]:
    """Raise InputError naming ``where`` when the body runs longer than ``seconds`` (0: no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if seconds <= 0 or not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:  # also when it fires just as the body ends: the time was up either way
        raise InputError(
            where,
            f"parsing took longer than {seconds:g} s and was stopped (a rule pattern may be backtracking;"
            " check custom rules, or raise --timeout)",
        ) from None
    finally:
        signal.signal(signal.SIGALRM, previous)
