"""Action codes, menu entries and built-in role grants of supervision."""

from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "supervision",
    [
        ("supervision.item.view", "查看督办事项", "menu"),
        ("supervision.item.report", "报送督办事项办理情况", "button"),
        ("supervision.item.extend_request", "申请督办事项延期", "button"),
        ("supervision.item.close", "督办事项销号/退回", "button"),
        ("supervision.urge", "催办督办事项", "button"),
        ("supervision.extension.decide", "审批督办事项延期", "button"),
        ("supervision.board.office", "查看督办总览（跨单位）", "menu"),
        ("supervision.rules.manage", "维护督办生成规则与三色督办设置", "button"),
    ],
)

register_menu(
    MenuEntry("督办", "本单位督办事项", "supervision:unit_board", "supervision.item.view", 10),
    MenuEntry("督办", "督办总览", "supervision:office_board", "supervision.board.office", 20),
    MenuEntry("督办", "延期审批", "supervision:extension_list", "supervision.extension.decide", 30),
    MenuEntry("督办", "督办生成规则", "supervision:rules", "supervision.board.office", 40),
)

UNIT = ["supervision.item.view", "supervision.item.report", "supervision.item.extend_request"]
OFFICE = [
    "supervision.item.view",
    "supervision.item.close",
    "supervision.urge",
    "supervision.board.office",
    "supervision.rules.manage",
]

register_role_grants("office_staff", OFFICE)
register_role_grants("office_head", [*OFFICE, "supervision.extension.decide"])
register_role_grants("dept_liaison", UNIT)
register_role_grants("district_liaison", UNIT)
register_role_grants("reconsideration_handler", UNIT)
register_role_grants("reconsideration_head", UNIT)
register_role_grants("leader", ["supervision.item.view", "supervision.board.office"])
