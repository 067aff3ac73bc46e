from fazhi.core.actions import MenuEntry, register_actions, register_menu

register_actions(
    "orgs",
    [
        ("orgs.unit.view", "查看单位", "menu"),
        ("orgs.unit.manage", "管理单位与分组", "button"),
        ("orgs.unit.import", "导入导出单位", "button"),
        ("orgs.user.view", "查看用户", "menu"),
        ("orgs.user.manage", "管理用户", "button"),
        ("orgs.user.unlock", "解锁账号", "button"),
        ("orgs.role.view", "查看角色", "menu"),
        ("orgs.role.manage", "管理角色", "button"),
        ("audit.log.view", "查看审计日志", "menu"),
        ("audit.log.export", "导出审计日志", "button"),
        ("audit.login.view", "查看登录日志", "menu"),
        ("pii.unmask", "查看完整个人信息", "button"),
        ("jobs.job.view", "查看后台任务", "menu"),
    ],
)

register_menu(
    MenuEntry("系统管理", "单位管理", "orgs:unit_list", "orgs.unit.view", 10),
    MenuEntry("系统管理", "单位分组", "orgs:group_list", "orgs.unit.view", 11),
    MenuEntry("系统管理", "用户管理", "orgs:user_list", "orgs.user.view", 20),
    MenuEntry("系统管理", "角色管理", "orgs:role_list", "orgs.role.view", 30),
    MenuEntry("安全审计", "审计日志", "audit:event_list", "audit.log.view", 10),
    MenuEntry("安全审计", "登录日志", "audit:login_list", "audit.login.view", 20),
    MenuEntry("安全审计", "接口密钥使用记录", "audit:key_use_list", "audit.log.view", 30),
)
