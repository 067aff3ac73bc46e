"""Built-in roles: the 三员 and one role per persona. Action codes come from every module's actions.py
(register_role_grants), so a new module extends these roles without editing this file."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from fazhi.core.actions import ROLE_GRANTS, register_role_grants

from .models import AdminKind, DataScope, Role
from .scopes import grants_changed


@dataclass(frozen=True)
class BuiltinRole:
    code: str
    name: str
    data_scope: str
    admin_kind: str = ""
    requires_otp: bool = False
    description: str = ""


BUILTIN_ROLES = [
    BuiltinRole("sys_admin", "系统管理员", DataScope.ALL, AdminKind.SYSTEM, True, "三员之一：管理单位、用户和系统参数"),
    BuiltinRole("sec_admin", "安全管理员", DataScope.ALL, AdminKind.SECURITY, True, "三员之一：管理角色授权、解锁账号"),
    BuiltinRole("audit_admin", "审计管理员", DataScope.ALL, AdminKind.AUDIT, True, "三员之一：查询和导出审计日志"),
    BuiltinRole("office_staff", "依法治市办工作人员", DataScope.ALL, description="制定计划、分解任务、督办考核"),
    BuiltinRole("office_head", "依法治市办负责人", DataScope.ALL, description="审批延期、销号"),
    BuiltinRole("dept_liaison", "部门联络员", DataScope.UNIT, description="本单位任务签收、报送"),
    BuiltinRole("district_liaison", "区县联络员", DataScope.UNIT_AND_BELOW, description="本区及下级单位任务"),
    BuiltinRole("reconsideration_handler", "行政复议承办人", DataScope.UNIT, description="办理复议和应诉案件"),
    BuiltinRole("reconsideration_head", "行政复议机构负责人", DataScope.UNIT, description="审批延期、程序转换与决定"),
    BuiltinRole("disclosure_handler", "政府信息公开承办人", DataScope.UNIT, description="办理依申请公开"),
    BuiltinRole(
        "disclosure_head", "政府信息公开工作机构负责人", DataScope.UNIT, description="批准延期答复（条例第三十三条）"
    ),
    BuiltinRole("mediator", "人民调解员", DataScope.UNIT, description="办理本调解委员会的人民调解案件"),
    BuiltinRole(
        "justice_office", "司法所工作人员", DataScope.UNIT_AND_BELOW, description="指导本乡镇（街道）的人民调解委员会"
    ),
    BuiltinRole("mediation_manager", "司法局人民调解管理人员", DataScope.ALL, description="人民调解组织和统计"),
    BuiltinRole("petition_handler", "信访工作人员", DataScope.UNIT, description="登记、受理、办理信访事项"),
    BuiltinRole(
        "petition_head", "信访工作机构负责人", DataScope.UNIT, description="批准延期办理（信访工作条例第三十四条）"
    ),
    BuiltinRole("hotline_centre", "12345热线工作机构", DataScope.ALL, description="派单、裁定退单、依法分流、回访"),
    BuiltinRole("hotline_handler", "12345工单承办人", DataScope.UNIT, description="本单位工单签收、退单、回复"),
    BuiltinRole(
        "proposal_head",
        "承办单位负责人（建议提案）",
        DataScope.UNIT,
        description="签发建议提案答复函（代表法第五十一条）",
    ),
    BuiltinRole("legal_aid_staff", "法律援助机构工作人员", DataScope.UNIT, description="受理、指派、结案"),
    BuiltinRole("legal_aid_head", "法律援助机构负责人", DataScope.UNIT, description="作出给予或不予法律援助的决定"),
    BuiltinRole(
        "legal_aid_supervisor", "司法局法律援助监管人员", DataScope.UNIT_AND_BELOW, description="审查法律援助异议"
    ),
    BuiltinRole("admin_ruling_handler", "行政裁决承办人", DataScope.UNIT, description="办理本机关的行政裁决案件"),
    BuiltinRole("admin_ruling_head", "行政裁决机关负责人", DataScope.UNIT, description="作出行政裁决、不予受理决定"),
    BuiltinRole("admin_mediator", "行政调解工作人员", DataScope.UNIT, description="办理本机关的行政调解案件"),
    BuiltinRole("leader", "领导", DataScope.ALL, description="查看统计和驾驶舱"),
    BuiltinRole(
        "external_assessor", "第三方评估人员", DataScope.SELF, description="仅查看并评审被指派的指标考核（第三方评估）"
    ),
]

register_role_grants(
    "sys_admin",
    ["orgs.unit.view", "orgs.unit.manage", "orgs.unit.import", "orgs.user.view", "orgs.user.manage", "jobs.job.view"],
)
register_role_grants(
    "sec_admin", ["orgs.role.view", "orgs.role.manage", "orgs.user.view", "orgs.user.unlock", "audit.login.view"]
)
register_role_grants("audit_admin", ["audit.log.view", "audit.log.export", "audit.login.view"])
register_role_grants("office_staff", ["orgs.unit.view"])


@transaction.atomic
def roles_seed_builtin() -> list[Role]:
    """Create or refresh the built-in roles (idempotent; running twice changes nothing)."""
    roles = []
    for b in BUILTIN_ROLES:
        actions = sorted(ROLE_GRANTS.get(b.code, set()))
        role, created = Role.objects.get_or_create(
            code=b.code,
            defaults={
                "name": b.name,
                "data_scope": b.data_scope,
                "admin_kind": b.admin_kind,
                "requires_otp": b.requires_otp,
                "is_builtin": True,
                "actions": actions,
                "description": b.description,
            },
        )
        if not created and (sorted(role.actions) != actions or role.admin_kind != b.admin_kind):
            Role.objects.filter(pk=role.pk).update(actions=actions, admin_kind=b.admin_kind)
            grants_changed()  # a queryset update sends no signal
            role.refresh_from_db()
        roles.append(role)
    return roles
