"""Stage 0: bytes -> text.

Input: the raw bytes of a report and the name to report errors under. Output: ``Source``
(the decoded text without BOM, the encoding used, the SHA-256 of the bytes).
Example: b'\\xef\\xbb\\xbf4\\xe6\\x9c\\x88...' -> Source(text='4月…', encoding='utf-8-sig').

Tried in order: UTF-8 with or without BOM, UTF-16 with BOM, GB18030. Binary input (NUL bytes,
or mostly control characters) and text that decodes as neither are refused with InputError.
"""

from __future__ import annotations

import hashlib
import re
from typing import NamedTuple

from .errors import InputError

# Large enough for any real report (the longest surveyed is under 30 KB); a limit keeps a
# mistaken `minutes parse /var/log/huge.log` from eating the machine.
MAX_INPUT_BYTES = 8 * 1024 * 1024

# Control characters other than \t \n \v \f \r: many of them mean binary data.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")


class Source(NamedTuple):
    name: str
    text: str
    encoding: str
    sha256: str


def decode(data: bytes, name: str, where: str | None = None) -> Source:
    """Decode ``data``; ``name`` goes into the report, ``where`` (default: name) into errors."""
    where = where or name
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(where, f"input is {len(data):,} bytes; the limit is {MAX_INPUT_BYTES:,} bytes")
    if not data:
        raise InputError(where, "file is empty")
    text, encoding = _decode(data, where)
    if not text.strip():
        raise InputError(where, "file contains only whitespace")
    controls = len(_CONTROLS.findall(text, 0, 4096))
    if "\x00" in text or controls > len(text[:4096]) // 20:
        raise InputError(where, "looks like a binary file, not a text report")
    return Source(name, text, encoding, hashlib.sha256(data).hexdigest())


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data[:4096]:
            raise InputError(name, "looks like a binary file, not a text report")
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError(name, f"cannot decode as {' or '.join(c.upper() for c in candidates)}")
