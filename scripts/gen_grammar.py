"""Write grammars/report.lark: the report grammar generated from the national templates.

The grammar is generated from the templates at run time (with the loaded packs' rows); the
committed file is the national one, to read without running anything. Run
``python scripts/gen_grammar.py`` after changing ``gipr_lint/data/templates.toml`` or the
generator (:mod:`gipr_lint.reading.canonical`); ``tests/parsing/test_canonical_grammar.py`` fails
while the file is stale.
"""

from __future__ import annotations

from pathlib import Path

from gipr_lint.reading.canonical import generate
from gipr_lint.templates import NATIONAL

GRAMMAR = Path(__file__).resolve().parent.parent / "grammars" / "report.lark"


def main() -> None:
    GRAMMAR.write_text(generate(NATIONAL), encoding="utf-8")
    print(f"wrote {GRAMMAR}")


if __name__ == "__main__":
    main()
