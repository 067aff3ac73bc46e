"""建议提案's own data beside the kernel's `Case` (one case per item; `Case.handling_unit` = the 主办 unit, the data
scope): the session and item number (unique per session), the registry of deputies and members per term, who
proposed an item (领衔 / 附议), the units it was handed to (主办 / 分办 / 协办), contacts with the proposer, replies
(答复函: drafted, 签发 by the unit's head, sent), 承诺事项 of class-B replies, ratings and 会办/面商 meetings.

Contact details of deputies and members are personal data: SM4-encrypted (`EncryptedTextField`), shown masked to
anyone without the kernel's "pii" right. Only the docket's services write these rows."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.models import TimeStampedModel
from fazhi.core.pii import EncryptedTextField, mask_phone


class Body(models.TextChoices):
    NPC = "npc", "人大"
    CPPCC = "cppcc", "政协"


class Kind(models.TextChoices):
    """建议 come from the people's congress (代表), 提案 from the CPPCC (委员)."""

    SUGGESTION = "suggestion", "代表建议"
    PROPOSAL = "proposal", "政协提案"


KIND_OF_BODY = {Body.NPC: Kind.SUGGESTION, Body.CPPCC: Kind.PROPOSAL}


class Source(models.TextChoices):
    SESSION = "session", "大会期间"
    RECESS = "recess", "闭会期间"


class Session(TimeStampedModel):
    """A congress or CPPCC meeting (示范市第十八届人民代表大会第四次会议); items of the recess after it belong to it too."""

    body = models.CharField("届别机关", max_length=8, choices=Body.choices)
    name = models.CharField("会次", max_length=100)
    term = models.CharField("届次", max_length=30, blank=True)
    year = models.PositiveIntegerField("年度")

    class Meta:
        verbose_name = "会次"
        verbose_name_plural = "会次"
        ordering = ["-year", "body", "name"]
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="proposals_session_unique")]

    def __str__(self) -> str:
        return self.name


class Proposer(TimeStampedModel):
    """A deputy (人大代表) or member (政协委员) of one term: the registry items, ratings and meetings link to."""

    body = models.CharField("届别机关", max_length=8, choices=Body.choices)
    term = models.CharField("届次", max_length=30)
    name = models.CharField("姓名", max_length=50)
    group = models.CharField("代表团/界别", max_length=100, blank=True)
    employer = models.CharField("工作单位及职务", max_length=200, blank=True)
    phone = EncryptedTextField("联系电话", blank=True, default="")
    address = EncryptedTextField("通讯地址", blank=True, default="")
    active = models.BooleanField("在任", default=True)

    class Meta:
        verbose_name = "代表/委员"
        verbose_name_plural = "代表/委员"
        ordering = ["body", "term", "name", "id"]
        indexes = [models.Index(fields=["body", "term", "name"], name="proposals_proposer_idx")]

    def __str__(self) -> str:
        return f"{self.name}（{self.group}）" if self.group else self.name

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def masked_address(self) -> str:
        return self.address[:3] + "****" if self.address else ""


