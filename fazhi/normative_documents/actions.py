"""Action codes, menu entries and role grants of the normative-documents module (imported from AppConfig.ready)."""

from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

A = "normative_documents"

register_actions(
    A,
    [
        (f"{A}.document.view", "查看规范性文件", "menu"),
        (f"{A}.document.draft", "起草、报送规范性文件", "button"),
        (f"{A}.document.publish", "签发、登记、公布规范性文件", "button"),
        (f"{A}.legality.review", "规范性文件合法性审核", "button"),
        (f"{A}.filing.review", "规范性文件备案审查", "button"),
        (f"{A}.instrument.manage", "维护上位法依据库", "button"),
        (f"{A}.cleanup.manage", "组织规范性文件清理", "button"),
    ],
)
register_menu(MenuEntry("规范性文件", "规范性文件", "normative_documents:list", f"{A}.document.view", 60))
register_role_grants("dept_liaison", [f"{A}.document.view", f"{A}.document.draft", f"{A}.document.publish"])
register_role_grants("district_liaison", [f"{A}.document.view", f"{A}.document.draft", f"{A}.document.publish"])
register_role_grants(
    "office_staff",
    [
        f"{A}.document.view",
        f"{A}.legality.review",
        f"{A}.filing.review",
        f"{A}.instrument.manage",
        f"{A}.cleanup.manage",
    ],
)
register_role_grants(
    "office_head",
    [
        f"{A}.document.view",
        f"{A}.legality.review",
        f"{A}.filing.review",
        f"{A}.instrument.manage",
        f"{A}.cleanup.manage",
    ],
)
register_role_grants("leader", [f"{A}.document.view"])
