from fazhi.core.actions import MenuEntry, register_actions, register_menu, register_role_grants

register_actions("api", [("api.account.manage", "管理接口账号与密钥", "menu")])
register_menu(MenuEntry("安全审计", "接口账号", "api:account_list", "api.account.manage", 30))
register_role_grants("sec_admin", ["api.account.manage"])
