from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "admin_ruling",
    [
        ("admin_ruling.case.view", "查看行政裁决案件", "menu"),
        ("admin_ruling.case.register", "登记行政裁决申请", "button"),
        ("admin_ruling.case.handle", "办理行政裁决案件（受理、送达、答辩、听证调查、调解、终止）", "button"),
        ("admin_ruling.case.decide", "作出行政裁决（裁决、不予受理）", "button"),
    ],
)

VIEW = ["cases.case.view", "admin_ruling.case.view"]
HANDLE = [*VIEW, "admin_ruling.case.register", "admin_ruling.case.handle", "cases.case.attach", "cases.case.export"]
# The department with the statutory power (本单位): its staff handle, its head decides. The 司法局 (依法治市办, the
# 人民调解 section that keeps the non-litigation figures, the leaders: roles of scope 全部) sees every department's cases.
register_role_grants("admin_ruling_handler", [*HANDLE, "cases.pii.view"])
register_role_grants(
    "admin_ruling_head", [*HANDLE, "admin_ruling.case.decide", "cases.pii.view", "pii.unmask", "cases.stats.view"]
)
# The 司法局's window (intake) hands a dispute over to the department as an application (转行政裁决): the kernel's
# hand-over checks the register action.
register_role_grants(
    "mediation_manager", [*VIEW, "admin_ruling.case.register", "cases.stats.view", "cases.stats.export"]
)
for role in ("office_staff", "office_head", "leader"):
    register_role_grants(role, VIEW)
# who reads the figures reads their 口径 (the statistics page links every figure to /metrics/<key>/)
register_role_grants("admin_ruling_head", ["metrics.definitions.view"])

register_menu(
    MenuEntry("案件办理", "行政裁决", "admin_ruling:list", "admin_ruling.case.view", 21),
    MenuEntry("案件办理", "登记行政裁决申请", "admin_ruling:register", "admin_ruling.case.register", 22),
)
