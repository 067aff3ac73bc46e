"""Writes of the indicators module's sources (issue 23 §3): 述职述法 reports, 学法 activities, 法治能力测试 results, the
法律顾问 / 公职律师 registry and its work. One service per state change, atomic, audited; refusals name the field and
change nothing. Who may record for which unit is the caller's check (the policies in policies.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError

from .errors import IndicatorError
from .models import (
    AbilityResult,
    AbilityTest,
    Adviser,
    AdviserEngagement,
    AdviserKind,
    AdviserOpinion,
    DutyRating,
    DutyReport,
    OpinionKind,
    StudyKind,
    StudySession,
)


def _refuse(field: str, message: str) -> DomainError:
    return DomainError(IndicatorError.BAD_VALUE, message, field=field)


def _actor(by: Any) -> Any:
    return by if getattr(by, "pk", None) else None


def _not_future(day: dt.date, field: str, label: str, today: dt.date) -> None:
    if day > today:
        raise _refuse(field, f"{label}：不能晚于今天（{today:%Y-%m-%d}）。")


def _today() -> dt.date:
    from fazhi.deadlines.selectors import today_local

    return today_local()


def _replayed(model: Any, token: Any) -> Any:
    return model.objects.filter(submit_token=token).first() if token else None


@transaction.atomic
def duty_report_record(
    *,
    by: Any,
    unit: Any,
    year: int,
    reporter: str,
    post: str,
    heard_on: dt.date,
    heard_by: str,
    text: str,
    rating: str = "",
    file: Any = None,
    submit_token: Any = None,
) -> DutyReport:
    """A principal head's 述职述法 for a year: text (and a file the caller checked with core.uploads), who heard it,
    the rating. Once per unit, year and head; the hearing falls in the year reported on or early the next."""
    done = _replayed(DutyReport, submit_token)
    if done is not None:
        return done
    reporter, post, heard_by, text = reporter.strip(), post.strip(), heard_by.strip(), text.strip()
    for field, label, value in (
        ("reporter", "述法人", reporter),
        ("post", "职务", post),
        ("heard_by", "听取对象", heard_by),
        ("text", "述法报告", text),
    ):
        if not value:
            raise _refuse(field, f"{label}：请填写。")
    if rating and rating not in DutyRating.values:
        raise _refuse("rating", "评议等次：请从列表中选择。")
    _not_future(heard_on, "heard_on", "述法日期", _today())
    if heard_on.year not in (year, year + 1):
        raise _refuse("heard_on", f"述法日期：{year}年度的述法应在{year}年或{year + 1}年进行。")
    if DutyReport.objects.filter(unit=unit, year=year, reporter=reporter).exists():
        raise _refuse("reporter", f"述法人：{unit.name}已登记{reporter}的{year}年度述法。")
    report = DutyReport(
        unit=unit,
        year=year,
        reporter=reporter,
        post=post,
        heard_on=heard_on,
        heard_by=heard_by,
        rating=rating,
        text=text,
        by=_actor(by),
        submit_token=submit_token or None,
    )
    if file is not None:
        file.seek(0)
        report.file_name = (file.name or "述法报告")[:200]
        report.file.save(file.name, file, save=False)
    report.save()
    record_event(
        actor=by,
        action="indicators.duty_report.record",
        obj=report,
        object_repr=str(report),
        summary={"unit": unit.code, "year": year, "heard_on": heard_on.isoformat(), "file": report.file_name},
        unit=unit,
    )
    return report


@transaction.atomic
def study_session_record(
    *,
    by: Any,
    unit: Any,
    kind: str,
    held_on: dt.date,
    topic: str,
    attendance: int,
    speaker: str = "",
    submit_token: Any = None,
) -> StudySession:
    """A 学法 activity: a 常务会议 or 理论中心组 law study, a 旁听庭审 or a 宪法宣誓 (date, topic, speaker, attendance)."""
    done = _replayed(StudySession, submit_token)
    if done is not None:
        return done
    if kind not in StudyKind.values:
        raise _refuse("kind", "类型：请从列表中选择。")
    topic = topic.strip()
    if not topic:
        raise _refuse("topic", "内容：请填写。")
    if attendance is None or attendance < 1:
        raise _refuse("attendance", "参加人数：至少1人。")
    _not_future(held_on, "held_on", "日期", _today())
    row = StudySession.objects.create(
        unit=unit,
        kind=kind,
        held_on=held_on,
        topic=topic[:300],
        speaker=speaker.strip()[:100],
        attendance=attendance,
        by=_actor(by),
        submit_token=submit_token or None,
    )
    record_event(
        actor=by,
        action="indicators.study.record",
        obj=row,
        object_repr=str(row)[:80],
        summary={"unit": unit.code, "kind": kind, "held_on": held_on.isoformat(), "attendance": attendance},
        unit=unit,
    )
    return row


@dataclass(frozen=True)
class AbilityRow:
    """One parsed row of a test's workbook (its Excel row number kept for messages)."""

    row: int
    unit: Any
    person: str
    staff_no: str
    score: Decimal


