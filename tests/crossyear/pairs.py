"""Report pairs built from a seed: the seed as 2024 and an earlier year made from it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from gipr_lint.reading.parser import parse
from gipr_lint.reading.source import Source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
#: 大渡口区跳磴镇人民政府, 2024, 2021 format: table 三 and 四 have non-zero figures.
SEED = (FIXTURES / "004_6f3669565db78123.txt").read_text(encoding="utf-8")

CellKey = tuple[str, str, int]


def with_cells(text: str, changes: Mapping[CellKey, str]) -> str:
    """``text`` with the named table cells rewritten (found by parsing, so the layout stays)."""
    report = parse(Source.from_text(text, "x.txt"))
    spans = []
    for (table, row, column), value in changes.items():
        found = report.tables[table].row(row)
        assert found is not None, (table, row)
        spans.append((found.cells[column].span, value))
    for span, value in sorted(spans, key=lambda item: item[0].start, reverse=True):
        text = text[:span.start] + value + text[span.end:]
    return text


def shift_years(text: str, delta: int = -1) -> str:
    """Every year 2015–2030 written in ``text`` moved by ``delta``."""
    import re

    return re.sub(r"20(1[5-9]|2[0-9]|30)", lambda m: str(int(m.group(0)) + delta), text)


def section_five(text: str) -> str:
    start = text.index("五、存在的主要问题及改进情况")
    return text[start:text.index("六、其他需要报告的事项")]


def with_section_five(text: str, body: str) -> str:
    old = section_five(text)
    return text.replace(old, "五、存在的主要问题及改进情况\n" + body + "\n")


#: Another year's problems section, with its own wording.
OTHER_PROBLEMS = (
    "（一）存在的问题\n"
    "一是政策解读形式较为单一，图表图解、音视频解读数量偏少，群众获取政策的便利度不高。"
    "二是依申请公开办理流程仍需规范，答复文书格式有待统一。三是村务公开与政务公开衔接不够紧密。\n"
    "（二）改进措施\n"
    "一是丰富政策解读形式，围绕群众关注的社保、医保、就业等事项制作图解和短视频。"
    "二是规范依申请公开办理，统一答复文书模板，严格审核把关。"
    "三是推动村务公开栏与镇政府网站信息同步更新，方便群众查询。"
)


def earlier_year(text: str = SEED, changes: Mapping[CellKey, str] | None = None,
                 problems: str = OTHER_PROBLEMS) -> str:
    """The 2023 report of the seed's agency, continuous with the seed: its 结转下年度 and
    现行有效件数 are what the seed carries over, but its other figures and its section 五 are its
    own (so nothing looks copied). ``changes`` then rewrites cells of it."""
    earlier = shift_years(text)
    own: dict[CellKey, str] = {
        ("requests", "new", 0): "3", ("requests", "new", 6): "3",
        ("requests", "granted", 0): "2", ("requests", "granted", 6): "2",
        ("review", "review", 0): "1", ("review", "review", 1): "0",
    }
    own.update(changes or {})
    return with_section_five(with_cells(earlier, own), problems)
