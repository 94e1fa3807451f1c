"""A plugin adding an output format ``count`` and a reader for ``*.rpt`` files."""

from pathlib import Path

from gipr_lint.hookspecs import hookimpl
from gipr_lint.reading.source import Source

GIPR_LINT_API = 1


def count(results, out, context):
    out.write(f"{sum(len(r.diagnostics) for r in results)} findings\n")


class RptReader:
    name = "rpt"
    suffixes = (".rpt",)

    def read(self, path: Path) -> Source:
        return Source.from_text(path.read_text(encoding="utf-8").upper(), str(path))


@hookimpl
def gipr_lint_formatters():
    return {"count": count}


@hookimpl
def gipr_lint_readers():
    return [RptReader()]
