"""Code lists for 信访 (《信访工作条例》2022, in force 2022-05-01; legal-rules.md §5). Codes are a contract (the
statistics JSON, the import template, the API)."""

from __future__ import annotations

C = "《信访工作条例》"

# 信访事项的类别 (第二十九条、第三十条、第三十一条).
TYPES = (
    ("suggestion", "建议意见类"),
    ("accusation", "检举控告类"),
    ("claim", "申诉求决类"),
)
TYPE_LABEL = dict(TYPES)
TYPE_BASIS = {
    "suggestion": C + "第二十九条",
    "accusation": C + "第三十条",
    "claim": C + "第三十一条",
}

# 信访形式 (第十七条): the kernel's Case.channel codes, named as 信访 names them.
CHANNELS = (
    ("mail", "来信"),
    ("in_person", "来访（接待窗口）"),
    ("online", "网上信访"),
    ("transfer", "上级信访部门转送、交办"),
)
CHANNEL_LABEL = dict(CHANNELS)

# Who received the matter: a 信访部门 registers and routes it (第二十二条); the body with power to handle it accepts
# or not and tells the petitioner (第二十三条).
RECEIVERS = (
    ("authority", "有权处理的机关、单位"),
    ("office", "信访工作机构（信访部门）"),
)
RECEIVER_LABEL = dict(RECEIVERS)

# 诉访分离 (第三十一条): matters for a statutory procedure go there, with a written explanation. `docket` names the
# platform's docket that takes such a matter (the petitioner is told in writing; 复议 and 公开申请 may also be handed
# over, see HANDOVER_ROUTES).
ROUTES = (
    (
        "litigation",
        "人民法院诉讼程序",
        "依照《中华人民共和国行政诉讼法》《中华人民共和国民事诉讼法》向人民法院提起诉讼",
    ),
    ("reconsideration", "行政复议程序", "依照《中华人民共和国行政复议法》向行政复议机关申请行政复议"),
    ("arbitration", "仲裁程序", "依法申请仲裁（含劳动人事争议仲裁、农村土地承包经营纠纷仲裁）"),
    ("disclosure", "政府信息公开申请", "依照《中华人民共和国政府信息公开条例》向行政机关提出政府信息公开申请"),
    ("other", "其他法定途径", "依照有关法律、行政法规规定的程序提出"),
)
ROUTE_LABEL = {code: label for code, label, _ in ROUTES}
# The routes whose docket is on the platform and takes the matter as an application without re-typing (the kernel's
# hand-over, fazhi/cases/handover.py): the petitioners, the content and the files go to the chosen body as a 行政复议
# application or a 政府信息公开 request, which it then accepts or refuses as any other.
HANDOVER_ROUTES = ("reconsideration", "disclosure")
ROUTE_WAY = {code: way for code, _, way in ROUTES}

# 办理结果 (第三十二条: 支持 / 解释说明 / 不予支持). The case's outcome is the last opinion given (意见书, 复查, 复核).
OPINIONS = (
    ("support", "支持"),
    ("explain", "解释说明"),
    ("not_support", "不予支持"),
)
OPINION_LABEL = dict(OPINIONS)
OPINION_TEXT = {
    "support": "请求事实清楚，符合或者部分符合法律、法规、规章或者其他有关规定的，予以支持",
    "explain": "请求合理但缺乏法律依据的，应当作出解释说明",
    "not_support": "请求缺乏事实根据或者不符合法律、法规、规章或者其他有关规定的，不予支持",
}

OUTCOMES = (
    *OPINIONS,
    ("replied", "办结答复（建议意见类、检举控告类）"),
    *((f"routed.{code}", f"诉访分离：导入{label}") for code, label, _ in ROUTES),
    ("transferred", "转送、交办有权处理的机关"),
    ("not_accepted", "不予受理"),
    ("objected", "提出异议（不属于本机关职责范围）"),
    ("withdrawn", "信访人撤回"),
)
OUTCOME_LABEL = dict(OUTCOMES)
ROUTED = tuple(f"routed.{code}" for code, _, _ in ROUTES)

# 不予受理的理由.
NOT_ACCEPT_REASONS = (
    ("final", "已经复核终结，信访人以同一事实和理由提出投诉请求（第三十六条）"),
    ("not_petition", "不属于信访事项（不属于第十七条规定的信访事项）"),
    ("no_contact", "信访人姓名（名称）、住址不清，无法告知"),
    ("other", "其他依法不予受理的情形"),
)
NOT_ACCEPT_LABEL = dict(NOT_ACCEPT_REASONS)

# 救济告知 wording on opinions.
REVIEW_REMEDY = "信访人对本处理意见不服的，可以自收到本意见书之日起30日内请求原办理机关的上一级机关复查（《信访工作条例》第三十五条）。"
REREVIEW_REMEDY = "信访人对本复查意见不服的，可以自收到本意见书之日起30日内向复查机关的上一级机关请求复核（《信访工作条例》第三十六条）。"
FINAL_NOTE = "本复核意见为终结意见。信访人对复核意见不服，仍然以同一事实和理由提出投诉请求的，不再受理（《信访工作条例》第三十六条）。"
