from fazhi.core.actions import MenuEntry, register_actions, register_home_widget, register_menu, register_role_grants

register_actions(
    "cases",
    [
        ("cases.case.view", "查看案件", "menu"),
        ("cases.case.export", "导出案件", "button"),
        ("cases.template.manage", "管理文书模板", "button"),
        ("cases.case.attach", "向案件卷宗添加材料", "button"),
        ("cases.pii.view", "查看案件当事人个人信息（身份证明、文书、卷宗）", "button"),
    ],
)

register_menu(
    MenuEntry("案件办理", "文书模板", "cases:template_list", "cases.template.manage", 90),
)

for role in ("reconsideration_handler", "reconsideration_head", "office_staff", "office_head", "leader"):
    register_role_grants(role, ["cases.case.view"])
register_role_grants(
    "reconsideration_handler", ["cases.case.attach", "cases.case.export", "cases.template.manage", "cases.pii.view"]
)
register_role_grants(
    "reconsideration_head",
    ["cases.case.attach", "cases.case.export", "cases.template.manage", "cases.pii.view", "pii.unmask"],
)


def _approval_widget(request):  # type: ignore[no-untyped-def]
    from .approvals import approval_widget

    return approval_widget(request)


register_home_widget(_approval_widget)
