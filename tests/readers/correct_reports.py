"""Correct 年报 of every agency kind, built from text: a 2021-format report for 2024 published in
January 2025 (also a 2019-format one for 2020 and a 2021-format one for 2022), every table's
arithmetic right, self-references fitting the agency, the prose's counts matching the tables.

They vary what published reports vary: how the agency names itself (我部, 省政府, 本厅, 我局, 县政府,
本委, 我镇, 本乡, 本街道, 管委会), the year's spelling (2024年, 2024年度, 二〇二四年), a sentence
of the kind's own (上级 and 下级 bodies named: 县委、县政府, 全市, 我区), notes under tables, a
fee in 万元, no applications at all, many, and some. ``python -m tests.readers.correct_reports
DIR`` writes them. Found false positives on: C004 (a total after another count), F003
(乡政府政府信息公开), the HTML reader (print/close links and 上一篇/下一篇 after the content block).
"""
# ruff: noqa: E501  (the reports' sentences and table rows are kept whole, one a line)
from __future__ import annotations

import random
from dataclasses import dataclass

CN_YEARS = {2019: "二〇一九", 2020: "二〇二〇", 2021: "二〇二一", 2022: "二〇二二", 2023: "二〇二三",
            2024: "二〇二四", 2025: "二〇二五"}

@dataclass
class Kind:
    key: str
    agency: str          # full name
    short: str           # short self-name used in prose (e.g. 高新区管委会)
    we: str              # 我局 / 本局
    we2: str             # another self-reference
    government: bool = False
    rules_power: bool = False
    year_style: str = "plain"   # plain / du / cn
    applications: str = "some"  # none / some / many
    blank_zero: bool = False
    notes: bool = False
    portal: str = "门户网站"
    context: str = ""     # a sentence as real reports of the kind write it
    fee: str = "0"
    received: int | None = None  # exactly this many new applications, all from 自然人

KINDS = [
    Kind("ministry", "水利部", "水利部", "我部", "本部", rules_power=True, applications="many", notes=True,
         context="全年召开新闻发布会12场，在部门户网站开设专栏，指导流域管理机构和各省级水行政主管部门做好政务公开工作，全国水利系统政务公开水平持续提升。"),
    Kind("province", "山西省人民政府", "省政府", "我省", "省政府", government=True, rules_power=True,
         year_style="du", applications="many",
         context="全省各级行政机关共主动公开政府信息52万余条，省政府门户网站全年访问量同比增长12.5%，各市县政府认真落实省政府部署。"),
    Kind("provdept", "湖南省交通运输厅", "省交通运输厅", "我厅", "本厅", year_style="plain",
         context="指导全省交通运输系统做好政务公开工作，厅机关各处室、厅直属各单位按照职责分工及时公开信息，全省交通运输行业政务公开水平进一步提高。"),
    Kind("citybureau", "洛阳市市场监督管理局", "市市场监管局", "我局", "本局", year_style="cn", fee="12.35",
         context="在市委、市政府的正确领导下，我局围绕全市市场监管中心工作，指导各县（市、区）市场监管局做好信息公开，我市营商环境持续优化。"),
    Kind("county", "安阳县人民政府", "县政府", "我县", "县政府", government=True, applications="some",
         blank_zero=True, context="县政府办公室作为全县政府信息公开工作主管部门，指导各乡镇人民政府、县直各部门做好公开工作，全县各乡镇、各部门共主动公开信息3.2万条。"),
    Kind("commission", "郑州市发展和改革委员会", "市发展改革委", "我委", "本委", notes=True,
         context="我委坚持把政务公开作为推进依法行政的重要抓手，委机关各处室按照“谁制作、谁公开”原则及时公开，委党组定期研究政务公开工作。"),
    Kind("town", "李庄镇人民政府", "李庄镇", "我镇", "本镇", government=True, applications="none",
         context="在县委、县政府的正确领导下，我镇认真落实县政府办公室关于政务公开的工作要求，镇党委书记亲自抓，全镇18个行政村均设立村务公开栏。"),
    Kind("xiang", "王村乡人民政府", "王村乡", "乡政府", "本乡", government=True, applications="some",
         year_style="du", context="乡政府办公室负责全乡政府信息公开日常工作，各站所、各村按照职责分工配合做好信息公开。"),
    Kind("jiedao", "城关街道办事处", "城关街道", "本街道", "我街道", applications="some", year_style="cn",
         context="在区委、区政府的坚强领导下，街道党工委高度重视政务公开工作，辖区12个社区居委会均设立居务公开栏，本办明确专人负责信息发布。"),
    Kind("guanweihui", "洛阳高新技术产业开发区管理委员会", "高新区管委会", "管委会", "本委",
         applications="some", blank_zero=True,
         context="管委会坚持把政务公开作为优化营商环境的重要举措，围绕园区招商引资、项目建设等重点工作及时公开信息，我区入驻企业达320家。"),
]

