from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "hotline",
    [
        ("hotline.case.view", "查看12345热线工单", "menu"),
        ("hotline.case.register", "登记12345热线工单", "button"),
        ("hotline.case.dispatch", "派单、裁定退单、依法分流、回访（热线工作机构）", "button"),
        ("hotline.case.handle", "签收、退单、回复12345工单（承办单位）", "button"),
        ("hotline.category.manage", "维护12345诉求分类表和派单目录（热线工作机构）", "button"),
    ],
)

VIEW = ["cases.case.view", "hotline.case.view", "cases.stats.view"]
register_role_grants(
    "hotline_centre",
    [
        *VIEW,
        "hotline.case.register",
        "hotline.case.dispatch",
        "hotline.category.manage",
        "cases.pii.view",
        "cases.stats.export",
    ],
)
register_role_grants("hotline_handler", [*VIEW, "hotline.case.handle", "cases.case.attach"])
for role in ("office_staff", "office_head", "leader"):
    register_role_grants(role, VIEW)

register_menu(
    MenuEntry("案件办理", "12345热线工单", "hotline:list", "hotline.case.view", 18),
    MenuEntry("案件办理", "登记热线工单", "hotline:register", "hotline.case.register", 19),
    MenuEntry("案件办理", "12345诉求分类与派单目录", "hotline:categories", "hotline.category.manage", 20),
    MenuEntry("统计分析", "12345单位排名与热点", "hotline:ranking", "hotline.case.view", 40),
)
