from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "litigation",
    [
        ("litigation.case.view", "查看行政应诉案件", "menu"),
        ("litigation.case.register", "登记行政应诉案件（含上诉、导入）", "button"),
        ("litigation.case.update", "办理行政应诉案件（答辩、开庭、出庭、败诉整改）", "button"),
        ("litigation.case.close", "登记裁判结果", "button"),
    ],
)
# The cross-docket statistics pages (fazhi/cases/stats.py) are declared here because this docket brought them.
register_actions(
    "cases",
    [
        ("cases.stats.view", "案件统计", "menu"),
        ("cases.stats.export", "导出案件统计", "button"),
    ],
)

register_menu(
    MenuEntry("案件办理", "行政应诉", "litigation:list", "litigation.case.view", 12),
    MenuEntry("案件办理", "登记应诉案件", "litigation:register", "litigation.case.register", 13),
    MenuEntry("统计分析", "案件统计", "cases:stats_index", "cases.stats.view", 21),
)

LITIGATION = [
    "cases.case.view",
    "litigation.case.view",
    "litigation.case.register",
    "litigation.case.update",
    "litigation.case.close",
]
# The 司法局 organises the government's 行政应诉, so its reconsideration staff handle the lawsuits.
for role in ("reconsideration_handler", "reconsideration_head"):
    register_role_grants(role, [*LITIGATION, "cases.stats.view"])
for role in ("office_staff", "leader"):
    register_role_grants(role, ["cases.stats.view", "cases.stats.export"])
# The 依法治市办 supervises the government's 行政应诉 (负责人出庭应诉率 and 败诉率 are indicators it assesses and
# figures of its annual report) and leaders drill into what they are shown: both read the lawsuits, neither works
# them (the office's reminders and a leader's overdue-clock items link to the case).
for role in ("office_staff", "office_head", "leader"):
    register_role_grants(role, ["cases.case.view", "litigation.case.view"])
