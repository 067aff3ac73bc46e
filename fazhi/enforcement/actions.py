"""Action codes, menu entries and built-in role grants of 行政执法协调监督. The office (the 行政执法监督机构's staff)
sees and manages every body; an agency's liaison keeps its own officers, matters and case records."""

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
    ],
)

register_menu(
    MenuEntry("行政执法监督", "行政执法案件", "enforcement:case_list", "enforcement.view", 10),
    MenuEntry("行政执法监督", "执法主体和人员", "enforcement:body_list", "enforcement.view", 20),
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
]
UNIT = [
    "enforcement.view",
    "enforcement.officer.manage",
    "enforcement.matter.manage",
    "enforcement.case.record",
    "enforcement.stats.view",
]
register_role_grants("office_staff", OFFICE)
register_role_grants("office_head", OFFICE)
register_role_grants("dept_liaison", UNIT)
register_role_grants("district_liaison", UNIT)
register_role_grants("leader", ["enforcement.view", "enforcement.stats.view"])
