"""Hostile and broken PDFs, made on the spot by the tests (none is stored in the repository)."""

from __future__ import annotations

import io
import zlib


def build_pdf(objects: list[bytes], *, root: int = 1) -> bytes:
    """A PDF file of ``objects`` (object ``n`` is ``objects[n - 1]``) with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, xref))
    return out.getvalue()


def stream(data: bytes, *, compress: bool = False, extra: bytes = b"") -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pages_pdf(count: int, content: bytes = b"BT /F1 12 Tf 72 720 Td (x) Tj ET") -> bytes:
    """``count`` pages sharing one content stream (small however many pages)."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
            b"/Resources << /Font << /F1 4 0 R >> >> >>")
    objects += [page] * count
    return build_pdf(objects)


def nested_pages_pdf(depth: int) -> bytes:
    """A page tree ``depth`` levels deep: every Pages node has one Pages kid, the last a page."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = 2 + level
        kid = number + 1
        parent = b" /Parent %d 0 R" % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (kid, parent))
    page_number = 2 + depth
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>"
                   % (page_number - 1, page_number + 1))
    objects.append(stream(b"BT ET"))
    return build_pdf(objects)


def nested_array_pdf(depth: int, text: bytes = b"Annual report on disclosure") -> bytes:
    """A page with a line of ``text`` whose resources also hold an array nested ``depth`` deep."""
    deep = b"[" * depth + b"]" * depth
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /Deep %s >> >>" % deep,
        stream(b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def endless_content_pdf(operations: int, *, compress: bool = True) -> bytes:
    """One page whose content stream runs ``operations`` save/restore pairs (no text)."""
    return pages_pdf(1, b"q Q " * operations) if not compress else build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        stream(b"q Q " * operations, compress=True),
    ])
