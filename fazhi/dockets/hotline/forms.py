"""HTML input only; the services validate. Field names are the services' arguments."""

from __future__ import annotations

from django import forms

from fazhi.core.forms import long_text
from fazhi.deadlines.models import EXTENSION_REASON_MAX
from fazhi.orgs.models import Unit
from fazhi.orgs.widgets import UnitChoiceField

from .codes import DIVERSIONS, RETURN_REASONS, SATISFACTION, TYPES
from .tree import category_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DatedForm(VersionedForm):
    on = forms.DateField(label="签收日期", widget=DATE, help_text="签收之日起计算办理期限。")


class DispatchForm(VersionedForm):
    on = forms.DateField(label="派单日期", widget=DATE)
    to_unit = UnitChoiceField(label="承办单位", queryset=Unit.objects.filter(is_active=True))
    final = forms.BooleanField(label="最终裁定（承办单位应当办理，不能再退单）", required=False)
    period_days = forms.IntegerField(
        label="办理期限（工作日）",
        required=False,
        min_value=1,
        help_text="法律法规规定更长期限的填写；空为该类诉求的默认期限。",
    )
    note = long_text("派单说明", required=False)


class ReturnForm(VersionedForm):
    on = forms.DateField(label="退单日期", widget=DATE)
    reason = forms.ChoiceField(label="退单理由", choices=RETURN_REASONS)
    note = long_text("说明", required=False)


class ExtendForm(VersionedForm):
    on = forms.DateField(label="批准日期", widget=DATE)
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=60)
    reason = long_text("延期理由", max_length=EXTENSION_REASON_MAX)  # it extends the clock


class ReplyForm(VersionedForm):
    on = forms.DateField(label="回复日期", widget=DATE)
    content = long_text("办理结果", max_length=5000, rows=5)


class VisitForm(VersionedForm):
    on = forms.DateField(label="回访日期", widget=DATE)
    satisfaction = forms.ChoiceField(label="回访结果", choices=[*SATISFACTION, ("unreached", "未联系上诉求人")])
    solved = forms.BooleanField(label="诉求人认为已解决", required=False)
    note = long_text("回访记录", required=False)


class DivertForm(VersionedForm):
    on = forms.DateField(label="告知日期", widget=DATE)
    route = forms.ChoiceField(label="法定途径", choices=DIVERSIONS)
    note = long_text("说明", required=False)


class AnswerForm(VersionedForm):
    on = forms.DateField(label="答复日期", widget=DATE)
    content = long_text("答复内容", max_length=5000, rows=5)


class RegisterForm(forms.Form):
    centre = UnitChoiceField(label="热线工作机构", queryset=Unit.objects.filter(is_active=True))
    source = forms.CharField(label="来源系统", max_length=40, initial="12345")
    source_id = forms.CharField(label="工单编号", max_length=64)
    received_on = forms.DateField(label="受理时间", widget=DATE)
    type = forms.ChoiceField(label="诉求类型", choices=TYPES)
    category = forms.ChoiceField(label="诉求分类", choices=())
    content = long_text("诉求内容", max_length=5000, rows=5)
    location = forms.CharField(label="地点", required=False, max_length=200)
    area = forms.CharField(label="区域", required=False, max_length=100)
    caller_name = forms.CharField(label="诉求人", required=False, max_length=100)
    caller_phone = forms.CharField(label="联系电话", required=False, max_length=20)
    urgency = forms.ChoiceField(label="紧急程度", choices=[("normal", "一般"), ("urgent", "紧急")])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["category"].choices = category_choices()  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")


def _parent_choices() -> list[tuple[str, str]]:
    from .tree import tree_rows

    return [("", "（一级分类）")] + [(r["category"].code, "　" * r["depth"] + r["category"].name) for r in tree_rows()]


class CategoryAddForm(forms.Form):
    code = forms.CharField(
        label="分类代码", max_length=50, help_text="小写字母、数字、点、下划线或连字符；建立后不能修改。"
    )
    name = forms.CharField(label="分类名称", max_length=100)
    parent = forms.ChoiceField(label="上级分类", required=False, choices=())
    position = forms.IntegerField(label="排序", required=False, min_value=0, initial=0)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["parent"].choices = _parent_choices()  # type: ignore[attr-defined]


class CategoryEditForm(VersionedForm):
    name = forms.CharField(label="分类名称", max_length=100)
    parent = forms.ChoiceField(label="上级分类", required=False, choices=())
    position = forms.IntegerField(label="排序", required=False, min_value=0)
    is_active = forms.BooleanField(label="启用（停用后新工单不能再选该分类）", required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["parent"].choices = _parent_choices()  # type: ignore[attr-defined]


class RouteForm(VersionedForm):
    area = forms.CharField(
        label="区域", max_length=100, required=False, help_text="空为其他区域（本分类的默认承办单位）。"
    )
    unit = UnitChoiceField(label="承办单位", queryset=Unit.objects.filter(is_active=True))


class RouteRemoveForm(VersionedForm):
    area = forms.CharField(max_length=100, required=False, widget=forms.HiddenInput)


class RankingForm(forms.Form):
    month = forms.CharField(label="月份", required=False, widget=forms.DateInput(attrs={"type": "month"}))
    by = forms.ChoiceField(
        label="排名依据",
        required=False,
        choices=[
            ("", "默认"),
            ("response_rate", "响应率"),
            ("resolution_rate", "解决率"),
            ("satisfaction_rate", "满意率"),
        ],
    )
