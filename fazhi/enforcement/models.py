"""行政执法协调监督: who may enforce (执法主体 over the units of fazhi.orgs, 执法人员 with their 行政执法证 and training),
what they enforce (执法事项清单 per body) and the enforcement case records the supervisor sees across the agencies'
own systems (立案, party — PII encrypted —, matter, decision, 法制审核, 公示). Rules: rules.py; clocks: clocks.py."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.core.crypto import blind_index
from fazhi.core.models import TimeStampedModel, VersionedModel
from fazhi.core.pii import EncryptedTextField, mask_name

from .states import (
    BodyKind,
    CertificateKind,
    CertificateStatus,
    ComplaintChannel,
    ComplaintOutcome,
    ComplaintState,
    ConfirmState,
    DecisionKind,
    FileState,
    Grade,
    ListKind,
    MatterKind,
    PartyKind,
    Procedure,
    Source,
    SupervisionDocKind,
    Tier,
)

USER = settings.AUTH_USER_MODEL


class Body(VersionedModel):
    """A 执法主体: a unit of the unit tree with enforcement power, its legal basis and scope. A 受委托组织 acts in the
    name of the body that entrusted it (《行政处罚法》（2021年修订）第二十条)."""

    unit = models.OneToOneField("orgs.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("主体类型", max_length=20, choices=BodyKind.choices, default=BodyKind.AGENCY)
    legal_basis = models.TextField("执法依据")
    scope = models.TextField("执法范围（职权）")
    entrusted_by = models.ForeignKey(
        "self",
        verbose_name="委托机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entrusted",
    )
    entrustment_ref = models.CharField("委托书或委托文件", max_length=200, blank=True)
    entrusted_until = models.DateField("委托期限至", null=True, blank=True)
    is_active = models.BooleanField("有效", default=True)
    # 国办发〔2024〕54号: a published annual cap of 涉企行政检查 per enterprise per agency; None = not set
    inspection_cap = models.PositiveIntegerField("每户企业年度检查上限", null=True, blank=True)

    class Meta:
        verbose_name = "执法主体"
        verbose_name_plural = "执法主体"
        ordering = ["unit__path", "id"]

    def __str__(self) -> str:
        return self.unit.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:body_detail", args=[self.pk])


class Officer(VersionedModel):
    """A 执法人员 and the 行政执法证 they hold (one certificate per row; a renewed certificate updates the row)."""

    body = models.ForeignKey(Body, verbose_name="执法主体", on_delete=models.PROTECT, related_name="officers")
    name = models.CharField("姓名", max_length=50)
    certificate_number = models.CharField("执法证号", max_length=40, unique=True)
    certificate_kind = models.CharField(
        "证件类型", max_length=20, choices=CertificateKind.choices, default=CertificateKind.ENFORCEMENT
    )
    area = models.CharField("执法区域", max_length=100)
    valid_from = models.DateField("有效期起")
    valid_until = models.DateField("有效期至")
    status = models.CharField(
        "证件状态", max_length=20, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    legal_qualified = models.BooleanField("具有法律职业资格", default=False)  # 处罚法 第五十八条第二款 (reviewers)

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"
        ordering = ["body", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"


class Training(TimeStampedModel):
    """Hours of training (and an exam result, if any) an officer completed on a day; summed per calendar year."""

    officer = models.ForeignKey(Officer, verbose_name="执法人员", on_delete=models.CASCADE, related_name="trainings")
    on = models.DateField("培训日期")
    course = models.CharField("培训内容", max_length=200)
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    exam_score = models.DecimalField("考试成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    exam_passed = models.BooleanField("考试合格", null=True, blank=True)

    class Meta:
        verbose_name = "培训记录"
        verbose_name_plural = "培训记录"
        ordering = ["officer", "-on", "id"]


class Matter(VersionedModel):
    """One item of a body's 执法事项清单 (matter, basis, kind). `review_required`: listed in the body's 重大执法决定
    法制审核目录 (《行政处罚法》（2021年修订）第五十八条第一款第四项 and local catalogues)."""

    body = models.ForeignKey(Body, verbose_name="执法主体", on_delete=models.PROTECT, related_name="matters")
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    kind = models.CharField("事项类型", max_length=20, choices=MatterKind.choices)
    basis = models.TextField("设定和实施依据")
    review_required = models.BooleanField("须经法制审核", default=False)
    published_on = models.DateField("公布日期", null=True, blank=True)
    is_active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "执法事项"
        verbose_name_plural = "执法事项"
        ordering = ["body", "code"]
        constraints = [models.UniqueConstraint(fields=["body", "code"], name="enforcement_matter_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ListItem(VersionedModel):
    """One item of the 四张清单 (不予处罚 / 从轻 / 减轻 / 不予强制) of an owner body, for a year (a new year's list is a
    new set of items; earlier years stay as they were published)."""

    body = models.ForeignKey(Body, verbose_name="制定主体", on_delete=models.PROTECT, related_name="list_items")
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("清单", max_length=20, choices=ListKind.choices)
    matter = models.ForeignKey(Matter, verbose_name="执法事项", on_delete=models.PROTECT, related_name="list_items")
    conditions = models.TextField("适用条件")
    basis = models.TextField("法律依据")
    published_on = models.DateField("公布日期", null=True, blank=True)

    class Meta:
        verbose_name = "四张清单事项"
        verbose_name_plural = "四张清单事项"
        ordering = ["body", "-year", "kind", "id"]


class DiscretionTier(VersionedModel):
    """One tier of a matter's 裁量基准 (从轻 / 一般 / 从重) with its conditions and fine range, published (《行政处罚法》
    （2021年修订）第三十四条). A case whose amount lies outside its tier's range is flagged."""

    matter = models.ForeignKey(Matter, verbose_name="执法事项", on_delete=models.CASCADE, related_name="tiers")
    tier = models.CharField("裁量阶次", max_length=10, choices=Tier.choices)
    conditions = models.TextField("适用情形")
    amount_min = models.DecimalField("罚款下限（元）", max_digits=14, decimal_places=2)
    amount_max = models.DecimalField("罚款上限（元）", max_digits=14, decimal_places=2)
    published_on = models.DateField("公布日期", null=True, blank=True)

    class Meta:
        verbose_name = "裁量基准"
        verbose_name_plural = "裁量基准"
        ordering = ["matter", "amount_min", "id"]
        constraints = [models.UniqueConstraint(fields=["matter", "tier"], name="enforcement_tier_unique")]

    def __str__(self) -> str:
        return f"{self.get_tier_display()}（{self.amount_min}–{self.amount_max}元）"


