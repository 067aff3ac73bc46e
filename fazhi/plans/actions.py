"""Action codes, menu entries and built-in role grants of the plans module."""

from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions(
    "plans",
    [
        ("plans.plan.view", "查看计划", "menu"),
        ("plans.plan.manage", "管理计划", "button"),
        ("plans.plan.import", "导入计划文件", "button"),
        ("plans.plan.overview", "查看计划总览与排名", "menu"),
        ("plans.task.view", "查看任务", "menu"),
        ("plans.task.sign", "签收任务", "button"),
        ("plans.task.report", "报送任务进展", "button"),
        ("plans.task.complete", "报送任务完成情况", "button"),
        ("plans.task.review", "审核任务（销号/退回）", "button"),
        ("plans.task.extend_request", "申请任务延期", "button"),
        ("plans.task.extend_approve", "审批任务延期", "button"),
        ("plans.task.export", "导出任务及进展", "button"),
        ("plans.supervise", "督办（催办、督办单、三色督办设置）", "button"),
    ],
)

register_menu(
    MenuEntry("规划任务", "我的任务", "plans:my_tasks", "plans.task.view", 10),
    MenuEntry("规划任务", "计划列表", "plans:plan_list", "plans.plan.view", 20),
    MenuEntry("规划任务", "导入计划", "plans:import_upload", "plans.plan.import", 30),
    MenuEntry("规划任务", "单位排名", "plans:ranking", "plans.plan.overview", 40),
    MenuEntry("规划任务", "延期审批", "plans:extension_list", "plans.task.extend_approve", 50),
    MenuEntry("规划任务", "三色督办", "plans:ladder", "plans.supervise", 60),
)

OFFICE = [
    "plans.plan.view",
    "plans.plan.manage",
    "plans.plan.import",
    "plans.plan.overview",
    "plans.task.view",
    "plans.task.review",
    "plans.task.export",
    "plans.supervise",
]
UNIT = [
    "plans.plan.view",
    "plans.task.view",
    "plans.task.sign",
    "plans.task.report",
    "plans.task.complete",
    "plans.task.extend_request",
]

register_role_grants("office_staff", OFFICE)
register_role_grants("office_head", [*OFFICE, "plans.task.extend_approve"])
register_role_grants("dept_liaison", UNIT)
register_role_grants("district_liaison", UNIT)
register_role_grants("leader", ["plans.plan.view", "plans.task.view", "plans.plan.overview"])