def year_text(y: int, style: str) -> str:
    return {"plain": f"{y}年", "du": f"{y}年度", "cn": f"{CN_YEARS[y]}年"}[style]

COLS = 7
REQ_ROWS = [
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried", "二、上年结转政府信息公开申请数量"),
]
OUTCOMES = [
    ("三、本年度办理结果", "（一）予以公开", None),
    (None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    (None, "（三）不予公开", "1.属于国家秘密"),
    (None, None, "2.其他法律行政法规禁止公开"),
    (None, None, "3.危及“三安全一稳定”"),
    (None, None, "4.保护第三方合法权益"),
    (None, None, "5.属于三类内部事务信息"),
    (None, None, "6.属于四类过程性信息"),
    (None, None, "7.属于行政执法案卷"),
    (None, None, "8.属于行政查询事项"),
    (None, "（四）无法提供", "1.本机关不掌握相关政府信息"),
    (None, None, "2.没有现成信息需要另行制作"),
    (None, None, "3.补正后申请内容仍不明确"),
    (None, "（五）不予处理", "1.信访举报投诉类申请"),
    (None, None, "2.重复申请"),
    (None, None, "3.要求提供公开出版物"),
    (None, None, "4.无正当理由大量反复申请"),
    (None, None, "5.要求行政机关确认或重新出具已获取信息"),
    (None, "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    (None, None, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    (None, None, "3.其他"),
]
OUTCOMES_2019 = [*OUTCOMES[:18], (None, "（六）其他处理", None)]


def request_numbers(mode: str, rng: random.Random, n_out: int, received: int | None = None):
    """Per applicant column (6 kinds), new, carried, outcomes, carry_forward."""
    cols = []
    for c in range(6):
        if received is not None:
            new, carried, cf = (received if c == 0 else 0), 0, 0
        elif mode == "none" or (mode == "some" and c not in (0, 1)):
            new = carried = cf = 0
        else:
            scale = 40 if mode == "many" else 4
            if c > 1 and mode == "many":
                scale = 3
            new = rng.randint(0, scale) if c else rng.randint(1, scale)
            carried = rng.randint(0, 2) if mode == "many" else 0
            cf = rng.randint(0, min(2, new + carried)) if mode == "many" else 0
        done = new + carried - cf
        outs = [0] * n_out
        for _ in range(done):
            outs[rng.choice([0, 0, 0, 1, 2, 5, 10, 11, 13, 14, n_out - 1])] += 1
        cols.append((new, carried, outs, cf))
    return cols


def build(kind: Kind, year: int = 2024, fmt: str = "2021", seed: int = 1) -> str:
    rng = random.Random(seed)
    y, ny = year, year + 1
    Y = year_text(y, kind.year_style)
    we, we2, ag = kind.we, kind.we2, kind.agency
    z = str
    zb = str
    L: list[str] = []
    L.append(f"{ag}{Y}政府信息公开工作年度报告")
    basis = ("国办公开办函〔2021〕30号" if fmt == "2021" else "国办公开办函〔2019〕60号")
    L.append(f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{basis}要求编制。"
             f"本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。本报告电子版可在{ag}{kind.portal}"
             f"下载。如对本报告有疑问，请与{ag}{'' if ag.endswith(('办公室', '办公厅')) else '办公室'}联系（电话：0379-12345678）。")
    n_out = len(OUTCOMES if fmt == "2021" else OUTCOMES_2019)
    cols = request_numbers(kind.applications, rng, n_out, kind.received)
    tot_new = sum(c[0] for c in cols)
    tot_car = sum(c[1] for c in cols)
    tot_cf = sum(c[3] for c in cols)
    granted = sum(c[2][0] for c in cols)
    L.append("一、总体情况")
    L.append(f"{Y}，{ag}认真贯彻落实《条例》和上级关于政务公开工作的部署要求，坚持以公开为常态、不公开为例外，"
             f"持续推进政府信息公开工作。")
    active_n = rng.randint(50, 900)
    if kind.context:
        L.append(kind.context)
    L.append(f"（一）主动公开。{we}全年通过{kind.portal}主动公开政府信息{active_n}条，及时发布机构职能、政策文件、"
             f"财政预决算、重点领域等信息，做好政策解读工作。")
    if tot_new == 0 and tot_car == 0:
        L.append(f"（二）依申请公开。{y}年，{we}未收到政府信息公开申请，无上年结转申请。")
    else:
        s = f"（二）依申请公开。{y}年，{we}共收到政府信息公开申请{tot_new}件"
        if tot_car:
            s += f"，上年结转{tot_car}件"
        done = tot_new + tot_car - tot_cf
        s += f"。本年度办结{done}件，其中予以公开{granted}件，其他情形{done - granted}件"
        s += f"；结转下年度继续办理{tot_cf}件。" if tot_cf else "，均已按时答复。"
        L.append(s)
        s = (f"{y}年，{we}共收到政府信息公开申请{tot_new}件，上年结转{tot_car}件，其中予以公开{granted}件，"
                 f"部分公开{sum(c[2][1] for c in cols)}件。")
        L.append(s)
    L.append(f"（三）政府信息管理。{we2}严格落实政府信息公开保密审查制度，坚持“先审查、后公开”，"
             f"及时更新政府信息公开指南和目录。")
    L.append(f"（四）政府信息公开平台建设。{we}持续加强{kind.portal}政府信息公开专栏建设，规范栏目设置，"
             f"同时利用政务新媒体及时发布信息。")
    sup = "（五）监督保障。" + f"{we}成立政务公开工作领导小组，明确分管领导和工作人员，将政务公开纳入年度工作重点。"
    if kind.government:
        sup += "加强工作考核和社会评议，全年未发生政府信息公开工作责任追究情况。"
    L.append(sup)
    L.append("二、主动公开政府信息情况")
    T = []
    r1 = (rng.randint(1, 5), rng.randint(0, 2)) if kind.rules_power else (0, 0)
    stock1 = r1[0] + rng.randint(10, 60) if kind.rules_power else 0
    n2 = rng.randint(0, 12)
    stock2 = n2 + rng.randint(5, 80)
    lic, pen, enf = rng.randint(0, 3000), rng.randint(0, 500), rng.randint(0, 20)
    if kind.key in ("town", "jiedao"):
        lic, pen, enf, n2, stock2 = 0, rng.randint(0, 30), 0, 0, rng.randint(0, 3)
    if fmt == "2021":
        T += ["第二十条第（一）项 | | | |",
              "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
              f"规章 | {zb(r1[0])} | {zb(r1[1])} | {zb(stock1)} |",
              f"行政规范性文件 | {z(n2)} | {z(0)} | {z(stock2)} |",
              "第二十条第（五）项 | | | |",
              "信息内容 | 本年处理决定数量 | | |",
              (f"行政许可 | {z(lic)} |" if kind.blank_zero else f"行政许可 | {z(lic)} | | |"),
              "第二十条第（六）项 | | | |",
              "信息内容 | 本年处理决定数量 | | |",
              f"行政处罚 | {z(pen)} | | |",
              f"行政强制 | {z(enf)} | | |",
              "第二十条第（八）项 | | | |",
              "信息内容 | 本年收费金额（单位：万元） | | |",
              f"行政事业性收费 | {kind.fee} | | |"]
    else:
        T += ["第二十条第（一）项 | | | |",
              "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
              f"规章 | {r1[0]} | {r1[0]} | {stock1} |",
              f"规范性文件 | {n2} | {n2} | {stock2} |",
              "第二十条第（五）项 | | | |",
              "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
              f"行政许可 | 12 | 0 | {lic} |",
              "其他对外管理服务事项 | 0 | 0 | 0 |",
              "第二十条第（六）项 | | | |",
              "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
              f"行政处罚 | 20 | -1 | {pen} |",
              f"行政强制 | 3 | 0 | {enf} |",
              "第二十条第（八）项 | | | |",
              "信息内容 | 上一年项目数量 | 本年增/减 | |",
              "行政事业性收费 | 0 | 0 | |",
              "第二十条第（九）项 | | | |",
              "信息内容 | 采购项目数量 | 采购总金额 | |",
              "政府集中采购 | 3 | 125.5 | |"]
    L += T
    if kind.notes:
        L.append("注：本表数据统计口径为本机关本级。")
    L.append("三、收到和处理政府信息公开申请情况")
    L.append("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | | 申请人情况 | | | | | | |")
    L.append(" | | | 自然人 | 法人或其他组织 | | | | | 总计 |")
    L.append(" | | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |")
    def row(label3: list[str], vals: list[int]) -> str:
        tot = sum(vals)
        return " | ".join(label3 + [z(v) for v in vals] + [z(tot)]) + " |"
    L.append(row([REQ_ROWS[0][1], "", ""], [c[0] for c in cols]))
    L.append(row([REQ_ROWS[1][1], "", ""], [c[1] for c in cols]))
    outs = OUTCOMES if fmt == "2021" else OUTCOMES_2019
    for i, (a, b, c) in enumerate(outs):
        L.append(row([a or "", b or "", c or ""], [col[2][i] for col in cols]))
    L.append(row(["", "（七）总计", ""], [sum(col[2]) for col in cols]))
    L.append(row(["四、结转下年度继续办理", "", ""], [col[3] for col in cols]))
    if kind.notes:
        L.append("注：“其他”指申请人撤回申请等情形。")
    L.append("四、政府信息公开行政复议、行政诉讼情况")
    L.append("行政复议 | | | | | 行政诉讼 | | | | | | | | | |")
    L.append("结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |")
    L.append(" | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |")
    if kind.applications == "many":
        rv, ld, la = [2, 1, 0, 1], [1, 0, 0, 1], [0, 0, 0, 0]
    else:
        rv = ld = la = [0, 0, 0, 0]
    cells = [z(v) for g in (rv, ld, la) for v in [*g, sum(g)]]
    L.append(" | ".join(cells) + " |")
    L.append("五、存在的主要问题及改进情况")
    L.append(f"{Y}，{we}政府信息公开工作取得了一定成效，但仍存在一些不足：一是公开内容的深度和广度有待拓展；"
             f"二是政策解读形式还不够丰富。")
    L.append(f"{ny}年，{we}将进一步加强业务培训，丰富解读形式，持续提升政府信息公开工作质量。")
    L.append("六、其他需要报告的事项")
    L.append(f"（一）依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），{we}{y}年未收取信息处理费。")
    if kind.government:
        L.append(f"（二）{we}认真落实{y}年政务公开工作要点，人大代表建议和政协提案办理结果均已按要求公开。")
    L.append("（三）无其他需要报告的事项。" if kind.government else "（二）无其他需要报告的事项。")
    L.append(ag)
    L.append(f"{ny}年1月20日" if kind.year_style != "cn" else f"{CN_YEARS[ny]}年一月二十日")
    return "\n".join(L) + "\n"

def reports() -> dict[str, str]:
    """Every generated report by name."""
    found = {kind.key: build(kind, seed=index + 1) for index, kind in enumerate(KINDS)}
    found["county-2019-format-2020"] = build(KINDS[4], 2020, "2019", 50)
    found["commission-2022"] = build(KINDS[5], 2022, "2021", 51)
    return found


if __name__ == "__main__":
    import sys
    from pathlib import Path

    out = Path(sys.argv[1])
    out.mkdir(exist_ok=True, parents=True)
    for name, text in reports().items():
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
