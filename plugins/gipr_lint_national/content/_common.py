"""What several content rules share."""

from __future__ import annotations

import re

from gipr_lint.api import compile_re
from gipr_lint_national._text import HAN

#: The five aspects of 总体情况, the words that count as touching each, and for 主动公开 also
#: a count of things published ("发布信息120条"). (Words are tested with ``in``: several times
#: quicker than searching an alternation of them with a regex.)
_ASPECTS: tuple[tuple[str, tuple[str, ...], re.Pattern[str] | None], ...] = (
    ("主动公开", ("主动公开",),
     compile_re(r"(?:公开|公布|发布)[^。；，,;\n]{0,8}?\d+\s*(?:条|件|篇|项)")),
    ("依申请公开", ("依申请", "申请公开", "公开申请", "信息申请"), None),
    ("政府信息管理", ("信息管理", "审查", "审核", "公开指南", "公开目录", "存档", "归档",
                "动态更新", "动态调整", "解读", "规范性文件"), None),
    ("平台建设", ("平台", "网站", "门户", "网页", "专栏", "新媒体", "公众号", "微信", "微博",
              "公开栏", "公示栏", "宣传栏", "查阅点", "查阅场所", "查阅室", "政务服务中心",
              "政务服务大厅"), None),
    ("监督保障", ("监督", "考核", "培训", "评议", "责任追究", "问责", "督查", "督导", "保障"),
     None),
)


def touches(text: str, words: tuple[str, ...], pattern: re.Pattern[str] | None) -> bool:
    """Whether ``text`` holds one of ``words`` or a match of ``pattern`` (an aspect above)."""
    for word in words:  # a loop: any() over a generator costs more than the tests
        if word in text:
            return True
    return pattern is not None and pattern.search(text) is not None


# Some text: at least four Han characters.
_SOME_TEXT = compile_re(f"(?:[^{HAN}]*[{HAN}]){{4}}")


_PROBLEM_WORDS = compile_re(r"问题|不足|差距|短板|薄弱|欠缺|有待|不够|不到位|不高|不强|不及时|"
                            r"不全面|不规范|滞后|尚需|仍需|需要进一步|困难")


_MEASURE_WORDS = compile_re(r"改进|措施|下一步|将|计划|加强|强化|提升|提高|推进|完善|整改|今后|"
                            r"继续|进一步|持续")


_FEE_WORDS = compile_re(r"处理费|收费|收取|费用|缴费|交费")

