"""Action codes, menu entries and built-in role grants of the consultation engine."""

from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "consultations",
    [
        ("consultations.view", "查看征求意见", "menu"),
        ("consultations.manage", "发起和管理征求意见", "button"),
        ("consultations.moderate", "意见审核（屏蔽/恢复）", "button"),
        ("consultations.answer", "意见采纳处理", "button"),
        ("consultations.export", "导出意见", "button"),
    ],
)

register_menu(MenuEntry("决策与文件", "公开征求意见", "consultations:list", "consultations.view", 30))

ALL = [
    "consultations.view",
    "consultations.manage",
    "consultations.moderate",
    "consultations.answer",
    "consultations.export",
]
register_role_grants("office_staff", ALL)
register_role_grants("office_head", ALL)
register_role_grants("dept_liaison", ALL)
register_role_grants("district_liaison", ALL)
register_role_grants("leader", ["consultations.view"])
