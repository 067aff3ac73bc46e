"""公众满意度调查 (issue 23 §2, legal-rules.md §15: the 示范创建 process ends with a public satisfaction survey): a
questionnaire the office opens on the portal, answered once per phone or per issued code, with a sample target.
No phone and no code is stored: only a keyed blind index (HMAC-SM3, core.crypto.blind_index) whose purpose names the
survey, so answers to two surveys cannot be linked by it. Imported by models.py (one app)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.models import VersionedModel


class SurveyState(models.TextChoices):
    DRAFT = "draft", "未开始"
    OPEN = "open", "进行中"
    CLOSED = "closed", "已结束"


class SurveyIdentity(models.TextChoices):
    PHONE = "phone", "手机号码（每个号码限答一次）"
    CODE = "code", "答题码（每个码限用一次）"


class SurveyRating(models.TextChoices):
    """The scale in use for public ratings (legal-rules.md §17: 满意 / 基本满意 / 不满意)."""

    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class Survey(VersionedModel):
    title = models.CharField("调查名称", max_length=200)
    year = models.PositiveIntegerField("调查年度")
    intro = models.TextField("调查说明", blank=True)
    owner = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="组织单位")
    subject = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="surveys_about", verbose_name="被评价单位"
    )
    identity = models.CharField("答题凭证", max_length=8, choices=SurveyIdentity.choices, default=SurveyIdentity.PHONE)
    sample_target = models.PositiveIntegerField("样本量目标")
    state = models.CharField("状态", max_length=8, choices=SurveyState.choices, default=SurveyState.DRAFT)
    opened_at = models.DateTimeField("开始时间", null=True, blank=True)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True)

    class Meta:
        verbose_name = "满意度调查"
        verbose_name_plural = verbose_name
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField("题号")
    text = models.CharField("题目", max_length=300)

    class Meta:
        verbose_name = "调查题目"
        verbose_name_plural = verbose_name
        ordering = ["survey", "position"]
        constraints = [models.UniqueConstraint(fields=["survey", "position"], name="indicators_survey_q_unique")]

    def __str__(self) -> str:
        return self.text


class SurveyCode(models.Model):
    """An issued 答题码: only its blind index is kept; it is shown once when issued (the Excel list handed out)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField("答题码索引", max_length=64)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    class Meta:
        verbose_name = "答题码"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["survey", "digest"], name="indicators_survey_code_unique")]


class SurveyResponse(models.Model):
    """One answer sheet. `respondent_key`: the blind index of the phone number or of the code — unique per survey,
    so a second sheet from the same phone or code is refused even when two arrive at once."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent_key = models.CharField("答题人索引", max_length=64)
    answered_on = models.DateField("答题日期")
    at = models.DateTimeField("提交时间", auto_now_add=True)
    comment = models.TextField("意见建议", blank=True)
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True)

    class Meta:
        verbose_name = "调查答卷"
        verbose_name_plural = verbose_name
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "respondent_key"], name="indicators_survey_one_answer")
        ]
        indexes = [models.Index(fields=["survey", "answered_on"])]


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    rating = models.CharField("评价", max_length=12, choices=SurveyRating.choices)

    class Meta:
        verbose_name = "调查评价"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="indicators_survey_a_unique")]
