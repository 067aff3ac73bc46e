"""HTML input validation only; the services decide (and name the field they refuse)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from fazhi.core.forms import TokenForm, long_text
from fazhi.core.uploads import MultiFileField
from fazhi.orgs.widgets import UnitChoiceField, UnitNamedSelect

from .rules import REVIEW_GROUNDS
from .services import CaseInput
from .states import (
    BodyKind,
    CertificateKind,
    CertificateStatus,
    ComplaintOutcome,
    DecisionKind,
    ListKind,
    MatterKind,
    PartyKind,
    Procedure,
    SupervisionDocKind,
    Tier,
)

DATE = forms.DateInput(attrs={"type": "date"})


def _date(label: str, required: bool = False) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, required=required)


class CaseForm(TokenForm):
    body = forms.ModelChoiceField(label="执法主体", queryset=None, empty_label="请选择", widget=UnitNamedSelect)  # type: ignore[arg-type]
    number = forms.CharField(label="案号", max_length=80)
    matter = forms.CharField(
        label="执法事项编码",
        max_length=40,
        help_text="执法主体的执法事项清单中的事项编码。",
        widget=forms.TextInput(attrs={"list": "matter-codes"}),
    )
    procedure = forms.ChoiceField(label="程序", choices=Procedure.choices)
    filed_on = _date("立案日期", required=True)
    party_kind = forms.ChoiceField(label="当事人类型", choices=PartyKind.choices)
    party_name = forms.CharField(label="当事人姓名/名称", max_length=200)
    party_credit_code = forms.CharField(label="统一社会信用代码", max_length=40, required=False)
    officers = forms.CharField(label="执法人员执法证号", max_length=400, help_text="多个证号用逗号或空格分隔。")
    facts = long_text("案情摘要", max_length=2000, required=False)  # as the API's EnforcementCaseIn.facts
    hearing_held = forms.BooleanField(label="举行听证", required=False)
    hearing_on = _date("听证日期")
    review_grounds = forms.MultipleChoiceField(
        label="法制审核情形（《行政处罚法》第五十八条）",
        choices=[(g.code, g.label) for g in REVIEW_GROUNDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="经过听证、事项列入法制审核目录的，自动计入。",
    )
    reviewer = forms.CharField(label="法制审核人员", max_length=50, required=False)
    reviewer_qualified = forms.BooleanField(label="审核人员具有法律职业资格", required=False)
    reviewed_on = _date("法制审核完成日期")
    decided_on = _date("决定日期")
    decision = forms.ChoiceField(label="决定结果", choices=[("", "—"), *DecisionKind.choices], required=False)
    decision_number = forms.CharField(label="决定书文号", max_length=80, required=False)
    amount = forms.DecimalField(label="罚没金额（元）", max_digits=14, decimal_places=2, required=False, min_value=0)
    tier = forms.ChoiceField(
        label="适用裁量阶次", choices=[("", "—"), *Tier.choices], required=False, help_text="事项的裁量基准中的阶次。"
    )
    published_on = _date("公示日期")
    changed_on = _date("决定变更、撤销或确认违法、无效日期")
    withdrawn_on = _date("撤回公示日期")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, bodies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]

    def case_input(self) -> CaseInput:
        x = self.cleaned_data
        return CaseInput(
            number=x["number"],
            matter_code=x["matter"],
            procedure=x["procedure"],
            filed_on=x["filed_on"],
            party_kind=x["party_kind"],
            party_name=x["party_name"],
            party_credit_code=x["party_credit_code"],
            officer_numbers=x["officers"].replace("，", ",").replace(",", " ").split(),
            facts=x["facts"],
            hearing_held=x["hearing_held"],
            hearing_on=x["hearing_on"],
            review_grounds=list(x["review_grounds"]),
            reviewer=x["reviewer"],
            reviewer_qualified=x["reviewer_qualified"],
            reviewed_on=x["reviewed_on"],
            decided_on=x["decided_on"],
            decision=x["decision"],
            decision_number=x["decision_number"],
            amount=x["amount"],
            published_on=x["published_on"],
            changed_on=x["changed_on"],
            withdrawn_on=x["withdrawn_on"],
            tier=x["tier"],
        )


def case_initial(case: Any) -> dict[str, Any]:
    fields = [
        f for f in CaseForm.base_fields if f not in {"submit_token", "matter", "officers", "body", "version", "tier"}
    ]
    initial = {f: getattr(case, f) for f in fields}
    initial.update(
        body=case.body,
        matter=case.matter.code,
        officers=" ".join(o.certificate_number for o in case.officers.all()),
        version=case.version,
        tier=case.tier.tier if case.tier_id else "",
        # the grounds the rule adds by itself are not ticked (they follow the hearing and the matter)
        review_grounds=[g for g in case.review_grounds if g not in {"statutory", "major_rights_hearing"}],
    )
    return initial


class BodyForm(forms.Form):
    unit = UnitChoiceField(label="单位")
    kind = forms.ChoiceField(label="主体类型", choices=BodyKind.choices)
    legal_basis = long_text("执法依据", max_length=2000)
    scope = long_text("执法范围（职权）", max_length=2000)
    entrusted_by = forms.ModelChoiceField(
        label="委托机关",
        queryset=None,
        widget=UnitNamedSelect,
        required=False,
        empty_label="—",  # type: ignore[arg-type]
    )
    entrustment_ref = forms.CharField(label="委托书或委托文件", max_length=200, required=False)
    entrusted_until = _date("委托期限至")

    def __init__(self, *args: Any, units: Any = None, bodies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["entrusted_by"].queryset = bodies  # type: ignore[attr-defined]


class OfficerForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    certificate_number = forms.CharField(label="执法证号", max_length=40)
    certificate_kind = forms.ChoiceField(label="证件类型", choices=CertificateKind.choices)
    area = forms.CharField(label="执法区域", max_length=100)
    valid_from = _date("有效期起", required=True)
    valid_until = _date("有效期至", required=True)
    status = forms.ChoiceField(label="证件状态", choices=CertificateStatus.choices)
    legal_qualified = forms.BooleanField(label="具有法律职业资格", required=False)


class TrainingForm(forms.Form):
    officer = forms.ModelChoiceField(label="执法人员", queryset=None, empty_label="请选择")  # type: ignore[arg-type]
    on = _date("培训日期", required=True)
    course = forms.CharField(label="培训内容", max_length=200)
    hours = forms.DecimalField(label="学时", max_digits=5, decimal_places=1, min_value=0)
    exam_score = forms.DecimalField(label="考试成绩", max_digits=5, decimal_places=1, required=False)
    exam_passed = forms.NullBooleanField(label="考试合格", required=False)

    def __init__(self, *args: Any, officers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers  # type: ignore[attr-defined]


class MatterForm(forms.Form):
    code = forms.CharField(label="事项编码", max_length=40)
    name = forms.CharField(label="事项名称", max_length=200)
    kind = forms.ChoiceField(label="事项类型", choices=MatterKind.choices)
    basis = long_text("设定和实施依据", max_length=2000)
    review_required = forms.BooleanField(label="列入法制审核目录", required=False)
    published_on = _date("公布日期")


class ListItemForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label="清单", choices=ListKind.choices)
    matter = forms.ModelChoiceField(label="执法事项", queryset=None, empty_label="请选择")  # type: ignore[arg-type]
    conditions = long_text("适用条件", max_length=2000)
    basis = forms.CharField(label="法律依据", max_length=300, required=False, help_text="不填写时为清单所依据的条文。")
    published_on = _date("公布日期")

    def __init__(self, *args: Any, matters: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = matters  # type: ignore[attr-defined]


class TierForm(forms.Form):
    matter = forms.ModelChoiceField(label="执法事项", queryset=None, empty_label="请选择")  # type: ignore[arg-type]
    tier = forms.ChoiceField(label="裁量阶次", choices=Tier.choices)
    conditions = long_text("适用情形", max_length=2000)
    amount_min = forms.DecimalField(label="罚款下限（元）", max_digits=14, decimal_places=2)
    amount_max = forms.DecimalField(label="罚款上限（元）", max_digits=14, decimal_places=2)
    published_on = _date("公布日期")

    def __init__(self, *args: Any, matters: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = matters  # type: ignore[attr-defined]


# 案卷评查 and 涉企检查 pages


class CampaignForm(TokenForm):
    title = forms.CharField(label="评查活动名称", max_length=200)
    bodies = forms.ModelMultipleChoiceField(
        label="评查范围（执法主体）", queryset=None, widget=forms.CheckboxSelectMultiple
    )
    period_from = _date("立案日期自", required=True)
    period_to = _date("立案日期至", required=True)
    kinds = forms.MultipleChoiceField(
        label="案件类型",
        choices=MatterKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="不选为全部类型。",
    )
    sample_size = forms.IntegerField(label="抽取案卷数", min_value=1, max_value=10000)
    seed = forms.CharField(
        label="随机种子", max_length=64, required=False, help_text="留空自动生成；相同范围和种子总是抽取相同的案卷。"
    )
    lead = forms.ModelChoiceField(label="评查组长", queryset=None)
    reviewers = forms.ModelMultipleChoiceField(
        label="评查人员", queryset=None, widget=forms.CheckboxSelectMultiple, help_text="每份案卷由其中两人分别评分。"
    )

    def __init__(self, *args: Any, bodies: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = bodies
        self.fields["bodies"].label_from_instance = lambda b: b.unit.name
        self.fields["lead"].queryset = people
        self.fields["reviewers"].queryset = people


def _item_fields(form: forms.Form, sheet: list[dict[str, Any]], initial: dict[str, Any] | None = None) -> None:
    for i in sheet:
        form.fields[f"item_{i['code']}"] = forms.DecimalField(
            label=f"{i['label']}（{i['points']}分）",
            min_value=0,
            max_value=i["points"],
            step_size=Decimal("0.5"),
            decimal_places=1,
            initial=(initial or {}).get(i["code"]),
            widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
            error_messages={
                "min_value": "得分不能小于0。",
                "max_value": f"得分不能超过{i['points']}分。",
                "step_size": "得分须为0.5分的整数倍。",
                "max_decimal_places": "得分须为0.5分的整数倍。",
                "invalid": "请输入数字。",
                "required": "请评分。",
            },
        )


class ScoreForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        sheet: list[dict[str, Any]],
        vetoes: list[dict[str, str]] | None = None,
        initial_items: Any = None,
        initial_vetoes: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _item_fields(self, sheet, initial_items)
        if vetoes:
            self.fields["vetoes"] = forms.MultipleChoiceField(
                label="一票否决情形",
                choices=[(v["code"], v["label"]) for v in vetoes],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=list(initial_vetoes or []),
                help_text="有其中任一情形的，案卷评为不合格，不论得分。",
            )
        self.fields["note"] = long_text("评查意见", required=False)
        self.sheet = sheet

    def vetoes(self) -> list[str]:
        return list(self.cleaned_data.get("vetoes") or [])

    def items(self) -> dict[str, Any]:
        return {i["code"]: self.cleaned_data[f"item_{i['code']}"] for i in self.sheet}


class ReconcileForm(ScoreForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"] = long_text("合议说明")


class DefectForm(forms.Form):
    item_code = forms.ChoiceField(label="评查项目")
    text = long_text("问题")

    def __init__(self, *args: Any, sheet: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item_code"].choices = [("", "请选择")] + [(i["code"], i["label"]) for i in sheet]


class InspectionForm(TokenForm):
    body = forms.ModelChoiceField(label="牵头执法主体", queryset=None)
    on = _date("检查日期", required=True)
    matter_code = forms.CharField(label="检查事项编码", max_length=40)
    enterprise_code = forms.CharField(label="统一社会信用代码", max_length=40)
    enterprise_name = forms.CharField(label="企业名称", max_length=200)
    officer_numbers = forms.CharField(label="执法人员执法证号", max_length=400, help_text="多个用逗号或空格分隔。")
    partners = forms.ModelMultipleChoiceField(
        label="联合检查单位", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    result = long_text("检查结果", required=False)
    confirm_over_cap = forms.BooleanField(label="已知超过年度检查上限，确需检查", required=False)
    special = forms.BooleanField(label="专项检查", required=False)
    cause = forms.CharField(
        label="检查启动原因",
        max_length=200,
        required=False,
        help_text="无事不扰期内检查的，须填写投诉举报、转办交办、数据监测等线索。",
    )

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("body", "partners"):
            self.fields[name].queryset = bodies
            self.fields[name].label_from_instance = lambda b: b.unit.name

    def officer_list(self) -> list[str]:
        import re

        return [n for n in re.split(r"[\s,，、;；]+", self.cleaned_data["officer_numbers"]) if n]


class ConfirmForm(forms.Form):
    answer = forms.ChoiceField(
        label="您的确认",
        choices=[("confirmed", "确认：检查情况属实"), ("disputed", "有异议")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择“确认”或“有异议”。"},
    )
    rating = forms.TypedChoiceField(
        label="评价",
        choices=[("", "不评价")] + [(str(i), f"{i}分") for i in range(5, 0, -1)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    note = long_text("意见或异议内容", required=False, help_text="有异议的，请写明。")


class SupervisionDocumentForm(TokenForm):
    kind = forms.ChoiceField(label="文书种类", choices=SupervisionDocKind.choices)
    body = forms.ModelChoiceField(label="被监督的执法主体", queryset=None, empty_label="请选择", widget=UnitNamedSelect)
    subject = forms.CharField(label="事由", max_length=200, help_text="如：2026年上半年行政处罚案件办理情况。")
    findings = long_text("发现的问题", rows=5, help_text="每条一行。")
    requirements = long_text("监督意见（决定事项）", rows=5, help_text="每条一行。")
    basis = forms.CharField(label="依据", max_length=300, required=False, help_text="留空为《行政执法监督条例》。")
    issued_on = _date("制发日期", required=True)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]


class SupervisionReplyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    replied_on = _date("答复日期", required=True)
    reply_text = long_text("答复（整改）情况", rows=5)


class ComplaintForm(TokenForm):
    """执法投诉 registered by the office (a letter, a visit) — or, with `public=True`, the portal's form."""

    body = forms.ModelChoiceField(label="被投诉的执法主体", queryset=None, empty_label="请选择", widget=UnitNamedSelect)
    name = forms.CharField(label="投诉人姓名", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    subject = forms.CharField(label="投诉事项", max_length=200, help_text="如：执法人员检查时未出示执法证件。")
    content = long_text("投诉内容", rows=5, help_text="时间、地点、执法单位和人员、经过。")
    request = long_text("诉求", rows=2, required=False)
    received_on = _date("收到日期", required=True)

    def __init__(self, *args: Any, bodies: Any, public: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        if public:
            del self.fields["received_on"]
            self.fields["body"] = forms.ModelChoiceField(
                label="被投诉的执法机关", queryset=bodies, empty_label="请选择"
            )  # a plain select: the portal shows no unit picker
            self.fields["phone"].required = True
            self.fields["phone"].help_text = "查询办理进度时需要输入"
            self.fields["files"] = MultiFileField(
                label="相关材料（PDF、图片、Word，可选）",
                required=False,
                help_text="如执法文书、照片；只有行政执法监督机构可以查看。",
            )


class ComplaintLookupForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=32)
    phone = forms.CharField(label="联系电话", max_length=20)


STEP_TEXT = {"reject": "不予受理的理由", "investigate": "调查情况", "conclude": "处理结果"}


class ComplaintStepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = _date("日期", required=True)
    outcome = forms.ChoiceField(label="处理结论", choices=[("", "请选择"), *ComplaintOutcome.choices], required=False)
    text = long_text("说明", rows=4, required=False)

    def __init__(self, *args: Any, step: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if step != "conclude":
            del self.fields["outcome"]
        if step in STEP_TEXT:
            self.fields["text"].label = STEP_TEXT[step]
        else:
            del self.fields["text"]
        self.fields["on"].label = {"accept": "受理日期", "investigate": "日期"}.get(step, "办结日期")

    def value(self, name: str) -> str:
        return self.cleaned_data.get(name) or ""


class HotlineComplaintForm(forms.Form):
    order = forms.IntegerField(widget=forms.HiddenInput)
    body = forms.ModelChoiceField(
        label="被投诉的执法主体", queryset=None, required=False, empty_label="按承办单位", widget=UnitNamedSelect
    )

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]


class CheckForm(TokenForm):
    body = forms.ModelChoiceField(label="被检查的执法主体", queryset=None, empty_label="请选择", widget=UnitNamedSelect)
    checked_on = _date("检查日期", required=True)
    items = long_text("检查项目", rows=4, help_text="每项一行，如：行政执法公示、全过程记录、法制审核。")
    inspectors = forms.CharField(label="检查人员", max_length=200)
    summary = long_text("检查情况", rows=4, required=False)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]


