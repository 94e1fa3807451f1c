"""Make docs/audit-screenshot.png: the audit page of 20 reports, rendered by headless Chromium.

Run ``python scripts/audit_screenshot.py`` (needs Chromium, see .ci/run). The 20 reports are the
seed fixtures, the real Shanghai excerpts and reports made from the seeds for the cross-year
rules to find something: an earlier year with a carry-over or a stock that does not continue, a
copied section 五, another agency's copy.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.audit.browser import screenshot  # noqa: E402
from tests.crossyear.pairs import SEED, earlier_year, shift_years, with_cells  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


def seed(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def reports() -> dict[str, str]:
    gaozhuang, xiguo = seed("000_6a437f78ed373b70.txt"), seed("001_e0653abc3b201f3e.txt")
    ganhezi, tongbai = seed("002_1e1d37345e448265.txt"), seed("003_75f5e1dd19ed0e46.txt")
    real = ROOT / "tests" / "crossyear" / "fixtures" / "real"
    out = {
        "2024/高庄镇.txt": gaozhuang,
        "2023/高庄镇.txt": shift_years(gaozhuang),  # section 五 copied forward
        "2020/西虢镇.txt": xiguo,
        "2019/西虢镇.txt": with_cells(shift_years(xiguo), {("active", "procurement", 0): "1"}),
        "2024/甘河子镇.txt": ganhezi,
        "2023/甘河子镇.txt": with_cells(shift_years(ganhezi),
                                      {("active", "normative_documents", 2): "3"}),
        "2023/桐柏县产业集聚区.txt": tongbai,
        "2022/桐柏县产业集聚区.txt": shift_years(tongbai),
        "2024/跳磴镇.txt": SEED,
        "2023/跳磴镇.txt": earlier_year(changes={("requests", "carry_forward", 0): "2",
                                               ("requests", "carry_forward", 6): "2"}),
        "2024/华岩镇.txt": SEED.replace("大渡口区跳磴镇人民政府", "九龙坡区华岩镇人民政府"),
        "2022/上海市.txt": (real / "shanghai-2022.txt").read_text(encoding="utf-8"),
        "2023/上海市.txt": (real / "shanghai-2023.txt").read_text(encoding="utf-8"),
        "2022/上海市政府办公厅.txt": (real / "shanghai-office-2022.txt").read_text(
            encoding="utf-8"),
    }
    towns = ("双河镇", "清水乡", "城关街道", "石桥镇", "新华街道", "东湖乡")
    for index, town in enumerate(towns):
        text = gaozhuang.replace("高庄镇", town)
        text = re.sub(r"主动公开内容涉及", f"主动公开信息{40 + 7 * index}条，内容涉及", text,
                      count=1)
        out[f"2024/{town}.txt"] = text
    return out


def main() -> None:
    target = ROOT / "docs" / "audit-screenshot.png"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, text in reports().items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        page = folder / "audit.html"
        subprocess.run([sys.executable, "-m", "gipr_lint", "check", "--isolated", "--format",
                        "html", "-o", str(page), "2019", "2020", "2022", "2023", "2024"],
                       cwd=folder, check=False)
        screenshot(page, target, width=1280, height=2200)
    print(f"wrote {target} ({len(reports())} reports)")


if __name__ == "__main__":
    main()
