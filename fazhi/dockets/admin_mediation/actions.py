from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "admin_mediation",
    [
        ("admin_mediation.case.view", "查看行政调解案件", "menu"),
        ("admin_mediation.case.register", "登记行政调解申请", "button"),
        (
            "admin_mediation.case.handle",
            "办理行政调解案件（受理、不予受理、调解、协议、终止、司法确认、回访、结案）",
            "button",
        ),
    ],
)

VIEW = ["cases.case.view", "admin_mediation.case.view"]
# The competent department (本单位): its mediation staff take every step of its own cases. Nothing else is granted:
# a role not listed here sees no 行政调解 case (deny by default).
register_role_grants(
    "admin_mediator",
    [
        *VIEW,
        "admin_mediation.case.register",
        "admin_mediation.case.handle",
        "cases.case.attach",
        "cases.case.export",
        "cases.pii.view",
        "cases.stats.view",
        "metrics.definitions.view",
    ],
)
# The 司法局 (roles of scope 全部) sees every department's cases; its intake window hands a dispute over to the
# department as an application (转行政调解): the kernel's hand-over checks the register action.
register_role_grants(
    "mediation_manager", [*VIEW, "admin_mediation.case.register", "cases.stats.view", "cases.stats.export"]
)
for role in ("office_staff", "office_head", "leader"):
    register_role_grants(role, VIEW)

register_menu(
    MenuEntry("案件办理", "行政调解", "admin_mediation:list", "admin_mediation.case.view", 23),
    MenuEntry("案件办理", "登记行政调解申请", "admin_mediation:register", "admin_mediation.case.register", 24),
)
