"""Action codes, menu entries and built-in role grants of 行政执法协调监督. The office (the 行政执法监督机构's staff)
sees and manages every body; an agency's liaison keeps its own officers, matters and case records."""

from fazhi.core.action_labels import register_audit_labels
from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "enforcement",
    [
        ("enforcement.view", "查看行政执法主体、人员和案件", "menu"),
        ("enforcement.body.manage", "登记执法主体", "button"),
        ("enforcement.officer.manage", "管理执法人员和培训记录", "button"),
        ("enforcement.matter.manage", "管理执法事项清单", "button"),
        ("enforcement.case.record", "记录行政执法案件", "button"),
        ("enforcement.case.pii", "查看执法案件当事人完整信息", "button"),
        ("enforcement.stats.view", "查看行政执法统计", "menu"),
        ("enforcement.review.view", "查看案卷评查", "menu"),
        ("enforcement.review.manage", "组织案卷评查（评查活动、抽取案卷）", "button"),
        ("enforcement.review.score", "参加案卷评查（评分；评查组长合议和认定问题）", "menu"),
        ("enforcement.supervise", "制发行政执法监督文书、处理执法投诉和监督检查", "button"),
    ],
)

register_menu(
    MenuEntry("行政执法监督", "行政执法案件", "enforcement:case_list", "enforcement.view", 10),
    MenuEntry("行政执法监督", "执法主体和人员", "enforcement:body_list", "enforcement.view", 20),
    MenuEntry("行政执法监督", "涉企行政检查", "enforcement:inspection_list", "enforcement.view", 30),
    MenuEntry("行政执法监督", "检查计划和无事不扰", "enforcement:plan_list", "enforcement.view", 31),
    MenuEntry("行政执法监督", "案卷评查", "enforcement:campaign_list", "enforcement.review.score", 40),
    MenuEntry("行政执法监督", "执法监督文书", "enforcement:supervision_list", "enforcement.view", 45),
    MenuEntry("行政执法监督", "执法投诉", "enforcement:complaint_list", "enforcement.supervise", 46),
    MenuEntry("行政执法监督", "监督检查", "enforcement:check_list", "enforcement.view", 47),
    MenuEntry("统计分析", "行政执法统计", "enforcement:stats", "enforcement.stats.view", 50),
)

OFFICE = [
    "enforcement.view",
    "enforcement.body.manage",
    "enforcement.officer.manage",
    "enforcement.matter.manage",
    "enforcement.case.record",
    "enforcement.case.pii",
    "enforcement.stats.view",
    "enforcement.review.view",
    "enforcement.review.manage",
    "enforcement.review.score",
    "enforcement.supervise",
]
UNIT = [
    "enforcement.view",
    "enforcement.officer.manage",
    "enforcement.matter.manage",
    "enforcement.case.record",
    "enforcement.stats.view",
    "enforcement.review.score",  # agencies' legal staff sit on 评查 panels; a campaign shows only to its panel
]
register_role_grants("office_staff", OFFICE)
register_role_grants("office_head", OFFICE)
register_role_grants("dept_liaison", UNIT)
register_role_grants("district_liaison", UNIT)
register_role_grants("leader", ["enforcement.view", "enforcement.stats.view"])

register_audit_labels(
    {
        "enforcement.complaint.received": "收到执法投诉",
        "enforcement.complaint.step": "办理执法投诉",
        "enforcement.check.recorded": "登记行政执法监督检查",
        "enforcement.check_finding.recorded": "登记监督检查问题",
        "enforcement.campaign.closed": "结束案卷评查活动",
        "enforcement.inspection_plan.saved": "保存年度行政检查计划",
        "enforcement.inspection_plan.approved": "登记检查计划批准和备案",
        "enforcement.quiet_period.saved": "设定无事不扰期",
        "enforcement.inspection_plan.imported": "导入行政检查计划事项",
        "enforcement.complaint.attachment_download": "下载执法投诉材料",
        "enforcement.stats.export": "导出行政执法统计",
    }
)
