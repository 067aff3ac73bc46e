"""Code lists for 政府信息公开 依申请公开 (《政府信息公开条例》2019; 国办公开办函〔2021〕30号 annual report table;
国办函〔2020〕109号 fees). legal-rules.md §4. The table's row keys and column keys are a contract (`fazhi stats
disclosure`, the import template)."""

from __future__ import annotations

from dataclasses import dataclass

# The table's columns (国办公开办函〔2021〕30号 第三部分): 自然人 | 法人或其他组织 (five) | 总计.
APPLICANT_TYPES = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
)
APPLICANT_TYPE_LABEL = dict(APPLICANT_TYPES)
COLUMNS = (*(code for code, _ in APPLICANT_TYPES), "total")

# Receipt channels (Art. 31). The kernel's Case.channel codes; the mail kind decides which date counts.
CHANNELS = (
    ("in_person", "当面"),
    ("mail", "邮寄"),
    ("online", "网络"),
    ("fax", "传真"),
    ("other", "其他"),
)
CHANNEL_LABEL = dict(CHANNELS)
MAIL_KINDS = (("registered", "挂号信、快递等需签收的邮件"), ("ordinary", "平常信函"))


@dataclass(frozen=True)
class Row:
    key: str  # contract key of the annual table (e.g. "refused.1")
    group: str  # 三(一) … 三(六) group label ("" for the single-line rows)
    label: str  # the table's item label
    basis: str  # 《政府信息公开条例》 article(s) the outcome rests on


C = "《政府信息公开条例》"
# Section 三 of the table: every request ends with exactly one of these (its `outcome`).
OUTCOME_ROWS = (
    Row("disclosed", "", "予以公开", C + "第三十六条第（一）项、第（二）项"),
    Row("partial", "", "部分公开", C + "第三十七条"),
    Row("refused.1", "不予公开", "属于国家秘密", C + "第十四条、第三十六条第（三）项"),
    Row("refused.2", "不予公开", "其他法律行政法规禁止公开", C + "第十四条、第三十六条第（三）项"),
    Row("refused.3", "不予公开", "危及“三安全一稳定”", C + "第十四条、第三十六条第（三）项"),
    Row("refused.4", "不予公开", "保护第三方合法权益", C + "第十五条、第三十二条、第三十六条第（三）项"),
    Row("refused.5", "不予公开", "属于三类内部事务信息", C + "第十六条第一款、第三十六条第（三）项"),
    Row("refused.6", "不予公开", "属于四类过程性信息", C + "第十六条第二款、第三十六条第（三）项"),
    Row("refused.7", "不予公开", "属于行政执法案卷", C + "第十六条第二款、第三十六条第（三）项"),
    Row("refused.8", "不予公开", "属于行政查询事项", C + "第三十六条第（七）项"),
    Row("unavailable.1", "无法提供", "本机关不掌握相关政府信息", C + "第三十六条第（四）项、第（五）项"),
    Row("unavailable.2", "无法提供", "没有现成信息需要另行制作", C + "第三十八条"),
    Row("unavailable.3", "无法提供", "补正后申请内容仍不明确", C + "第三十条"),
    Row("not_processed.1", "不予处理", "信访举报投诉类申请", C + "第三十九条第一款"),
    Row("not_processed.2", "不予处理", "重复申请", C + "第三十六条第（六）项"),
    Row("not_processed.3", "不予处理", "要求提供公开出版物", C + "第三十九条第二款"),
    Row("not_processed.4", "不予处理", "无正当理由大量反复申请", C + "第三十五条"),
    Row("not_processed.5", "不予处理", "要求行政机关确认或重新出具已获取信息", C + "第三十六条、第三十八条"),
    Row(
        "other.1",
        "其他处理",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        C + "第三十条",
    ),
    Row(
        "other.2",
        "其他处理",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        C + "第四十二条；国办函〔2020〕109号",
    ),
    Row("other.3", "其他处理", "其他", C),
)
ROW = {r.key: r for r in OUTCOME_ROWS}
OUTCOMES = tuple((r.key, f"{r.group}-{r.label}" if r.group else r.label) for r in OUTCOME_ROWS)
OUTCOME_LABEL = dict(OUTCOMES)

