"""The HTML reader (``.html``, ``.htm``, ``.shtml``, ``.xhtml``): a report published as a
portal page.

A plugin like any third party's (entry point ``html`` in ``pyproject.toml``). This module is
what every run loads, so it stays small: the work (finding the article, expanding merged cells,
keeping every piece's line and column) is in :mod:`gipr_lint.reading.readers.html_page`,
imported only when a page is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gipr_lint.hookspecs import hookimpl
from gipr_lint.reading.source import DecodeError, decode
from gipr_lint.regex import compile_re

if TYPE_CHECKING:
    from gipr_lint.reading.document import Document
    from gipr_lint.reading.source import Source

__all__ = ["HtmlReader", "looks_like_html", "read_document", "read_html"]

GIPR_LINT_API = 1

_HTML_START = compile_re(
    r"\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|table|p|span|font|section|article|"
    r"h[1-6])\b", re.IGNORECASE | re.DOTALL)


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a file are an HTML page or fragment (for ``.txt`` and files
    without an extension)."""
    if b"<" not in head:
        # a page opens with "<", and in every encoding ``decode`` reads (UTF-8, UTF-16 and
        # UTF-32 by their marks, GB 18030, Latin-1) a "<" is written with the byte 0x3C: a head
        # without that byte is no page, told without decoding it (a plain-text report's head
        # was decoded here only to find that out)
        return False
    try:
        text = decode(head)[0] if head else ""
    except DecodeError:
        text = head.decode("latin-1")
    return bool(_HTML_START.match(text[:2048]))


def read_document(data: bytes) -> Document:
    """Read a page's bytes into a :class:`~gipr_lint.reading.document.Document`."""
    from gipr_lint.reading.readers.html_page import read_document as read

    return read(data)


def read_html(path: Path) -> Source:
    """Read an HTML report file (raises ``OSError`` or :class:`DecodeError`)."""
    from gipr_lint.reading.readers.html_page import read_html as read

    return read(path)


class HtmlReader:
    """Reports saved from a portal page or a CMS fragment."""

    name = "html"
    suffixes: Sequence[str] = (".html", ".htm", ".shtml", ".xhtml")

    def accepts(self, head: bytes) -> bool:
        return looks_like_html(head)

    def read(self, path: Path) -> Source:
        return read_html(path)


@hookimpl
def gipr_lint_readers() -> list[HtmlReader]:
    return [HtmlReader()]
