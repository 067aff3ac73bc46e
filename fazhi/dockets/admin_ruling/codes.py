"""Code lists of 行政裁决 (中办国办《关于健全行政裁决制度加强行政裁决工作的意见》2018; the sector laws that give a
department the power to decide a civil dispute): the matters, the grounds of 不予受理, the remedies told, outcomes (a
contract). Nothing in legal-rules.md covers 行政裁决: the articles are cited as commonly cited, ⚠ not read here in full."""

from __future__ import annotations

# (code, label, basis). The 2018 意见 lists the fields where 行政裁决 is kept: 自然资源权属争议, 知识产权侵权纠纷和
# 补偿争议, 政府采购活动争议 … ⚠. `sector_suit` matters: the sector law sets its own period to sue (see REMEDY_SUIT).
MATTERS = (
    ("land", "土地所有权和使用权争议", "《中华人民共和国土地管理法》第十四条"),
    ("forest", "林木、林地所有权和使用权争议", "《中华人民共和国森林法》第二十二条"),
    ("grassland", "草原所有权和使用权争议", "《中华人民共和国草原法》第十六条"),
    ("other", "其他法律、法规规定的行政裁决事项", "中办国办《关于健全行政裁决制度加强行政裁决工作的意见》（2018年）"),
)
MATTER_LABEL = {code: label for code, label, _ in MATTERS}
MATTER_BASIS = {code: basis for code, _, basis in MATTERS}
# ⚠ 《土地管理法》第十四条第三款、《森林法》第二十二条第三款、《草原法》第十六条第三款 (as commonly cited): a party not
# satisfied with the government's decision may sue within 30 days of receiving it — not the general 6 months of
# 《行政诉讼法》第四十六条 (which applies "法律另有规定的除外").
SECTOR_SUIT = ("land", "forest", "grassland")


def matter_options(user: object) -> tuple[tuple[str, str], ...]:
    """The hand-over's `matter` choices (spec `handover.choices`): the same for every user."""
    return tuple((code, label) for code, label, _ in MATTERS)


REJECT_GROUNDS = (
    ("not_competent", "不属于本机关行政裁决的范围（非本机关法定职权）"),
    ("not_civil", "不属于与行政管理活动密切相关的民事纠纷"),
    ("no_standing", "申请人与争议没有直接利害关系"),
    ("pending_elsewhere", "争议已由人民法院受理或者已经仲裁、裁决"),
    ("no_respondent", "没有明确的被申请人或者具体的请求、事实根据"),
)
REJECT_GROUND_LABEL = dict(REJECT_GROUNDS)

WITHDRAW_KINDS = (("withdrawn", "申请人撤回申请"), ("deemed", "申请人无正当理由拒不参加调查、听证，按撤回申请处理"))
WITHDRAW_KIND_LABEL = dict(WITHDRAW_KINDS)

HEARING_FORMS = (("hearing", "听证（当面听取双方陈述和申辩）"), ("investigation", "调查（现场勘验、询问）"))
HEARING_FORM_LABEL = dict(HEARING_FORMS)

REMEDIES = (("reconsideration", "申请行政复议"), ("litigation", "提起行政诉讼"))
REMEDY_LABEL = dict(REMEDIES)

OUTCOMES = (
    ("ruled", "作出裁决"),
    ("mediated", "调解结案"),
    ("rejected", "不予受理"),
    ("withdrawn", "终止（撤回申请）"),
)
