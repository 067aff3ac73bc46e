"""Code lists for 行政应诉 (行政诉讼法; 法释〔2018〕1号; 法释〔2020〕3号): instances, outcomes and which outcomes count
as 败诉 (a statistics convention, configurable), the heads who qualify for 负责人出庭应诉 (解释 Art. 128)."""

from __future__ import annotations

import re

INSTANCES = (("first", "一审"), ("second", "二审"), ("retrial", "再审"))
NEXT_INSTANCE = {"first": "second", "second": "retrial"}

# (code, label, kind, article). kind: "judgment" 判决 / "ruling" 裁定 / "other" (调解、撤诉).
OUTCOME_ROWS = (
    ("dismiss_claim", "判决驳回诉讼请求", "judgment", "第六十九条"),
    ("revoke", "判决撤销", "judgment", "第七十条"),
    ("partial_revoke", "判决部分撤销", "judgment", "第七十条"),
    ("confirm_illegal", "判决确认违法", "judgment", "第七十四条"),
    ("confirm_invalid", "判决确认无效", "judgment", "第七十五条"),
    ("perform", "判决履行法定职责", "judgment", "第七十二条"),
    ("payment", "判决给付", "judgment", "第七十三条"),
    ("change", "判决变更", "judgment", "第七十七条"),
    ("agreement", "行政协议判决", "judgment", "第七十八条"),
    ("compensation", "判决赔偿", "judgment", "第七十六条"),
    ("appeal_dismissed", "驳回上诉、维持原判", "judgment", "第八十九条"),
    ("mediation", "调解", "other", "第六十条"),
    ("withdrawal", "撤诉", "other", "第六十二条"),
    ("dismiss_suit", "裁定驳回起诉", "ruling", "解释第六十九条"),
    ("not_filed", "裁定不予立案", "ruling", "第五十一条"),
    ("terminated", "裁定终结诉讼", "ruling", "解释第八十八条"),
    ("remanded", "裁定发回重审", "ruling", "第八十九条"),
)
OUTCOMES = tuple((code, label) for code, label, _kind, _art in OUTCOME_ROWS)
OUTCOME_KIND = {code: kind for code, _label, kind, _art in OUTCOME_ROWS}
OUTCOME_ARTICLE = {code: art for code, _label, _kind, art in OUTCOME_ROWS}
JUDGMENT_OUTCOMES = tuple(code for code, _label, kind, _art in OUTCOME_ROWS if kind == "judgment")

# legal-rules.md §3.3 ⚠: the 败诉 convention (撤销, 确认违法, 确认无效, 履行, 给付, 变更, 赔偿; 部分撤销 with 撤销).
DEFAULT_LOST = (
    "revoke",
    "partial_revoke",
    "confirm_illegal",
    "confirm_invalid",
    "perform",
    "payment",
    "change",
    "compensation",
)

# 解释 Art. 128; 法释〔2020〕3号 Art. 2: heads of the defendant agency itself qualify; heads of entrusted
# organisations or of lower agencies do not.
HEAD_POSITIONS = (
    ("principal", "正职负责人", True),
    ("deputy", "副职负责人", True),
    ("deputy_in_charge", "分管负责人", True),
    ("other_head", "参与分管的其他负责人", True),
    ("entrusted_head", "被委托组织负责人", False),
    ("lower_head", "下级机关负责人", False),
)
QUALIFYING_POSITIONS = {code for code, _label, ok in HEAD_POSITIONS if ok}
HEAD_POSITION_LABEL = {code: label for code, label, _ok in HEAD_POSITIONS}

APPELLANTS = (("plaintiff", "原告（上诉人为对方）"), ("defendant", "本机关"), ("other", "其他当事人"))


# 法院案号 (最高人民法院《关于人民法院案件案号的若干规定》法〔2015〕137号, 2018年修订): （收案年度）+ 法院代字 (the
# province's abbreviation and the court's number, e.g. 鲁0102) + 类型代字 (行政: 行初, 行终, 行申, 行再, 行赔初 …) + 案件编号
# + 号 — e.g. （2026）鲁0102行初123号. Half-width parentheses are accepted and stored full-width.
COURT_NUMBER_RE = re.compile(r"（(19|20)\d{2}）[\u4e00-\u9fa5]{1,3}\d{0,4}行[\u4e00-\u9fa5]{1,3}\d{1,6}号")
COURT_NUMBER_EXAMPLE = "（2026）鲁0102行初123号"


def court_number_normal(value: str) -> str | None:
    """The court case number in its normal form, or None when it does not have the 案号 shape."""
    v = (value or "").strip().replace("(", "（").replace(")", "）").replace(" ", "")
    return v if COURT_NUMBER_RE.fullmatch(v) else None
