"""Action codes and built-in role grants of the annual report (法治政府建设年度报告)."""

from fazhi.core.actions import register_actions, register_role_grants

register_actions(
    "reports",
    [
        ("reports.view", "查看法治政府建设年度报告", "menu"),
        ("reports.edit", "起草和编辑年度报告", "button"),
        ("reports.template.manage", "管理年度报告模板", "button"),
        ("reports.freeze", "年度报告定稿（冻结数据）", "button"),
    ],
)

ALL = ["reports.view", "reports.edit", "reports.template.manage", "reports.freeze"]
register_role_grants("office_staff", ["reports.view", "reports.edit", "reports.template.manage"])
register_role_grants("office_head", ALL)
register_role_grants("leader", ["reports.view"])