class Case(VersionedModel):
    """An enforcement case record (行政执法案件) as the agency reports it. A natural person's name is encrypted (SM4)
    with a blind index, masked on pages unless the viewer may unmask (audited)."""

    body = models.ForeignKey(Body, verbose_name="执法主体", on_delete=models.PROTECT, related_name="cases")
    unit = models.ForeignKey("orgs.Unit", verbose_name="执法单位", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("案号", max_length=80)
    matter = models.ForeignKey(Matter, verbose_name="执法事项", on_delete=models.PROTECT, related_name="cases")
    kind = models.CharField("案件类型", max_length=20, choices=MatterKind.choices)
    procedure = models.CharField("程序", max_length=20, choices=Procedure.choices, default=Procedure.ORDINARY)
    filed_on = models.DateField("立案日期")
    party_kind = models.CharField("当事人类型", max_length=20, choices=PartyKind.choices)
    party_name = EncryptedTextField("当事人姓名/名称")
    party_name_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    party_credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    officers = models.ManyToManyField(Officer, verbose_name="执法人员", related_name="cases", blank=True)
    facts = models.TextField("案情摘要", blank=True)
    hearing_held = models.BooleanField("举行听证", default=False)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    review_grounds = models.JSONField("法制审核情形", default=list, blank=True)  # codes of rules.REVIEW_GROUNDS
    review_required = models.BooleanField("须经法制审核", default=False, editable=False)
    reviewer = models.CharField("法制审核人员", max_length=50, blank=True)
    reviewer_qualified = models.BooleanField("审核人员具有法律职业资格", default=False)
    reviewed_on = models.DateField("法制审核完成日期", null=True, blank=True)
    review_defect = models.BooleanField("法制审核缺陷", default=False, editable=False)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decision = models.CharField("决定结果", max_length=20, choices=DecisionKind.choices, blank=True)
    decision_number = models.CharField("决定书文号", max_length=80, blank=True)
    amount = models.DecimalField("罚没金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    tier = models.ForeignKey(
        DiscretionTier, verbose_name="适用裁量阶次", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tier_defect = models.BooleanField("超出裁量基准", default=False, editable=False)
    # from the clocks (services.cases.clocks_sync, in the case write's transaction), so the figures' kept counts and
    # lists read them off the row: decided after the 90-day period's due day (行政处罚, 第六十条); published on or
    # before the 公示 clock's due day (第四十八条). A completed clock's due day no longer moves.
    decision_late = models.BooleanField("超过办理期限作出决定", default=False, editable=False)
    published_on_time = models.BooleanField("按期公示", default=False, editable=False)
    published_on = models.DateField("公示日期", null=True, blank=True)
    changed_on = models.DateField("决定变更、撤销或确认违法、无效日期", null=True, blank=True)
    withdrawn_on = models.DateField("撤回公示日期", null=True, blank=True)
    source = models.CharField("来源", max_length=10, choices=Source.choices, default=Source.ENTRY)
    created_by = models.ForeignKey(USER, verbose_name="录入人", null=True, on_delete=models.SET_NULL, related_name="+")
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "行政执法案件"
        verbose_name_plural = "行政执法案件"
        ordering = ["-filed_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["body", "number"], name="enforcement_case_number_unique")]
        indexes = [
            models.Index(fields=["unit", "filed_on"]),
            models.Index(fields=["unit", "decided_on"]),
            models.Index(fields=["decided_on"]),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.party_name_index = blind_index(self.party_name, "enforcement.party_name") if self.party_name else ""
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("enforcement:case_detail", args=[self.pk])

    @property
    def masked_party_name(self) -> str:
        return mask_name(self.party_name) if self.party_kind == PartyKind.PERSON else self.party_name


class Inspection(TimeStampedModel):
    """A 涉企行政检查 record: the lead body and, for a joint inspection (联合检查), the other participants; certified
    officers; the enterprise by its 统一社会信用代码; the item (an 行政检查 matter of the lead body). Flags: the item was
    not published on the day (国办发〔2024〕54号: unpublished items may not be inspected) and over the annual cap."""

    body = models.ForeignKey(Body, verbose_name="牵头执法主体", on_delete=models.PROTECT, related_name="inspections")
    unit = models.ForeignKey("orgs.Unit", verbose_name="执法单位", on_delete=models.PROTECT, related_name="+")
    partners = models.ManyToManyField(Body, verbose_name="联合检查单位", related_name="joint_inspections", blank=True)
    on = models.DateField("检查日期")
    matter = models.ForeignKey(Matter, verbose_name="检查事项", on_delete=models.PROTECT, related_name="inspections")
    enterprise_code = models.CharField("统一社会信用代码", max_length=18, db_index=True)
    enterprise_name = models.CharField("企业名称", max_length=200)
    officers = models.ManyToManyField(Officer, verbose_name="执法人员", related_name="inspections")
    result = models.TextField("检查结果", blank=True)
    unpublished_item = models.BooleanField("检查未公布事项", default=False)
    over_cap = models.BooleanField("超过年度检查上限", default=False)
    outside_plan = models.BooleanField("计划外检查", default=False)  # no plan in effect, or its matter not in it
    special = models.BooleanField("专项检查", default=False)
    over_quota = models.BooleanField("超过专项检查次数上限", default=False)
    in_quiet_period = models.BooleanField("无事不扰期内检查", default=False)
    cause = models.CharField("检查启动原因", max_length=200, blank=True)  # required in a 无事不扰 period
    created_by = models.ForeignKey(USER, verbose_name="录入人", null=True, on_delete=models.SET_NULL, related_name="+")
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)
    # 扫码 (issue #21 §4): the enterprise confirms or disputes the inspection through an unguessable code link
    confirm_code = models.CharField("确认码", max_length=64, unique=True, null=True, blank=True, editable=False)
    confirm_state = models.CharField(
        "企业确认", max_length=10, choices=ConfirmState.choices, default=ConfirmState.PENDING
    )
    confirm_rating = models.PositiveSmallIntegerField("企业评价（1–5）", null=True, blank=True)
    confirm_note = models.TextField("企业意见", blank=True)
    confirmed_at = models.DateTimeField("企业确认时间", null=True, blank=True)

    class Meta:
        verbose_name = "涉企行政检查"
        verbose_name_plural = "涉企行政检查"
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["enterprise_code", "on"])]


class ReviewCampaign(VersionedModel):
    """A 案卷评查 campaign (legal-rules.md §12.5 ⚠ local practice): its scope (bodies, a 立案 period, case kinds), a
    reproducible stratified sample (seed), the score sheet and grade thresholds copied from the settings when it was
    made (a later change of the settings does not change a running campaign), a lead (评查组长) who reconciles and a
    panel of reviewers, two per file."""

    title = models.CharField("评查活动名称", max_length=200)
    organizer = models.ForeignKey("orgs.Unit", verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")
    bodies = models.ManyToManyField(Body, verbose_name="评查范围（执法主体）", related_name="review_campaigns")
    period_from = models.DateField("立案日期自")
    period_to = models.DateField("立案日期至")
    kinds = models.JSONField("案件类型", default=list, blank=True)  # MatterKind codes; empty = every kind
    sample_size = models.PositiveIntegerField("抽取案卷数")
    seed = models.CharField("随机种子", max_length=64)
    sheet = models.JSONField("评分表", default=list)  # [{"code", "label", "points"}]
    grades = models.JSONField("等次分数线", default=dict)  # {"excellent": 90, "pass": 60}
    vetoes = models.JSONField("一票否决情形", default=list, blank=True)  # [{"code", "label"}]
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        USER, verbose_name="结束人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead = models.ForeignKey(USER, verbose_name="评查组长", on_delete=models.PROTECT, related_name="+")
    reviewers = models.ManyToManyField(USER, verbose_name="评查人员", related_name="+")
    sampled_at = models.DateTimeField("抽取时间", null=True, blank=True)
    created_by = models.ForeignKey(USER, verbose_name="创建人", null=True, on_delete=models.SET_NULL, related_name="+")
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "案卷评查活动"
        verbose_name_plural = "案卷评查活动"
        ordering = ["-period_to", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enforcement:campaign_detail", args=[self.pk])

    @property
    def max_points(self) -> int:
        return sum(int(i["points"]) for i in self.sheet)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class ReviewFile(TimeStampedModel):
    """One sampled case file of a campaign, its two reviewers and its final score and grade."""

    campaign = models.ForeignKey(
        ReviewCampaign, verbose_name="评查活动", on_delete=models.CASCADE, related_name="files"
    )
    case = models.ForeignKey(Case, verbose_name="案卷", on_delete=models.PROTECT, related_name="review_files")
    body = models.ForeignKey(Body, verbose_name="执法主体", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Unit", verbose_name="执法单位", on_delete=models.PROTECT, related_name="+")
    reviewer_a = models.ForeignKey(USER, verbose_name="评查人一", on_delete=models.PROTECT, related_name="+")
    reviewer_b = models.ForeignKey(USER, verbose_name="评查人二", on_delete=models.PROTECT, related_name="+")
    state = models.CharField("状态", max_length=10, choices=FileState.choices, default=FileState.SCORING)
    items = models.JSONField("最终得分（分项）", default=dict, blank=True)
    total = models.DecimalField("最终得分", max_digits=6, decimal_places=1, null=True, blank=True)
    vetoes = models.JSONField("一票否决情形", default=list, blank=True)  # codes of the campaign's vetoes
    grade = models.CharField("等次", max_length=10, choices=Grade.choices, blank=True)
    graded_on = models.DateField("定等日期", null=True, blank=True, db_index=True)
    reconciled = models.BooleanField("经合议", default=False)

    class Meta:
        verbose_name = "评查案卷"
        verbose_name_plural = "评查案卷"
        ordering = ["campaign", "body", "case_id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "case"], name="enforcement_review_file_unique")]

    def __str__(self) -> str:
        return f"{self.campaign}：{self.case}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:review_file", args=[self.pk])


class ReviewScore(TimeStampedModel):
    """One reviewer's independent score sheet for a file (slot 1 or 2); not shown to the other reviewer before both
    have scored."""

    file = models.ForeignKey(ReviewFile, verbose_name="评查案卷", on_delete=models.CASCADE, related_name="scores")
    slot = models.PositiveSmallIntegerField("评查人序号")
    reviewer = models.ForeignKey(USER, verbose_name="评查人", on_delete=models.PROTECT, related_name="+")
    items = models.JSONField("分项得分", default=dict)
    total = models.DecimalField("总分", max_digits=6, decimal_places=1)
    vetoes = models.JSONField("一票否决情形", default=list, blank=True)
    note = models.TextField("评查意见", blank=True)

    class Meta:
        verbose_name = "评查评分"
        verbose_name_plural = "评查评分"
        ordering = ["file", "slot"]
        constraints = [models.UniqueConstraint(fields=["file", "slot"], name="enforcement_review_score_unique")]


class ReviewReconciliation(TimeStampedModel):
    """The lead's decision on a file whose two scores differ (合议). Every decision is kept: the latest is the
    file's score, earlier ones are its history."""

    file = models.ForeignKey(ReviewFile, verbose_name="评查案卷", on_delete=models.CASCADE, related_name="decisions")
    by = models.ForeignKey(USER, verbose_name="评查组长", on_delete=models.PROTECT, related_name="+")
    items = models.JSONField("分项得分", default=dict)
    total = models.DecimalField("总分", max_digits=6, decimal_places=1)
    vetoes = models.JSONField("一票否决情形", default=list, blank=True)
    note = models.TextField("合议说明")

    class Meta:
        verbose_name = "评查合议"
        verbose_name_plural = "评查合议"
        ordering = ["file", "created_at", "id"]


class ReviewDefect(TimeStampedModel):
    """A defect found in a graded file; it is a supervisable item (kind `enforcement.review_defect`) on the body's
    unit board until 销号."""

    file = models.ForeignKey(ReviewFile, verbose_name="评查案卷", on_delete=models.CASCADE, related_name="defects")
    item_code = models.CharField("评查项目", max_length=20)
    text = models.TextField("问题")
    supervision_item = models.OneToOneField(
        "supervision.Item", verbose_name="督办事项", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    raised_on = models.DateField("提出日期")
    closed_on = models.DateField("销号日期", null=True, blank=True)
    created_by = models.ForeignKey(USER, verbose_name="提出人", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "评查问题"
        verbose_name_plural = "评查问题"
        ordering = ["file", "id"]

    def __str__(self) -> str:
        return f"{self.file.case}：{self.text[:30]}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:review_file", args=[self.file_id])


class SupervisionCounter(models.Model):
    """The last 文号 number taken per year and document kind (locked when taken: no gaps, no duplicates)."""

    year = models.PositiveIntegerField("年度")
    kind = models.CharField("文书种类", max_length=10, choices=SupervisionDocKind.choices)
    last = models.PositiveIntegerField("已用号", default=0)

    class Meta:
        verbose_name = "执法监督文书编号"
        verbose_name_plural = "执法监督文书编号"
        constraints = [models.UniqueConstraint(fields=["year", "kind"], name="enforcement_supervision_counter")]


class SupervisionDocument(VersionedModel):
    """A 行政执法监督意见书 / 决定书 issued by the 行政执法监督机构 to a 执法主体, with the body's reply due (clock
    `enforcement.supervision_reply`, the period a setting); a reply not made by the due day is flagged and raised as a
    supervisable item (kind `enforcement.supervision_reply`) on the body's board until the reply completes the clock."""

    kind = models.CharField("文书种类", max_length=10, choices=SupervisionDocKind.choices)
    number = models.CharField("文号", max_length=60, unique=True)
    body = models.ForeignKey(Body, verbose_name="被监督的执法主体", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Unit", verbose_name="被监督单位", on_delete=models.PROTECT, related_name="+")
    issuer = models.ForeignKey("orgs.Unit", verbose_name="制发机关", on_delete=models.PROTECT, related_name="+")
    subject = models.CharField("事由", max_length=200)
    findings = models.TextField("发现的问题")
    requirements = models.TextField("监督意见（决定事项）")
    basis = models.CharField("依据", max_length=300)
    issued_on = models.DateField("制发日期", db_index=True)
    reply_due = models.DateField("答复期限", null=True, blank=True, db_index=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    reply_text = models.TextField("答复（整改）情况", blank=True)
    reply_late = models.BooleanField("逾期答复", default=False)
    replied_by = models.ForeignKey(
        USER, verbose_name="答复登记人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submit_token = models.UUIDField("提交标识", null=True, blank=True, unique=True)
    created_by = models.ForeignKey(USER, verbose_name="制发人", null=True, on_delete=models.SET_NULL, related_name="+")
    # what the document arose from, if anything: a 执法投诉 or a 监督检查 (slice 6)
    complaint = models.ForeignKey(
        "Complaint",
        verbose_name="来源执法投诉",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    source_check = models.ForeignKey(
        "SupervisionCheck",
        verbose_name="来源监督检查",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )

    class Meta:
        verbose_name = "行政执法监督文书"
        verbose_name_plural = "行政执法监督文书"
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.number}）"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:supervision_detail", args=[self.pk])


class Complaint(VersionedModel):
    """A complaint about enforcement (执法投诉) to the 行政执法监督机构: from the portal (a query code and the phone to
    follow it), from a 12345 work order about enforcement (one complaint per order), or registered by the office. It
    is handled 受理 → 调查 → 处理结果 on a clock (rule `enforcement.complaint`, ⚙ period: 825号 unread) and may give
    rise to a 监督意见书 / 决定书. The complainant's name and phone are SM4-encrypted (the phone blind-indexed)."""

    number = models.CharField("投诉编号", max_length=40, unique=True, null=True, blank=True)
    query_code = models.CharField("查询码", max_length=32, unique=True, editable=False)
    channel = models.CharField("来源", max_length=10, choices=ComplaintChannel.choices)
    state = models.CharField("状态", max_length=16, choices=ComplaintState.choices, default=ComplaintState.RECEIVED)
    body = models.ForeignKey(Body, verbose_name="被投诉的执法主体", on_delete=models.PROTECT, related_name="complaints")
    unit = models.ForeignKey("orgs.Unit", verbose_name="被投诉单位", on_delete=models.PROTECT, related_name="+")
    complainant_name = EncryptedTextField("投诉人")
    complainant_phone = EncryptedTextField("联系电话")
    phone_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    subject = models.CharField("投诉事项", max_length=200)
    content = models.TextField("投诉内容")
    request = models.TextField("诉求", blank=True)
    received_on = models.DateField("收到日期", db_index=True)
    due_on = models.DateField("办理期限", null=True, blank=True, db_index=True)
    hotline_case = models.OneToOneField(
        "cases.Case", verbose_name="12345工单", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    investigation = models.TextField("调查情况", blank=True)
    outcome = models.CharField("处理结论", max_length=20, choices=ComplaintOutcome.choices, blank=True)
    result = models.TextField("处理结果（不予受理理由）", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    late = models.BooleanField("逾期办结", default=False)
    handled_by = models.ForeignKey(
        USER, verbose_name="经办人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(USER, verbose_name="登记人", null=True, on_delete=models.SET_NULL, related_name="+")
    submit_token = models.UUIDField("提交标识", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "执法投诉"
        verbose_name_plural = "执法投诉"
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number or '执法投诉'}：{self.subject}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.phone_index = (
            blind_index(self.complainant_phone, "enforcement.complaint_phone") if self.complainant_phone else ""
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("enforcement:complaint_detail", args=[self.pk])

    @property
    def masked_name(self) -> str:
        return mask_name(self.complainant_name)


class ComplaintAttachment(TimeStampedModel):
    """A file the complainant sent with a portal complaint (checked as the kernel's case-file attachments are:
    `cases.services.attachments.attachment_check`, type by content, size, zip directory). Only the supervisor who sees
    the complaint (ComplaintPolicy "view") downloads it, under its signed key, every download audited; the portal
    serves no attachment (the complainant's lookup names their own files only)."""

    DOWNLOAD_KIND = "enforcement.complaint_attachment"

    complaint = models.ForeignKey(
        Complaint, verbose_name="执法投诉", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("文件", upload_to="enforcement/complaints/%Y/%m/")
    original_name = models.CharField("原文件名", max_length=255)
    size = models.PositiveIntegerField("大小")
    sha256 = models.CharField("SHA-256", max_length=64)
    from_public = models.BooleanField("投诉人提交", default=True)

    class Meta:
        verbose_name = "执法投诉材料"
        verbose_name_plural = "执法投诉材料"
        ordering = ["complaint", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def download_url(self) -> str:
        from fazhi.core.downloads import download_key

        return reverse("enforcement:complaint_attachment_download", args=[download_key(self.DOWNLOAD_KIND, self.pk)])


class SupervisionCheck(VersionedModel):
    """A 监督检查 of a 执法主体 by the 行政执法监督机构: the day, the items checked, who checked, and its findings; each
    finding is a supervisable item (kind `enforcement.check_finding`) on the body's board until 销号."""

    body = models.ForeignKey(Body, verbose_name="被检查的执法主体", on_delete=models.PROTECT, related_name="checks")
    unit = models.ForeignKey("orgs.Unit", verbose_name="被检查单位", on_delete=models.PROTECT, related_name="+")
    organizer = models.ForeignKey("orgs.Unit", verbose_name="检查机关", on_delete=models.PROTECT, related_name="+")
    checked_on = models.DateField("检查日期", db_index=True)
    items = models.JSONField("检查项目", default=list)  # list of str
    inspectors = models.CharField("检查人员", max_length=200)
    summary = models.TextField("检查情况", blank=True)
    created_by = models.ForeignKey(USER, verbose_name="登记人", null=True, on_delete=models.SET_NULL, related_name="+")
    submit_token = models.UUIDField("提交标识", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "行政执法监督检查"
        verbose_name_plural = "行政执法监督检查"
        ordering = ["-checked_on", "-id"]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.checked_on:%Y-%m-%d}监督检查"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:check_detail", args=[self.pk])


class CheckFinding(TimeStampedModel):
    """One problem a 监督检查 found; a supervisable item on the body's unit board until 销号."""

    inspection = models.ForeignKey(
        SupervisionCheck, verbose_name="监督检查", on_delete=models.CASCADE, related_name="findings"
    )
    item = models.CharField("所属检查项目", max_length=200, blank=True)
    text = models.TextField("发现的问题")
    raised_on = models.DateField("提出日期")
    due_on = models.DateField("整改期限")
    supervision_item = models.OneToOneField(
        "supervision.Item", verbose_name="督办事项", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_on = models.DateField("销号日期", null=True, blank=True)
    created_by = models.ForeignKey(USER, verbose_name="提出人", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "监督检查问题"
        verbose_name_plural = "监督检查问题"
        ordering = ["inspection", "id"]

    def __str__(self) -> str:
        return self.text[:30]

    def get_absolute_url(self) -> str:
        return reverse("enforcement:check_detail", args=[self.inspection_id])


class InspectionPlan(VersionedModel):
    """A body's annual 涉企行政检查计划 (国办发〔2024〕54号, legal-rules.md §12.4): its items (matters, subjects,
    frequency), the 专项检查 quota; approved by the government and filed before it binds. An inspection of a matter not
    in the plan in effect on its day — or with no plan in effect — is flagged `outside_plan`."""

    body = models.ForeignKey(Body, verbose_name="执法主体", on_delete=models.PROTECT, related_name="inspection_plans")
    year = models.PositiveIntegerField("年度")
    special_quota = models.PositiveIntegerField("专项检查次数上限", null=True, blank=True)
    approved_on = models.DateField("批准日期", null=True, blank=True)
    approved_by = models.CharField("批准机关", max_length=100, blank=True)
    filed_on = models.DateField("备案日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    created_by = models.ForeignKey(USER, verbose_name="登记人", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "年度行政检查计划"
        verbose_name_plural = "年度行政检查计划"
        ordering = ["body", "-year"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="enforcement_inspection_plan_unique")]

    def __str__(self) -> str:
        return f"{self.body.unit.name}{self.year}年度行政检查计划"


class InspectionPlanItem(TimeStampedModel):
    plan = models.ForeignKey(InspectionPlan, verbose_name="检查计划", on_delete=models.CASCADE, related_name="items")
    matter = models.ForeignKey(Matter, verbose_name="检查事项", on_delete=models.PROTECT, related_name="+")
    subjects = models.CharField("检查对象", max_length=200)
    frequency = models.PositiveSmallIntegerField("每户年度检查频次")

    class Meta:
        verbose_name = "检查计划事项"
        verbose_name_plural = "检查计划事项"
        ordering = ["plan", "matter__code"]
        constraints = [models.UniqueConstraint(fields=["plan", "matter"], name="enforcement_plan_item_unique")]

    def __str__(self) -> str:
        return f"{self.matter.code} {self.matter.name}"


class QuietPeriod(VersionedModel):
    """A 无事不扰 period (国办发〔2024〕54号 ⚠ the periods are local practice, data): no 涉企行政检查 of the enterprises
    listed (none listed: every enterprise) by the body (none: every body) from `starts_on` to `ends_on`, both days
    included, unless it has a cause (投诉举报、转办交办、数据监测等线索) recorded with it."""

    body = models.ForeignKey(
        Body, verbose_name="执法主体（空为全部）", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField("起始日期")
    ends_on = models.DateField("截止日期")
    reason = models.CharField("名称或理由", max_length=200)
    enterprise_codes = models.JSONField("企业统一社会信用代码（空为全部）", default=list, blank=True)
    basis = models.CharField("依据", max_length=200, blank=True)

    class Meta:
        verbose_name = "无事不扰期"
        verbose_name_plural = "无事不扰期"
        ordering = ["-starts_on", "id"]
