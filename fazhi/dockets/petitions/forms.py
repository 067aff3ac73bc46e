"""HTML input only; the services validate the law. Field names are the services' arguments; every transition form
carries the case `version`. Text areas through `long_text` (a limit the browser and the server enforce)."""

from __future__ import annotations

import uuid

from django import forms

from fazhi.core.forms import long_text
from fazhi.deadlines.models import EXTENSION_REASON_MAX
from fazhi.orgs.models import Unit
from fazhi.orgs.widgets import UnitChoiceField

from .codes import CHANNELS, NOT_ACCEPT_REASONS, OPINIONS, RECEIVERS, ROUTES, TYPES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _units() -> forms.ModelChoiceField:
    return UnitChoiceField(label="单位", queryset=Unit.objects.filter(is_active=True))


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DatedNoteForm(VersionedForm):
    on = forms.DateField(label="日期", widget=DATE)
    note = long_text("说明", required=False)


class RouteForm(VersionedForm):
    on = forms.DateField(label="告知日期", widget=DATE)
    route = forms.ChoiceField(label="法定途径", choices=[(c, label) for c, label, _ in ROUTES])
    note = long_text("说明", required=False, help_text="告知信访人的具体途径、受理机关等。")
    hand_over = forms.BooleanField(
        label="同时移交（不必重新录入）",
        required=False,
        help_text="仅行政复议、政府信息公开申请：信访人、内容和材料作为申请转给下面的机关，由其依法受理或不予受理。",
    )
    handling_unit = UnitChoiceField(
        label="行政复议机构或受理机关", queryset=Unit.objects.filter(is_active=True), required=False
    )
    act = forms.CharField(
        label="被申请复议的行政行为", required=False, max_length=300, help_text="移交行政复议时填写。"
    )
    request = long_text("行政复议请求", required=False, help_text="移交行政复议时填写；不填则用信访请求。")


class TransferForm(VersionedForm):
    on = forms.DateField(label="转送、交办日期", widget=DATE, help_text="登记之日起15日内（第二十二条）。")
    to_unit = UnitChoiceField(label="有权处理的机关、单位", queryset=Unit.objects.filter(is_active=True))
    mode = forms.ChoiceField(label="方式", choices=[("transfer", "转送"), ("assign", "交办")])
    note = long_text("说明", required=False)


class AcceptForm(VersionedForm):
    on = forms.DateField(label="受理日期", widget=DATE, help_text="收到之日起15日内书面告知（第二十三条）。")
    procedure = forms.CharField(label="办理程序", required=False, max_length=100, initial="信访程序")


class NotAcceptForm(VersionedForm):
    on = forms.DateField(label="告知日期", widget=DATE)
    reason = forms.ChoiceField(label="不予受理理由", choices=NOT_ACCEPT_REASONS)
    note = long_text("说明", required=False)


class ObjectionForm(VersionedForm):
    on = forms.DateField(label="提出异议日期", widget=DATE, help_text="收到之日起5个工作日内（第二十三条）。")
    reason = long_text("异议理由")


class ExtensionForm(VersionedForm):
    on = forms.DateField(label="批准日期", widget=DATE)
    days = forms.IntegerField(
        label="延长天数", min_value=1, max_value=30, initial=30, help_text="不超过30日（第三十四条）。"
    )
    reason = long_text("延期理由", max_length=EXTENSION_REASON_MAX, help_text="将告知信访人。")  # it extends the clock


class OpinionForm(VersionedForm):
    on = forms.DateField(label="出具日期", widget=DATE)
    served_on = forms.DateField(
        label="送达日期",
        widget=DATE,
        required=False,
        help_text="申请复查、复核的30日自信访人收到之日起算；空为出具当日。",
    )
    outcome = forms.ChoiceField(label="处理结果", choices=OPINIONS, help_text="《信访工作条例》第三十二条。")
    facts = long_text("查明的事实", max_length=5000, rows=5)
    opinion = long_text("处理意见", max_length=5000, rows=5)
    basis = forms.CharField(label="依据的法律、法规、政策", required=False, max_length=300)


class ReplyForm(VersionedForm):
    on = forms.DateField(label="答复日期", widget=DATE)
    content = long_text("答复内容", max_length=5000, rows=5)


class RequestForm(VersionedForm):
    on = forms.DateField(
        label="收到请求日期", widget=DATE, help_text="收到书面答复之日起30日内（第三十五条、第三十六条）。"
    )
    body = forms.CharField(
        label="复查（复核）机关", required=False, max_length=200, help_text="空为承办单位的上一级机关。"
    )
    reason = long_text("请求理由", required=False)


class HearingForm(VersionedForm):
    on = forms.DateField(label="听证开始日期", widget=DATE, help_text="听证所需时间不计入复核期限（第三十六条）。")
    place = forms.CharField(label="听证地点", required=False, max_length=200)
    note = long_text("说明", required=False)


class RegisterForm(forms.Form):
    submit_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    handling_unit = UnitChoiceField(label="登记机关", queryset=Unit.objects.filter(is_active=True))
    receiver = forms.ChoiceField(label="登记机关类型", choices=RECEIVERS)
    channel = forms.ChoiceField(label="信访形式", choices=CHANNELS)
    received_on = forms.DateField(label="收到日期", widget=DATE)
    type = forms.ChoiceField(label="信访事项类别", choices=TYPES)
    petitioner_name = forms.CharField(label="信访人姓名（名称）", max_length=100)
    petitioner_id_number = forms.CharField(label="身份证号码", required=False, max_length=30)
    petitioner_phone = forms.CharField(label="联系电话", required=False, max_length=20)
    petitioner_address = forms.CharField(label="住址", required=False, max_length=200)
    joint_count = forms.IntegerField(label="信访人数", min_value=1, initial=1, help_text="多人联名的填写总人数。")
    representatives = long_text(
        "代表人",
        required=False,
        max_length=500,
        help_text="多人提出同一信访事项的代表人，每行一人：姓名 电话；不超过5人。",
    )
    object_unit = UnitChoiceField(label="被反映单位", queryset=Unit.objects.filter(is_active=True), required=False)
    object_name = forms.CharField(label="被反映单位（本市以外）或对象", required=False, max_length=200)
    content = long_text("反映的问题", max_length=5000, rows=5)
    request = long_text("诉求", required=False)
    new_facts = long_text(
        "新的事实和理由",
        required=False,
        help_text="已复核终结的同一事项，只有提出新的事实和理由才可受理（第三十六条）。",
    )
