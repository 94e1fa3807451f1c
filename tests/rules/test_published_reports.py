"""Published reports of every agency kind (``tests/published/``), their complete
diagnostics pinned in ``tests/expected/published_diagnostics.txt``.

The fixtures are the openings of published reports as the stored public pages hold them (see
``SOURCES.md`` there): the S001 "missing section" errors, and S007 on 汉阳区 section 三, come
from the cut at the end of the stored text; "the report has no title" from stored copies that
start below the title. Every other finding was checked by reading the report; the defects the
rules of issue 14 find in them are listed in ``test_the_defects_found_in_published_reports``.
Known: T006 on 汉阳区 names the column 本年制发件数 where the blank cell is 现行有效件数 (the
cell reader aligns the row's cells one place off).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
PUBLISHED = HERE.parent / "published"
PINNED = (HERE.parent / "expected" / "published_diagnostics.txt").read_text(
    encoding="utf-8").splitlines()
REPORTS = sorted(path.name for path in PUBLISHED.glob("*.txt"))

#: The rules of issue 14 (rule catalogue v2).
NEW_RULES = {"S010", "C004", "C005", "F003", "F004", "A005", "A006", "Y006"}


def _pinned(name: str) -> list[str]:
    return [line.removeprefix(f"{name}:") for line in PINNED if line.startswith(f"{name}:")]


def _lint(name: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gipr_lint", "check", name, "--format", "concise", "--isolated"],
        capture_output=True, text=True, encoding="utf-8", check=False, cwd=PUBLISHED)


def test_at_least_ten_reports_of_different_kinds() -> None:
    sources = (PUBLISHED / "SOURCES.md").read_text(encoding="utf-8")
    assert len(REPORTS) >= 10
    assert all(f"| {name} |" in sources for name in REPORTS)
    for kind in ("ministry", "provincial", "city government", "county", "bureau", "township",
                 "街道", "management committee"):
        assert kind in sources


@pytest.mark.parametrize("name", REPORTS)
def test_published_diagnostics_are_pinned(name: str) -> None:
    result = _lint(name)
    assert result.stderr == ""
    found = [line.removeprefix(f"{name}:") for line in result.stdout.splitlines()]
    assert found == _pinned(name)


def test_the_defects_found_in_published_reports() -> None:
    """Each new rule's findings on the published reports, all true defects of the reports."""
    found = sorted((line.split(":")[0], line.split()[2]) for line in PINNED
                   if line.split()[2] in NEW_RULES | {"S005"} and "has no title" not in line)
    assert found == [
        ("changchun-tuiyijunren-2023.txt", "A006"),   # 截止2023年12月31日
        ("changxingdao-2022.txt", "F003"),            # 预算执行情况情况
        ("gaoping-jiaotong-2023.txt", "C004"),        # 126条, parts add up to 204条
        ("hanyang-bangongshi-2022.txt", "F003"),      # 过程性性信息
        ("nanping-2012.txt", "A006"),                 # 做为政府信息公开的第一平台
        ("shanxi-ziranziyuanting-2023.txt", "A005"),  # 国办公开办函〔202130号
        ("shanxi-ziranziyuanting-2023.txt", "Y006"),  # 山西省自然资源2023政府信息公开工作
        ("wangtuan-zhen-2023.txt", "A005"),           # 国办公开办函〔202130号
        ("wangtuan-zhen-2023.txt", "Y006"),           # 利辛县望疃镇2023 / 政府信息公开…
        ("wuqi-2023.txt", "S010"),                    # 费用情况, no 总体情况 or 其他事项
        ("xinfangju-2023.txt", "A005"),               # 条例 cited as 国务院令第492号
        ("xinfangju-2023.txt", "A006"),               # 截止目前
        ("xinfangju-2023.txt", "S005"),               # 政府信息公开年度报告
        ("xinfangju-2023.txt", "S010"),               # 四 parts, no 复议诉讼 or 其他事项
        ("yanta-tongjiju-2023.txt", "S010"),          # 六部分 naming five, no 复议诉讼
        ("yuanjianglu-jiedao-2023.txt", "S005"),      # 信息公开工作报告
        ("yuanjianglu-jiedao-2023.txt", "S010"),      # no 其他需要报告的事项
        ("ziranziyuanbu-2024.txt", "S005"),           # 政府信息公开工作报告
    ]


def test_no_new_rule_reports_an_error() -> None:
    assert not [line for line in PINNED if line.split()[2] in NEW_RULES and ": error " in line]
