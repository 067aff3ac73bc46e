"""Writes of the 公众满意度调查 (issue 23 §2): create, open, close, issue 答题码 and take the public's answer sheet.
Each one atomic and audited. The one-answer rule: a repeated submit (the same hidden submit_token) returns the first
sheet; another sheet from the same phone or code is refused naming the field; the unique (survey, respondent_key)
constraint keeps it so when two arrive at once. A phone is never stored: only its blind index (HMAC-SM3, keyed outside
the database; core.crypto), with a purpose naming the survey."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.audit.services import record_event
from fazhi.core.crypto import blind_index
from fazhi.core.errors import ConflictError, DomainError
from fazhi.core.validators import PHONE_RE, normalize_identifier

from .errors import IndicatorError
from .models_survey import (
    Survey,
    SurveyAnswer,
    SurveyCode,
    SurveyIdentity,
    SurveyQuestion,
    SurveyRating,
    SurveyResponse,
    SurveyState,
)

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: typed from a printed slip
CODE_LENGTH = 8
CODES_MAX = 5000  # per issue
QUESTIONS_MAX = 30
COMMENT_MAX = 1000


def phone_key(survey: Survey, phone: str) -> str:
    return blind_index(phone, f"indicators.survey.{survey.pk}.phone")


def code_key(survey: Survey, code: str) -> str:
    return blind_index(code, f"indicators.survey.{survey.pk}.code")


def _refuse(message: str, field: str) -> DomainError:
    return DomainError(IndicatorError.SURVEY, message, field=field)


def _lock(survey: Survey) -> Survey:
    return Survey.objects.select_for_update(of=("self",)).get(pk=survey.pk)


@transaction.atomic
def survey_create(
    *,
    by: Any,
    title: str,
    year: int,
    owner: Any,
    subject: Any = None,
    questions: list[str],
    sample_target: int,
    identity: str = SurveyIdentity.PHONE,
    intro: str = "",
    submit_token: uuid.UUID | None = None,
) -> Survey:
    """A questionnaire in draft: its questions (each rated 满意 / 基本满意 / 不满意), the unit it is about (default: the
    organiser), the sample target and how answers are told apart (phone or issued code)."""
    if submit_token:
        done = Survey.objects.filter(submit_token=submit_token).first()
        if done is not None:
            return done
    title = title.strip()
    if not title:
        raise _refuse("调查名称：请填写。", "title")
    texts = [q.strip() for q in questions if q.strip()]
    if not texts:
        raise _refuse("调查题目：请至少填写一道题目（每行一题）。", "questions")
    if len(texts) > QUESTIONS_MAX:
        raise _refuse(f"调查题目：最多{QUESTIONS_MAX}道题，现有{len(texts)}道。", "questions")
    too_long = next((i for i, t in enumerate(texts, start=1) if len(t) > 300), None)
    if too_long is not None:
        raise _refuse(f"调查题目：第{too_long}题超过300字。", "questions")
    if sample_target < 1:
        raise _refuse("样本量目标：应为正整数。", "sample_target")
    if identity not in SurveyIdentity.values:
        raise _refuse("答题凭证：请从列表中选择。", "identity")
    survey = Survey.objects.create(
        title=title[:200],
        year=year,
        intro=intro.strip(),
        owner=owner,
        subject=subject or owner,
        identity=identity,
        sample_target=sample_target,
        by=by if getattr(by, "pk", None) else None,
        submit_token=submit_token or None,
    )
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(survey=survey, position=i, text=t) for i, t in enumerate(texts, start=1)
    )
    record_event(
        actor=by,
        action="indicators.survey.create",
        obj=survey,
        object_repr=str(survey),
        summary={"year": year, "questions": len(texts), "target": sample_target, "identity": identity},
        unit=owner,
    )
    return survey


@transaction.atomic
def survey_state_set(*, by: Any, survey: Survey, state: str, version: int | None = None) -> Survey:
    """Open a draft survey, close an open one, or reopen a closed one (the answers stay). `version`: the one the page
    showed (a change since then is refused as a conflict)."""
    survey = _lock(survey)
    if version is not None and version != survey.version:
        raise ConflictError()
    allowed = {
        SurveyState.OPEN: (SurveyState.DRAFT, SurveyState.CLOSED),
        SurveyState.CLOSED: (SurveyState.OPEN,),
    }
    if state not in allowed:
        raise _refuse("状态：只能开始或结束调查。", "state")
    if survey.state not in allowed[state]:
        label = SurveyState(survey.state).label
        raise _refuse(f"状态：调查当前为“{label}”，不能{'开始' if state == SurveyState.OPEN else '结束'}。", "state")
    old = survey.state
    survey.state = state
    now = timezone.now()
    if state == SurveyState.OPEN:
        survey.opened_at, survey.closed_at = survey.opened_at or now, None
    else:
        survey.closed_at = now
    survey.save_versioned(expected_version=survey.version, update_fields=["state", "opened_at", "closed_at"])
    record_event(
        actor=by,
        action="indicators.survey.state",
        obj=survey,
        object_repr=str(survey),
        summary={"from": old, "to": state},
        unit=survey.owner,
    )
    return survey


@transaction.atomic
def survey_codes_issue(*, by: Any, survey: Survey, count: int) -> list[str]:
    """`count` fresh 答题码 for a survey answered by code. They are returned once (for the list handed out); only
    their blind index is stored."""
    survey = _lock(survey)
    if survey.identity != SurveyIdentity.CODE:
        raise _refuse("答题码：本调查按手机号码答题，无需答题码。", "count")
    if survey.state == SurveyState.CLOSED:
        raise _refuse("答题码：调查已结束。", "count")
    if not 1 <= count <= CODES_MAX:
        raise _refuse(f"数量：应为1至{CODES_MAX}。", "count")
    codes: list[str] = []
    seen: set[str] = set()
    while len(codes) < count:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in seen:
            seen.add(code)
            codes.append(code)
    digests = {code_key(survey, c): c for c in codes}
    taken = set(SurveyCode.objects.filter(survey=survey, digest__in=list(digests)).values_list("digest", flat=True))
    for d in taken:  # (32^8 codes: a clash with an earlier issue is improbable; drop it rather than hand out twice)
        codes.remove(digests[d])
    SurveyCode.objects.bulk_create(SurveyCode(survey=survey, digest=d) for d in digests if d not in taken)
    record_event(
        actor=by,
        action="indicators.survey.codes",
        obj=survey,
        object_repr=str(survey),
        summary={"count": len(codes)},
        unit=survey.owner,
    )
    return codes


def _normalised_code(code: str) -> str:
    return "".join(normalize_identifier(code).split())


@transaction.atomic
def survey_answer_submit(
    *,
    survey: Survey,
    ratings: dict[int, str],
    phone: str = "",
    code: str = "",
    comment: str = "",
    submit_token: uuid.UUID | None = None,
) -> SurveyResponse:
    """The public's answer sheet (no user). `ratings`: question id → 满意 / 基本满意 / 不满意 code, every question
    answered. Refused (nothing saved) naming the field: a survey not open, a phone that is not an 11-digit mobile
    number, an unknown or used code, a question left out, a phone or code that has already answered. A repeated
    `submit_token` returns the first sheet."""
    if submit_token:
        done = SurveyResponse.objects.filter(submit_token=submit_token, survey=survey).first()
        if done is not None:
            return done
    survey = _lock(survey)
    if survey.state != SurveyState.OPEN:
        raise _refuse("调查：本次调查未开始或已结束，暂不能提交。", "survey")
    held_code = None
    if survey.identity == SurveyIdentity.PHONE:
        number = normalize_identifier(phone)
        if not PHONE_RE.match(number):
            raise _refuse("手机号码：请填写11位手机号码。", "phone")
        key, field, who = phone_key(survey, number), "phone", "该手机号码"
    else:
        text = _normalised_code(code)
        if not text:
            raise _refuse("答题码：请填写答题码。", "code")
        key, field, who = code_key(survey, text), "code", "该答题码"
        held_code = SurveyCode.objects.select_for_update(of=("self",)).filter(survey=survey, digest=key).first()
        if held_code is None:
            raise _refuse("答题码：答题码无效，请核对后重新填写。", "code")
    questions = list(survey.questions.order_by("position"))
    for q in questions:
        if ratings.get(q.pk) not in SurveyRating.values:
            raise _refuse(f"第{q.position}题：请选择满意程度。", f"q_{q.pk}")
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        raise _refuse(f"意见建议：不超过{COMMENT_MAX}字。", "comment")
    if SurveyResponse.objects.filter(survey=survey, respondent_key=key).exists():
        raise _refuse(f"{'手机号码' if field == 'phone' else '答题码'}：{who}已参与本次调查，每份限答一次。", field)
    from fazhi.deadlines.selectors import today_local

    try:
        with transaction.atomic():
            sheet = SurveyResponse.objects.create(
                survey=survey,
                respondent_key=key,
                answered_on=today_local(),
                comment=comment,
                submit_token=submit_token or None,
            )
    except IntegrityError:  # the same token or the same respondent committed meanwhile
        done = SurveyResponse.objects.filter(submit_token=submit_token).first() if submit_token else None
        if done is not None:
            return done
        raise _refuse(
            f"{'手机号码' if field == 'phone' else '答题码'}：{who}已参与本次调查，每份限答一次。", field
        ) from None
    SurveyAnswer.objects.bulk_create(SurveyAnswer(response=sheet, question=q, rating=ratings[q.pk]) for q in questions)
    if held_code is not None:
        held_code.used_at = timezone.now()
        held_code.save(update_fields=["used_at"])
    record_event(
        actor=None,
        action="indicators.survey.answer",
        obj=survey,
        object_repr=str(survey),
        summary={"response": sheet.pk, "by": survey.identity},  # neither the phone nor the code
        unit=survey.owner,
    )
    return sheet
