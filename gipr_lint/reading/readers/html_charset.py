"""The character set of a saved web page: byte-order mark, ``<meta charset>`` or
``http-equiv``, else what the bytes say (GBK and GB2312 are read as their superset GB18030)."""

from __future__ import annotations

import codecs
import re

from gipr_lint.reading.source import DecodeError, decode
from gipr_lint.regex import compile_re

__all__ = ["decode_page", "page_encoding"]

_META_CHARSET = compile_re(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_CHINESE = {"gbk", "gb2312", "gb_2312-80", "gb18030", "cp936", "x-gbk", "euc-cn", "hz-gb-2312"}



def _charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    if name in _CHINESE:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_page(data: bytes) -> str:
    """The page's text: charset from the byte-order mark, else ``<meta charset>`` or
    ``http-equiv`` (GBK and GB2312 read as their superset GB18030), else UTF-8 or GB18030."""
    return page_encoding(data)[0]


def page_encoding(data: bytes) -> tuple[str, str]:
    """The page's text and the encoding it was read in (see :func:`decode_page`)."""
    declared = None if data[:3] == codecs.BOM_UTF8 or data[:2] in (
        codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else _charset(data)
    if declared is not None and declared not in ("utf-16", "utf-16-le", "utf-16-be"):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # a wrong declaration (common): fall back to what the bytes say
    try:
        text, encoding, _ = decode(data)
        return text, encoding
    except DecodeError:
        if declared is None:
            raise
        return data.decode(declared, errors="replace"), declared