class CheckFindingForm(forms.Form):
    item = forms.ChoiceField(label="所属检查项目", required=False)
    text = long_text("发现的问题", rows=3)

    def __init__(self, *args: Any, items: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "不指定"), *((i, i) for i in items)]  # type: ignore[attr-defined]


class CampaignCloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PlanForm(forms.Form):
    body = forms.ModelChoiceField(label="执法主体", queryset=None, empty_label="请选择", widget=UnitNamedSelect)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2999)
    special_quota = forms.IntegerField(label="专项检查次数上限", min_value=0, required=False)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]


class PlanItemForm(forms.Form):
    matter_code = forms.CharField(label="检查事项编码", max_length=40)
    subjects = forms.CharField(label="检查对象", max_length=200)
    frequency = forms.IntegerField(label="每户年度检查频次", min_value=1, max_value=365)


class PlanApproveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    approved_by = forms.CharField(label="批准机关", max_length=100, initial="本级人民政府")
    approved_on = _date("批准日期", required=True)
    filed_on = _date("备案日期", required=True)


class QuietPeriodForm(forms.Form):
    body = forms.ModelChoiceField(
        label="执法主体", queryset=None, required=False, empty_label="全部执法主体", widget=UnitNamedSelect
    )
    starts_on = _date("起始日期", required=True)
    ends_on = _date("截止日期", required=True)
    reason = forms.CharField(label="名称或理由", max_length=200, help_text="如：新开办企业首年无事不扰。")
    enterprise_codes = long_text("企业统一社会信用代码", rows=3, required=False, help_text="每行一个；留空为全部企业。")
    basis = forms.CharField(label="依据", max_length=200, required=False, help_text="留空为国办发〔2024〕54号。")

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
