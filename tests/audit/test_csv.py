"""``--format csv`` (findings) and ``parse --format csv`` (table cells), for spreadsheets."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from gipr_lint.formatters.report_csv import cell_columns
from tests.crossyear.pairs import FIXTURES, SEED, earlier_year

BOM = b"\xef\xbb\xbf"


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "gipr_lint", *args], cwd=cwd,
                          capture_output=True, check=False)


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(BOM)
    assert b"\r\n" in data
    return list(csv.DictReader(io.StringIO(data[len(BOM):].decode("utf-8"), newline="")))


def test_findings_csv_with_awkward_paths(tmp_path: Path) -> None:
    names = {"a, b \"2023\".txt": earlier_year(changes={("requests", "carry_forward", 0): "2"}),
             "-新\n行 2024.txt": SEED}
    for name, text in names.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = run(["check", "--isolated", "--select", "X001", "--format", "csv", "--",
                *names], tmp_path)
    assert done.returncode == 1, done.stderr
    rows = read_csv(done.stdout)
    assert rows == [{
        "path": "'-新\n行 2024.txt", "agency": "大渡口区跳磴镇人民政府", "agency_kind": "township",
        "year": "2024", "code": "X001", "name": "carry-over", "severity": "error",
        "line": "91", "column": "2", "end_line": "91", "end_column": "3", "origin": "",
        "message": "上年结转 自然人 is 0, but 2023's 结转下年度 is 2 (a, b \"2023\".txt)",
        "related": "a, b \"2023\".txt"}]
    assert done.stdout.startswith(BOM + b'"path","agency","agency_kind","year","code"')


def test_formula_cells_are_defused() -> None:
    from gipr_lint.formatters.csv_escape import cell

    assert cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell("+1") == "'+1"
    assert cell("高庄镇") == "高庄镇"
    assert cell(3) == 3 and cell(None) == "" and cell(True) == "true"


def test_parse_csv_one_line_per_report(tmp_path: Path) -> None:
    seeds = sorted(str(path) for path in FIXTURES.glob("*.txt"))
    done = run(["parse", "--format", "csv", *seeds, str(tmp_path / "missing.txt")], tmp_path)
    assert done.returncode == 2
    rows = read_csv(done.stdout)
    assert [Path(row["path"]).name for row in rows] == [Path(s).name for s in seeds]
    assert len(rows[0]) == 7 + len(cell_columns())
    by_name = {Path(row["path"]).name: row for row in rows}
    tiaodeng = by_name["004_6f3669565db78123.txt"]
    assert tiaodeng["agency"] == "大渡口区跳磴镇人民政府" and tiaodeng["format"] == "2021"
    assert tiaodeng["requests.new.自然人"] == "4"
    assert tiaodeng["requests.partially_granted.总计"] == "1"
    assert tiaodeng["review.review.结果纠正"] == "1"
    assert tiaodeng["active.rules.in_force"] == "0"
    assert tiaodeng["active.rules.new_made"] == ""  # a 2019-format column
    assert tiaodeng["requests.other.总计"] == ""  # the 2019 row 其他处理
    xiguo = by_name["001_e0653abc3b201f3e.txt"]
    assert xiguo["format"] == "2019"
    assert xiguo["active.procurement.amount"] == "576.76"
    assert xiguo["active.rules.issued"] == ""
    assert b"missing.txt" in done.stderr


def test_parse_json_takes_one_file(tmp_path: Path) -> None:
    seeds = sorted(str(path) for path in FIXTURES.glob("*.txt"))[:2]
    done = run(["parse", *seeds], tmp_path)
    assert done.returncode == 2
    assert b"parse --format json takes one FILE" in done.stderr
