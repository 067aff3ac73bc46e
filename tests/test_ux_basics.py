"""Issue #11 points 3, 5, 6, 7: one registry of action labels, errors beside their field without the label twice,
titles with a separator, length limits on every text area (new forms get one by default: this test fails otherwise)."""

from __future__ import annotations

import importlib
import pkgutil
from enum import StrEnum

import pytest
from django import forms
from django.template import Context, Template

import fazhi
from fazhi.core.action_labels import AUDIT_LABELS
from fazhi.core.actions import action_label


def _modules(suffixes: tuple[str, ...]) -> None:
    for m in pkgutil.walk_packages(fazhi.__path__, "fazhi."):
        if ".tests" not in m.name and ".migrations" not in m.name and m.name.rsplit(".", 1)[-1].startswith(suffixes):
            importlib.import_module(m.name)


def _subclasses(cls: type) -> list[type]:
    out = []
    for s in cls.__subclasses__():
        out += [s, *_subclasses(s)]
    return out


def test_every_declared_audit_action_has_a_chinese_label():
    _modules(("events",))
    declared = {str(m) for e in _subclasses(StrEnum) if e.__module__.endswith(".events") for m in e}
    assert declared, "no events module found"
    assert sorted(declared - set(AUDIT_LABELS)) == []


def test_action_labels_cover_audit_codes_permission_codes_and_docket_steps():
    from fazhi.cases.registry import DOCKETS

    assert action_label("auth.login") == "登录"
    assert action_label("audit.exported") == "导出审计日志"
    assert action_label("plans.task.view") != "plans.task.view"  # a permission code: its catalogue label
    assert DOCKETS, "dockets registered"
    for spec in DOCKETS.values():
        for t in spec.transitions:
            assert action_label(f"{spec.code}.{t.code}") == t.label
    assert action_label("no.such.code") == "no.such.code"


def test_the_audit_log_and_record_timelines_show_the_label_not_the_code():
    html = Template("{{ code|action_label }}").render(Context({"code": "audit.exported"}))
    assert html == "导出审计日志"


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("身份证号码：身份证号码校验位错误", "身份证号码：身份证号码校验位错误"),
        ("身份证号码：身份证号码：身份证号码校验位错误", "身份证号码：身份证号码校验位错误"),
        ("请填写此项。", "身份证号码：请填写此项。"),
    ],
)
def test_an_error_beside_its_field_does_not_repeat_the_label(message, shown):
    class F(forms.Form):
        id_number = forms.CharField(label="身份证号码")

    form = F({"id_number": "x"})
    form.is_valid()
    form.add_error("id_number", message)
    html = Template('{% include "form_fields.html" %}').render(Context({"form": form}))
    assert f'<p class="field-error">{shown}</p>' in html
    assert "身份证号码：身份证号码：" not in html


def test_a_refused_form_with_a_file_field_says_the_file_must_be_chosen_again():
    from fazhi.plans.forms import ReportForm

    form = ReportForm({"text": ""}, prefix="r")
    assert not form.is_valid()
    html = Template('{% include "form_fields.html" %}').render(Context({"form": form}))
    assert "浏览器不会保留已选择的文件，请重新选择" in html
    assert "浏览器不会保留" not in Template('{% include "form_fields.html" %}').render(Context({"form": ReportForm()}))


def test_every_text_area_has_a_length_limit():
    _modules(("forms", "views"))
    unlimited = {
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("fazhi.")
        for name, f in getattr(cls, "base_fields", {}).items()
        if isinstance(f, forms.CharField) and isinstance(f.widget, forms.Textarea) and f.max_length is None
    }
    assert sorted(unlimited) == [], "give these a limit: fazhi.core.forms.long_text"


def test_a_text_kept_in_a_clocks_column_has_the_columns_limit():
    # an approved 延期理由 is stored as the clock's ClockExtension.reason, a decision's 暂停 reason as ClockPause.reason:
    # a longer text would pass SQLite and fail PostgreSQL's varchar
    from fazhi.deadlines.models import ClockExtension, ClockPause
    from fazhi.decisions.forms import ReasonDayForm
    from fazhi.dockets.disclosure.forms import ExtensionForm as DisclosureExtension
    from fazhi.dockets.hotline.forms import ExtendForm as HotlineExtension
    from fazhi.dockets.petitions.forms import ExtensionForm as PetitionExtension
    from fazhi.dockets.proposals.forms import ExtensionForm as ProposalExtension
    from fazhi.dockets.reconsideration.forms import ExtensionRequestForm

    extensions = [DisclosureExtension, HotlineExtension, PetitionExtension, ProposalExtension, ExtensionRequestForm]
    assert ClockExtension._meta.get_field("reason").max_length == 300
    assert [f.base_fields["reason"].max_length for f in extensions] == [300] * 5
    assert ClockPause._meta.get_field("reason").max_length == ReasonDayForm.base_fields["reason"].max_length == 200


