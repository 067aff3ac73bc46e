"""Indicator sets (指标体系): a tree of indicators per year, the units responsible for each leaf, and the results
each unit earns (a computed value frozen in a metric snapshot, or — later — a self-assessment and a review)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.models import TimeStampedModel, VersionedModel

from . import scoring


class ScoringMethod(models.TextChoices):
    PASS_FAIL = scoring.PASS_FAIL, "达标/不达标"
    GRADED = scoring.GRADED, "分档计分"
    RATE = scoring.RATE, "按比率计分"
    DEDUCTION = scoring.DEDUCTION, "按问题扣分"


class IndicatorSet(VersionedModel):
    """One year's edition of a set, e.g. 示范指标体系 2021 版 used for the 2026 年度考核 (code + year unique)."""

    code = models.CharField("体系编码", max_length=32)
    name = models.CharField("体系名称", max_length=200)
    year = models.PositiveIntegerField("考核年度")
    edition = models.CharField("版本", max_length=40, blank=True)
    owner = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="indicator_sets", verbose_name="组织单位"
    )
    source_name = models.CharField("导入文件", max_length=200, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies", verbose_name="复制自"
    )
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True)
    self_due = models.DateField("自评截止日期", null=True, blank=True)

    class Meta:
        verbose_name = "指标体系"
        verbose_name_plural = verbose_name
        ordering = ["-year", "code"]
        constraints = [models.UniqueConstraint(fields=["code", "year"], name="indicator_set_code_year_unique")]

    def __str__(self) -> str:
        return f"{self.name}（{self.year}）"


class IndicatorNode(TimeStampedModel):
    """An indicator at any depth; a node without children is a leaf, the one that is scored."""

    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children", verbose_name="上级指标"
    )
    position = models.PositiveIntegerField("序号", default=0)
    depth = models.PositiveSmallIntegerField("层级", default=1)
    title = models.CharField("指标名称", max_length=500)
    description = models.TextField("基本要求", blank=True)
    points = models.DecimalField("分值", max_digits=7, decimal_places=2, null=True, blank=True)
    method = models.CharField("计分方法", max_length=16, choices=ScoringMethod.choices, default=ScoringMethod.GRADED)
    target = models.DecimalField("目标值", max_digits=9, decimal_places=2, null=True, blank=True)
    deduction = models.DecimalField("每处扣分", max_digits=7, decimal_places=2, null=True, blank=True)
    lower_is_better = models.BooleanField("数值越低越好", default=False)
    evidence = models.TextField("佐证材料要求", blank=True)
    metric_key = models.CharField("计算指标", max_length=96, blank=True)

    class Meta:
        verbose_name = "指标"
        verbose_name_plural = verbose_name
        ordering = ["indicator_set", "depth", "position", "id"]
        indexes = [models.Index(fields=["indicator_set", "parent", "position"])]

    def __str__(self) -> str:
        return self.title


class ResponsibleRole(models.TextChoices):
    LEAD = "lead", "牵头"
    CO = "co", "配合"


class NodeUnit(models.Model):
    node = models.ForeignKey(IndicatorNode, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="indicator_nodes")
    role = models.CharField("责任", max_length=8, choices=ResponsibleRole.choices, default=ResponsibleRole.LEAD)

    class Meta:
        verbose_name = "责任单位"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["node", "unit"], name="indicator_node_unit_unique")]


class ResultSource(models.TextChoices):
    COMPUTED = "computed", "系统计算"
    SELF = "self", "单位自评"
    REVIEW = "review", "评审"


class ResultState(models.TextChoices):
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回补充"


class LeafResult(TimeStampedModel):
    """A leaf's value and score for one assessed unit (empty `unit`: the whole area) in the set's year. A computed
    value points at the metric snapshot it was frozen in (the records behind it are there)."""

    node = models.ForeignKey(IndicatorNode, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="indicator_results"
    )
    source = models.CharField("来源", max_length=12, choices=ResultSource.choices)
    value = models.DecimalField("数值", max_digits=12, decimal_places=2, null=True, blank=True)
    score = models.DecimalField("得分", max_digits=7, decimal_places=2, null=True, blank=True)
    snapshot = models.ForeignKey(
        "metrics.Snapshot", null=True, blank=True, on_delete=models.PROTECT, related_name="indicator_results"
    )
    statement = models.TextField("说明", blank=True)
    state = models.CharField("状态", max_length=12, choices=ResultState.choices, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "指标得分"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["node", "unit", "source"], name="indicator_result_unique"),
            models.UniqueConstraint(
                fields=["node", "source"], condition=models.Q(unit__isnull=True), name="indicator_result_area_unique"
            ),
        ]


