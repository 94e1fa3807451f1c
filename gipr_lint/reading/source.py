"""Reading a report's bytes into text, and mapping offsets back to lines and columns.

Every later stage works on :class:`Source.text` and refers to places in it by character offset
(:class:`Span`). The line index here turns an offset into the 1-based line and column a user sees;
columns count characters (code points), as editors that speak "characters" do.
"""

from __future__ import annotations

import codecs
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import add
from pathlib import Path
from typing import TYPE_CHECKING

from gipr_lint.i18n import translator
from gipr_lint.regex import compile_re

if TYPE_CHECKING:
    from gipr_lint.reading.document import Origin

__all__ = ["DecodeError", "Source", "Span", "decode", "newline_pieces", "read_source"]

_ = translator("gipr_lint")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets into :attr:`Source.text`."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


class DecodeError(ValueError):
    """The bytes are not a text report in any encoding gipr-lint reads."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


#: Control characters other than the blanks text files hold (``\t\n\v\f\r``).
_CONTROL = compile_re("[\x00-\x08\x0e-\x1f]")


#: Every byte but the control characters of :data:`_CONTROL`, to delete (see :func:`_no_controls`).
_NOT_CONTROL_BYTES = bytes(byte for byte in range(256) if not _CONTROL.match(chr(byte)))
#: :func:`_looks_binary` reads this many characters; UTF-8 and GB18030 spend at most 4 bytes
#: on one, so this many bytes hold them.
_SAMPLE = 4096
_SAMPLE_BYTES = 4 * _SAMPLE


def _no_controls(data: bytes) -> bool:
    """Whether the bytes of a UTF-8 or GB18030 text hold none of :data:`_CONTROL` in the
    bytes its first :data:`_SAMPLE` characters can take (then :func:`_looks_binary` is false).

    Both encodings write a control character as its one ASCII byte, and no byte of a longer
    character is below ``0x30``: a control byte is a control character. Deleting the other
    bytes is one pass in C, where the character class costs a regex step per character
    (twice per report: the HTML sniff decodes the head too)."""
    return not data[:_SAMPLE_BYTES].translate(None, _NOT_CONTROL_BYTES)


def _looks_binary(text: str) -> bool:
    """True when decoded text is mostly control characters (an image, a zip, a .doc)."""
    sample = text[:_SAMPLE]
    if not sample or _CONTROL.search(sample) is None:
        return False
    controls = len(_CONTROL.findall(sample))
    return "\x00" in sample or controls / len(sample) > 0.05


#: How many bytes or characters a step over a large text takes at a time (see
#: :func:`newline_pieces`): a 20 MB report is never copied whole, in lines or decoded at once.
PIECE = 1 << 16


def _decoded(data: bytes, encoding: str) -> str:
    """``data.decode(encoding)``, a piece at a time when ``data`` is large.

    Decoding 20 MB of Chinese at once makes CPython first allocate one byte per character and
    then widen that to two, a transient of three times the input besides it; pieces are joined
    instead. Any error is raised by decoding the whole again, so its offsets are the data's.
    """
    piece = PIECE
    if len(data) <= piece:
        return data.decode(encoding)
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        parts = [decoder.decode(view[at:at + piece]) for at in range(0, len(data), piece)]
        parts.append(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        return data.decode(encoding)  # raises the same error, with offsets into the whole
    return "".join(parts)


def _utf8_or_cut(data: bytes) -> str:
    """``data`` decoded as UTF-8, or, when it ends in the middle of a character (a file cut
    off, the first bytes of a file sniffed), what comes before that character and U+FFFD: what
    :func:`decode` makes of such data, told by a decoder that stops before an unfinished last
    character rather than by catching the error decoding it all raises (the HTML sniff's
    first bytes end inside a character more often than not). Raises ``UnicodeDecodeError``
    on any other error."""
    text, consumed = codecs.utf_8_decode(data, "strict", False)
    if consumed == len(data):
        return text
    try:  # the unfinished bytes alone (a few): is more data all they lack, or are they wrong?
        data[consumed:].decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data":
            raise
    return text + "\ufffd"


def decode(data: bytes) -> tuple[str, str, bool]:
    """Decode report bytes; return ``(text, encoding, had_bom)``.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised by their bytes; anything
    else that is not valid UTF-8 is tried as GB18030, the superset of GBK and GB2312 in which
    Chinese offices save text files.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = _decoded(data, encoding)
            except UnicodeDecodeError as exc:
                message = f"starts with a {encoding} byte-order mark but {exc.reason}"
                raise DecodeError(message) from exc
            if text.startswith("\ufeff"):
                text = text[1:]
            if _looks_binary(text):
                raise DecodeError(_("binary data, not a text report"))
            return text, "utf-8" if encoding == "utf-8-sig" else "utf-16", True
    for encoding in ("utf-8", "gb18030"):
        try:
            if encoding == "utf-8" and len(data) <= PIECE:
                text = _utf8_or_cut(data)
            else:
                text = _decoded(data, encoding)
        except UnicodeDecodeError as exc:
            truncated = exc.start >= len(data) - 3 and exc.reason == "unexpected end of data"
            if encoding != "utf-8" or not truncated:
                continue
            # a UTF-8 file cut off in the middle of its last character (a truncated download)
            text = data[:exc.start].decode("utf-8") + "\ufffd"
        if not _no_controls(data) and _looks_binary(text):
            raise DecodeError(_("binary data, not a text report"))
        return text, encoding, False
    raise DecodeError(_("not valid UTF-8, UTF-16 or GB18030 text"))


