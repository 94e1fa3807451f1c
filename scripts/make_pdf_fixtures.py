"""Render each seed (tests/fixtures/*.txt) into the PDF fixture tests/fixtures/pdf/<seed>.pdf.

The layout is that of published 年报 PDFs (see tests/readers/pdf_render.py): title wrapped over
two lines, running header, page numbers, ruled tables in the official template layout, table 三
broken across two pages inside （四）无法提供. The 2019-format seed gets "第 N 页 共 M 页"
footers, the others "- N -". Run from the repository root after changing the renderer:

    python scripts/make_pdf_fixtures.py

Needs reportlab (in the ``test`` extra).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.readers.pdf_render import Options, render_file  # noqa: E402

SEEDS = ROOT / "tests" / "fixtures"
OUT = SEEDS / "pdf"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        footer = "of" if seed.name.startswith("001_") else "dash"
        target = OUT / f"{seed.stem}.pdf"
        render_file(seed, target, Options(footer=footer))
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
