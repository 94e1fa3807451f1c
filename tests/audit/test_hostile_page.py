"""Issue 17: the audit page is not a door into the reviewer's browser.

Hostile reports (script tags, event handlers, javascript: links, a closing </style>) in the
report text, the file names and the agency names are shown as text: nothing runs in Chromium,
nothing is loaded, and the page keeps working.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest

from gipr_lint.diagnostics import Diagnostic, Severity
from gipr_lint.formatters import FormatContext
from gipr_lint.formatters.html import render
from gipr_lint.linting.engine import FileResult
from gipr_lint.reading.source import Source, Span
from tests.audit.browser import dump_dom
from tests.audit.test_audit_page import audit, overview_paths
from tests.crossyear.pairs import SEED

#: Each payload would mark the page (data-pwned) or change its title if it ran.
PAYLOADS = (
    "<script>document.documentElement.setAttribute('data-pwned','script')</script>",
    "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">",
    "<a href=\"javascript:document.title='pwned'\">点此</a>",
    "</style><style>body{display:none}</style>",
    "</script><script>document.title='pwned'</script>",
    "\"><svg onload=\"document.documentElement.setAttribute('data-pwned','svg')\">",
)
HOSTILE_TEXT = "".join(PAYLOADS)


def hostile_report() -> str:
    """The seed with every payload in its title line, a paragraph and section 五."""
    text = SEED.replace("2024年政府信息公开工作年度报告",
                        "2024年政府信息公开工作年度报告" + PAYLOADS[0], 1)
    text = text.replace("一是部分工作人员", HOSTILE_TEXT + "一是部分工作人员", 1)
    return text.replace("现就2024年度政府信息公开工作总结如下",
                        "现就2024年度政府信息公开工作总结如下" + HOSTILE_TEXT, 1)


NAMES = ("<img src=x onerror=alert(1)>.txt", "javascript:alert(1).txt",
         "</style><b>x</b>.txt", "\"><script>alert(1)</script>.txt")


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("hostile")
    no_agency = "2024年政府信息公开工作年度报告\n一、总体情况\n" + HOSTILE_TEXT + "\n"
    files = {name: hostile_report() for name in NAMES}
    files["agency-less.txt"] = no_agency
    page = audit(tmp, files, "--agency", PAYLOADS[0] + "镇人民政府")
    return page, page.read_text(encoding="utf-8")


def test_nothing_runs_in_the_browser(hostile_page: tuple[Path, str]) -> None:
    page, _ = hostile_page
    dom = dump_dom(page)
    assert "data-pwned" not in dom.split(">", 2)[1]  # the <html> element's attributes
    assert 'data-ready="1"' in dom  # the page's own script still ran
    assert "<title>政府信息公开工作年度报告审查结果</title>" in dom
    assert "pwned</title>" not in dom
    assert len(overview_paths(dom)) == 5


def test_hostile_input_is_text(hostile_page: tuple[Path, str]) -> None:
    _, html = hostile_page
    # exactly one <script> and one <style> element: the page's own
    assert len(re.findall(r"<script\b", html, re.IGNORECASE)) == 1
    assert len(re.findall(r"</script", html, re.IGNORECASE)) == 1
    assert len(re.findall(r"<style\b", html, re.IGNORECASE)) == 1
    assert len(re.findall(r"</style", html, re.IGNORECASE)) == 1
    assert not re.search(r"<(img|a href=\"javascript)\b", html, re.IGNORECASE)
    assert len(re.findall(r"<svg\b", html)) == 1  # the page's own chart
    assert not re.search(r"<[a-z][^<>]*\son\w+\s*=", html, re.IGNORECASE)  # no handler
    # shown, escaped: file names, agency and report text
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in html
    assert "&lt;/style&gt;&lt;b&gt;x&lt;/b&gt;.txt" in html
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;.txt" in html
    assert ("&lt;script&gt;document.documentElement.setAttribute(&#x27;data-pwned&#x27;,"
            "&#x27;script&#x27;)&lt;/script&gt;镇人民政府") in html
    for payload in PAYLOADS:
        assert payload not in html


def test_messages_and_related_paths_are_escaped() -> None:
    source = Source.from_text("<b>甲</b>" + PAYLOADS[1] + "\n", "<i>a</i>.txt")
    diagnostic = Diagnostic.at(source, code="X005", name="near-duplicate",
                               severity=Severity.WARNING, span=Span(8, 8 + len(PAYLOADS[1])),
                               message="</script><script>alert(1)</script>",
                               related=("javascript:alert(1)", "<img src=x>"))
    from gipr_lint.model import Report

    result = FileResult(path=source.path, report=Report(source=source),
                        diagnostics=[diagnostic])
    html = render([result], FormatContext())
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<code>javascript:alert(1)</code>" in html  # not a link: not in this run
    assert "<code>&lt;img src=x&gt;</code>" in html
    assert f"<code class=\"quote\">&lt;b&gt;甲&lt;/b&gt;<mark>{escape(PAYLOADS[1])}</mark>" in html
    assert "&lt;i&gt;a&lt;/i&gt;.txt" in html
    assert len(re.findall(r"<script\b", html)) == 1
