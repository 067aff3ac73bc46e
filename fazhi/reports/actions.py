"""Action codes and built-in role grants of the annual report (法治政府建设年度报告)."""

from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "reports",
    [
        ("reports.view", "查看法治政府建设年度报告", "menu"),
        ("reports.edit", "起草和编辑年度报告", "button"),
        ("reports.template.manage", "管理年度报告模板", "button"),
        ("reports.freeze", "年度报告定稿（冻结数据）", "button"),
        ("reports.contributions.manage", "下发和采用年度报告供稿", "button"),
        ("reports.contribute", "本单位年度报告供稿", "menu"),
        ("reports.secrecy_review", "年度报告保密审查", "button"),
        ("reports.approve", "年度报告主要负责人审批", "button"),
        ("reports.publish", "年度报告公开和报送登记", "button"),
    ],
)

register_menu(MenuEntry("统计分析", "法治政府建设年度报告", "reports:list", "reports.view", 70))
register_menu(MenuEntry("统计分析", "年度报告模板", "reports:templates", "reports.template.manage", 72))
register_menu(MenuEntry("督办", "年度报告供稿", "reports:contribution_list", "reports.contribute", 60))

STAFF = [
    "reports.view",
    "reports.edit",
    "reports.template.manage",
    "reports.contributions.manage",
    "reports.secrecy_review",
    "reports.publish",
]
ALL = [*STAFF, "reports.freeze", "reports.approve"]
register_role_grants("office_staff", STAFF)
register_role_grants("office_head", ALL)
register_role_grants("leader", ["reports.view"])
register_role_grants("dept_liaison", ["reports.contribute"])
register_role_grants("district_liaison", ["reports.contribute"])
