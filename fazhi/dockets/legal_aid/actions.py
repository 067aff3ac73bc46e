from fazhi.core.action_labels import register_audit_labels
from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "legal_aid",
    [
        ("legal_aid.case.view", "查看法律援助案件", "menu"),
        ("legal_aid.case.register", "登记法律援助申请", "button"),
        ("legal_aid.case.handle", "办理法律援助案件（补充材料、指派、结案）", "button"),
        ("legal_aid.case.decide", "作出法律援助决定（给予、不予、先行援助、终止、质量评估）", "button"),
        ("legal_aid.objection.decide", "审查法律援助异议（司法行政部门）", "button"),
        ("legal_aid.person.manage", "管理法律援助人员名册（登记、修改、停用）", "button"),
    ],
)
register_audit_labels(
    {
        "legal_aid.person.create": "登记法律援助人员",
        "legal_aid.person.update": "修改法律援助人员",
        "legal_aid.person.deactivate": "停用法律援助人员",
        "legal_aid.person.reactivate": "恢复法律援助人员",
    }
)

VIEW = ["cases.case.view", "legal_aid.case.view"]
HANDLE = [*VIEW, "legal_aid.case.register", "legal_aid.case.handle", "cases.case.attach", "cases.case.export"]
# 法律援助机构: its staff handle; its head decides. The 司法行政部门 that set it up reviews objections (第四十九条):
# the justice bureau's staff holding `legal_aid_supervisor` (本单位及下级: the body is a unit below the bureau).
register_role_grants("legal_aid_staff", [*HANDLE, "cases.pii.view"])
# the registry of the people the body assigns (第十二条 ⚠) is kept by its head; its staff pick from it when assigning
register_role_grants(
    "legal_aid_head",
    [*HANDLE, "legal_aid.case.decide", "legal_aid.person.manage", "cases.pii.view", "pii.unmask", "cases.stats.view"],
)
register_role_grants(
    "legal_aid_supervisor", [*VIEW, "legal_aid.objection.decide", "cases.stats.view", "cases.stats.export"]
)
for role in ("office_staff", "office_head", "leader", "mediation_manager"):
    register_role_grants(role, VIEW)

register_menu(
    MenuEntry("案件办理", "法律援助", "legal_aid:list", "legal_aid.case.view", 19),
    MenuEntry("案件办理", "登记法律援助申请", "legal_aid:register", "legal_aid.case.register", 20),
    MenuEntry("案件办理", "法律援助人员", "legal_aid:people", "legal_aid.case.view", 21),
)
# who reads the figures reads their 口径 (the statistics page links every figure to /metrics/<key>/)
for role in ("legal_aid_head", "legal_aid_supervisor"):
    register_role_grants(role, ["metrics.definitions.view"])
