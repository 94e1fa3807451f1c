"""Debris pasted into a report: a web page's breadcrumbs, metadata, share and download links,
and the page numbers of a PDF."""

from __future__ import annotations

import re

from gipr_lint.model import Debris
from gipr_lint.reading.layout.cells import PAGE_NUMBER
from gipr_lint.reading.source import Span
from gipr_lint.regex import compile_re

__all__ = ["INLINE_HINT", "OPENS_AS_DEBRIS", "find_debris"]

_PAGE_TOOL = r"(?:【?打印本页】?|【?关闭窗口】?|【?字体[:：]?[ 　]*大[ 　]*中[ 　]*小】?)"

# Whole lines that are debris when they open with these words.
_LINE_KINDS_AND_PATTERNS: tuple[tuple[str, str], ...] = (
    ("breadcrumb", r"^[ \t\u3000]*(?:您当前所在位置|您现在的位置|当前位置|您的位置|所在位置)"
                   r"[:：]?.*$"),
    ("breadcrumb", r"^[ \t\u3000]*首页[ \t]*[>＞»›].*$"),
    ("meta", r"^[ \t\u3000]*(?:来源|发布时间|时间|发布机构|发布日期|浏览量|浏览次数|"
             r"点击数|访问量|作者|信息来源)[:：][^\n]{0,80}?"
             r"(?:浏览量|浏览次数|点击数|访问量|$)[^\n]*$"),
    # a portal's 信息公开 metadata block: 索引号, 发文字号, 生成日期 …, also as a pipe table
    ("meta", r"^[ \t\u3000|]*(?:索[ \t\u3000]*引[ \t\u3000]*号|文[ \t\u3000]*号|发文字号|"
             r"发文机关|发表日期|发布日期|生成日期|成文日期|废止日期|组配分类|"
             r"关键词|主题分类|公开形式|公开方式|公开范围|公开时限|责任部门|有效性|是否有效)"
             r"(?:[ \t\u3000|:：]|$)[^\n]*$"),
    ("share", r"^[ \t\u3000]*(?:分享到?|分享至)[:：]?[^\n]{0,40}$"),
    ("qr-code", r"^[ \t\u3000]*扫一扫在手机(?:上)?打开当前页[^\n]{0,10}$"),
    ("read-aloud", r"^[ \t\u3000]*【?(?:点击收听|点击播放|语音朗读|语音播报)[^\n]{0,12}$"),
    ("download", r"^[ \t\u3000]*(?:文件下载|附件下载|相关附件)[:：]?[^\n]{0,80}$"),
    ("related", r"^[ \t\u3000]*(?:相关阅读|相关链接|相关文章|相关信息)[:：]?[^\n]{0,80}$"),
    ("print", rf"^(?:[ \t\u3000]*{_PAGE_TOOL})+[ \t\u3000]*$"),
    ("page-number", f"^{PAGE_NUMBER}"),
)
_LINE_KINDS = tuple(kind for kind, _ in _LINE_KINDS_AND_PATTERNS)
#: What a debris line may open with before its words (spaces; "|" before a metadata block).
_LINE_OPENING = " \t\u3000|"
#: The characters the words of a debris line begin with, after :data:`_LINE_OPENING`: a line
#: opening otherwise (most lines: prose, table rows) is no debris line, told without the
#: pattern's ten alternatives (a test checks every alternative against this set).
_LINE_STARTS = frozenset("您当所首来发时浏点访作信索生成关主公责有是分扫文附相【打字-—–第废组语")
#: A line opening with the words of a debris line (:data:`_LINE_STARTS` after
#: :data:`_LINE_OPENING`): told in the text itself, without a copy of the line. (No character
#: is both an opening and a start, so the match is the first character after the opening.)
OPENS_AS_DEBRIS = compile_re(
    "[" + re.escape(_LINE_OPENING) + "]*[" + re.escape("".join(sorted(_LINE_STARTS))) + "]")
#: The line patterns as one, tried in order in one call: the first that matches names the kind.
_LINE = compile_re("|".join(f"({pattern})" for _, pattern in _LINE_KINDS_AND_PATTERNS))

