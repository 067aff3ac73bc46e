from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "reconsideration",
    [
        ("reconsideration.case.view", "查看行政复议案件", "menu"),
        ("reconsideration.case.intake", "登记行政复议申请", "button"),
        ("reconsideration.case.review", "受理审查", "button"),
        ("reconsideration.case.decide", "审理与拟定决定", "button"),
        ("reconsideration.case.approve", "审批（延期、程序转换、决定、终止）", "button"),
        ("reconsideration.case.publish", "公开复议决定", "button"),
        ("reconsideration.case.import", "导入历史案件", "button"),
        ("reconsideration.stats.view", "行政复议统计", "menu"),
    ],
)

register_menu(
    MenuEntry("案件办理", "行政复议", "reconsideration:list", "reconsideration.case.view", 10),
    MenuEntry("案件办理", "登记复议申请", "reconsideration:intake", "reconsideration.case.intake", 11),
    MenuEntry("统计分析", "行政复议统计", "reconsideration:stats", "reconsideration.stats.view", 20),
)

VIEW = ["cases.case.view", "reconsideration.case.view"]
register_role_grants(
    "reconsideration_handler",
    [
        *VIEW,
        "reconsideration.case.intake",
        "reconsideration.case.review",
        "reconsideration.case.decide",
        "reconsideration.case.import",
        "reconsideration.stats.view",
    ],
)
register_role_grants(
    "reconsideration_head",
    [
        *VIEW,
        "reconsideration.case.intake",
        "reconsideration.case.review",
        "reconsideration.case.decide",
        "reconsideration.case.approve",
        "reconsideration.case.publish",
        "reconsideration.case.import",
        "reconsideration.stats.view",
    ],
)
for role in ("office_staff", "office_head", "leader"):
    register_role_grants(role, [*VIEW, "reconsideration.stats.view"])