def test_a_draft_and_a_template_may_be_a_whole_document():
    from fazhi.cases.views import TemplateForm
    from fazhi.consultations.forms import DraftForm, PublicCommentForm
    from fazhi.normative_documents.forms import TextForm

    assert [
        f.base_fields[n].max_length for f, n in ((DraftForm, "text"), (TextForm, "text"), (TemplateForm, "body"))
    ] == [50000] * 3
    # a public comment takes its consultation's own 单条意见字数上限
    form = PublicCommentForm({"text": "长" * 301}, max_length=300, named=False)
    assert not form.is_valid()
    assert form.errors["text"] == ["不能超过300字（现有301字）。"]
    assert form.fields["text"].widget.attrs["maxlength"] == "300"


def test_progress_reports_and_urges_have_limits_that_fit():
    from fazhi.plans.forms import ReportForm, UrgeForm

    assert ReportForm.base_fields["text"].max_length == 5000
    assert ReportForm.base_fields["text"].widget.attrs["maxlength"] == "5000"
    assert UrgeForm.base_fields["message"].max_length <= 500
    form = ReportForm({"r-text": "进" * 5001}, prefix="r")
    assert not form.is_valid()
    assert form.errors["text"] == ["不能超过5000字（现有5001字）。"]


def test_titles_read_page_dash_site(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    html = Template('{% extends "base.html" %}{% block title %}计划列表{% endblock %}').render(
        Context({"request": request, "user": request.user})
    )
    assert "<title>计划列表 - 法治政府建设平台</title>" in html


def test_a_rate_limit_says_when_to_try_again():
    import datetime as dt

    from django.utils import timezone

    from fazhi.core.ratelimit import rate_limit_message, rate_retry_at

    now = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 20, 5)).timestamp()
    assert rate_retry_at(3600, now) == timezone.make_aware(dt.datetime(2026, 12, 1, 10, 0))
    assert rate_limit_message(3600, now) == (
        "提交过于频繁，已达到本地址的次数限制，请于 10:00 后再试。您填写的内容已保留。"
    )


# Selects of units that are deliberately not the picker, each with its reason.
NOT_A_PICKER = {
    "fazhi.orgs.forms_admin.UnitGroupForm.members": "成员单位: ticked in a list of checkboxes, the group's members shown",
    "fazhi.orgs.forms_admin.RoleForm.custom_units": "自定义单位 of a role's data scope: a list of checkboxes",
    "fazhi.api.forms.AccountForm.custom_units": "自定义单位 of an API account's data scope: a list of checkboxes",
    "fazhi.dockets.proposals.views.MeetingForm.units": "参加单位: checkboxes of the item's own few handling units",
}


def _unit_fields() -> dict[str, forms.Field]:
    """Every field of every form in fazhi whose choices are units: declared on the form, or set in its __init__ (a
    form that can be built without arguments is built)."""
    from fazhi.orgs.models import Unit

    _modules(("forms", "views"))
    out: dict[str, forms.Field] = {}
    for cls in _subclasses(forms.BaseForm):
        if not cls.__module__.startswith("fazhi.") or ".tests" in cls.__module__:
            continue
        fields = dict(cls.base_fields)
        try:
            fields.update(cls().fields)
        except Exception:  # noqa: BLE001, S112  (a form that needs arguments: its declared fields are checked)
            pass
        for name, f in fields.items():
            qs = getattr(f, "queryset", None)
            if qs is not None and qs.model is Unit:
                out[f"{cls.__module__}.{cls.__qualname__}.{name}"] = f
    return out


@pytest.mark.django_db
def test_every_select_of_units_in_a_form_is_the_searchable_picker():
    # issue #11 point 12: a select of a hundred units without search; the picker is UnitChoiceField /
    # UnitMultipleChoiceField (fazhi/orgs/widgets.py) — a new form's plain ModelChoiceField over units fails here
    from fazhi.orgs.widgets import UnitSelect, UnitSelectMultiple

    fields = _unit_fields()
    assert "fazhi.dockets.legal_aid.forms.RegisterForm.handling_unit" in fields  # the scan reaches the dockets
    plain = sorted(
        name
        for name, f in fields.items()
        if not isinstance(f.widget, UnitSelect | UnitSelectMultiple) and name not in NOT_A_PICKER
    )
    assert plain == []
    assert sorted(set(NOT_A_PICKER) - set(fields)) == []  # an exception that no longer exists is taken off the list
