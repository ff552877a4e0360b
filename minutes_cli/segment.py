"""Chinese word segmentation for word-level diffs, with jieba loaded only when needed.

jieba gets its own ``Tokenizer``: quiet (its logger is silenced), its dictionary cache in the
user's cache directory (``$XDG_CACHE_HOME/minutes`` or ``~/.cache/minutes``), never in a
shared temp directory. A missing or read-only cache directory only costs the cache.
Example: words("认真抓好贯彻落实") -> ['认真', '抓好', '贯彻落实'].
"""

from __future__ import annotations

import logging
import os
from functools import cache
from typing import Any

from .rules import cache_dir


@cache
def _tokenizer() -> Any:
    import jieba

    logging.getLogger("jieba").setLevel(logging.CRITICAL + 1)
    jieba.setLogLevel(logging.CRITICAL + 1)
    tokenizer = jieba.Tokenizer()
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        usable = os.access(directory, os.W_OK)
    except OSError:
        usable = False
    # jieba joins tmp_dir and cache_file; with no usable directory, point it at a path that
    # cannot be written so it builds in memory and silently skips the cache.
    tokenizer.tmp_dir = str(directory) if usable else str(directory / "unavailable")
    tokenizer.cache_file = "jieba.cache"
    return tokenizer


def words(text: str) -> list[str]:
    """Segment ``text`` into words (no HMM, so the result depends on the dictionary only)."""
    if not text:
        return []
    return list(_tokenizer().lcut(text, HMM=False))
