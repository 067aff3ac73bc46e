"""Action codes, menu entry and role grants of the indicators module (imported from AppConfig.ready)."""

from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

A = "indicators"

register_actions(
    A,
    [
        (f"{A}.set.view", "查看指标体系与考核得分", "menu"),
        (f"{A}.set.manage", "导入、编辑指标体系，冻结计算值，评审打分", "button"),
        (f"{A}.self.assess", "本单位考核指标自评（数值、说明、佐证材料）", "button"),
    ],
)
register_menu(MenuEntry("统计分析", "指标体系与考核", "indicators:list", f"{A}.set.view", 70))
for role in ("office_staff", "office_head"):
    register_role_grants(role, [f"{A}.set.view", f"{A}.set.manage"])
register_role_grants("leader", [f"{A}.set.view"])
for role in ("dept_liaison", "district_liaison"):
    register_role_grants(role, [f"{A}.set.view", f"{A}.self.assess"])
