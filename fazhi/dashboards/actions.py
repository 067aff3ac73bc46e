"""Action codes, menu entries and built-in role grants of the cockpit (一屏观全城) and the leaders' pages."""

from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

VIEW = "dashboards.cockpit.view"

register_actions("dashboards", [(VIEW, "查看驾驶舱（一屏观全城）", "menu")])
register_menu(MenuEntry("统计分析", "一屏观全城", "dashboards:cockpit", VIEW, 5))

for role in ("leader", "office_staff", "office_head"):
    register_role_grants(role, [VIEW])

MANAGE_BOUNDARY = "dashboards.boundary.manage"
register_actions("dashboards", [(MANAGE_BOUNDARY, "管理区县界文件（地图）", "menu")])
register_menu(
    MenuEntry("统计分析", "领导看板", "dashboards:leader", VIEW, 6),
    MenuEntry("系统管理", "区县界文件", "dashboards:boundaries", MANAGE_BOUNDARY, 60),
)
register_role_grants("sys_admin", [MANAGE_BOUNDARY])
