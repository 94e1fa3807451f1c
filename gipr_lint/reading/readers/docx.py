"""The Word reader (``.docx``): a draft filled in from the official template.

A plugin like any third party's (entry point ``docx`` in ``pyproject.toml``). It reads the main
document part only: paragraphs and tables in document order, so page headers, footers, footnotes
and comments are left out. A merged cell (``gridSpan`` across columns, ``vMerge`` down rows)
gives its text once, in its first row and column; the places it covers are blank cells, as a
blank cell (nothing, or U+3000 only) is blank, never 0. Origins name the paragraph (counted over
the document's non-empty paragraphs outside tables) or the table, row and column (counted on the
table's grid) of every piece.

A ``.docx`` is a zip archive from anywhere, so it is read defensively: the archive is checked
before anything is inflated (at most :data:`MAX_PARTS` parts, no part name leaving the archive,
at most :data:`max_inflated_bytes` in all), only the document part (and its numbering and
styles, for the list labels Word draws) is inflated, in memory, never written to disk, and its
XML is parsed with entities, DTDs and network access all turned off (a part that declares a DTD
is refused outright: Word never writes one). lxml is imported only when a ``.docx`` is read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from gipr_lint.hookspecs import hookimpl
from gipr_lint.i18n import translator
from gipr_lint.reading.document import Cell, Document, Origin, Paragraph, Table, to_source
from gipr_lint.reading.source import DecodeError, Source
from gipr_lint.regex import compile_re

if TYPE_CHECKING:
    import zipfile

    from gipr_lint.reading.readers.docx_numbering import Numbering

__all__ = ["MAX_PARTS", "DocxReader", "max_inflated_bytes", "read_docx"]

_ = translator("gipr_lint")

GIPR_LINT_API = 1

#: Default limit on the inflated size of the archive's parts, in megabytes; set
#: ``GIPR_LINT_MAX_INFLATED_MB`` to change it.
DEFAULT_MAX_INFLATED_MB = 200
#: The most parts a ``.docx`` may have (Word writes a dozen or two, more with images).
MAX_PARTS = 2000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_ZIP_MAGIC = b"PK\x03\x04"
_DTD = compile_re(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def max_inflated_bytes() -> int:
    """The inflated-size budget for one ``.docx``: ``GIPR_LINT_MAX_INFLATED_MB`` megabytes
    (default :data:`DEFAULT_MAX_INFLATED_MB`)."""
    value = os.environ.get("GIPR_LINT_MAX_INFLATED_MB", "")
    try:
        megabytes = float(value) if value.strip() else DEFAULT_MAX_INFLATED_MB
    except ValueError:
        megabytes = DEFAULT_MAX_INFLATED_MB
    return int(max(megabytes, 0) * 1024 * 1024)


def _unsafe_name(name: str) -> bool:
    if "\\" in name or name.startswith("/") or re.match(r"[A-Za-z]:", name) or "\x00" in name:
        return True
    return ".." in PurePosixPath(name).parts


def _main_part(archive: zipfile.ZipFile, names: set[str], budget: int) -> str | None:
    if "word/document.xml" in names:
        return "word/document.xml"
    if "_rels/.rels" in names and archive.getinfo("_rels/.rels").file_size < min(budget, 1 << 20):
        rels = archive.read("_rels/.rels").decode("utf-8", "replace")
        for relation in re.findall(r"<Relationship\b[^>]*>", rels):
            if "/officeDocument" in relation:
                target = re.search(r'Target="/?([^"]+)"', relation)
                if target and target.group(1) in names:
                    return target.group(1)
    return None


#: The parts read besides the main document: list numbering and styles (for the "一、" Word
#: draws before numbered paragraphs).
_EXTRA_PARTS = ("word/numbering.xml", "word/styles.xml")


def read_archive(path: Path, budget: int | None = None) -> dict[str, bytes]:
    """The main document part's XML (key ``"main"``) and the numbering and styles parts when
    present, after the archive passed the checks (raises :class:`DecodeError` with the reason
    otherwise, ``OSError`` when the file cannot be opened)."""
    try:
        return _read_archive(path, budget)
    except (DecodeError, FileNotFoundError, PermissionError, IsADirectoryError):
        raise
    except Exception as exc:  # zipfile's many ways of finding damage (CRC, versions, zlib)
        raise DecodeError(f"a damaged .docx: {type(exc).__name__}: {exc}") from None


def _read_archive(path: Path, budget: int | None) -> dict[str, bytes]:
    import zipfile  # only when a Word file is read

    budget = max_inflated_bytes() if budget is None else budget
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise DecodeError(_("not a .docx: not a zip archive (damaged, or another format with "
                            "a .docx name)")) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise DecodeError(f"refused: the archive has {len(infos)} parts, more than the "
                              f"{MAX_PARTS} a Word file has")
        for info in infos:
            if _unsafe_name(info.filename):
                raise DecodeError(f"refused: the archive holds a part named {info.filename!r}, "
                                  "which points outside the archive")
        total = sum(info.file_size for info in infos)
        if total > budget:
            raise DecodeError(f"refused: the archive's parts would inflate to {total:,} bytes, "
                              f"more than the limit of {budget:,} (GIPR_LINT_MAX_INFLATED_MB)")
        names = {info.filename for info in infos}
        if any(info.flag_bits & 0x1 for info in infos):
            raise DecodeError(_("the file is encrypted: remove its password and save it "
                                "again"))
        main = _main_part(archive, names, budget)
        if main is None:
            raise DecodeError(_("a zip archive, not a Word .docx (it has no "
                                "word/document.xml)"))
        parts: dict[str, bytes] = {}
        left = budget
        for key, name in (("main", main), *((n, n) for n in _EXTRA_PARTS if n in names)):
            with archive.open(name) as part:
                data = part.read(left + 1)
            if len(data) > left:
                raise DecodeError(f"refused: the document inflates to more than {budget:,} "
                                  "bytes (GIPR_LINT_MAX_INFLATED_MB)")
            left -= len(data)
            parts[key] = data
    return parts


def _parse_xml(data: bytes) -> Any:
    if _DTD.search(data[:65536]) or _DTD.search(data):
        raise DecodeError("refused: the document declares a DTD or entities, which Word never "
                          "writes")
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DecodeError(f"a damaged .docx: its document XML is not well-formed ({exc})") \
            from None


def _text(element: Any, numbering: Numbering) -> str:
    """The text of a paragraph or cell: the list label Word draws, runs' text, tabs as spaces,
    breaks as line breaks; a cell's paragraphs joined (CJK directly, other text by a space)."""
    parts: list[str] = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}p",
                             f"{_W}noBreakHyphen"):
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append(" ")
        elif tag == f"{_W}p":
            if parts and parts[-1] != "\n":
                last = parts[-1][-1:] if parts[-1] else ""
                parts.append("" if _cjk(last) else " ")
            parts.append(numbering.label(node))
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _cjk(char: str) -> bool:
    return bool(char) and ("\u2e80" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"
                           or "\u3000" <= char <= "\u303f")


