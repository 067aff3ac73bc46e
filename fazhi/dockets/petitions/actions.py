from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "petitions",
    [
        ("petitions.case.view", "查看信访事项", "menu"),
        ("petitions.case.register", "登记信访事项", "button"),
        ("petitions.case.handle", "办理信访事项（受理、转送、诉访分离、意见书、复查、复核）", "button"),
        ("petitions.case.approve", "批准延期办理（本机关负责人，《信访工作条例》第三十四条）", "button"),
    ],
)

VIEW = ["cases.case.view", "petitions.case.view"]
HANDLE = [*VIEW, "petitions.case.register", "petitions.case.handle", "cases.case.attach", "cases.case.export"]
register_role_grants("petition_handler", [*HANDLE, "cases.pii.view", "cases.stats.view"])
register_role_grants(
    "petition_head",
    [*HANDLE, "petitions.case.approve", "cases.pii.view", "pii.unmask", "cases.stats.view", "cases.stats.export"],
)
for role in ("office_staff", "office_head", "leader"):
    register_role_grants(role, [*VIEW, "cases.stats.view"])

register_menu(
    MenuEntry("案件办理", "信访事项", "petitions:list", "petitions.case.view", 16),
    MenuEntry("案件办理", "登记信访事项", "petitions:register", "petitions.case.register", 17),
)
