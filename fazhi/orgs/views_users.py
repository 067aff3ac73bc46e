"""用户管理: list within the data scope, create with an initial password, edit, set roles (三员分立 enforced by the
service), unlock, reset password. Phone numbers are masked; "显示完整" needs `pii.unmask` and is audited each time."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.errors import DomainError
from fazhi.core.pii import mask_phone

from .forms_admin import PasswordResetForm, UserCreateForm, UserEditForm, UserRolesForm, form_add_error
from .models import Role, User
from .policies import UserPolicy
from .selectors import units_in_scope_of, user_get_for, users_search
from .services import user_create, user_mobile_reveal, user_password_reset, user_roles_set, user_unlock, user_update


def _assignable_roles(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Role.objects.order_by("id")


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    if not UserPolicy.can(request.user, "list"):
        raise Http404
    q = request.GET.get("q", "").strip()
    page = Paginator(users_search(request.user, q=q), 30).get_page(request.GET.get("page"))
    for u in page:
        u.mobile_masked = mask_phone(u.mobile)  # type: ignore[attr-defined]
        u.is_locked = bool(u.locked_until and u.locked_until > timezone.now())  # type: ignore[attr-defined]
    return render(
        request,
        "orgs/user_list.html",
        {
            "page": page,
            "q": q,
            "query": f"q={q}" if q else "",
            "can_create": UserPolicy.can(request.user, "create"),
        },
    )


@login_required
def user_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    target = user_get_for(request.user, pk, "view")
    return _detail(request, target, mobile_full="")


def _detail(request: HttpRequest, target: User, *, mobile_full: str) -> HttpResponse:
    me = request.user
    return render(
        request,
        "orgs/user_detail.html",
        {
            "target": target,
            "roles": target.roles.all(),
            "mobile_masked": mask_phone(target.mobile),
            "mobile_full": mobile_full,
            "is_locked": bool(target.locked_until and target.locked_until > timezone.now()),
            "can_manage": UserPolicy.can(me, "manage", target),
            "can_set_roles": UserPolicy.can(me, "set_roles", target),
            "can_unlock": UserPolicy.can(me, "unlock", target),
            "can_unmask": UserPolicy.can(me, "unmask", target),
        },
    )


@login_required
@require_POST
def user_unmask_view(request: HttpRequest, pk: int) -> HttpResponse:
    target = user_get_for(request.user, pk, "view")
    if not UserPolicy.can(request.user, "unmask", target):
        raise PermissionDenied("您没有查看完整个人信息的权限。")
    return _detail(request, target, mobile_full=user_mobile_reveal(by=request.user, user=target))


@login_required
def user_create_view(request: HttpRequest) -> HttpResponse:
    if not UserPolicy.can(request.user, "create"):
        raise Http404
    may_grant = UserPolicy.can(request.user, "grant")
    form = UserCreateForm(
        request.POST or None,
        units=units_in_scope_of(request.user),
        roles=_assignable_roles(request) if may_grant else None,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if not UserPolicy.can(request.user, "manage", User(unit=d["unit"])):
            raise Http404  # the unit list is already scoped; this guards a forged unit id
        try:
            user = user_create(
                by=request.user,
                username=d["username"],
                full_name=d["full_name"],
                unit=d["unit"],
                roles=d.get("roles") or [],
                password=d["password"],
                mobile=d["mobile"],
                is_liaison=d["is_liaison"],
            )
        except (DomainError, ValidationError) as exc:
            if isinstance(exc, ValidationError) and not hasattr(exc, "error_dict"):
                form.add_error("password", exc)  # validate_password's messages
            else:
                form_add_error(form, exc)
        else:
            messages.success(request, f"已新建用户“{user.username}”，首次登录须修改密码。")
            return redirect("orgs:user_detail", pk=user.pk)
    return render(request, "orgs/user_form.html", {"form": form, "target": None, "may_grant": may_grant})


@login_required
def user_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    target = user_get_for(request.user, pk, "manage")
    initial = {
        "full_name": target.full_name,
        "unit": target.unit,
        "is_liaison": target.is_liaison,
        "is_active": target.is_active,
        "version": target.version,
    }
    form = UserEditForm(request.POST or None, initial=initial, units=units_in_scope_of(request.user))
    form.fields["mobile"].widget.attrs["placeholder"] = mask_phone(target.mobile)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        mobile = "" if d["clear_mobile"] else (d["mobile"] or target.mobile)
        try:
            user_update(
                by=request.user,
                user=target,
                expected_version=d["version"],
                full_name=d["full_name"],
                unit=d["unit"],
                mobile=mobile,
                is_liaison=d["is_liaison"],
                is_active=d["is_active"],
            )
        except (DomainError, ValidationError) as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("orgs:user_detail", pk=target.pk)
    return render(request, "orgs/user_form.html", {"form": form, "target": target})


@login_required
def user_roles_view(request: HttpRequest, pk: int) -> HttpResponse:
    target = user_get_for(request.user, pk, "set_roles")
    form = UserRolesForm(
        request.POST or None, initial={"roles": list(target.roles.all())}, roles=_assignable_roles(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            user_roles_set(by=request.user, user=target, roles=form.cleaned_data["roles"])
        except DomainError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, "角色已更新。")
            return redirect("orgs:user_detail", pk=target.pk)
    return render(request, "orgs/user_roles.html", {"form": form, "target": target})


@login_required
@require_POST
def user_unlock_view(request: HttpRequest, pk: int) -> HttpResponse:
    target = user_get_for(request.user, pk, "unlock")
    user_unlock(by=request.user, user=target)
    messages.success(request, f"已解锁“{target.username}”。")
    return redirect("orgs:user_detail", pk=target.pk)


@login_required
def user_password_reset_view(request: HttpRequest, pk: int) -> HttpResponse:
    target = user_get_for(request.user, pk, "manage")
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user_password_reset(by=request.user, user=target, password=form.cleaned_data["password"])
        except ValidationError as exc:
            form.add_error("password", exc)
        else:
            messages.success(request, f"已重置“{target.username}”的密码，下次登录须修改密码。")
            return redirect("orgs:user_detail", pk=target.pk)
    return render(request, "orgs/user_password_reset.html", {"form": form, "target": target})
