"""角色管理: list roles, create and edit their action codes (grouped by module) and data scope (incl. custom units)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core.actions import action_label
from fazhi.core.errors import DomainError

from .forms_admin import RoleForm, form_add_error
from .models import Role
from .policies import RolePolicy
from .selectors import role_get_for, roles_visible_to
from .services import role_save


@login_required
def role_list(request: HttpRequest) -> HttpResponse:
    if not RolePolicy.can(request.user, "view"):
        raise Http404
    roles = list(roles_visible_to(request.user))
    for r in roles:
        r.action_labels = [action_label(c) for c in r.actions]  # type: ignore[attr-defined]
    return render(
        request, "orgs/role_list.html", {"roles": roles, "can_manage": RolePolicy.can(request.user, "manage")}
    )


def _role_form_page(request: HttpRequest, role: Role | None, form: RoleForm) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        code = role.code if role is not None and role.is_builtin else d["code"]
        try:
            saved = role_save(
                by=request.user,
                role=role,
                code=code,
                name=d["name"],
                actions=d["actions"],
                data_scope=d["data_scope"],
                custom_units=d["custom_units"],
                requires_otp=d["requires_otp"],
                description=d["description"],
                expected_version=d["version"] if role else None,
            )
        except DomainError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, f"已保存角色“{saved.name}”。")
            return redirect("orgs:role_list")
    return render(request, "orgs/role_form.html", {"form": form, "role": role})


@login_required
def role_create_view(request: HttpRequest) -> HttpResponse:
    if not RolePolicy.can(request.user, "manage"):
        raise Http404
    return _role_form_page(request, None, RoleForm(request.POST or None))


@login_required
def role_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    role = role_get_for(request.user, pk, "manage")
    initial = {
        "code": role.code,
        "name": role.name,
        "description": role.description,
        "data_scope": role.data_scope,
        "custom_units": list(role.custom_units.all()),
        "requires_otp": role.requires_otp,
        "actions": list(role.actions),
        "version": role.version,
    }
    return _role_form_page(request, role, RoleForm(request.POST or None, initial=initial, builtin=role.is_builtin))
