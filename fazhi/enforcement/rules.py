"""The rules of 行政执法 as data and pure checks (no writes): who may be recorded on a case (certificate, training),
which cases need 法制审核 (《行政处罚法》（2021年修订）第五十八条) and whether a review was done in time.
Sources: ../shared/reference/legal-rules.md §12. Local practice (⚠) comes from settings.FAZHI_ENFORCEMENT."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .states import CertificateStatus, MatterKind

LAW = "《行政处罚法》（2021年修订）"


@dataclass(frozen=True)
class ReviewGround:
    code: str
    label: str
    basis: str


# 《行政处罚法》（2021年修订）第五十八条第一款: 有下列情形之一，在行政机关负责人作出行政处罚的决定之前，应当由从事行政处罚
# 决定法制审核的人员进行法制审核；未经法制审核或者审核未通过的，不得作出决定.
REVIEW_GROUNDS: tuple[ReviewGround, ...] = (
    ReviewGround("public_interest", "涉及重大公共利益的", f"{LAW}第五十八条第一款第一项"),
    ReviewGround(
        "major_rights_hearing",
        "直接关系当事人或者第三人重大权益，经过听证程序的",
        f"{LAW}第五十八条第一款第二项",
    ),
    ReviewGround("complex", "案件情况疑难复杂、涉及多个法律关系的", f"{LAW}第五十八条第一款第三项"),
    ReviewGround("statutory", "法律、法规规定应当进行法制审核的其他情形", f"{LAW}第五十八条第一款第四项"),
)
GROUND_CODES = {g.code for g in REVIEW_GROUNDS}


def settings_value(key: str, default: Any) -> Any:
    from django.conf import settings

    try:
        return getattr(settings, "FAZHI_ENFORCEMENT", {}).get(key, default)
    except Exception:  # settings not configured (a pure import): the default
        return default


def training_hours_min() -> Decimal:
    return Decimal(str(settings_value("TRAINING_HOURS_MIN", 60)))


def training_year_for(on: dt.date) -> int:
    """The year whose training an officer recorded on `on` must have completed (setting TRAINING_YEAR)."""
    return on.year if settings_value("TRAINING_YEAR", "previous") == "current" else on.year - 1


def publication_days(kind: str) -> int:
    days = settings_value("PUBLICATION_DAYS", {}) or {}
    return int(days.get(kind, days.get("other", 20)))


def review_grounds_of(*, grounds: list[str], hearing_held: bool, matter_review_required: bool) -> list[str]:
    """The Art. 58 grounds that apply: those declared, plus ¶1(2) when a hearing was held and ¶1(4) when the matter is
    listed in the body's 法制审核目录. Returned in the statute's order."""
    have = set(grounds)
    if hearing_held:
        have.add("major_rights_hearing")
    if matter_review_required:
        have.add("statutory")
    return [g.code for g in REVIEW_GROUNDS if g.code in have]


def review_defect(
    *, required: bool, decided_on: dt.date | None, reviewed_on: dt.date | None, reviewer: str, qualified: bool
) -> str:
    """ "" when the 法制审核 rule is met; else why not (Art. 58: no decision without a completed review; ¶2: a
    first-time reviewer needs the 法律职业资格). Only a decided case can be defective."""
    if not required or decided_on is None:
        return ""
    if reviewed_on is None or not reviewer.strip():
        return f"须经法制审核的案件未见完成的法制审核即作出决定（{LAW}第五十八条）"
    if reviewed_on > decided_on:
        return (
            f"法制审核完成日期{reviewed_on:%Y-%m-%d}晚于决定日期{decided_on:%Y-%m-%d}，"
            f"应在作出决定前完成（{LAW}第五十八条）"
        )
    if not qualified:
        return f"法制审核人员未记录法律职业资格（{LAW}第五十八条第二款）"
    return ""


def clock_flags(case: Any, *, decision_due: dt.date | None, publication_due: dt.date | None) -> tuple[bool, bool]:
    """(decided late, published on time) from the case's current clocks: a 行政处罚 decided after the 90-day period's
    due day (《行政处罚法》（2021年修订）第六十条); a decision published on or before the 公示 period's due day (第四十八条; the period per
    matter kind, setting PUBLICATION_DAYS). Both clocks are complete by then, so their due days no longer move."""
    late = bool(
        case.kind == MatterKind.PENALTY
        and case.decided_on
        and decision_due is not None
        and case.decided_on > decision_due
    )
    on_time = bool(
        case.decided_on and case.published_on and publication_due is not None and case.published_on <= publication_due
    )
    return late, on_time


@dataclass(frozen=True)
class OfficerProblem:
    code: str  # "certificate" | "training"
    message: str


def officer_problems(officer: Any, on: dt.date, hours_by_year: dict[int, Decimal]) -> list[OfficerProblem]:
    """Why `officer` may not be recorded on an enforcement act dated `on` (empty: they may).

    Certificate: 有效 status and `valid_from` ≤ on ≤ `valid_until` (行政执法人员持证上岗; 处罚法 第四十二条).
    Training: the hours of `training_year_for(on)` reach TRAINING_HOURS_MIN (⚠ setting); an officer whose certificate
    was issued in or after that year is not yet held to it."""
    problems = []
    name = f"执法人员{officer.name}（{officer.certificate_number}）"
    if officer.status != CertificateStatus.VALID:
        problems.append(OfficerProblem("certificate", f"{name}的行政执法证状态为“{officer.get_status_display()}”"))
    elif on > officer.valid_until:
        problems.append(
            OfficerProblem("certificate", f"{name}的行政执法证有效期至{officer.valid_until:%Y-%m-%d}，已过期")
        )
    elif on < officer.valid_from:
        problems.append(OfficerProblem("certificate", f"{name}的行政执法证自{officer.valid_from:%Y-%m-%d}起有效"))
    year = training_year_for(on)
    need = training_hours_min()
    done = hours_by_year.get(year, Decimal(0))
    if officer.valid_from.year < year and done < need:
        problems.append(OfficerProblem("training", f"{name}{year}年度培训{_n(done)}学时，不足{_n(need)}学时"))
    return problems


def _n(d: Decimal) -> str:
    """12.0 → "12", 12.5 → "12.5"."""
    return f"{d.normalize():f}"


def tier_defect(*, label: str, amount_min: Decimal, amount_max: Decimal, amount: Decimal | None) -> str:
    """ "" when the amount lies inside the tier's range (both ends included) or there is no amount; else why
    (《行政处罚法》（2021年修订）第三十四条: 裁量基准 published and applied)."""
    if amount is None or amount_min <= amount <= amount_max:
        return ""
    return f"罚没金额{_n(amount)}元不在裁量基准“{label}”档{_n(amount_min)}–{_n(amount_max)}元范围内（{LAW}第三十四条）"


SUPERVISION_BASIS = "《行政执法监督条例》（国务院令第825号）"


def supervision_reply_period() -> tuple[int, str]:
    """The days (and their unit) a body has to reply to a 监督意见书 / 决定书 (⚠ 825号 unread, §12.1: a setting)."""
    unit = str(settings_value("SUPERVISION_REPLY_UNIT", "natural_day"))
    return int(settings_value("SUPERVISION_REPLY_DAYS", 30)), unit if unit in ("natural_day", "working_day") else (
        "natural_day"
    )


def supervision_number(kind: str, year: int, n: int) -> str:
    patterns = settings_value("SUPERVISION_NUMBER", {}) or {}
    return str(patterns.get(kind) or "执法监督〔{year}〕{n}号").format(year=year, n=n)


def complaint_period() -> tuple[int, str]:
    """The days (and their unit) the office has to handle a complaint about enforcement, from the day it arrives
    (⚠ 国务院令第825号's articles on complaints are unread, legal-rules.md §12.1: a setting, default 60 natural days)."""
    unit = str(settings_value("COMPLAINT_UNIT", "natural_day"))
    return int(settings_value("COMPLAINT_DAYS", 60)), unit if unit in ("natural_day", "working_day") else (
        "natural_day"
    )


def complaint_hotline_categories() -> tuple[str, ...]:
    """The 12345 诉求分类 codes whose 投诉 / 举报 orders are about enforcement (⚠ local practice: a setting)."""
    return tuple(str(c) for c in settings_value("COMPLAINT_HOTLINE_CATEGORIES", ("market", "city", "environment")))


COMPLAINT_HOTLINE_TYPES = ("complaint", "report")  # 12345 诉求类型 投诉、举报 (codes of the hotline docket)


def check_rectification_days() -> int:
    """Days a 监督检查 finding gives the body to rectify (⚠ local practice; default the 评查 setting)."""
    return int(settings_value("CHECK_RECTIFICATION_DAYS", settings_value("RECTIFICATION_DAYS", 30)))
