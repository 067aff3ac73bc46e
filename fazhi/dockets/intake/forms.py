"""HTML input only; the services validate. Field names are the services' arguments; every step form carries the
case `version`."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import TokenForm, long_text
from fazhi.orgs.models import Unit
from fazhi.orgs.widgets import UnitChoiceField

from .codes import CHANNELS, DISPUTE_TYPES, FEEDBACK, REFERRALS, TRANSFER_FROM

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegisterForm(TokenForm):
    handling_unit = UnitChoiceField(label="登记单位", queryset=Unit.objects.none())
    received_on = forms.DateField(label="登记日期", widget=DATE)
    channel = forms.ChoiceField(label="来源渠道", choices=CHANNELS)
    transfer_from = forms.ChoiceField(
        label="转来单位类别（转来时）", choices=[("", "—"), *TRANSFER_FROM], required=False
    )
    transfer_note = forms.CharField(label="转来单位及文号（转来时）", max_length=300, required=False)
    dispute_type = forms.ChoiceField(label="纠纷类型", choices=[("", "请选择…"), *DISPUTE_TYPES])
    applicant_name = forms.CharField(label="当事人（求助人）姓名/名称", max_length=100)
    applicant_id_number = forms.CharField(label="身份证号码", max_length=30, required=False)
    applicant_phone = forms.CharField(label="联系电话", max_length=20, required=False)
    applicant_address = forms.CharField(label="住址", max_length=200, required=False)
    respondent_name = forms.CharField(label="对方当事人姓名/名称", max_length=100, required=False)
    respondent_phone = forms.CharField(label="对方当事人联系电话", max_length=20, required=False)
    respondent_address = forms.CharField(label="对方当事人住址", max_length=200, required=False)
    amount = forms.DecimalField(label="涉及金额（元）", required=False, min_value=0, decimal_places=2, max_digits=14)
    account = long_text("简要情况", rows=4)
    mass = forms.BooleanField(label="群体性纠纷", required=False)
    escalation_risk = forms.BooleanField(label="可能激化", required=False, help_text="勾选后即时报告司法所、司法局")

    def __init__(self, *args: Any, units: Any = None, from_call: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handling_unit"].queryset = units if units is not None else Unit.objects.none()  # type: ignore[attr-defined]
        if from_call:  # the call sets the channel and the date
            for name in ("channel", "received_on", "transfer_from", "transfer_note"):
                del self.fields[name]


class RouteForm(forms.Form):
    """分流: tick one or several channels and give what each asks; the dockets the user may not register with are not
    offered (`channels`: the docket channels offered, with the committee choices)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label="分流日期", widget=DATE)
    to_mediation = forms.BooleanField(label="转人民调解", required=False)
    committee = forms.ChoiceField(label="人民调解委员会", required=False)
    to_legal_aid = forms.BooleanField(label="转法律援助", required=False)
    aid_unit = UnitChoiceField(label="法律援助机构", queryset=Unit.objects.none(), required=False)
    aid_matter = forms.ChoiceField(label="援助事项类别", required=False)
    to_reconsideration = forms.BooleanField(label="转行政复议", required=False)
    review_unit = UnitChoiceField(label="行政复议机构", queryset=Unit.objects.none(), required=False)
    act = forms.CharField(label="被申请复议的行政行为", max_length=300, required=False)
    request = forms.CharField(label="行政复议请求", max_length=300, required=False)
    to_admin_ruling = forms.BooleanField(label="转行政裁决", required=False)
    ruling_unit = UnitChoiceField(label="行政裁决机关", queryset=Unit.objects.none(), required=False)
    ruling_matter = forms.ChoiceField(label="裁决事项", required=False)
    to_admin_mediation = forms.BooleanField(label="转行政调解", required=False)
    mediation_unit = UnitChoiceField(label="行政调解机关", queryset=Unit.objects.none(), required=False)
    referral = forms.ChoiceField(label="转介", choices=[("", "不转介"), *REFERRALS], required=False)
    referral_unit = UnitChoiceField(label="转介单位", queryset=Unit.objects.none(), required=False)
    referral_name = forms.CharField(
        label="转介单位名称（不在单位目录中的）", max_length=200, required=False, help_text="如：示范市公证处"
    )
    referral_note = long_text("转介说明", required=False, max_length=500, rows=2)

    GROUPS = {
        "mediation": ("to_mediation", "committee"),
        "legal_aid": ("to_legal_aid", "aid_unit", "aid_matter"),
        "reconsideration": ("to_reconsideration", "review_unit", "act", "request"),
        "admin_ruling": ("to_admin_ruling", "ruling_unit", "ruling_matter"),
        "admin_mediation": ("to_admin_mediation", "mediation_unit"),
    }

    def __init__(self, *args: Any, channels: dict[str, dict[str, list[Any]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(is_active=True)
        for name in ("aid_unit", "review_unit", "ruling_unit", "mediation_unit", "referral_unit"):
            self.fields[name].queryset = units  # type: ignore[attr-defined]
        for docket, names in self.GROUPS.items():
            if docket not in channels:
                for name in names:
                    del self.fields[name]
        if "committee" in self.fields:
            self.fields["committee"].choices = [("", "请选择…"), *channels["mediation"].get("committee", [])]  # type: ignore[attr-defined]
        if "aid_matter" in self.fields:
            self.fields["aid_matter"].choices = [("", "请选择…"), *channels["legal_aid"].get("matter", [])]  # type: ignore[attr-defined]
        if "ruling_matter" in self.fields:
            self.fields["ruling_matter"].choices = [("", "请选择…"), *channels["admin_ruling"].get("matter", [])]  # type: ignore[attr-defined]

    def routes(self) -> list[dict[str, Any]]:
        d = self.cleaned_data
        out: list[dict[str, Any]] = []
        if d.get("to_mediation"):
            out.append({"channel": "mediation", "committee": d.get("committee") or ""})
        if d.get("to_legal_aid"):
            out.append({"channel": "legal_aid", "handling_unit": d.get("aid_unit"), "matter": d.get("aid_matter")})
        if d.get("to_reconsideration"):
            out.append(
                {
                    "channel": "reconsideration",
                    "handling_unit": d.get("review_unit"),
                    "act": d.get("act", ""),
                    "request": d.get("request", ""),
                }
            )
        if d.get("to_admin_ruling"):
            out.append(
                {"channel": "admin_ruling", "handling_unit": d.get("ruling_unit"), "matter": d.get("ruling_matter")}
            )
        if d.get("to_admin_mediation"):
            out.append({"channel": "admin_mediation", "handling_unit": d.get("mediation_unit")})
        if d.get("referral"):
            out.append(
                {
                    "channel": d["referral"],
                    "unit": d.get("referral_unit"),
                    "unit_name": d.get("referral_name", ""),
                    "note": d.get("referral_note", ""),
                }
            )
        return out


class FeedbackForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    referral = forms.ChoiceField(label="转介")
    on = forms.DateField(label="反馈日期", widget=DATE)
    result = forms.ChoiceField(label="反馈结果", choices=FEEDBACK)
    note = long_text("反馈情况", required=False)

    def __init__(self, *args: Any, case: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .codes import ROUTE_LABEL
        from .guards import referrals_open

        open_ = referrals_open(case) if case is not None else []
        self.fields["referral"].choices = [  # type: ignore[attr-defined]
            (str(r["id"]), f"{ROUTE_LABEL.get(r['channel'], '')}：{r['to']}（{r['on']}）") for r in open_
        ]


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label="办结日期", widget=DATE)
    note = long_text("办结说明", required=False)


class AnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label="解答日期", widget=DATE)
    answer = long_text("解答内容")