class Item(models.Model):
    """The item as the congress or CPPCC office numbered it; one per case."""

    case = models.OneToOneField("cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="proposal")
    session = models.ForeignKey(Session, verbose_name="会次", on_delete=models.PROTECT, related_name="items")
    number = models.CharField("建议/提案编号", max_length=30)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    source = models.CharField("提出时间", max_length=8, choices=Source.choices)
    category = models.CharField("类别", max_length=50, blank=True)
    text = models.TextField("正文", blank=True)

    class Meta:
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"
        ordering = ["session", "number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="proposals_item_number_unique")]

    def __str__(self) -> str:
        return f"{self.session.name} 第{self.number}号"


class ProposerRole(models.TextChoices):
    LEAD = "lead", "领衔"
    CO = "co", "附议/联名"


class ItemProposer(models.Model):
    item = models.ForeignKey(Item, verbose_name="建议提案", on_delete=models.CASCADE, related_name="proposers")
    proposer = models.ForeignKey(Proposer, verbose_name="代表/委员", on_delete=models.PROTECT, related_name="items")
    role = models.CharField("身份", max_length=8, choices=ProposerRole.choices)

    class Meta:
        ordering = ["-role", "id"]  # 领衔 first ("lead" > "co")
        constraints = [models.UniqueConstraint(fields=["item", "proposer"], name="proposals_item_proposer_unique")]


class AssignmentRole(models.TextChoices):
    LEAD = "lead", "主办"
    SPLIT = "split", "分办"
    ASSIST = "assist", "协办"


ANSWERING = (AssignmentRole.LEAD, AssignmentRole.SPLIT)  # they answer the proposer; 协办 units give opinions


class Assignment(TimeStampedModel):
    """One unit's share of an item (交办): 主办 (one), 分办 (each answers its own part), 协办 (opinions to the lead)."""

    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey("orgs.Unit", verbose_name="承办单位", on_delete=models.PROTECT, related_name="+")
    role = models.CharField("承办方式", max_length=8, choices=AssignmentRole.choices)
    assigned_on = models.DateField("交办日期")
    signed_on = models.DateField("签收日期", null=True, blank=True)
    reassign_reason = models.CharField("申请调整理由", max_length=1000, blank=True)
    reassign_asked_on = models.DateField("申请调整日期", null=True, blank=True)
    opinion = models.TextField("协办意见", blank=True)
    opinion_on = models.DateField("协办意见日期", null=True, blank=True)
    active = models.BooleanField("有效", default=True)  # False once the office moved the share to another unit

    class Meta:
        verbose_name = "交办单位"
        verbose_name_plural = "交办单位"
        ordering = ["case", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "unit"], condition=models.Q(active=True), name="proposals_assignment_unique"
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(active=True, role="lead"),
                name="proposals_one_lead",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：{self.unit}"


class ContactForm(models.TextChoices):
    VISIT = "visit", "走访"
    FORUM = "forum", "座谈"
    PHONE = "phone", "电话"
    MEETING = "meeting", "面商"
    OTHER = "other", "其他"


class Contact(TimeStampedModel):
    """答复前须与代表/委员沟通 (代表法 Art. 51: 承办单位应当与代表联系沟通)."""

    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="contacts")
    unit = models.ForeignKey("orgs.Unit", verbose_name="沟通单位", on_delete=models.PROTECT, related_name="+")
    on = models.DateField("沟通日期")
    form = models.CharField("沟通方式", max_length=8, choices=ContactForm.choices)
    note = models.CharField("沟通情况", max_length=1000, blank=True)
    round = models.PositiveSmallIntegerField("办理轮次", default=1)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "沟通记录"
        verbose_name_plural = "沟通记录"
        ordering = ["case", "on", "id"]


class ResultClass(models.TextChoices):
    A = "A", "A类（已解决或基本解决）"
    B = "B", "B类（正在解决或列入计划解决）"
    C = "C", "C类（因条件限制暂不能解决或留作参考）"
    D = "D", "D类（留作参考）"


class ReplyKind(models.TextChoices):
    FIRST = "first", "答复"
    REHANDLING = "rehandling", "重新办理答复"
    FOLLOW_UP = "follow_up", "落实情况再次答复"


class Reply(TimeStampedModel):
    """A unit's 答复函: drafted, 签发 by the unit's head, sent. One per answering unit and round."""

    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="replies")
    unit = models.ForeignKey("orgs.Unit", verbose_name="答复单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("答复类型", max_length=12, choices=ReplyKind.choices, default=ReplyKind.FIRST)
    round = models.PositiveSmallIntegerField("办理轮次", default=1)
    result_class = models.CharField("办理结果", max_length=1, choices=ResultClass.choices)
    text = models.TextField("答复内容")
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="拟稿人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签发人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_on = models.DateField("签发日期", null=True, blank=True)
    sent_on = models.DateField("答复日期", null=True, blank=True)

    class Meta:
        verbose_name = "答复函"
        verbose_name_plural = "答复函"
        ordering = ["case", "round", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.unit}）"


class Commitment(TimeStampedModel):
    """A class-B reply's 承诺事项: supervised (supervision kind `proposals.commitment`) until the office 销号 it."""

    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="commitments")
    reply = models.ForeignKey(Reply, verbose_name="答复函", on_delete=models.CASCADE, related_name="commitments")
    unit = models.ForeignKey("orgs.Unit", verbose_name="责任单位", on_delete=models.PROTECT, related_name="+")
    text = models.CharField("承诺事项", max_length=1000)
    due = models.DateField("承诺完成日期")
    done_on = models.DateField("落实日期", null=True, blank=True)

    class Meta:
        verbose_name = "承诺事项"
        verbose_name_plural = "承诺事项"
        ordering = ["case", "due", "id"]


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class FeedbackVia(models.TextChoices):
    STAFF = "staff", "征询意见表（工作人员录入）"
    PORTAL = "portal", "代表/委员网上评价"


class Feedback(TimeStampedModel):
    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="feedback")
    round = models.PositiveSmallIntegerField("办理轮次")
    rating = models.CharField("评价", max_length=12, choices=Rating.choices)
    via = models.CharField("评价方式", max_length=8, choices=FeedbackVia.choices)
    on = models.DateField("评价日期")
    note = models.CharField("意见", max_length=1000, blank=True)
    proposer = models.ForeignKey(
        Proposer, verbose_name="评价人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "办理评价"
        verbose_name_plural = "办理评价"
        ordering = ["case", "round", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "round"], name="proposals_feedback_once_per_round")]


class FeedbackCode(TimeStampedModel):
    """The one-time code a proposer rates a reply with on the portal (only its SM3 digest is stored)."""

    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="+")
    round = models.PositiveSmallIntegerField("办理轮次")
    digest = models.CharField(max_length=64, unique=True)
    used_on = models.DateField("使用日期", null=True, blank=True)

    class Meta:
        verbose_name = "评价码"
        verbose_name_plural = "评价码"


class MeetingKind(models.TextChoices):
    JOINT = "joint", "会办"  # the 主办 unit with the 分办/协办 units (and often the proposer)
    FACE = "face", "面商"  # with the deputy or member in person


class Meeting(TimeStampedModel):
    """会办/面商: several units meet on one item, often with its proposer; attendees and minutes are kept. A meeting
    the proposer attended is the units' contact with them (代表法 Art. 51)."""

    case = models.ForeignKey("cases.Case", verbose_name="案件", on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField("形式", max_length=8, choices=MeetingKind.choices)
    on = models.DateField("日期")
    place = models.CharField("地点", max_length=200)
    units = models.ManyToManyField("orgs.Unit", verbose_name="参加单位", related_name="+")
    proposers = models.ManyToManyField(Proposer, verbose_name="参加的代表/委员", related_name="+", blank=True)
    attendees = models.CharField("其他参加人员", max_length=1000, blank=True)
    minutes = models.TextField("会议纪要")
    round = models.PositiveSmallIntegerField("办理轮次", default=1)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "会办/面商"
        verbose_name_plural = "会办/面商"
        ordering = ["case", "on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"
