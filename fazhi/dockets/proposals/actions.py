from fazhi.core.action_labels import register_audit_labels
from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "proposals",
    [
        ("proposals.case.view", "查看建议提案", "menu"),
        ("proposals.case.assign", "交办建议提案、决定调整承办单位（政府办公室）", "button"),
        ("proposals.case.handle", "办理建议提案（签收、沟通、拟写答复、答复、评价）", "button"),
        ("proposals.reply.sign", "签发建议提案答复函（承办单位负责人）", "button"),
        ("proposals.case.approve", "批准建议提案延期答复", "button"),
        ("proposals.case.close", "建议提案对账销号", "button"),
    ],
)

VIEW = ["cases.case.view", "proposals.case.view"]
HANDLE = [*VIEW, "proposals.case.handle", "cases.case.attach", "cases.case.export"]
# Every department and district handles the items handed to it (its liaison); the unit's head signs the 答复函.
for role in ("dept_liaison", "district_liaison"):
    register_role_grants(role, HANDLE)
register_role_grants("proposal_head", [*HANDLE, "proposals.reply.sign", "cases.pii.view", "pii.unmask"])
# The government office's 建议提案 work is done by the rule-of-law office's staff in this platform: 交办, 调整, 销号.
OFFICE = [*VIEW, "proposals.case.assign", "proposals.case.close", "proposals.case.handle"]
register_role_grants("office_staff", OFFICE)
register_role_grants("office_head", [*OFFICE, "proposals.case.approve"])
register_role_grants("leader", VIEW)

register_menu(
    MenuEntry("案件办理", "建议提案", "proposals:list", "proposals.case.view", 16),
    MenuEntry("案件办理", "导入交办清单", "proposals:import", "proposals.case.assign", 17),
    MenuEntry("案件办理", "建议提案对账销号", "proposals:reconciliation", "proposals.case.assign", 18),
)

register_audit_labels(
    {
        "proposals.session.create": "登记建议提案会次",
        "proposals.proposer.create": "登记代表/委员",
        "proposals.item.assign": "交办建议提案",
        "proposals.case.reassign": "调整建议提案主办单位",
        "proposals.case.extend": "建议提案延期答复",
        "proposals.commitment.raise": "承诺事项列入督办",
        "proposals.commitment.done": "承诺事项销号",
        "proposals.feedback_code.issue": "生成建议提案网上评价码",
        "proposals.reconciliation.export": "导出建议提案对账表",
        "proposals.share.sign": "分办/协办单位签收",
        "proposals.share.ask_reassign": "分办/协办单位申请调整",
        "proposals.share.opinion": "协办单位送交意见",
        "proposals.share.contact": "分办单位与代表/委员沟通",
        "proposals.share.draft": "分办单位拟写答复函",
        "proposals.share.sign_off": "分办单位签发答复函",
        "proposals.share.send": "分办单位答复代表/委员",
        "proposals.share.reassign": "决定分办/协办单位的调整申请",
        "proposals.meeting.record": "登记建议提案会办/面商",
        "proposals.share.rehandle": "分办单位重新办理",
        "proposals.case.rehandle": "分办单位重新办理",
    }
)
