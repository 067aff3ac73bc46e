from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "intake",
    [
        ("intake.case.view", "查看纠纷求助登记", "menu"),
        ("intake.case.register", "登记纠纷求助（含12348来电转登记）", "button"),
        ("intake.case.route", "分流纠纷求助（转人民调解、法律援助、行政复议，转介及反馈，办结）", "button"),
        ("intake.case.supervise", "收到群体性、可能激化纠纷的即时报告", "button"),
    ],
)

VIEW = ["cases.case.view", "intake.case.view"]
WORK = [*VIEW, "intake.case.register", "intake.case.route"]
# The window where a matter comes in: the 司法所 of a town (its unit and the committees below it) and the 司法局's
# 公共法律服务中心 / 12348 operators (every unit). Routing offers the channels whose register action the user holds
# (the kernel's hand-over checks it): the 司法局's window registers 法律援助 applications too (it reads them already).
register_role_grants("justice_office", [*WORK, "intake.case.supervise"])
register_role_grants("mediation_manager", [*WORK, "intake.case.supervise", "legal_aid.case.register"])
# 人民调解员 register what they find in 主动排查 at their own unit and route it (to their committee, say).
register_role_grants("mediator", WORK)
# the full personal data (`cases.pii.view`) and adding to case files (`cases.case.attach`) are one rule for every
# docket's cases in scope: they stay with the 司法所 and the mediators, who hold them already; the 司法局's section
# sees parties masked and attaches nothing, as on 人民调解's cases
for role in ("office_staff", "office_head", "leader"):
    register_role_grants(role, VIEW)
for role in ("justice_office", "mediation_manager"):
    register_role_grants(role, ["metrics.definitions.view"])

register_menu(
    MenuEntry("案件办理", "纠纷求助登记", "intake:list", "intake.case.view", 14),
    MenuEntry("案件办理", "登记纠纷求助", "intake:register", "intake.case.register", 15),
)