# The whole table, in order: (key, the table's row label).
TABLE_ROWS = (
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_in", "二、上年结转政府信息公开申请数量"),
    ("disclosed", "三、本年度办理结果 （一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    *((f"refused.{i}", f"（三）不予公开 {i}.{ROW[f'refused.{i}'].label}") for i in range(1, 9)),
    *((f"unavailable.{i}", f"（四）无法提供 {i}.{ROW[f'unavailable.{i}'].label}") for i in range(1, 4)),
    *((f"not_processed.{i}", f"（五）不予处理 {i}.{ROW[f'not_processed.{i}'].label}") for i in range(1, 6)),
    *((f"other.{i}", f"（六）其他处理 {i}.{ROW[f'other.{i}'].label}") for i in range(1, 4)),
    ("total", "（七）总计"),
    ("carried_out", "四、结转下年度继续办理"),
)


@dataclass(frozen=True)
class ReplyType:
    code: str
    label: str
    basis: str
    rows: tuple[str, ...]  # the table rows this reply may end in (the handler picks one when there are several)


# The reply types of Art. 36 (1)–(7), Art. 37 (区分处理), Art. 38 and Art. 39 ¶2, each with its citation.
REPLY_TYPES = (
    ReplyType("already_public", "已经主动公开的，告知获取的方式和途径", C + "第三十六条第（一）项", ("disclosed",)),
    ReplyType("disclose", "予以公开，提供信息或告知获取的方式、途径和时间", C + "第三十六条第（二）项", ("disclosed",)),
    ReplyType("partial", "部分公开（区分处理）", C + "第三十七条", ("partial",)),
    ReplyType(
        "refuse",
        "不予公开，告知理由",
        C + "第三十六条第（三）项",
        tuple(f"refused.{i}" for i in range(1, 8)),
    ),
    ReplyType(
        "not_exist", "经检索没有所申请公开信息，告知该政府信息不存在", C + "第三十六条第（四）项", ("unavailable.1",)
    ),
    ReplyType(
        "not_this_agency",
        "不属于本机关负责公开，告知申请人并说明理由；能够确定负责公开机关的，告知其名称、联系方式",
        C + "第三十六条第（五）项",
        ("unavailable.1",),
    ),
    ReplyType("repeat", "重复申请，告知不予重复处理", C + "第三十六条第（六）项", ("not_processed.2",)),
    ReplyType(
        "special_regime",
        "属于工商、不动产登记资料等有特别规定的信息，告知依照有关法律、行政法规的规定办理",
        C + "第三十六条第（七）项",
        ("refused.8",),
    ),
    ReplyType("needs_compiling", "需要另行制作或加工、分析的，可以不予提供", C + "第三十八条", ("unavailable.2",)),
    ReplyType("still_unclear", "补正后申请内容仍不明确", C + "第三十条", ("unavailable.3",)),
    ReplyType("publication", "要求提供公开出版物，告知获取的途径", C + "第三十九条第二款", ("not_processed.3",)),
    ReplyType("confirm", "要求确认或重新出具已获取信息，不予处理", C + "第三十六条、第三十八条", ("not_processed.5",)),
    ReplyType("excessive", "无正当理由大量、频繁申请，不予处理", C + "第三十五条", ("not_processed.4",)),
)
REPLY_TYPE = {t.code: t for t in REPLY_TYPES}

# The exemption reasons of Arts. 14–16 (the reason library of a refusal), keyed by the table row they count in.
EXEMPTIONS = (
    ("refused.1", "所申请公开的信息依法确定为国家秘密", C + "第十四条"),
    ("refused.2", "法律、行政法规禁止公开", C + "第十四条"),
    ("refused.3", "公开后可能危及国家安全、公共安全、经济安全、社会稳定", C + "第十四条"),
    (
        "refused.4",
        "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害，第三方不同意公开且不公开不会对公共利益造成重大影响",
        C + "第十五条",
    ),
    ("refused.5", "属于人事管理、后勤管理、内部工作流程等内部事务信息", C + "第十六条第一款"),
    ("refused.6", "属于讨论记录、过程稿、磋商信函、请示报告等过程性信息", C + "第十六条第二款"),
    ("refused.7", "属于行政执法案卷信息", C + "第十六条第二款"),
)
EXEMPTION = {row: (text, basis) for row, text, basis in EXEMPTIONS}

# 救济途径 (《政府信息公开条例》第五十一条; 行政复议法 第二十条; 行政诉讼法 第四十六条).
REMEDY = (
    "如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼"
    "（《政府信息公开条例》第五十一条，《中华人民共和国行政复议法》第二十条，《中华人民共和国行政诉讼法》第四十六条）。"
)
