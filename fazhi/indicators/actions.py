"""Action codes, menu entry and role grants of the indicators module (imported from AppConfig.ready)."""

from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

A = "indicators"

register_actions(
    A,
    [
        (f"{A}.set.view", "查看指标体系与考核得分", "menu"),
        (f"{A}.set.manage", "导入、编辑指标体系，冻结计算值，评审打分", "button"),
        (f"{A}.self.assess", "本单位考核指标自评（数值、说明、佐证材料）", "button"),
        (f"{A}.record.view", "查看述职述法、学法、法治能力测试、法律顾问记录", "menu"),
        (f"{A}.record.manage", "登记本单位述职述法、学法活动、法律顾问及其工作", "button"),
        (f"{A}.test.import", "导入法治能力测试成绩", "button"),
        (f"{A}.external.assess", "第三方评估：仅查看并评审被指派的考核", "menu"),
    ],
)
register_menu(MenuEntry("统计分析", "指标体系与考核", "indicators:list", f"{A}.set.view", 70))
register_menu(MenuEntry("统计分析", "第三方评估", "indicators:list", f"{A}.external.assess", 72))
register_menu(MenuEntry("统计分析", "述法·学法·法律顾问", "indicators:records", f"{A}.record.view", 71))
register_menu(MenuEntry("统计分析", "公众满意度调查", "indicators:surveys", f"{A}.set.view", 73))
RECORDS = [f"{A}.record.view", f"{A}.record.manage"]
for role in ("office_staff", "office_head"):
    register_role_grants(role, [f"{A}.set.view", f"{A}.set.manage", *RECORDS, f"{A}.test.import"])
register_role_grants("leader", [f"{A}.set.view", f"{A}.record.view"])
for role in ("dept_liaison", "district_liaison"):
    register_role_grants(role, [f"{A}.set.view", f"{A}.self.assess", *RECORDS])
# 第三方评估 (issue 23 §2): only this action; what it sees is the sets it is assigned (policies.assigned_assessor)
register_role_grants("external_assessor", [f"{A}.external.assess"])
