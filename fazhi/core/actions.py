"""The catalogue of action codes (菜单 / 按钮 / 接口 permissions) and the navigation menu, filled by each module.

A module declares its actions once (in its `actions.py`, imported from AppConfig.ready); roles grant codes from this
catalogue; the menu shows an entry only to users holding its action code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActionDef:
    code: str
    label: str
    kind: str = "button"  # menu | button | api
    module: str = ""


@dataclass(frozen=True)
class MenuEntry:
    section: str  # 一级菜单 (e.g. "系统管理")
    label: str
    url_name: str
    action: str  # required action code
    order: int = 100
    icon: str = ""


ACTIONS: dict[str, ActionDef] = {}
MENU: list[MenuEntry] = []
SECTION_ORDER = ["工作台", "规划任务", "案件办理", "法定期限", "统计分析", "系统管理", "安全审计"]


def register_actions(module: str, defs: list[tuple[str, str, str]]) -> None:
    for code, label, kind in defs:
        ACTIONS[code] = ActionDef(code, label, kind, module)


def register_menu(*entries: MenuEntry) -> None:
    for e in entries:
        if e not in MENU:
            MENU.append(e)


def action_label(code: str) -> str:
    """The Chinese label of an audit action or a permission code (fazhi/core/action_labels.py); the code if none."""
    from .action_labels import AUDIT_LABELS

    if code in AUDIT_LABELS:
        return AUDIT_LABELS[code]
    a = ACTIONS.get(code)
    return a.label if a else code


# Home-page widgets: callables (request) -> {"title": str, "html": str} | None, registered by modules.
HOME_WIDGETS: list = []


def register_home_widget(fn):  # type: ignore[no-untyped-def]
    if fn not in HOME_WIDGETS:
        HOME_WIDGETS.append(fn)
    return fn


# Built-in roles receive action codes from every module: register_role_grants("office_staff", [...]).
ROLE_GRANTS: dict[str, set[str]] = {}


def register_role_grants(role_code: str, codes: list[str]) -> None:
    ROLE_GRANTS.setdefault(role_code, set()).update(codes)


# Demo-city steps: `fazhi demo` builds units and personas (orgs) first, then runs each registered step in order.
# A step is a callable (stdout_write) -> None and must be idempotent (running `fazhi demo` twice changes nothing).
DEMO_STEPS: list[tuple[int, str, object]] = []


def register_demo_step(order: int, label: str, fn: object) -> None:
    if all(existing is not fn for _, _, existing in DEMO_STEPS):
        DEMO_STEPS.append((order, label, fn))
        DEMO_STEPS.sort(key=lambda s: s[0])