class Evidence(TimeStampedModel):
    """A 佐证材料 file of a self-assessment (checked by core.uploads: size, content matching the extension)."""

    result = models.ForeignKey(LeafResult, on_delete=models.CASCADE, related_name="evidence_files")
    name = models.CharField("文件名", max_length=200)
    file = models.FileField("文件", upload_to="indicators/evidence/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    DOWNLOAD_KIND = "indicators.evidence"

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.name


class ScoreChange(models.Model):
    """Every change to a leaf's self-assessment or review, kept (评分历史)."""

    class Kind(models.TextChoices):
        SUBMIT = "submit", "单位提交自评"
        RESUBMIT = "resubmit", "单位补充后重新提交"
        RETURN = "return", "退回补充材料"
        REVIEW = "review", "评审打分"

    node = models.ForeignKey(IndicatorNode, on_delete=models.CASCADE, related_name="score_changes")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("操作", max_length=12, choices=Kind.choices)
    value = models.DecimalField("数值", max_digits=12, decimal_places=2, null=True, blank=True)
    old_score = models.DecimalField("原得分", max_digits=7, decimal_places=2, null=True, blank=True)
    new_score = models.DecimalField("新得分", max_digits=7, decimal_places=2, null=True, blank=True)
    comment = models.TextField("说明", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "评分记录"
        verbose_name_plural = verbose_name
        ordering = ["at", "id"]


class ExternalAssessor(TimeStampedModel):
    """A 第三方评估 account assigned to one set (issue 23 §2: "an external 第三方评估 account that sees only the
    assessment"): while assigned (not revoked) it reads that set's tree, scores and ranking and reviews its leaves;
    nothing else (policies.assigned_assessor)."""

    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.CASCADE, related_name="external_assessors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="indicator_assessments")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="指派人"
    )
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        verbose_name = "第三方评估指派"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["indicator_set", "user"], name="indicator_assessor_unique")]


# ------------------------------------------------------------------ the sources: 述法, 学法, 法律顾问 (issue 23 §3)


class DutyRating(models.TextChoices):
    EXCELLENT = "excellent", "好"
    GOOD = "good", "较好"
    FAIR = "fair", "一般"
    POOR = "poor", "差"


class DutyReport(TimeStampedModel):
    """述职述法: a principal head's yearly report on his or her duties as 第一责任人 for rule of law (中央全面依法治国
    委员会 2021-02; 党政主要负责人履行推进法治建设第一责任人职责规定 2016), who heard it and the rating."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="duty_reports", verbose_name="单位")
    year = models.PositiveIntegerField("述法年度")
    reporter = models.CharField("述法人（主要负责人）", max_length=60)
    post = models.CharField("职务", max_length=60)
    heard_on = models.DateField("述法日期")
    heard_by = models.CharField("听取对象", max_length=200, help_text="如：市委全面依法治市委员会、区人大常委会")
    rating = models.CharField("评议等次", max_length=12, choices=DutyRating.choices, blank=True)
    text = models.TextField("述法报告")
    file = models.FileField("报告文件", upload_to="indicators/duty/%Y/", blank=True)
    file_name = models.CharField("文件名", max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True)

    class Meta:
        verbose_name = "述职述法"
        verbose_name_plural = verbose_name
        ordering = ["-heard_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "reporter"], name="indicators_duty_report_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reporter}（{self.year}年度述法）"


class StudyKind(models.TextChoices):
    STANDING = "standing", "常务会议学法"
    CENTRAL_GROUP = "central_group", "理论中心组学法"
    COURT = "court", "旁听庭审"
    OATH = "oath", "宪法宣誓"


class StudySession(TimeStampedModel):
    """One 学法 activity of a unit: a 常务会议 or 理论中心组 law study, a 旁听庭审, or a 宪法宣誓 ceremony."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="study_sessions", verbose_name="单位")
    kind = models.CharField("类型", max_length=16, choices=StudyKind.choices)
    held_on = models.DateField("日期")
    topic = models.CharField("内容（主题、旁听案件、宣誓事由）", max_length=300)
    speaker = models.CharField("主讲人（领誓人）", max_length=100, blank=True)
    attendance = models.PositiveIntegerField("参加人数")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True)

    class Meta:
        verbose_name = "学法活动"
        verbose_name_plural = verbose_name
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["kind", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.topic}"


