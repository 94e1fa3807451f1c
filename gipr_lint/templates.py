"""The official table templates of the 2019 and 2021 formats, as data.

A template lists a table's rows in order with their official labels, the known rewordings seen in
real reports, and the columns each row has. The arithmetic identities of a table are data too
(:class:`Identity`), checked by one engine in the T rules, so a provincial plugin can add a row or
an identity without writing Python (hook ``gipr_lint_templates``).

Row and column ids are part of the stable JSON output (``docs/json.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "ACTIVE_BLOCKS",
    "REQUEST_COLUMNS",
    "REQUEST_GROUPS",
    "REQUEST_ROWS",
    "REVIEW_COLUMNS",
    "REVIEW_GROUPS",
    "TABLE_NUMERALS",
    "ActiveBlock",
    "CellRef",
    "Identity",
    "RowTemplate",
    "national_identities",
    "request_row_name",
    "request_rows",
    "template_row_keys",
    "template_row_name",
]


@dataclass(frozen=True, slots=True)
class RowTemplate:
    """One row of a template.

    ``label`` is the official wording without its numbering; ``numbering`` is the official
    numbering ("一、", "（一）", "1."); ``variants`` are rewordings seen in published reports,
    recognised but flagged (T008). ``optional_suffix`` is a parenthetical note that may be left out.
    """

    key: str
    label: str
    numbering: str = ""
    variants: tuple[str, ...] = ()
    optional_suffix: str = ""

    @property
    def official(self) -> str:
        return f"{self.numbering}{self.label}{self.optional_suffix}"


@dataclass(frozen=True, slots=True)
class ActiveBlock:
    """A block of table 二: its 第二十条 item, its column headers and ids, and its rows."""

    item: str
    columns: tuple[tuple[str, str], ...]  # (column id, official header)
    rows: tuple[RowTemplate, ...]

    @property
    def column_ids(self) -> tuple[str, ...]:
        return tuple(column_id for column_id, _ in self.columns)


#: A cell named by ``(table kind, row key, column index)``, e.g. ``("requests", "new", 6)``.
CellRef = tuple[str, str, int]


@dataclass(frozen=True, slots=True)
class Identity:
    """``total + sum(with_total) == sum(parts)`` over cells named ``(table, row key, column
    index)``; a failure is reported at ``total``.

    A template's identities are checked by the T rules; ``code`` is the rule that reports a
    failure (T001–T004 for the national ones, a plugin's own code for its additions).
    ``with_total`` puts more cells on the total's side (一 + 二 = （七）总计 + 四 is
    ``total=四, with_total=(（七）总计,), parts=(一, 二)``). ``message`` is a ``str.format``
    template with ``{found}`` (the total), ``{expected}`` (``sum(parts) - sum(with_total)``),
    ``{arithmetic}`` (that sum written out) and ``{description}``; empty means a generic one.
    ``formats`` limits the identity to tables of those formats (empty: any format).
    """

    code: str
    description: str
    total: CellRef
    parts: tuple[CellRef, ...]
    with_total: tuple[CellRef, ...] = ()
    message: str = ""
    formats: tuple[str, ...] = ()


_R = RowTemplate

#: Table 二 blocks per format. Column ids: see docs/json.md.
ACTIVE_BLOCKS: Mapping[str, tuple[ActiveBlock, ...]] = MappingProxyType({
    "2021": (
        ActiveBlock("第二十条第（一）项",
                    (("issued", "本年制发件数"), ("repealed", "本年废止件数"),
                     ("in_force", "现行有效件数")),
                    (_R("rules", "规章"), _R("normative_documents", "行政规范性文件",
                                             variants=("规范性文件",)))),
        ActiveBlock("第二十条第（五）项", (("decisions", "本年处理决定数量"),),
                    (_R("licensing", "行政许可"),)),
        ActiveBlock("第二十条第（六）项", (("decisions", "本年处理决定数量"),),
                    (_R("penalty", "行政处罚"), _R("enforcement", "行政强制"))),
        ActiveBlock("第二十条第（八）项", (("amount", "本年收费金额（单位：万元）"),),
                    (_R("fees", "行政事业性收费"),)),
    ),
    "2019": (
        ActiveBlock("第二十条第（一）项",
                    (("new_made", "本年新制作数量"), ("new_published", "本年新公开数量"),
                     ("total_published", "对外公开总数量")),
                    (_R("rules", "规章"), _R("normative_documents", "规范性文件",
                                             variants=("行政规范性文件",)))),
        ActiveBlock("第二十条第（五）项",
                    (("previous_count", "上一年项目数量"), ("change", "本年增/减"),
                     ("decisions", "处理决定数量")),
                    (_R("licensing", "行政许可"), _R("other_services", "其他对外管理服务事项"))),
        ActiveBlock("第二十条第（六）项",
                    (("previous_count", "上一年项目数量"), ("change", "本年增/减"),
                     ("decisions", "处理决定数量")),
                    (_R("penalty", "行政处罚"), _R("enforcement", "行政强制"))),
        ActiveBlock("第二十条第（八）项",
                    (("previous_count", "上一年项目数量"), ("change", "本年增/减")),
                    (_R("fees", "行政事业性收费"),)),
        ActiveBlock("第二十条第（九）项",
                    (("projects", "采购项目数量"), ("amount", "采购总金额")),
                    (_R("procurement", "政府集中采购"),)),
    ),
})

#: Headers that only the 2019 table 二 has; any of them means the 2019 tables were used.
ACTIVE_2019_MARKERS: tuple[str, ...] = (
    "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
    "其他对外管理服务事项", "第二十条第（九）项", "政府集中采购",
)

#: How each table is numbered in the format (and in messages): table 二, 三, 四.
TABLE_NUMERALS: Mapping[str, str] = MappingProxyType(
    {"active": "二", "requests": "三", "review": "四"})

#: Table 三 columns, in order.
REQUEST_COLUMNS: tuple[str, ...] = (
    "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
)

_NOT_PROCESSED = "行政机关不再处理其政府信息公开申请"
_NOT_PROCESSED_VARIANT = "行政机关不再受理其政府信息公开申请"

_REQUEST_HEAD = (
    _R("new", "本年新收政府信息公开申请数量", "一、"),
    _R("carried_over", "上年结转政府信息公开申请数量", "二、"),
)
_REQUEST_DENIED_TO_NOT_PROCESSED = (
    _R("granted", "予以公开", "（一）"),
    _R("partially_granted", "部分公开", "（二）",
       optional_suffix="（区分处理的，只计这一情形，不计其他情形）"),
    _R("denied.state_secret", "属于国家秘密", "1."),
    _R("denied.prohibited_by_law", "其他法律行政法规禁止公开", "2.",
       variants=("其他法律和行政法规禁止公开", "其他法律、行政法规禁止公开")),
    _R("denied.three_safeties", "危及“三安全一稳定”", "3.", variants=("危及三安全一稳定",)),
    _R("denied.third_party", "保护第三方合法权益", "4."),
    _R("denied.internal_affairs", "属于三类内部事务信息", "5."),
    _R("denied.process_info", "属于四类过程性信息", "6."),
    _R("denied.enforcement_file", "属于行政执法案卷", "7."),
    _R("denied.query_item", "属于行政查询事项", "8."),
    _R("unable.not_held", "本机关不掌握相关政府信息", "1."),
    _R("unable.needs_creation", "没有现成信息需要另行制作", "2."),
    _R("unable.unclear", "补正后申请内容仍不明确", "3."),
    _R("not_processed.petition", "信访举报投诉类申请", "1."),
    _R("not_processed.duplicate", "重复申请", "2."),
    _R("not_processed.publication", "要求提供公开出版物", "3."),
    _R("not_processed.excessive", "无正当理由大量反复申请", "4."),
    _R("not_processed.confirmation", "要求行政机关确认或重新出具已获取信息", "5."),
)
_REQUEST_TAIL = (
    _R("total", "总计", "（七）"),
    _R("carry_forward", "结转下年度继续办理", "四、"),
)

#: Table 三 rows per format, in order. Group labels (三、本年度办理结果, （三）不予公开 …) are not
#: rows: they carry no numbers (see :data:`REQUEST_GROUPS`).
REQUEST_ROWS: Mapping[str, tuple[RowTemplate, ...]] = MappingProxyType({
    "2021": (*_REQUEST_HEAD, *_REQUEST_DENIED_TO_NOT_PROCESSED,
             _R("other.no_correction", f"申请人无正当理由逾期不补正、{_NOT_PROCESSED}", "1.",
                variants=(f"申请人无正当理由逾期不补正、{_NOT_PROCESSED_VARIANT}",)),
             _R("other.no_fee", f"申请人逾期未按收费通知要求缴纳费用、{_NOT_PROCESSED}", "2.",
                variants=(f"申请人逾期未按收费通知要求缴纳费用、{_NOT_PROCESSED_VARIANT}",)),
             _R("other.other", "其他", "3."),
             *_REQUEST_TAIL),
    "2019": (*_REQUEST_HEAD, *_REQUEST_DENIED_TO_NOT_PROCESSED,
             _R("other", "其他处理", "（六）"),
             *_REQUEST_TAIL),
})

#: Group labels of table 三: (official text, numbering).
REQUEST_GROUPS: tuple[RowTemplate, ...] = (
    _R("group.results", "本年度办理结果", "三、"),
    _R("group.denied", "不予公开", "（三）"),
    _R("group.unable", "无法提供", "（四）"),
    _R("group.not_processed", "不予处理", "（五）"),
    _R("group.other", "其他处理", "（六）"),
)

#: Row keys of table 三 that are outcomes, summed into （七）总计.
OUTCOME_PREFIXES: tuple[str, ...] = (
    "granted", "partially_granted", "denied.", "unable.", "not_processed.", "other",
)


def template_row_keys(kind: str, format_: str) -> list[str]:
    """The row keys of table ``kind`` (``active``, ``requests``, ``review``) in template order."""
    if kind == "requests":
        return [row.key for row in REQUEST_ROWS.get(format_, ())]
    if kind == "active":
        return [row.key for block in ACTIVE_BLOCKS.get(format_, ()) for row in block.rows]
    return [key for key, _ in REVIEW_GROUPS]


def template_row_name(kind: str, format_: str, key: str) -> str:
    """How messages name a row of table ``kind``: the official label with its numbering (with
    its group for table-三 sub-rows), or ``key`` for a row the template does not know."""
    if kind == "requests":
        row = next((r for r in REQUEST_ROWS.get(format_, ()) if r.key == key), None)
        return request_row_name(row) if row is not None else key
    if kind == "active":
        return next((r.official for block in ACTIVE_BLOCKS.get(format_, ()) for r in block.rows
                     if r.key == key), key)
    return dict(REVIEW_GROUPS).get(key, key)


def request_rows(format_: str) -> tuple[RowTemplate, ...]:
    """Table 三 rows of a format (``"2019"`` or ``"2021"``)."""
    return REQUEST_ROWS[format_]


def outcome_keys(format_: str) -> tuple[str, ...]:
    """Table 三 row keys summed into （七）总计 in a format."""
    return tuple(row.key for row in REQUEST_ROWS[format_]
                 if row.key.startswith(OUTCOME_PREFIXES))


#: Table 四: three groups of five cells, in the printed order.
REVIEW_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
)
REVIEW_COLUMNS: tuple[str, ...] = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


# --------------------------------------------------------------------------- identities

def request_row_name(row: RowTemplate) -> str:
    """A table-三 row as messages name it: numbering and label, the group for sub-rows."""
    group = next((g for g in REQUEST_GROUPS[1:]
                  if row.key.startswith(g.key.removeprefix("group.") + ".")), None)
    prefix = f"{group.numbering}{group.label} " if group is not None else ""
    return f"{prefix}{row.numbering}{row.label}"


def _national_identities(format_: str) -> tuple[Identity, ...]:
    applicants = range(len(REQUEST_COLUMNS) - 1)
    total_column = len(REQUEST_COLUMNS) - 1
    identities: list[Identity] = []
    for row in REQUEST_ROWS[format_]:
        name = request_row_name(row)
        identities.append(Identity(
            "T001", f"table 三 row total: {name}",
            ("requests", row.key, total_column),
            tuple(("requests", row.key, c) for c in applicants),
            message=f'总计 of "{name}" is {{found}}, but the six applicant columns add up to '
                    "{expected}", formats=(format_,)))
    outcomes = outcome_keys(format_)
    for c, column in enumerate(REQUEST_COLUMNS):
        identities.append(Identity(
            "T002", f"table 三 outcome total: {column}", ("requests", "total", c),
            tuple(("requests", key, c) for key in outcomes),
            message=f'（七）总计 in column "{column}" is {{found}}, but the outcome rows '
                    "（一）–（六） add up to {expected}", formats=(format_,)))
    for c, column in enumerate(REQUEST_COLUMNS):
        identities.append(Identity(
            "T003", f"table 三 printed identity 一 + 二 = （七）总计 + 四: {column}",
            ("requests", "carry_forward", c),
            (("requests", "new", c), ("requests", "carried_over", c)),
            with_total=(("requests", "total", c),),
            message=f'四、结转下年度继续办理 in column "{column}" is {{found}}, but 一 + 二 − '
                    "（七）总计 = {arithmetic} = {expected} (一 + 二 must equal （七）总计 + 四)",
            formats=(format_,)))
    for key, label in REVIEW_GROUPS:
        identities.append(Identity(
            "T004", f"table 四 group total: {label}", ("review", key, 4),
            tuple(("review", key, c) for c in range(4)),
            message=f"总计 of {label} is {{found}}, but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 "
                    "add up to {expected}", formats=(format_,)))
    return tuple(identities)


_NATIONAL_IDENTITIES = {format_: _national_identities(format_) for format_ in REQUEST_ROWS}


def national_identities(format_: str) -> tuple[Identity, ...]:
    """The arithmetic identities of tables 三 and 四 in a format (``"2019"`` or ``"2021"``):
    row totals (T001), outcome totals (T002), the printed identity (T003), table-四 group totals
    (T004). Every identity carries ``formats=(format_,)``."""
    return _NATIONAL_IDENTITIES[format_]
