"""Choices of 行政执法: kinds of 执法主体, of 执法事项 (and so of the cases under them), of decisions and certificates."""

from django.db import models


class BodyKind(models.TextChoices):
    AGENCY = "agency", "行政机关"
    AUTHORISED = "authorised", "法律法规授权组织"
    ENTRUSTED = "entrusted", "受委托组织"  # 处罚法 第二十条: acts in the entrusting body's name


class MatterKind(models.TextChoices):
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    INSPECTION = "inspection", "行政检查"
    LICENSING = "licensing", "行政许可"
    LEVY = "levy", "行政征收征用"
    OTHER = "other", "其他行政执法"


class CertificateKind(models.TextChoices):
    ENFORCEMENT = "enforcement", "行政执法证"
    SUPERVISION = "supervision", "行政执法监督证"


class CertificateStatus(models.TextChoices):
    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "吊销"
    CANCELLED = "cancelled", "注销"


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", "普通程序"
    SIMPLIFIED = "simplified", "简易程序"


class DecisionKind(models.TextChoices):
    """处罚法 第九条 penalty types (grouped), plus the other outcomes of a case."""

    WARNING = "warning", "警告、通报批评"
    FINE = "fine", "罚款、没收违法所得、没收非法财物"
    LICENCE = "licence", "暂扣许可证件、降低资质等级、吊销许可证件"
    RESTRICTION = "restriction", "限制开展生产经营活动、责令停产停业、责令关闭、限制从业"
    DETENTION = "detention", "行政拘留"
    COERCIVE = "coercive", "行政强制措施或执行"
    GRANTED = "granted", "准予许可"
    REFUSED = "refused", "不予许可"
    NO_PENALTY = "no_penalty", "不予行政处罚"
    OTHER = "other", "其他决定"


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class Source(models.TextChoices):
    ENTRY = "entry", "录入"
    API = "api", "接口报送"
    IMPORT = "import", "Excel导入"


class ListKind(models.TextChoices):
    """四张清单 (legal-rules.md §12.3)."""

    NO_PENALTY = "no_penalty", "不予处罚清单"  # 《行政处罚法》（2021年修订）第三十三条
    LIGHTER = "lighter", "从轻处罚清单"  # 第三十二条
    MITIGATED = "mitigated", "减轻处罚清单"  # 第三十二条
    NO_COERCION = "no_coercion", "不予实施行政强制措施清单"  # 《行政强制法》第十六条第二款


LIST_BASIS = {
    ListKind.NO_PENALTY: "《行政处罚法》（2021年修订）第三十三条",
    ListKind.LIGHTER: "《行政处罚法》（2021年修订）第三十二条",
    ListKind.MITIGATED: "《行政处罚法》（2021年修订）第三十二条",
    ListKind.NO_COERCION: "《行政强制法》第十六条第二款",
}


class Tier(models.TextChoices):
    """裁量基准 tiers (《行政处罚法》（2021年修订）第三十四条; ⚠ 国办发〔2022〕27号 details unread: tiers as data)."""

    LIGHTER = "lighter", "从轻"
    ORDINARY = "ordinary", "一般"
    HEAVIER = "heavier", "从重"


class Grade(models.TextChoices):
    """案卷评查 grades (legal-rules.md §12.5 ⚠ local practice; thresholds in the setting REVIEW_GRADES)."""

    EXCELLENT = "excellent", "优秀"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class FileState(models.TextChoices):
    """A sampled file of a 评查 campaign: scored by two reviewers, reconciled by the lead when they differ."""

    SCORING = "scoring", "评分中"
    DIFFERENT = "different", "待合议"  # both scored, totals or item scores differ
    GRADED = "graded", "已定等次"


class ConfirmState(models.TextChoices):
    """The enterprise's answer to an inspection's code link (扫码确认)."""

    PENDING = "pending", "待企业确认"
    CONFIRMED = "confirmed", "企业已确认"
    DISPUTED = "disputed", "企业有异议"


class SupervisionDocKind(models.TextChoices):
    """The supervisor's documents (《行政执法监督条例》, 国务院令第825号 ⚠ its articles on them are unread,
    legal-rules.md §12.1: the kinds, their forms and the reply period are settings and editable templates)."""

    OPINION = "opinion", "行政执法监督意见书"
    DECISION = "decision", "行政执法监督决定书"


class ComplaintChannel(models.TextChoices):
    """Where a complaint about enforcement (执法投诉) came from."""

    PORTAL = "portal", "网上投诉"
    HOTLINE = "hotline", "12345热线转办"
    ENTRY = "entry", "来信来访登记"


class ComplaintState(models.TextChoices):
    """执法投诉: 受理 → 调查 → 处理结果 (⚠ 国务院令第825号's procedure is unread, legal-rules.md §12.1)."""

    RECEIVED = "received", "待受理"
    INVESTIGATING = "investigating", "调查中"
    CLOSED = "closed", "已办结"
    REJECTED = "rejected", "不予受理"


# (state, step) → next state; anything else is refused (services.complaints)
COMPLAINT_TRANSITIONS: dict[tuple[str, str], str] = {
    (ComplaintState.RECEIVED, "accept"): ComplaintState.INVESTIGATING,
    (ComplaintState.RECEIVED, "reject"): ComplaintState.REJECTED,
    (ComplaintState.INVESTIGATING, "investigate"): ComplaintState.INVESTIGATING,
    (ComplaintState.INVESTIGATING, "conclude"): ComplaintState.CLOSED,
}
COMPLAINT_STEP_LABELS = {"accept": "受理", "reject": "不予受理", "investigate": "登记调查情况", "conclude": "处理结果"}


def complaint_may(state: str, step: str) -> bool:
    return (state, step) in COMPLAINT_TRANSITIONS


class ComplaintOutcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", "投诉属实"
    PARTLY = "partly", "部分属实"
    UNSUBSTANTIATED = "unsubstantiated", "投诉不属实"
