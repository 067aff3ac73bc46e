"""Action codes, menu entries and built-in role grants of 法治督察. The 依法治市办 organises 督察 and sits on its
teams; the inspected units' liaisons see their findings and report the 整改; leaders read."""

from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "inspections",
    [
        ("inspections.plan.view", "查看法治督察", "menu"),
        ("inspections.manage", "制定督察计划", "button"),
        ("inspections.record", "记录督察情况和问题", "button"),
        ("inspections.review", "审核整改（销号、退回）", "button"),
        ("inspections.finding.view", "查看督察问题清单", "menu"),
        ("inspections.rectify", "报送督察整改", "button"),
    ],
)

register_menu(
    MenuEntry("督办", "法治督察", "inspections:plan_list", "inspections.plan.view", 50),
    MenuEntry("督办", "督察问题清单", "inspections:finding_list", "inspections.finding.view", 51),
)

OFFICE = [
    "inspections.plan.view",
    "inspections.manage",
    "inspections.record",
    "inspections.review",
    "inspections.finding.view",
]
UNIT = ["inspections.finding.view", "inspections.rectify"]
register_role_grants("office_staff", OFFICE)
register_role_grants("office_head", OFFICE)
register_role_grants("dept_liaison", UNIT)
register_role_grants("district_liaison", UNIT)
register_role_grants("leader", ["inspections.plan.view", "inspections.finding.view"])