def _int(element: Any, path: str, default: int = 1) -> int:
    found = element.find(path)
    if found is None:
        return default
    try:
        return max(0, min(int(found.get(f"{_W}val", default)), 1000))
    except ValueError:
        return default


def _table(element: Any, number: int, numbering: Numbering) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for row_number, tr in enumerate(element.iterchildren(f"{_W}tr"), 1):
        cells: list[Cell] = []
        column = _int(tr, f"{_W}trPr/{_W}gridBefore", 0)
        cells.extend(Cell("", Origin(table=number, row=row_number, cell=c + 1))
                     for c in range(column))
        for tc in tr.iterchildren(f"{_W}tc"):
            span = max(1, _int(tc, f"{_W}tcPr/{_W}gridSpan"))
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            continued = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
            origin = Origin(table=number, row=row_number, cell=column + 1)
            text = "" if continued else _text(tc, numbering).strip()
            cells.append(Cell(text, origin))
            cells.extend(Cell("", Origin(table=number, row=row_number, cell=column + 1 + extra))
                         for extra in range(1, span))
            column += span
        rows.append(tuple(cells))
    return Table(tuple(rows))


def _layout(table: Any) -> bool:
    """A table that only frames text: it holds other tables, or has one column."""
    if table.find(f".//{_W}tbl") is not None:
        return True
    return all(len(tr.findall(f"{_W}tc")) <= 1 for tr in table.iterchildren(f"{_W}tr"))


def _blocks(body: Any, numbering: Numbering) -> list[Paragraph | Table]:
    blocks: list[Paragraph | Table] = []
    paragraphs = tables = 0
    # content controls (w:sdt) and custom XML wrap blocks: look inside them, without recursion
    pending = list(reversed(list(body)))
    while pending:
        element = pending.pop()
        tag = element.tag
        if tag == f"{_W}p":
            text = _text(element, numbering)
            if text.strip():
                paragraphs += 1
                blocks.append(Paragraph(text, Origin(paragraph=paragraphs)))
        elif tag == f"{_W}tbl" and _layout(element):
            # a frame around the text (one column, or tables inside): read what it holds
            pending.extend(reversed([child for tr in element.iterchildren(f"{_W}tr")
                                     for tc in tr.iterchildren(f"{_W}tc") for child in tc
                                     if child.tag != f"{_W}tcPr"]))
        elif tag == f"{_W}tbl":
            tables += 1
            blocks.append(_table(element, tables, numbering))
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"):
            pending.extend(reversed([child for child in element
                                     if child.tag not in (f"{_W}sdtPr", f"{_W}sdtEndPr")]))
    return blocks


def read_document(path: Path, budget: int | None = None) -> Document:
    """Read a ``.docx`` into a :class:`Document` (raises ``OSError`` or :class:`DecodeError`)."""
    parts = read_archive(path, budget)
    root = _parse_xml(parts["main"])
    # Word writes a text box twice: as DrawingML and, for old readers, as a VML fallback
    for fallback in list(root.iter(f"{_MC}Fallback")):
        fallback.getparent().remove(fallback)
    body = root.find(f"{_W}body")
    if body is None:
        raise DecodeError("a damaged .docx: its document has no body")
    extra = {name: _parse_xml(parts[name]) if name in parts else None for name in _EXTRA_PARTS}
    from gipr_lint.reading.readers.docx_numbering import Numbering  # only when a .docx is read

    numbering = Numbering.read(extra["word/numbering.xml"], extra["word/styles.xml"])
    return Document(tuple(_blocks(body, numbering)), "docx")


def read_docx(path: Path) -> Source:
    """Read a Word report (raises ``OSError`` or :class:`DecodeError`)."""
    path = Path(path)
    if path.stat().st_size == 0:
        raise DecodeError(_("empty file"))
    document = read_document(path)
    if not document.blocks:
        raise DecodeError(_("the document is empty"))
    return to_source(document, str(path))


class DocxReader:
    """Word drafts (``.docx``, and ``.docm``/``.dotx``/``.dotm`` saved from them)."""

    name = "docx"
    suffixes: Sequence[str] = (".docx", ".docm", ".dotx", ".dotm")

    def accepts(self, head: bytes) -> bool:
        return head.startswith(_ZIP_MAGIC)

    def read(self, path: Path) -> Source:
        return read_docx(path)


@hookimpl
def gipr_lint_readers() -> list[DocxReader]:
    return [DocxReader()]
