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

# Text areas without a limit when the rule came in (issue #11); their modules' owners give them one (long_text in
# fazhi/core/forms.py) and take them off this list. A form added after it must have one.
UNLIMITED_BEFORE_ISSUE_11 = {
    "fazhi.api.forms.AccountForm.allowed_networks",
    "fazhi.cases.views.TemplateForm.body",
    "fazhi.consultations.forms.AdoptionForm.reason",
    "fazhi.consultations.forms.AdoptionForm.revision",
    "fazhi.consultations.forms.CloseForm.short_reason",
    "fazhi.consultations.forms.ConsultationForm.short_reason",
    "fazhi.consultations.forms.ConsultationForm.summary",
    "fazhi.consultations.forms.DraftForm.text",
    "fazhi.consultations.forms.PublicCommentForm.text",
    "fazhi.consultations.forms.PublishForm.intro",
    "fazhi.consultations.forms.StaffCommentForm.text",
    "fazhi.deadlines.forms.CalculatorForm.pauses",
    "fazhi.deadlines.forms.CalendarLoadForm.text",
    "fazhi.decisions.forms.AdjustForm.reason",
    "fazhi.decisions.forms.EvaluateForm.conclusion",
    "fazhi.decisions.forms.ItemForm.basis",
    "fazhi.decisions.forms.ItemForm.reason",
    "fazhi.decisions.forms.LegalityForm.people",
    "fazhi.decisions.forms.LegalityForm.summary",
    "fazhi.decisions.forms.MeetingForm.attendees",
    "fazhi.decisions.forms.MeetingForm.decision_text",
    "fazhi.decisions.forms.MeetingForm.departure_reason",
    "fazhi.decisions.forms.MeetingForm.dissents",
    "fazhi.decisions.forms.MeetingForm.speakers",
    "fazhi.decisions.forms.ProposalForm.basis",
    "fazhi.decisions.forms.ReasonDayForm.reason",
    "fazhi.decisions.forms.ReportForm.text",
    "fazhi.decisions.forms.SendBackForm.reason",
    "fazhi.decisions.forms.StepForm.people",
    "fazhi.decisions.forms.StepForm.summary",
    "fazhi.dockets.disclosure.forms.ConsultForm.matter",
    "fazhi.dockets.disclosure.forms.CorrectionRequestForm.defects",
    "fazhi.dockets.disclosure.forms.DatedNoteForm.note",
    "fazhi.dockets.disclosure.forms.ExcessiveForm.reason",
    "fazhi.dockets.disclosure.forms.ExtensionForm.reason",
    "fazhi.dockets.disclosure.forms.FeeForm.reason",
    "fazhi.dockets.disclosure.forms.OpinionForm.summary",
    "fazhi.dockets.disclosure.forms.RegisterForm.content",
    "fazhi.dockets.disclosure.forms.ReplyForm.content",
    "fazhi.dockets.litigation.forms.AppearanceForm.absence_reason",
    "fazhi.dockets.litigation.forms.DefenceForm.note",
    "fazhi.dockets.litigation.forms.LossAnalysisForm.analysis",
    "fazhi.dockets.litigation.forms.LossAnalysisForm.measures",
    "fazhi.dockets.litigation.forms.OutcomeForm.summary",
    "fazhi.dockets.reconsideration.forms.BasicsForm.act",
    "fazhi.dockets.reconsideration.forms.BasicsForm.request",
    "fazhi.dockets.reconsideration.forms.CorrectionReceiveForm.note",
    "fazhi.dockets.reconsideration.forms.CorrectionRequestForm.defects",
    "fazhi.dockets.reconsideration.forms.DatedNoteForm.note",
    "fazhi.dockets.reconsideration.forms.DecisionForm.decision_text",
    "fazhi.dockets.reconsideration.forms.DecisionForm.facts",
    "fazhi.dockets.reconsideration.forms.DecisionForm.reasons",
    "fazhi.dockets.reconsideration.forms.ExtensionRequestForm.reason",
    "fazhi.dockets.reconsideration.forms.IntakeForm.facts",
    "fazhi.dockets.reconsideration.forms.IntakeForm.request",
    "fazhi.dockets.reconsideration.forms.ReasonForm.reason",
    "fazhi.dockets.reconsideration.forms.RefuseForm.reason",
    "fazhi.dockets.reconsideration.forms.RejectForm.reasons",
    "fazhi.dockets.reconsideration.forms.ReplyForm.summary",
    "fazhi.dockets.reconsideration.forms.SuspendForm.note",
    "fazhi.dockets.reconsideration.forms.TerminateForm.note",
    "fazhi.dockets.reconsideration.forms.TerminationRequestForm.note",
    "fazhi.normative_documents.forms.AssessForm.assessment",
    "fazhi.normative_documents.forms.AssessForm.drafting_note",
    "fazhi.normative_documents.forms.CitationsForm.lines",
    "fazhi.normative_documents.forms.CleanupItemForm.reason",
    "fazhi.normative_documents.forms.CorrectionForm.report",
    "fazhi.normative_documents.forms.DependencyConfirmForm.note",
    "fazhi.normative_documents.forms.InstrumentChangeForm.note",
    "fazhi.normative_documents.forms.LegalityOpinionForm.reasons",
    "fazhi.normative_documents.forms.ProposeForm.purpose",
    "fazhi.normative_documents.forms.ReviewDecideForm.criteria_findings",
    "fazhi.normative_documents.forms.ReviewDecideForm.formal_check_note",
    "fazhi.normative_documents.forms.SuggestionAnswerForm.answer",
    "fazhi.normative_documents.forms.TextForm.text",
    "fazhi.orgs.forms_admin.UnitForm.aliases",
    "fazhi.orgs.forms_admin.UnitGroupForm.aliases",
    "fazhi.plans.forms.BulkReportForm.text",
    "fazhi.plans.forms.DraftTaskForm.text",
    "fazhi.portal.forms.DisclosureApplicationForm.content",
    "fazhi.supervision.forms.NoticeForm.text",
}


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
    assert sorted(unlimited - UNLIMITED_BEFORE_ISSUE_11) == [], "give these a limit: fazhi.core.forms.long_text"
    assert sorted(UNLIMITED_BEFORE_ISSUE_11 - unlimited) == [], "these have a limit now: remove them from the list"


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
