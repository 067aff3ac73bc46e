"""HTML input validation only."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import REPORT_MAX, long_text
from fazhi.core.uploads import check_upload
from fazhi.orgs.widgets import UnitSelectMultiple
from fazhi.supervision.forms import DecideForm, ExtensionForm, MultipleFileField, TokenForm, UrgeForm

__all__ = ["DecideForm", "ExtensionForm", "MultipleFileField", "TokenForm", "UrgeForm"]

from .models import PlanKind


class ImportForm(forms.Form):
    file = forms.FileField(
        label="计划文件", help_text="支持 .txt 或 .docx，按常见公文格式编写的计划、工作要点或整改清单。"
    )
    name = forms.CharField(label="计划名称", max_length=200, required=False, help_text="留空则使用文件中的《标题》。")
    kind = forms.ChoiceField(label="计划类型", choices=PlanKind.choices, initial=PlanKind.ANNUAL)
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="留空则从文件标题识别；“年底前”等期限按此年度计算。",
    )

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        check_upload(f, allowed=(".txt", ".docx"))
        return f


class ReportForm(TokenForm):
    text = long_text("进展情况", max_length=REPORT_MAX, rows=4)
    percent = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100, required=False)
    files = MultipleFileField(label="附件", required=False)


class BulkReportForm(TokenForm):
    text = long_text("进展情况", max_length=REPORT_MAX)
    percent = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100, required=False)


class CompleteForm(TokenForm):
    text = long_text("完成情况", max_length=REPORT_MAX, rows=4, help_text="牵头单位汇总配合单位意见后报送。")
    files = MultipleFileField(label="附件", required=False)


class ContributeForm(TokenForm):
    text = long_text("协办意见", max_length=REPORT_MAX, rows=4)
    files = MultipleFileField(label="附件", required=False)


class ReasonForm(forms.Form):
    reason = long_text("退回理由")


class AcceptForm(forms.Form):
    reason = long_text("审核意见", rows=2, required=False)


def unit_choices() -> list[tuple[str, str]]:
    """Units ("u<id>") and unit groups ("g<id>") a task may be assigned to."""
    from fazhi.orgs.models import Unit, UnitGroup

    units = [(f"u{u.pk}", u.name) for u in Unit.objects.filter(is_active=True).order_by("path")]
    groups = [(f"g{g.pk}", f"【单位组】{g.name}") for g in UnitGroup.objects.order_by("code")]
    return [*units, *groups]


def unit_targets(values: list[str]) -> list[Any]:
    """The units and groups behind chosen values, in the order chosen (unknown values are dropped)."""
    from fazhi.orgs.models import Unit, UnitGroup

    units = {
        f"u{u.pk}": u
        for u in Unit.objects.filter(pk__in=[int(v[1:]) for v in values if v[:1] == "u" and v[1:].isdigit()])
    }
    groups = {
        f"g{g.pk}": g
        for g in UnitGroup.objects.filter(pk__in=[int(v[1:]) for v in values if v[:1] == "g" and v[1:].isdigit()])
    }
    found = {**units, **groups}
    return [found[v] for v in values if v in found]


def unit_values(targets: list[Any]) -> list[str]:
    from fazhi.orgs.models import UnitGroup

    return [f"{'g' if isinstance(t, UnitGroup) else 'u'}{t.pk}" for t in targets]


class DraftTaskForm(forms.Form):
    """A task of a draft plan: what it says, by when, and who leads / cooperates."""

    section = forms.TypedChoiceField(label="所属章节", coerce=int, required=False, empty_value=None)
    title = forms.CharField(label="任务名称", max_length=300)
    text = long_text("任务内容", max_length=REPORT_MAX, rows=4, required=False)
    due_date = forms.DateField(
        label="完成时限", required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="留空表示不设时限。"
    )
    lead_units = forms.MultipleChoiceField(
        label="牵头单位", widget=UnitSelectMultiple(attrs={"size": 6}), help_text="可多选（电脑上按住 Ctrl 键点选）。"
    )
    co_units = forms.MultipleChoiceField(label="配合单位", required=False, widget=UnitSelectMultiple(attrs={"size": 6}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, sections: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = unit_choices()
        self.fields["lead_units"].choices = choices
        self.fields["co_units"].choices = choices
        self.fields["lead_units"].error_messages["required"] = "请至少选择一个单位。"
        if sections is None:
            del self.fields["section"]
        else:
            self.fields["section"].choices = [("", "（不属于任何章节）"), *sections]
