"""Action codes, menu entries, built-in role grants, home widget and demo step of the deadlines module."""

from __future__ import annotations

from fazhi.core.actions import (
    MenuEntry,
    register_actions,
    register_demo_step,
    register_home_widget,
    register_menu,
    register_role_grants,
)

register_actions(
    "deadlines",
    [
        ("deadlines.clock.view", "查看法定期限", "menu"),
        ("deadlines.calendar.view", "查看法定节假日日历", "menu"),
        ("deadlines.calendar.manage", "维护法定节假日安排", "button"),
    ],
)

register_menu(
    MenuEntry("法定期限", "我的期限", "deadlines:clock_list", "deadlines.clock.view", 10),
    MenuEntry("法定期限", "期限计算器", "deadlines:calculator", "deadlines.clock.view", 20),
    MenuEntry("系统管理", "节假日安排", "deadlines:calendar", "deadlines.calendar.manage", 60),
)

register_role_grants("sys_admin", ["deadlines.calendar.view", "deadlines.calendar.manage"])
for _role in (
    "office_staff",
    "office_head",
    "dept_liaison",
    "district_liaison",
    "reconsideration_handler",
    "reconsideration_head",
    "leader",
):
    register_role_grants(_role, ["deadlines.clock.view", "deadlines.calendar.view"])


def _home_widget(request):  # type: ignore[no-untyped-def]
    from .views import home_widget

    return home_widget(request)


def _demo_seed_calendar(write):  # type: ignore[no-untyped-def]
    from .calendar_services import calendar_seed_from_package

    n = calendar_seed_from_package(by=None)
    write(f"法定节假日日历：新载入 {n} 个年度（已存在的年度不变）")


register_home_widget(_home_widget)
register_demo_step(15, "法定节假日日历", _demo_seed_calendar)
