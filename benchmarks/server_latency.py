"""Language-server re-lint latency after an edit. Run by hand:
``python benchmarks/server_latency.py [EDITS]``.

Target (issue: editors): re-linting a 10 KB report after an edit takes ≤ 50 ms (median over
≥ 50 edits). Measured twice:

1. in process: :meth:`gipr_lint.editor.lsp_session.Linter.lint` (what the server calls when the
   debounce timer fires) plus converting every diagnostic to an LSP range;
2. through the real server: ``gipr-lint server --debounce 0`` in a subprocess, the time from
   writing a ``textDocument/didChange`` to reading the ``publishDiagnostics`` for that version
   (JSON-RPC, pygls and the pipe included; without the debounce delay, which is a wait, not work).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, report_of_size

sys.path.insert(0, str(ROOT))

from gipr_lint.editor.lsp_session import Linter


def edits(text: str, count: int) -> list[str]:
    """``count`` versions of ``text``, each one small edit (a character typed into the prose
    or a number changed) away from the original."""
    anchor = text.index("信息公开")
    versions = []
    for index in range(count):
        if index % 2:
            versions.append(text[:anchor] + "的" * (index % 5 + 1) + text[anchor:])
        else:
            versions.append(text.replace("2024年", f"202{index % 10}年", 1))
    return versions


def summary(label: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    p90 = ms[int(len(ms) * 0.9) - 1]
    print(f"{label}: median {statistics.median(ms):.1f} ms, p90 {p90:.1f} ms, "
          f"min {ms[0]:.1f} ms, max {ms[-1]:.1f} ms over {len(ms)} edits (target median ≤ 50 ms)")


def in_process(text: str, count: int, path: Path) -> None:
    linter = Linter(cwd=path.parent)
    uri = path.as_uri()
    linter.lint(uri, text, path)  # warm up: grammar, caches
    times = []
    for version in edits(text, count):
        started = time.perf_counter()
        linted = linter.lint(uri, version, path)
        for diagnostic in linted.diagnostics:
            linted.range(diagnostic.span)
        times.append(time.perf_counter() - started)
    summary("in process (Linter.lint + ranges)", times)


def through_server(text: str, count: int, path: Path) -> None:
    try:
        from tests.lsp_client import LspClient
    except ImportError as exc:  # pragma: no cover - run from a checkout
        print(f"through the server: skipped ({exc})")
        return
    uri = path.as_uri()
    with LspClient([sys.executable, "-m", "gipr_lint", "server", "--debounce", "0"],
                   cwd=path.parent, timeout=60) as client:
        client.request("initialize", {"processId": None, "rootUri": path.parent.as_uri(),
                                      "capabilities": {}})
        client.notify("initialized", {})
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
        client.wait_for("textDocument/publishDiagnostics", lambda p: p["version"] == 1)
        times = []
        for version, new_text in enumerate(edits(text, count), 2):
            before = len(client.notifications)
            started = time.perf_counter()
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": new_text}]})
            client.wait_for("textDocument/publishDiagnostics",
                            lambda p, v=version: p["version"] == v, after=before)
            times.append(time.perf_counter() - started)
    summary("through the stdio server (didChange → publishDiagnostics)", times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    text = report_of_size(10 * 1024)
    print(f"report: {len(text.encode('utf-8'))} bytes UTF-8, {text.count(chr(10))} lines")
    with tempfile.TemporaryDirectory(prefix="gipr-lint-lsp-bench-") as directory:
        path = Path(directory) / "report.txt"
        path.write_text(text, encoding="utf-8")
        in_process(text, count, path)
        through_server(text, count, path)


if __name__ == "__main__":
    main()
