from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions("metrics", [("metrics.definitions.view", "指标口径说明", "menu")])
register_menu(MenuEntry("统计分析", "指标口径说明", "metrics:index", "metrics.definitions.view", 80))

for role in (
    "office_staff",
    "office_head",
    "leader",
    "dept_liaison",
    "district_liaison",
    "reconsideration_handler",
    "reconsideration_head",
):
    register_role_grants(role, ["metrics.definitions.view"])
