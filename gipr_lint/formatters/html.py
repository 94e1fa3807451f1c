"""``--format html -o audit.html``: one self-contained audit page, in Chinese, for reviewers.

The page (described in ``docs/batch.md``) has an overview table of every report, sortable and
filterable; a per-rule summary with an inline SVG bar chart; each report's findings with the
quoted text in context and the position in the original file; cross-year findings link the two
reports. It needs no network: CSS and JavaScript are inline.

Reports are untrusted input, so the page is built to be safe to open:

* every piece of report text, file name, agency name and message is HTML-escaped, in text and in
  attributes alike; no link target is ever made from input (links only go to ``#report-N``);
* the data the script works on is read from the escaped table cells, never embedded as code;
* a Content-Security-Policy allows only the page's own inline style and script, by their SHA-256
  hashes, and nothing external (``default-src 'none'``): even a tag that escaped escaping could
  neither run nor load anything.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from html import escape
from typing import Any, TextIO

from gipr_lint.formatters import severity_counts

__all__ = ["render", "write"]

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
_KIND = {"township": "乡镇/街道", "government": "政府", "department": "部门", "unknown": "未知"}
#: Characters of context shown on each side of a finding's text.
CONTEXT = 40

_STYLE = """
:root{--err:#c62828;--warn:#b26a00;--info:#1565c0;--line:#d9dde3;--bg:#f6f7f9;--ink:#1f2328}
*{box-sizing:border-box}
body{margin:0;font:14px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",
"Source Han Sans SC",sans-serif;color:var(--ink);background:var(--bg)}
header{background:#8b1a1a;color:#fff;padding:18px 32px}
header h1{margin:0;font-size:22px;font-weight:600}
header p{margin:4px 0 0;opacity:.9}
main{padding:16px 32px 48px;max-width:1400px}
section.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:16px 20px;
margin:16px 0}
h2{font-size:18px;margin:0 0 12px}
h3{font-size:16px;margin:0 0 6px}
.totals{display:flex;gap:12px;flex-wrap:wrap}
.total{border:1px solid var(--line);border-radius:6px;padding:8px 16px;min-width:110px}
.total b{display:block;font-size:22px}
.controls{display:flex;gap:12px;align-items:center;margin:0 0 10px;flex-wrap:wrap}
.controls input,.controls select{font:inherit;padding:4px 8px;border:1px solid var(--line);
border-radius:4px}
.controls input{width:260px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef0f3;font-weight:600;white-space:nowrap}
th[data-sort]{cursor:pointer;user-select:none}
th[data-sort]::after{content:" ↕";color:#8a9099}
th.asc::after{content:" ↑";color:var(--ink)}
th.desc::after{content:" ↓";color:var(--ink)}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.path{word-break:break-all;max-width:320px}
.n-error{color:var(--err);font-weight:600}
.n-warning{color:var(--warn);font-weight:600}
.n-info{color:var(--info)}
.zero{color:#9aa0a6;font-weight:400}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;color:#fff}
.badge.error{background:var(--err)}
.badge.warning{background:var(--warn)}
.badge.info{background:var(--info)}
.ok{color:#2e7d32}
.no{color:var(--err)}
.report{scroll-margin-top:8px}
.report .meta{color:#555;margin:0 0 8px;word-break:break-all}
.finding{border-left:3px solid var(--line);padding:4px 10px;margin:8px 0}
.finding.error{border-color:var(--err)}
.finding.warning{border-color:var(--warn)}
.finding.info{border-color:var(--info)}
.finding .where{color:#555;font-size:12px}
code{font-family:"SFMono-Regular",Consolas,monospace;font-size:13px}
.quote{display:block;background:#f3f4f6;border-radius:4px;padding:4px 8px;margin:4px 0;
white-space:pre-wrap;word-break:break-all;font-family:inherit}
mark{background:#ffe08a;padding:0 1px}
.related a{margin-right:8px}
.clean{color:#2e7d32}
svg text{font:12px sans-serif;fill:#1f2328}
.hidden{display:none}
footer{color:#777;font-size:12px;padding:0 32px 24px}
"""

_SCRIPT = """
(function(){
  var table=document.getElementById('overview');
  if(!table){return;}
  var body=table.tBodies[0];
  var rows=Array.prototype.slice.call(body.rows);
  var heads=table.tHead.rows[0].cells;
  var query=document.getElementById('filter');
  var level=document.getElementById('level');
  var shown=document.getElementById('shown');
  function value(row,index,numeric){
    var cell=row.cells[index];
    var raw=cell.getAttribute('data-value');
    if(raw===null){raw=cell.textContent;}
    if(numeric){var n=parseFloat(raw);return isNaN(n)?-Infinity:n;}
    return raw;
  }
  function sortBy(index,direction){
    var numeric=heads[index].getAttribute('data-sort')==='number';
    var sign=direction==='desc'?-1:1;
    rows.sort(function(a,b){
      var x=value(a,index,numeric),y=value(b,index,numeric);
      if(x<y){return -sign;} if(x>y){return sign;}
      return parseInt(a.getAttribute('data-order'),10)-parseInt(b.getAttribute('data-order'),10);
    });
    for(var i=0;i<heads.length;i++){heads[i].classList.remove('asc','desc');}
    heads[index].classList.add(direction);
    heads[index].setAttribute('aria-sort',direction==='asc'?'ascending':'descending');
    rows.forEach(function(row){body.appendChild(row);});
  }
  function filter(){
    var text=query.value.trim().toLowerCase();
    var wanted=level.value;
    var count=0;
    rows.forEach(function(row){
      var visible=(!text||row.textContent.toLowerCase().indexOf(text)>=0)&&
        (!wanted||parseInt(row.getAttribute('data-'+wanted),10)>0);
      row.classList.toggle('hidden',!visible);
      if(visible){count++;}
    });
    shown.textContent=String(count);
  }
  for(var i=0;i<heads.length;i++){
    (function(index){
      if(!heads[index].hasAttribute('data-sort')){return;}
      heads[index].addEventListener('click',function(){
        sortBy(index,heads[index].classList.contains('asc')?'desc':'asc');
      });
    })(i);
  }
  query.addEventListener('input',filter);
  level.addEventListener('change',filter);
  // a view can be shared as a link: #sort=<column>:<asc|desc>&q=<text>&level=<error|warning|info>
  var hash=window.location.hash.slice(1);
  if(hash.indexOf('=')>=0){
    var params=new URLSearchParams(hash);
    var sort=(params.get('sort')||'').split(':');
    for(var j=0;j<heads.length;j++){
      if(heads[j].getAttribute('data-key')===sort[0]){sortBy(j,sort[1]==='desc'?'desc':'asc');}
    }
    if(params.get('q')){query.value=params.get('q');}
    if(params.get('level')){level.value=params.get('level');}
  }
  filter();
  document.documentElement.setAttribute('data-ready','1');
})();
"""


def _hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


#: The page's Content-Security-Policy: only its own inline style and script, nothing external.
CSP = ("default-src 'none'; style-src " + _hash(_STYLE) + "; script-src " + _hash(_SCRIPT)
       + "; img-src 'none'; base-uri 'none'; form-action 'none'")


def _e(value: Any) -> str:
    """Escape for text and attribute values alike."""
    return escape("" if value is None else str(value), quote=True)


def _place(diagnostic: Any, source: Any) -> str:
    """Where a finding is, in Chinese: the line and column of a text file or web page, or for a
    Word or PDF file (which has no lines) the place the reader traced it to (第3页第14行,
    表2第27行第4列, 第3页表1第4行第2列, 第12段)."""
    if source is not None and source.kind not in ("text", "html") and source.origins:
        from gipr_lint.i18n import language
        from gipr_lint.reading.document import describe

        with language("zh"):
            place = describe(source.origin_at(diagnostic.span.start), source.kind)
        if place:
            return f"原文件{place}"
    return f"第{diagnostic.line}行第{diagnostic.column}列"


def _flat(text: str) -> str:
    """Context as one line: line breaks shown as ↵, runs of spaces and tabs as one space."""
    return re.sub(r"[ \t\u3000]+", " ", re.sub(r"\s*\n\s*", " ↵ ", text))


def _quote(source: Any, diagnostic: Any) -> str:
    """The finding's text with up to :data:`CONTEXT` characters around it, the text marked.

    The context may cross line breaks (a table cell alone on its line is shown after its row's
    label); they are shown as ↵."""
    if source is None or not source.text:
        return ""
    text = source.text
    start = max(0, min(diagnostic.span.start, len(text)))
    end = max(start, min(diagnostic.span.end, len(text), start + 200))
    before = _flat(text[max(0, start - CONTEXT):start]).lstrip(" ↵")
    after = _flat(text[end:min(len(text), end + CONTEXT)]).rstrip(" ↵")
    marked = text[start:end]
    if not (before.strip() or marked.strip() or after.strip()):
        return ""
    cut_end = "…" if end < diagnostic.span.end else ""
    return (f'<code class="quote">{_e(before)}<mark>{_e(marked)}</mark>{_e(cut_end)}'
            f"{_e(after)}</code>")


def _tables_complete(result: Any) -> bool | None:
    summary = getattr(result, "summary", None)
    if summary is not None:
        return len(summary.tables) == 3 and all(t.complete for t in summary.tables.values())
    report = result.report
    counts = getattr(result, "tables_read", None)
    if report is not None and not report.tables and counts is not None and counts[1]:
        return counts == (3, 3)  # the runner dropped the parsed tables but kept their counts
    if report is None or not report.tables:
        return None if report is None or report.sections == () else False
    return len(report.tables) == 3 and all(
        not t.missing_rows and all(c.value is not None for _, _, c in t.cells())
        for t in report.tables.values())


def _facts(result: Any) -> dict[str, Any]:
    report = result.report
    summary = getattr(result, "summary", None)
    agency = report.agency.text if report is not None and report.agency else None
    return {
        "agency": agency or (summary.agency if summary else None),
        "kind": report.agency_kind.value if report is not None else "unknown",
        "year": report.year if report is not None else None,
        "format": report.format if report is not None else None,
    }


def _chart(rows: list[tuple[str, str, int]]) -> str:
    """A horizontal bar chart of findings per rule, as inline SVG (no script, no style)."""
    if not rows:
        return ""
    top = max(count for _, _, count in rows)
    bar_height, gap, label_width, width = 18, 6, 70, 620
    height = len(rows) * (bar_height + gap) + gap
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" aria-label="各规则问题数量">']
    colours = {"error": "#c62828", "warning": "#b26a00", "info": "#1565c0"}
    for index, (code, severity, count) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = max(2, int((width - label_width - 60) * count / top))
        parts.append(f'<text x="0" y="{y + 13}">{_e(code)}</text>'
                     f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" '
                     f'fill="{colours.get(severity, "#555")}" rx="2"/>'
                     f'<text x="{label_width + length + 6}" y="{y + 13}">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render(results: Sequence[Any], context: Any) -> str:
    """The whole page for ``results``."""
    readable = [r for r in results if r.report is not None]
    index_of = {r.path: i for i, r in enumerate(readable, 1)}
    counts = severity_counts(readable)
    out: list[str] = []
    w = out.append
    w('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n')
    w(f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">\n')
    w('<meta name="referrer" content="no-referrer">\n')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    w("<title>政府信息公开工作年度报告审查结果</title>\n")
    w(f"<style>{_STYLE}</style>\n</head>\n<body>\n")
    version = getattr(context, "version", "")
    w("<header><h1>政府信息公开工作年度报告审查结果</h1>"
      f"<p>共 {len(readable)} 份报告 · gipr-lint {_e(version)}</p></header>\n<main>\n")

    # totals
    with_findings = sum(1 for r in readable if r.diagnostics)
    w('<section class="card" id="totals"><h2>总体情况</h2><div class="totals">')
    for label, value, css in (("报告", len(readable), ""), ("有问题的报告", with_findings, ""),
                              ("错误", counts["error"], "n-error"),
                              ("警告", counts["warning"], "n-warning"),
                              ("提示", counts["info"], "n-info")):
        w(f'<div class="total"><span>{label}</span><b class="{css}">{value}</b></div>')
    w("</div></section>\n")

    # overview
    w('<section class="card"><h2>报告一览</h2>\n<div class="controls">'
      '<label>筛选 <input id="filter" type="search" placeholder="机关、文件名或年度"></label>'
      '<label>只看 <select id="level"><option value="">全部报告</option>'
      '<option value="error">有错误的</option><option value="warning">有警告的</option>'
      '<option value="info">有提示的</option></select></label>'
      f'<span>显示 <b id="shown">{len(readable)}</b> / {len(readable)} 份</span></div>\n')
    w('<table id="overview"><thead><tr>'
      '<th data-sort="text" data-key="agency">机关</th>'
      '<th data-sort="text" data-key="kind">类型</th>'
      '<th data-sort="number" data-key="year">年度</th>'
      '<th data-sort="text" data-key="format">格式</th>'
      '<th data-sort="number" data-key="errors">错误</th>'
      '<th data-sort="number" data-key="warnings">警告</th>'
      '<th data-sort="number" data-key="infos">提示</th>'
      '<th data-sort="text" data-key="tables">表格完整</th>'
      '<th data-sort="text" data-key="previous">对比上年</th>'
      '<th data-sort="text" data-key="path">文件</th></tr></thead>\n<tbody>\n')
    for order, result in enumerate(readable, 1):
        facts = _facts(result)
        by = Counter(d.severity.value for d in result.diagnostics)
        complete = _tables_complete(result)
        previous = getattr(result, "previous", None)
        w(f'<tr data-order="{order}" data-error="{by["error"]}" data-warning="{by["warning"]}" '
          f'data-info="{by["info"]}">')
        w(f'<td><a href="#report-{order}">{_e(facts["agency"] or "（未识别）")}</a></td>')
        w(f'<td>{_e(_KIND.get(facts["kind"], facts["kind"]))}</td>')
        w(f'<td class="num" data-value="{_e(facts["year"] or "")}">{_e(facts["year"] or "—")}'
          "</td>")
        w(f'<td>{_e(facts["format"] or "—")}</td>')
        for level in ("error", "warning", "info"):
            css = f"n-{level}" if by[level] else "zero"
            w(f'<td class="num {css}">{by[level]}</td>')
        if complete is None:
            w('<td data-value="">—</td>')
        else:
            w(f'<td class="{"ok" if complete else "no"}" data-value="{int(complete)}">'
              f'{"完整" if complete else "不完整"}</td>')
        if previous is None:
            w('<td data-value="">—</td>')
        else:
            target = index_of.get(previous.path)
            label = f"{previous.year}年" + ("（历史）" if previous.history else "")
            w(f'<td data-value="{_e(previous.year)}">'
              + (f'<a href="#report-{target}">{_e(label)}</a>' if target else _e(label))
              + "</td>")
        w(f'<td class="path">{_e(result.path)}</td></tr>\n')
    w("</tbody></table></section>\n")

    # per rule
    per_rule: dict[str, list[Any]] = defaultdict(list)
    for result in readable:
        for diagnostic in result.diagnostics:
            per_rule[diagnostic.code].append((result.path, diagnostic))
    rules = getattr(context, "rules", {}) or {}
    ordered = sorted(per_rule.items(), key=lambda item: (-len(item[1]), item[0]))
    w('<section class="card" id="rules"><h2>按规则汇总</h2>\n')
    if ordered:
        chart_rows = [(code, items[0][1].severity.value, len(items)) for code, items in ordered]
        w(f'<div class="chart">{_chart(chart_rows)}</div>\n')
        w('<table id="rule-summary"><thead><tr><th>规则</th><th>名称</th><th>级别</th>'
          "<th>说明</th><th>问题数</th><th>涉及报告</th></tr></thead><tbody>\n")
        for code, items in ordered:
            rule = rules.get(code)
            summary = getattr(rule, "summary", "") if rule is not None else ""
            level = items[0][1].severity.value
            reports = len({path for path, _ in items})
            w(f"<tr><td><code>{_e(code)}</code></td><td>{_e(items[0][1].name)}</td>"
              f'<td><span class="badge {_e(level)}">{_e(_SEVERITY.get(level, level))}</span>'
              f"</td><td>{_e(summary)}</td><td class=\"num\">{len(items)}</td>"
              f'<td class="num">{reports}</td></tr>\n')
        w("</tbody></table>\n")
    else:
        w('<p class="clean">所有报告均未发现问题。</p>\n')
    w("</section>\n")

    # per report
    w('<section class="card" id="reports"><h2>各报告问题</h2>\n')
    for order, result in enumerate(readable, 1):
        facts = _facts(result)
        w(f'<article class="report" id="report-{order}"><h3>{order}. '
          f'{_e(facts["agency"] or "（未识别机关）")} {_e(facts["year"] or "")}'
          f'{"年" if facts["year"] else ""}</h3>\n')
        w(f'<p class="meta">文件：<code>{_e(result.path)}</code>')
        previous = getattr(result, "previous", None)
        if previous is not None:
            target = index_of.get(previous.path)
            name = _e(previous.path)
            link = f'<a href="#report-{target}">{name}</a>' if target else f"<code>{name}</code>"
            w(f"<br>跨年度对比：与 {_e(previous.year)} 年报告 {link}"
              + ("（历史文件，只读取不审查）" if previous.history else "") + " 比较")
        w("</p>\n")
        if not result.diagnostics:
            w('<p class="clean">未发现问题。</p>\n')
        source = result.source
        for diagnostic in result.diagnostics:
            level = diagnostic.severity.value
            where = _place(diagnostic, source)
            w(f'<div class="finding {_e(level)}"><span class="badge {_e(level)}">'
              f"{_e(_SEVERITY.get(level, level))}</span> <code>{_e(diagnostic.code)}</code> "
              f"{_e(diagnostic.message)}<div class=\"where\">{_e(where)} · "
              f"{_e(diagnostic.name)}</div>{_quote(source, diagnostic)}")
            if diagnostic.related:
                links = []
                for path in diagnostic.related:
                    target = index_of.get(path)
                    links.append(f'<a href="#report-{target}">{_e(path)}</a>' if target
                                 else f"<code>{_e(path)}</code>")
                w(f'<div class="related">对比的报告：{"".join(links)}</div>')
            w("</div>\n")
        w("</article>\n")
    unreadable = [r for r in results if r.report is None]
    if unreadable:
        w("<h3>无法读取的文件</h3><ul>")
        for result in unreadable:
            w(f"<li><code>{_e(result.path)}</code>：{_e(result.error)}</li>")
        w("</ul>\n")
    w("</section>\n</main>\n<footer>由 gipr-lint 生成。本页不访问网络，可离线打开。</footer>\n")
    w(f"<script>{_SCRIPT}</script>\n</body>\n</html>\n")
    return "".join(out)


def write(results: Sequence[Any], out: TextIO, context: Any) -> None:
    out.write(render(results, context))
