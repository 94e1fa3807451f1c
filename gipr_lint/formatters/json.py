"""The stable JSON output (``version`` 1), documented in ``docs/cli.md``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

try:  # the C function itself, without importing the json package (~1.5 ms before -j N
    from _json import encode_basestring as _string  # forks, after the first file's part)
except ImportError:  # another Python than CPython
    from json.encoder import encode_basestring as _string  # type: ignore[attr-defined]

from gipr_lint.formatters import severity_counts, table_counts

#: Bumped only when a key is removed or changes meaning; keys may be added.
JSON_VERSION = 1


def _report(result: Any) -> dict[str, Any]:
    report = result.report
    return {
        "agency": report.agency.text if report.agency else None,
        "agency_kind": str(report.agency_kind.value),
        "year": report.year,
        "format": report.format,
    }


def _position(source: Any, offset: int, byte_columns: bool) -> dict[str, int]:
    line, column = source.position(offset)
    if byte_columns:
        from gipr_lint.formatters.columns import byte_column

        column = byte_column(source, line, column)
    return {"line": line, "column": column}


def _fix(diagnostic: Any, source: Any, byte_columns: bool) -> dict[str, Any] | None:
    """The fix a diagnostic carries, as ruff's JSON has it: applicability, message, edits
    (``content`` replaces ``location`` up to the exclusive ``end_location``)."""
    fix = diagnostic.fix
    if fix is None or source is None:
        return None
    return {
        "applicability": "safe" if fix.safe else "unsafe",
        "message": fix.description,
        "edits": [{"content": edit.replacement,
                   "location": _position(source, edit.span.start, byte_columns),
                   "end_location": _position(source, edit.span.end, byte_columns)}
                  for edit in fix.edits],
    }


def _origin(origin: Any) -> dict[str, int] | None:
    """Where a finding stands in a Word, PDF or HTML file: the fields that apply (``page``,
    ``line``, ``column``, ``paragraph``, ``table``, ``row``, ``cell``)."""
    if origin is None:
        return None
    fields = ("page", "line", "column", "paragraph", "table", "row", "cell")
    return {name: getattr(origin, name) for name in fields if getattr(origin, name) is not None}


def _diagnostic(d: Any, source: Any, byte_columns: bool) -> dict[str, Any]:
    """One diagnostic; ``origin`` (and ``location``, the place in words for Word and PDF
    files) only for files a structured reader read. Their fixes are left out: only plain-text
    files are rewritten (``--fix`` refuses the others), and edits name canonical-text
    positions, not places in the user's file."""
    item = {"code": d.code, "name": d.name, "severity": d.severity.value,
            "message": d.message, "line": d.line, "column": d.column,
            "end_line": d.end_line, "end_column": d.end_column,
            "fix": _fix(d, source, byte_columns) if source is None or source.kind == "text"
            else None}
    if d.origin is not None:
        item["origin"] = _origin(d.origin)
        if d.where:
            item["location"] = d.where
    if d.related:
        item["related"] = list(d.related)
    return item


def to_dict(results: Sequence[Any], byte_columns: bool = False) -> dict[str, Any]:
    files = []
    for result in results:
        if result.report is None:
            continue
        previous = getattr(result, "previous", None)
        files.append({
            "path": result.path,
            "report": _report(result),
            **({} if previous is None else {"compared_with": {
                "path": previous.path, "agency": previous.agency, "year": previous.year,
                "history": previous.history}}),
            "diagnostics": [_diagnostic(d, result.source, byte_columns)
                            for d in result.diagnostics],
        })
    counts = severity_counts(results)
    checked, found = table_counts(results)
    return {"version": JSON_VERSION, "files": files,
            "summary": {"files": len(files), "error": counts["error"],
                        "warning": counts["warning"], "info": counts["info"],
                        "tables": found, "tables_fully_checked": checked}}