@transaction.atomic
def ability_test_import(
    *,
    by: Any,
    owner: Any,
    name: str,
    held_on: dt.date,
    rows: list[AbilityRow],
    pass_mark: Decimal | None = None,
    source_name: str = "",
) -> AbilityTest:
    """A 法治能力测试 sitting with all its results, or nothing. A result passes at or above the pass mark (default
    settings.FAZHI_INDICATORS["TEST_PASS_MARK"], local practice: no rule fixes it). The rows come parsed (every
    row and column error was reported before)."""
    from django.conf import settings

    name = name.strip()
    if not name:
        raise _refuse("name", "测试名称：请填写。")
    _not_future(held_on, "held_on", "测试日期", _today())
    if not rows:
        raise _refuse("file", "文件：没有可导入的成绩。")
    if pass_mark is None:
        pass_mark = Decimal(settings.FAZHI_INDICATORS.get("TEST_PASS_MARK", 60))
    if pass_mark < 0:
        raise _refuse("pass_mark", "合格分数线：不能为负数。")
    test = AbilityTest.objects.create(
        name=name[:200],
        held_on=held_on,
        pass_mark=pass_mark,
        owner=owner,
        source_name=source_name[:200],
        by=_actor(by),
    )
    AbilityResult.objects.bulk_create(
        [
            AbilityResult(
                test=test,
                unit=r.unit,
                person=r.person[:60],
                staff_no=r.staff_no[:40],
                score=r.score,
                passed=r.score >= pass_mark,
            )
            for r in rows
        ],
        batch_size=1000,
    )
    passed = sum(1 for r in rows if r.score >= pass_mark)
    record_event(
        actor=by,
        action="indicators.test.import",
        obj=test,
        object_repr=str(test),
        summary={"rows": len(rows), "passed": passed, "pass_mark": str(pass_mark), "file": source_name},
        unit=owner,
    )
    return test


@transaction.atomic
def adviser_register(*, by: Any, kind: str, name: str, licence: str = "", firm: str = "") -> Adviser:
    """Add a 法律顾问 (person or firm) or 公职律师 to the area's registry (one entry per kind and name)."""
    if kind not in AdviserKind.values:
        raise _refuse("kind", "类型：请从列表中选择。")
    name = name.strip()
    if not name:
        raise _refuse("name", "姓名或名称：请填写。")
    if Adviser.objects.filter(kind=kind, name=name).exists():
        raise _refuse("name", f"姓名或名称：名录中已有“{name}”。")
    adviser = Adviser.objects.create(
        kind=kind, name=name[:200], licence=licence.strip()[:40], firm=firm.strip()[:200], by=_actor(by)
    )
    record_event(
        actor=by,
        action="indicators.adviser.register",
        obj=adviser,
        object_repr=str(adviser),
        summary={"kind": kind, "name": name},
    )
    return adviser


@transaction.atomic
def adviser_engage(
    *,
    by: Any,
    adviser: Adviser,
    unit: Any,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    fee: Decimal = Decimal(0),
) -> AdviserEngagement:
    """A unit engages an adviser from the registry: the contract's dates and fee. A 公职律师 serves without a fee."""
    if ends_on is not None and ends_on < starts_on:
        raise _refuse("ends_on", "聘用截止日：不能早于聘用起始日。")
    if fee is None or fee < 0:
        raise _refuse("fee", "年度费用（元）：不能为负数。")
    if adviser.kind == AdviserKind.PUBLIC and fee > 0:
        raise _refuse("fee", "年度费用（元）：公职律师不另行收费，请填0。")
    overlapping = AdviserEngagement.objects.filter(adviser=adviser, unit=unit, starts_on__lte=ends_on or dt.date.max)
    if overlapping.filter(ends_on__isnull=True).exists() or overlapping.filter(ends_on__gte=starts_on).exists():
        raise _refuse("starts_on", f"聘用起始日：{unit.name}与{adviser.name}已有覆盖该期间的聘用。")
    row = AdviserEngagement.objects.create(
        adviser=adviser, unit=unit, starts_on=starts_on, ends_on=ends_on, fee=fee, by=_actor(by)
    )
    record_event(
        actor=by,
        action="indicators.adviser.engage",
        obj=row,
        object_repr=f"{unit.name}聘用{adviser.name}",
        summary={
            "adviser": adviser.pk,
            "unit": unit.code,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
            "fee": str(fee),
        },
        unit=unit,
    )
    return row


@transaction.atomic
def adviser_opinion_record(
    *,
    by: Any,
    engagement: AdviserEngagement,
    kind: str,
    subject: str,
    given_on: dt.date,
    hours: Decimal = Decimal(0),
    submit_token: Any = None,
) -> AdviserOpinion:
    """An adviser's work for the unit that engaged it: an opinion on a decision, document, contract or case, with the
    hours it took. Given while the engagement ran."""
    done = _replayed(AdviserOpinion, submit_token)
    if done is not None:
        return done
    if kind not in OpinionKind.values:
        raise _refuse("kind", "事项类型：请从列表中选择。")
    subject = subject.strip()
    if not subject:
        raise _refuse("subject", "事项：请填写。")
    if hours is None or hours < 0:
        raise _refuse("hours", "工作时长（小时）：不能为负数。")
    _not_future(given_on, "given_on", "出具日期", _today())
    if given_on < engagement.starts_on or (engagement.ends_on is not None and given_on > engagement.ends_on):
        raise _refuse("given_on", "出具日期：不在该法律顾问的聘用期内。")
    row = AdviserOpinion.objects.create(
        engagement=engagement,
        kind=kind,
        subject=subject[:300],
        given_on=given_on,
        hours=hours,
        by=_actor(by),
        submit_token=submit_token or None,
    )
    record_event(
        actor=by,
        action="indicators.adviser.opinion",
        obj=row,
        object_repr=subject[:80],
        summary={"engagement": engagement.pk, "kind": kind, "given_on": given_on.isoformat(), "hours": str(hours)},
        unit=engagement.unit,
    )
    return row
