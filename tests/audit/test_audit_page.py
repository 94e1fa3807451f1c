"""The HTML audit page, rendered by a real headless Chromium: content, sorting, filtering,
cross-year links, and safety against hostile reports (issue 17)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.audit.browser import dump_dom, screenshot
from tests.crossyear.pairs import FIXTURES, SEED, earlier_year

PNG = b"\x89PNG\r\n\x1a\n"


def audit(tmp_path: Path, files: dict[str, str], *args: str) -> Path:
    """Write ``files`` into ``tmp_path``, run ``gipr-lint --format html`` on them."""
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    page = tmp_path / "audit.html"
    done = subprocess.run([sys.executable, "-m", "gipr_lint", "check", "--isolated",
                           "--format", "html", "-o", str(page), *args, *files],
                          cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return page


def overview_paths(dom: str) -> list[str]:
    body = dom.split('<table id="overview">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<td class="path">([^<]*)</td>', body)


def visible_paths(dom: str) -> list[str]:
    body = dom.split('<table id="overview">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr data-order="\d+"[^>]*?(?: class="([^"]*)")?>(.*?)</tr>', body)
    return [re.search(r'<td class="path">([^<]*)</td>', row).group(1)  # type: ignore[union-attr]
            for css, row in rows if "hidden" not in css]


@pytest.fixture(scope="module")
def pair_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("pair")
    before = earlier_year(changes={("requests", "carry_forward", 0): "2",
                                   ("requests", "carry_forward", 6): "2"})
    seeds = {p.name: p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))}
    page = audit(tmp, {"tdz2023.txt": before, "tdz2024.txt": SEED, **seeds})
    return page, page.read_text(encoding="utf-8")


def test_page_renders_and_its_script_runs(pair_page: tuple[Path, str]) -> None:
    page, _ = pair_page
    dom = dump_dom(page)
    # the script set data-ready: it ran, so the CSP hash matches the inline script
    assert re.search(r'<html lang="zh-CN" data-ready="1"', dom)
    assert "<h1>政府信息公开工作年度报告审查结果</h1>" in dom
    assert overview_paths(dom) == ["tdz2023.txt", "tdz2024.txt", "000_6a437f78ed373b70.txt",
                                   "001_e0653abc3b201f3e.txt", "002_1e1d37345e448265.txt",
                                   "003_75f5e1dd19ed0e46.txt", "004_6f3669565db78123.txt"]
    assert '<b id="shown">7</b>' in dom


def test_sorting_from_a_shared_link(pair_page: tuple[Path, str]) -> None:
    page, _ = pair_page
    dom = dump_dom(page, "sort=year:asc")
    years = re.findall(r'<td class="num" data-value="(\d*)">', dom.split("</table>")[0])
    assert years == sorted(years)
    assert overview_paths(dom)[0] == "001_e0653abc3b201f3e.txt"  # the 2020 report
    dom = dump_dom(page, "sort=path:desc")
    assert overview_paths(dom) == sorted(overview_paths(dom), reverse=True)
    assert 'class="desc" aria-sort="descending"' in dom


def test_filtering_by_text_and_level(pair_page: tuple[Path, str]) -> None:
    page, _ = pair_page
    dom = dump_dom(page, "q=跳磴")
    assert visible_paths(dom) == ["tdz2023.txt", "tdz2024.txt", "004_6f3669565db78123.txt"]
    assert '<b id="shown">3</b>' in dom
    dom = dump_dom(page, "level=error")
    errors = visible_paths(dom)
    assert "tdz2024.txt" in errors and "001_e0653abc3b201f3e.txt" not in errors


def test_cross_year_finding_links_both_reports(pair_page: tuple[Path, str]) -> None:
    _, html = pair_page
    report = html.split('<article class="report" id="report-2">', 1)[1].split("</article>")[0]
    assert '跨年度对比：与 2023 年报告 <a href="#report-1">tdz2023.txt</a> 比较' in report
    finding = report.split("<code>X001</code>", 1)[1].split('<div class="finding', 1)[0]
    assert finding.startswith(" 上年结转 自然人 is 0, but 2023&#x27;s 结转下年度 is 2 "
                              "(tdz2023.txt)")
    assert "第91行第2列" in finding
    assert "二、上年结转政府信息公开申请数量 ↵ <mark>0</mark> ↵ 0" in finding  # the row's label
    assert '对比的报告：<a href="#report-1">tdz2023.txt</a>' in finding
    overview = html.split('<table id="overview">', 1)[1].split("</table>")[0]
    assert '<a href="#report-1">2023年</a>' in overview


def test_rule_summary_has_a_chart(pair_page: tuple[Path, str]) -> None:
    _, html = pair_page
    rules = html.split('<section class="card" id="rules">', 1)[1].split("</section>")[0]
    assert rules.count("<svg") == 1 and "<rect" in rules
    assert "<td><code>X001</code></td><td>carry-over</td>" in rules


def test_page_is_self_contained(pair_page: tuple[Path, str]) -> None:
    _, html = pair_page
    assert not re.search(r"\b(src|srcset|action|formaction|data)\s*=", html.split(
        "<body>", 1)[1].split("<script>")[0].replace("data-", ""))
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(href.startswith("#report-") for href in hrefs)
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert csp is not None
    policy = csp.group(1)
    assert policy.startswith("default-src &#x27;none&#x27;; style-src &#x27;sha256-")
    assert "unsafe-inline" not in policy and "*" not in policy


def test_screenshot(pair_page: tuple[Path, str], tmp_path: Path) -> None:
    page, _ = pair_page
    shot = screenshot(page, tmp_path / "audit.png")
    data = shot.read_bytes()
    assert data.startswith(PNG)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000  # a rendered page, not a blank one