# Phrases that are debris wherever they stand (a page flattened to one line).
_INLINE = compile_re(
    # every phrase starts with one of these (a cheap test at each position of a long line)
    r"(?=[您当扫来发时浏分文附相])(?:"
    r"(?P<breadcrumb>(?:您当前所在位置|您现在的位置|当前位置)[:：][^。\n]{0,60}?(?=[\u4e00-\u9fff]{2,}(?:人民政府|政府|委员会|局|办事处)"
    r"[^。\n]{0,20}年(?:度)?(?:政府信息公开|报告)))"
    r"|(?P<qr>扫一扫在手机(?:上)?打开当前页)"
    r"|(?P<meta>(?:来源[:：][^。\n]{0,30}?)?(?:发布)?时间[:：]\d{4}-\d{1,2}-\d{1,2}"
    r"(?:[ \t]*\d{1,2}:\d{2}(?::\d{2})?)?(?:浏览量[:：]\d*)?|浏览量[:：]\d*|浏览次数[:：]\d*)"
    r"|(?P<share>分享到?[:：])"
    r"|(?P<download>(?:文件|附件)下载[:：])"
    r"|(?P<related>相关阅读[:：])"
    r")"
)
#: Every inline phrase holds 扫一扫 or a colon after one of the words its kinds end in (位置,
#: 时间, 浏览量, 浏览次数, 分享, 分享到, 下载, 阅读): a part of a line without any has none (a test
#: checks every phrase of :data:`_INLINE` holds one). Prose has colons after other words.
#: (Written as three alternatives opening with a character each: the engine then skips to
#: the next of those three characters, where a class as the first alternative makes it try
#: the pattern at every character, twice the cost.)
INLINE_HINT = compile_re(r":(?<=[置间量数到享载读]:)|：(?<=[置间量数到享载读]：)|扫一扫")
_INLINE_KINDS = {"breadcrumb": "breadcrumb", "qr": "qr-code", "meta": "meta", "share": "share",
                 "download": "download", "related": "related"}
#: Longer lines are a flattened page: only phrases inside them are debris, not the whole line.
_MAX_DEBRIS_LINE = 150

#: A line opening "来源：" or "信息来源：": the page's source field, or a sentence of the report
#: naming where its figures come from ("来源：镇党政办公室统计数据").
_SOURCE_LINE = compile_re(r"[ \t\u3000]*(?:信息)?来源[:：][ \t\u3000]*")
#: Another field of a page's metadata on the same line ("来源:区政府办公室 时间:2017-01-12").
_OTHER_FIELD = compile_re(r"(?:发布|时间|日期|作者|浏览|阅读|点击|访问量|字体|字号|分享|打印|"
                          r"收藏|索引号)[^\n]{0,3}[:：]|浏览量|点击数|访问量|打印|关闭|收藏")
#: What a source field's value alone never holds and a sentence naming a source of figures
#: does: sentence punctuation, or words about statistics.
_NOT_A_NAME = compile_re(r"[，。；,;：:]|统计|数据|汇总|报送|台账|测算|调查|核实|整理|"
                         r"提供|填报|来源于|根据|依据|截至|截止")
#: The longest value a source field holds (a site's or an agency's full name).
_MAX_SOURCE_NAME = 30


def _source_is_debris(line: str, in_body: bool) -> bool:
    """Whether a line opening "来源：" is a web page's source field: with another field of the
    page's metadata on it, or empty; or, outside the report's body (before its first section,
    or after its last sentence: under the 落款, in the page's footer), a site's or an agency's
    name alone ("来源：XX市人民政府网", "来源：办公室"). In the body, or followed by a phrase
    about figures, it is the report's own words."""
    field = _SOURCE_LINE.match(line)
    if field is None:
        return True  # another metadata field opens the line
    value = line[field.end():].strip()
    if not value or _OTHER_FIELD.search(value):
        return True
    return (not in_body and len(value) <= _MAX_SOURCE_NAME
            and _NOT_A_NAME.search(value) is None)


def find_debris(text: str, line_start: int, line_end: int, *, whole_line: bool = True,
                in_body: bool = False) -> list[Debris]:
    """Debris in (part of) a line: all of it when it is a short debris line, else the debris
    phrases inside it. ``whole_line`` is false for part of a longer line (a flattened page);
    ``in_body`` is true between the report's first section heading and its last sentence (see
    :func:`_source_is_debris`)."""
    found: list[Debris] = []
    opens_as_debris = OPENS_AS_DEBRIS.match(text, line_start, line_end) is not None
    hint = INLINE_HINT.search(text, line_start, line_end) is not None
    if not opens_as_debris and not hint:
        return found  # most lines: no debris line, no debris phrase (told without copies)
    line = text[line_start:line_end]
    short = whole_line and len(line) <= _MAX_DEBRIS_LINE
    match = _LINE.match(line) if short and opens_as_debris else None
    if match and line.strip():
        kind = _LINE_KINDS[next(i for i, group in enumerate(match.groups()) if group is not None)]
        if kind == "meta" and "来源" in line and not _source_is_debris(line, in_body):
            return found
        stripped_start = line_start + len(line) - len(line.lstrip(" \t\u3000"))
        stripped_end = line_start + len(line.rstrip())
        return [Debris(kind, text[stripped_start:stripped_end],
                       Span(stripped_start, stripped_end))]
    if not hint:
        return found
    for match in _INLINE.finditer(text, line_start, line_end):
        kind = _INLINE_KINDS[match.lastgroup or "meta"]
        found.append(Debris(kind, match.group(), Span(match.start(), match.end())))
    return found