def newline_pieces(text: str, size: int | None = None, start: int = 0,
                   end: int | None = None) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of ``text`` (of ``text[start:end]`` when given),
    each (but the last) of at least ``size`` characters (default :data:`PIECE`) and ending just
    after a ``"\n"``: no line break is cut in two (not even ``"\r\n"``), so splitting a large
    text into lines piece by piece gives its lines without a copy of the whole text in line
    strings. A text of ``size`` or less is one piece, ``(0, len(text))``; an empty text has
    none."""
    if size is None:
        size = PIECE
    length = len(text) if end is None else end
    while start < length:
        cut = text.find("\n", start + size - 1, length) if start + size < length else -1
        piece_end = length if cut < 0 else cut + 1
        yield start, piece_end
        start = piece_end


def _line_starts(text: str) -> tuple[int, ...]:
    """Where each line starts: at 0, and one past each ``"\n"``."""
    if len(text) <= PIECE:  # (most reports: the text split once, no list but the tuple)
        return (0, *_starts_after_lines(text, 0))
    starts = [0]
    for piece_start, piece_end in newline_pieces(text):
        starts.extend(_starts_after_lines(text[piece_start:piece_end], piece_start))
    return tuple(starts)


def _starts_after_lines(text: str, offset: int) -> Iterator[int]:
    """The starts of the lines after each ``"\n"`` of ``text``, counted from ``offset``: each
    one past the lengths of the lines before it and their breaks (a line's length and its
    break, mostly below 256, are small ints CPython does not make anew: one int per line)."""
    lines = text.split("\n")
    lines.pop()  # (the text after the last break ends no line)
    steps = accumulate(map(add, map(len, lines), repeat(1)), initial=offset)
    next(steps)  # (the offset itself: the line before the first break starts there)
    return steps


def _newline_style(text: str) -> str:
    if "\r" not in text:  # (most texts: one search, where counting is two passes)
        return "\n"
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    return "\r\n" if crlf > lf else "\n"


@dataclass(frozen=True)
class Source:
    """A report's text, where it came from and how it was encoded.

    Line breaks are kept exactly as in the file (``\\r\\n`` stays two characters), so offsets into
    :attr:`text` are offsets into the decoded file and a fix can be written back byte-for-byte.
    A lone ``\\r`` (old Mac files) is not a line break here; such files are rare enough.
    """

    text: str
    path: str = "<string>"
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    #: ``"text"`` for a text file; otherwise the kind of file a reader turned into this text.
    kind: str = "text"
    #: For a source read from a structured file: ``(offset, origin)`` pairs in offset order,
    #: each saying where the text from that offset on came from (see :meth:`origin`).
    origins: tuple[tuple[int, Origin], ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str, path: str = "<string>", *, encoding: str = "utf-8",
                  bom: bool = False) -> Source:
        source = object.__new__(cls)
        # every field set at once, in field order, in the instance's dict, where the frozen
        # dataclass's __init__ sets each through object.__setattr__ (every report is read
        # here; a test checks the fields and that the source equals one made by __init__)
        source.__dict__.update(text=text, path=path, encoding=encoding, bom=bom,
                               newline=_newline_style(text), line_starts=_line_starts(text),
                               kind="text", origins=())
        return source

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<bytes>") -> Source:
        text, encoding, bom = decode(data)
        return cls.from_text(text, path, encoding=encoding, bom=bom)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def origin(self, offset: int) -> Origin | None:
        """Where the text at ``offset`` came from in the original file (``None`` for text)."""
        if not self.origins:
            return None
        index = bisect_right(self.origins, offset, key=lambda pair: pair[0]) - 1
        return self.origins[max(index, 0)][1]

    def origin_at(self, offset: int) -> Origin | None:
        """Like :meth:`origin`, but for a file with lines and columns (HTML) the column of the
        very character at ``offset``: pieces are literal runs of the original file."""
        if not self.origins:
            return None
        index = max(bisect_right(self.origins, offset, key=lambda pair: pair[0]) - 1, 0)
        start, origin = self.origins[index]
        if self.kind != "html" or origin.column is None or offset <= start:
            return origin
        from dataclasses import replace

        return replace(origin, column=origin.column + offset - start)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def slice(self, span: Span) -> str:
        return self.text[span.start:span.end]

    @property
    def line_count(self) -> int:
        return len(self.line_starts)


def read_source(path: str | Path) -> Source:
    """Read and decode a report file. Raises ``OSError`` or :class:`DecodeError`."""
    path = Path(path)
    data = path.read_bytes()
    text, encoding, bom = decode(data)
    del data  # (not held while the lines are indexed: a large file's bytes are a large part)
    return Source.from_text(text, str(path), encoding=encoding, bom=bom)