def _encode(value: Any, indent: str, parts: list[str]) -> None:
    """Append ``json.dumps(value, ensure_ascii=False, indent=2)`` at nesting ``indent`` to
    ``parts``: the same text, made without the standard library's pure-Python encoder (which
    an ``indent`` falls back to) yielding every token. Values of other types than JSON's own go
    to :mod:`json` itself."""
    kind = value.__class__
    if kind is str:
        parts.append(_string(value))
    elif kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = indent + "  "
        separator = "{\n" + inner
        for key, item in value.items():
            if key.__class__ is not str:
                raise _Fallback
            parts.append(separator + _string(key) + ": ")
            _encode(item, inner, parts)
            separator = ",\n" + inner
        parts.append("\n" + indent + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = indent + "  "
        separator = "[\n" + inner
        for item in value:
            parts.append(separator)
            _encode(item, inner, parts)
            separator = ",\n" + inner
        parts.append("\n" + indent + "]")
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif kind is int:
        parts.append(int.__repr__(value))
    else:
        raise _Fallback


class _Fallback(Exception):
    """A value :func:`_encode` leaves to :mod:`json`."""


def dumps(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, faster on the output's own values."""
    parts: list[str] = []
    try:
        _encode(data, "", parts)
    except _Fallback:
        import json

        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(parts)


def _keys(names: Sequence[str], indent: int, first: bool) -> str:
    """Keys of an item as :func:`dumps` writes them at ``indent`` spaces, each followed by
    ``%s`` for its encoded value (``first``: the item's opening brace before them)."""
    return "".join(f"{'{' if first and index == 0 else ','}\n{' ' * indent}\"{key}\": %s"
                   for index, key in enumerate(names))


#: A diagnostic without nested values other than its fix, as :func:`dumps` writes it inside
#: the document (the item at 8 spaces, its keys at 10), in two parts: its rule's (the same
#: for every diagnostic of the rule, see :func:`_rule_part`) and its finding's; ``%`` fills
#: in the encoded values.
_RULE_KEYS = _keys(("code", "name", "severity"), 10, True)
_FINDING_KEYS = _keys(("message", "line", "column", "end_line", "end_column", "fix"), 10, False)
#: A fix, in the same place (its keys at 12 spaces).
_FIX = _keys(("applicability", "message", "edits"), 12, True) + "\n          }"
#: A fix's edit in the same place (the edit at 14 spaces).
_EDIT = ('{\n                "content": %s,\n                "location": {\n'
         '                  "line": %s,\n                  "column": %s\n                },\n'
         '                "end_location": {\n                  "line": %s,\n'
         '                  "column": %s\n                }\n              }')


#: A file's path and report, as :func:`dumps` writes them in the document (the file at 4
#: spaces), up to its diagnostics.
_HEAD = ('{\n      "path": %s,\n      "report": {\n        "agency": %s,\n'
         '        "agency_kind": %s,\n        "year": %s,\n        "format": %s\n      },\n'
         '      "diagnostics": ')


def _scalar(value: Any) -> str:
    """A string, an int or ``None`` as :func:`dumps` writes it; ``TypeError`` for others."""
    if value is None:
        return "null"
    if value.__class__ is int:
        return int.__repr__(value)
    return _string(value)  # type: ignore[no-any-return]


def _fix_text(fix: Any, source: Any, byte_columns: bool) -> str:
    """:func:`_fix`'s dictionary as :func:`dumps` writes it as a diagnostic's ``fix``, made
    from the fix itself. Raises ``TypeError`` for a value of another type than JSON's own."""
    edits = []
    for edit in fix.edits:
        span = edit.span
        if byte_columns:
            start = _position(source, span.start, byte_columns)
            end = _position(source, span.end, byte_columns)
            numbers = (start["line"], start["column"], end["line"], end["column"])
            if any(number.__class__ is not int for number in numbers):
                raise TypeError("not an int")
        elif span.start.__class__ is int and span.end.__class__ is int:
            # (whole offsets have whole positions: the four numbers need no test)
            numbers = (*source.position(span.start), *source.position(span.end))
        else:
            raise TypeError("not an int")
        edits.append(_EDIT % (_string(edit.replacement), *numbers))
    return _FIX % ('"safe"' if fix.safe else '"unsafe"', _string(fix.description),
                   "[\n              " + ",\n              ".join(edits) + "\n            ]"
                   if edits else "[]")


#: The rule's part of a diagnostic's item by ``(code, name, severity)``, made once per rule
#: of a run rather than once per diagnostic (see :func:`_rule_part`).
_RULE_PARTS: dict[tuple[Any, Any, Any], str] = {}


def _rule_part(d: Any) -> str:
    """``d``'s item up to its message: its code, name and severity written in, with every
    ``%`` in them doubled, and the rest of the item to fill in with ``%``
    (:data:`_FINDING_KEYS`). Raises ``TypeError`` for a value of another type than JSON's
    own."""
    key = (d.code, d.name, d.severity)
    part = _RULE_PARTS.get(key)
    if part is None:
        written = _RULE_KEYS % (_string(d.code), _string(d.name), _string(d.severity.value))
        part = _RULE_PARTS[key] = written.replace("%", "%%") + _FINDING_KEYS
    return part


def _diagnostic_text(d: Any, source: Any, byte_columns: bool, parts: list[str]) -> None:
    """Append :func:`_diagnostic`'s item as :func:`dumps` writes it in the document: the
    usual case from a template (one ``%`` instead of a dictionary and a walk of it), any
    other through the dictionary."""
    line, column, end_line, end_column = d.line, d.column, d.end_line, d.end_column
    if (line.__class__ is int and column.__class__ is int and end_line.__class__ is int
            and end_column.__class__ is int and d.origin is None and not d.related):
        try:
            fix = d.fix
            text = _rule_part(d) % (
                _string(d.message), line, column, end_line, end_column,
                "null" if fix is None or source is None or source.kind != "text"
                else _fix_text(fix, source, byte_columns))
        except TypeError:  # a value of another type than JSON's own: the general way
            pass
        else:
            parts.append(text)
            parts.append("\n        }")
            return
    _encode(_diagnostic(d, source, byte_columns), "        ", parts)


def _document(results: Sequence[Any], byte_columns: bool) -> list[bytes]:
    """``dumps(to_dict(results, byte_columns))`` encoded in UTF-8, in parts (written one
    after another, never joined: most are the parts the workers of ``-j N`` wrote ahead,
    already encoded), made without the intermediate dictionaries of the diagnostics (most of
    the output). Raises :class:`_Fallback` where :func:`dumps` would fall back to :mod:`json`,
    ``UnicodeEncodeError`` for text UTF-8 cannot encode (a lone surrogate)."""
    from gipr_lint.linting.runner import is_packed

    parts: list[bytes] = [b'{\n  "version": %d,\n  "files": ' % JSON_VERSION]
    separator = b"[\n    "
    output = _output(byte_columns)
    files = 0
    for result in results:
        # (a result as a worker sent it has a report and a valid part written ahead, which
        # is all this needs: its report and diagnostics are not unpacked)
        packed = is_packed(result)
        if not packed and result.report is None:
            continue
        files += 1
        parts.append(separator)
        separator = b",\n    "
        rendered = getattr(result, "rendered", None)
        if (rendered is None or rendered[1] != output
                or not (packed or rendered[0] is result.diagnostics)):
            text: list[str] = []
            _file(result, byte_columns, text)
            parts.append("".join(text).encode())
        elif getattr(result, "previous", None) is None:
            parts.append(rendered[2])  # written ahead by the process that linted the file
        else:  # the earlier report the cross-report stage found goes in the head
            text = []
            _head(result, text)
            parts.append("".join(text).encode())
            parts.append(rendered[2][rendered[3]:])
    parts.append(b"[]" if separator == b"[\n    " else b"\n  ]")
    counts = _severity_counts(results)
    checked, found = table_counts(results)
    text = [',\n  "summary": ']
    _encode({"files": files, "error": counts["error"], "warning": counts["warning"],
             "info": counts["info"], "tables": found, "tables_fully_checked": checked},
            "  ", text)
    text.append("\n}\n")
    parts.append("".join(text).encode())
    return parts


def _severity_counts(results: Sequence[Any]) -> dict[str, int]:
    """``severity_counts(results)``, without unpacking the results sent packed by workers."""
    from gipr_lint.linting.runner import is_packed
    from gipr_lint.linting.runner import severity_counts as counts_of

    counts = {"error": 0, "warning": 0, "info": 0}
    unpacked = []
    for result in results:
        if is_packed(result):
            for severity, count in counts_of(result).items():
                counts[severity] = counts.get(severity, 0) + count
        else:
            unpacked.append(result)
    for severity, count in severity_counts(unpacked).items():
        counts[severity] = counts.get(severity, 0) + count
    return counts


def _output(byte_columns: bool) -> str:
    """What a file's part of the document depends on besides the result itself."""
    return f"json-{JSON_VERSION}{'-bytes' if byte_columns else ''}"


def _file(result: Any, byte_columns: bool, parts: list[str]) -> None:
    """Append a linted file's item of the document's ``files`` (the file at 4 spaces)."""
    _head(result, parts)
    _diagnostics(result, byte_columns, parts)


def _head(result: Any, parts: list[str]) -> None:
    """Append the item's keys before its diagnostics (up to ``"diagnostics": ``)."""
    previous = getattr(result, "previous", None)
    report = _report(result)
    try:
        if previous is not None:
            raise TypeError("the general way")
        parts.append(_HEAD % (_string(result.path), _scalar(report["agency"]),
                              _string(report["agency_kind"]), _scalar(report["year"]),
                              _scalar(report["format"])))
    except TypeError:
        _encode({"path": result.path, "report": report,
                 **({} if previous is None else {"compared_with": {
                     "path": previous.path, "agency": previous.agency,
                     "year": previous.year, "history": previous.history}})},
                "    ", parts)
        parts[-1] = ',\n      "diagnostics": '  # the closing brace: more keys follow


def _diagnostics(result: Any, byte_columns: bool, parts: list[str]) -> None:
    """Append the item's diagnostics and its closing brace."""
    source = result.source
    if result.diagnostics:
        inner = "[\n        "
        for diagnostic in result.diagnostics:
            parts.append(inner)
            inner = ",\n        "
            _diagnostic_text(diagnostic, source, byte_columns, parts)
        parts.append("\n      ]")
    else:
        parts.append("[]")
    parts.append("\n    }")


def render_ahead(result: Any, byte_columns: bool = False) -> None:
    """Write the file's part of the document now, into ``result.rendered`` (in the process
    that linted it, while the others still lint, so that the main process, which writes the
    whole document after every file is linted, only writes the parts; the head is written
    again for a file the cross-report stage compared with an earlier report). The part is
    encoded in UTF-8 already (``head`` counts bytes). Nothing for a file :func:`_document`
    would leave to :mod:`json`, nor for text UTF-8 cannot encode."""
    if result.report is None:
        return
    parts: list[str] = []
    try:
        _head(result, parts)
        head = len("".join(parts).encode())
        _diagnostics(result, byte_columns, parts)
        text = "".join(parts).encode()
    except (_Fallback, UnicodeEncodeError):
        return
    result.rendered = (result.diagnostics, _output(byte_columns), text, head)


def write(results: Sequence[Any], out: TextIO, context: Any) -> None:
    byte_columns = getattr(context, "byte_columns", False)
    try:
        parts = _document(results, byte_columns)
    except (_Fallback, UnicodeEncodeError):
        out.write(dumps(to_dict(results, byte_columns)))
        out.write("\n")
        return
    binary = _utf8_buffer(out)
    if binary is None:
        out.write(b"".join(parts).decode())
        return
    out.flush()  # what was written to ``out`` before goes first
    binary.writelines(parts)


def _utf8_buffer(out: TextIO) -> Any:
    """The binary stream under ``out`` when writing bytes to it is writing the same text to
    ``out``: UTF-8, and no newline translation (``\\n`` is the line separator); else
    ``None``."""
    import codecs
    import os

    binary = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if binary is None or not encoding or os.linesep != "\n":
        return None
    try:
        utf8 = codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return None
    return binary if utf8 else None
