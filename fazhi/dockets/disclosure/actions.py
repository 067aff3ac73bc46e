from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "disclosure",
    [
        ("disclosure.case.view", "查看政府信息公开申请", "menu"),
        ("disclosure.case.register", "登记政府信息公开申请（含导入）", "button"),
        ("disclosure.case.handle", "办理政府信息公开申请（补正、征求意见、收费、答复）", "button"),
        ("disclosure.case.approve", "批准延期答复（政府信息公开工作机构负责人）", "button"),
    ],
)

VIEW = ["cases.case.view", "disclosure.case.view"]
HANDLE = [*VIEW, "disclosure.case.register", "disclosure.case.handle", "cases.case.attach", "cases.case.export"]
register_role_grants("disclosure_handler", [*HANDLE, "cases.pii.view", "cases.stats.view"])
register_role_grants(
    "disclosure_head",
    [*HANDLE, "disclosure.case.approve", "cases.pii.view", "pii.unmask", "cases.stats.view", "cases.stats.export"],
)
for role in ("office_staff", "office_head", "leader"):
    register_role_grants(role, VIEW)

register_menu(
    MenuEntry("案件办理", "政府信息公开申请", "disclosure:list", "disclosure.case.view", 14),
    MenuEntry("案件办理", "登记公开申请", "disclosure:register", "disclosure.case.register", 15),
    MenuEntry("统计分析", "政府信息公开年报表", "disclosure:table", "disclosure.case.view", 22),
)
