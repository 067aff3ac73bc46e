from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "cases",
    [
        ("cases.case.view", "查看案件", "menu"),
        ("cases.case.export", "导出案件", "button"),
        ("cases.template.manage", "管理文书模板", "button"),
    ],
)

register_menu(
    MenuEntry("案件办理", "文书模板", "cases:template_list", "cases.template.manage", 90),
)

for role in ("reconsideration_handler", "reconsideration_head", "office_staff", "office_head", "leader"):
    register_role_grants(role, ["cases.case.view"])
register_role_grants("reconsideration_handler", ["cases.case.export", "cases.template.manage"])
register_role_grants("reconsideration_head", ["cases.case.export", "cases.template.manage", "pii.unmask"])