class AbilityTest(TimeStampedModel):
    """A 法治能力测试 (法治理论知识考试) sitting, its results imported from Excel in one go."""

    name = models.CharField("测试名称", max_length=200)
    held_on = models.DateField("测试日期")
    pass_mark = models.DecimalField("合格分数线", max_digits=6, decimal_places=2)
    owner = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="组织单位")
    source_name = models.CharField("导入文件", max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "法治能力测试"
        verbose_name_plural = verbose_name
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.name


class AbilityResult(models.Model):
    test = models.ForeignKey(AbilityTest, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    person = models.CharField("姓名", max_length=60)
    staff_no = models.CharField("工号", max_length=40, blank=True)
    score = models.DecimalField("成绩", max_digits=6, decimal_places=2)
    passed = models.BooleanField("合格")

    class Meta:
        verbose_name = "测试成绩"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["test", "unit"])]


class AdviserKind(models.TextChoices):
    COUNSEL = "counsel", "法律顾问（个人）"
    FIRM = "firm", "法律顾问（律师事务所）"
    PUBLIC = "public", "公职律师"


class Adviser(TimeStampedModel):
    """A 法律顾问 (a person or a firm) or 公职律师 (中办发〔2016〕30号)."""

    kind = models.CharField("类型", max_length=10, choices=AdviserKind.choices)
    name = models.CharField("姓名或名称", max_length=200)
    licence = models.CharField("执业证号", max_length=40, blank=True)
    firm = models.CharField("所在律师事务所或单位", max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "法律顾问"
        verbose_name_plural = verbose_name
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class AdviserEngagement(TimeStampedModel):
    """An adviser serving a unit: the contract's dates and fee (a 公职律师 serves his or her own unit, fee 0)."""

    adviser = models.ForeignKey(Adviser, on_delete=models.PROTECT, related_name="engagements")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="adviser_engagements")
    starts_on = models.DateField("聘用起始日")
    ends_on = models.DateField("聘用截止日", null=True, blank=True)
    fee = models.DecimalField("年度费用（元）", max_digits=12, decimal_places=2, default=0)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "法律顾问聘用"
        verbose_name_plural = verbose_name
        ordering = ["-starts_on", "-id"]


class OpinionKind(models.TextChoices):
    DECISION = "decision", "重大行政决策"
    DOCUMENT = "document", "规范性文件"
    CONTRACT = "contract", "合同"
    CASE = "case", "复议诉讼案件"
    OTHER = "other", "其他法律事务"


class AdviserOpinion(TimeStampedModel):
    """A piece of an adviser's work for a unit it serves: an opinion on a decision, document, contract or case."""

    engagement = models.ForeignKey(AdviserEngagement, on_delete=models.PROTECT, related_name="opinions")
    kind = models.CharField("事项类型", max_length=10, choices=OpinionKind.choices)
    subject = models.CharField("事项", max_length=300)
    given_on = models.DateField("出具日期")
    hours = models.DecimalField("工作时长（小时）", max_digits=7, decimal_places=1, default=0)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True)

    class Meta:
        verbose_name = "法律顾问意见"
        verbose_name_plural = verbose_name
        ordering = ["-given_on", "-id"]


# ------------------------------------------------------------------ 公众满意度调查 (issue 23 §2): models_survey.py
from .models_survey import (  # noqa: E402, F401
    Survey,
    SurveyAnswer,
    SurveyCode,
    SurveyIdentity,
    SurveyQuestion,
    SurveyRating,
    SurveyResponse,
    SurveyState,
)
