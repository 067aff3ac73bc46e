from fazhi.core.action_labels import register_audit_labels
from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "mediation",
    [
        ("mediation.case.view", "查看人民调解案件", "menu"),
        ("mediation.case.register", "登记人民调解纠纷（含导入）", "button"),
        ("mediation.case.handle", "办理人民调解案件（受理、调解、协议、司法确认、回访、结案）", "button"),
        ("mediation.case.supervise", "指导监督人民调解工作（收到群体性、可能激化纠纷的即时报告）", "button"),
        ("mediation.committee.manage", "管理人民调解委员会和调解员", "button"),
        ("mediation.hotline.view", "查看12348热线咨询记录", "menu"),
        ("mediation.hotline.log", "登记12348热线咨询", "button"),
    ],
)
register_audit_labels(
    {
        "mediation.committee.create": "登记人民调解委员会",
        "mediation.mediator.create": "登记人民调解员",
        "mediation.hotline.log": "登记12348热线咨询",
    }
)

VIEW = ["cases.case.view", "mediation.case.view"]
HANDLE = [*VIEW, "mediation.case.register", "mediation.case.handle", "cases.case.attach", "cases.case.export"]
# 人民调解员 of a committee (its unit only); the 司法所 (town and the committees below it) guides and registers too;
# the 司法局's 人民调解 section sees every committee and keeps the registry.
register_role_grants("mediator", [*HANDLE, "cases.pii.view"])
register_role_grants(
    "justice_office",
    [
        *HANDLE,
        "mediation.case.supervise",
        "mediation.committee.manage",
        "cases.pii.view",
        "pii.unmask",
        "cases.stats.view",
        "mediation.hotline.view",
    ],
)
register_role_grants(
    "mediation_manager",
    [
        *VIEW,
        "mediation.case.register",
        "mediation.case.supervise",
        "mediation.committee.manage",
        "cases.case.export",
        "cases.stats.view",
        "cases.stats.export",
        # the 12348 公共法律服务热线 sits with the 司法局's public legal service: its operators log every call
        "mediation.hotline.view",
        "mediation.hotline.log",
    ],
)
for role in ("office_staff", "office_head", "leader"):
    register_role_grants(role, VIEW)
# who reads the figures reads their 口径 (the statistics page links every figure to /metrics/<key>/)
for role in ("justice_office", "mediation_manager"):
    register_role_grants(role, ["metrics.definitions.view"])

register_menu(
    MenuEntry("案件办理", "人民调解", "mediation:list", "mediation.case.view", 16),
    MenuEntry("案件办理", "登记调解纠纷", "mediation:register", "mediation.case.register", 17),
    MenuEntry("案件办理", "人民调解组织", "mediation:committees", "mediation.case.view", 18),
    MenuEntry("案件办理", "12348热线咨询", "mediation:hotline", "mediation.hotline.view", 19),
)
