"""Action codes, menu entries and built-in role grants of 重大行政决策."""

from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "decisions",
    [
        ("decisions.view", "查看重大行政决策", "menu"),
        ("decisions.manage", "办理决策程序", "button"),
        ("decisions.legality", "出具合法性审查意见", "button"),
        ("decisions.decide", "记录集体讨论决定", "button"),
        ("decisions.execute", "报送决策执行情况", "button"),
        ("decisions.evaluate", "决策后评估、暂停与调整", "button"),
        ("decisions.catalogue.view", "查看决策事项目录", "menu"),
        ("decisions.catalogue.manage", "编制和调整决策事项目录", "button"),
        ("decisions.catalogue.propose", "建议目录事项", "button"),
        ("decisions.stats.view", "查看决策统计", "menu"),
    ],
)

register_menu(
    MenuEntry("决策与文件", "决策事项目录", "decisions:catalogue_list", "decisions.catalogue.view", 10),
    MenuEntry("决策与文件", "重大行政决策", "decisions:list", "decisions.view", 20),
    MenuEntry("统计分析", "重大行政决策统计", "decisions:stats", "decisions.stats.view", 40),
)

OFFICE = [
    "decisions.view",
    "decisions.manage",
    "decisions.legality",
    "decisions.decide",
    "decisions.execute",
    "decisions.evaluate",
    "decisions.catalogue.view",
    "decisions.catalogue.manage",
    "decisions.catalogue.propose",
    "decisions.stats.view",
]
UNIT = [
    "decisions.view",
    "decisions.manage",
    "decisions.execute",
    "decisions.catalogue.view",
    "decisions.catalogue.propose",
]
register_role_grants("office_staff", OFFICE)
register_role_grants("office_head", OFFICE)
register_role_grants("dept_liaison", UNIT)
register_role_grants("district_liaison", UNIT)
register_role_grants("leader", ["decisions.view", "decisions.catalogue.view", "decisions.stats.view"])
