"""Writes of 案卷评查 (legal-rules.md §12.5 ⚠: no national standard — local practice is random sampling, one score
sheet per file, 优秀 / 合格 / 不合格 and a rectification deadline; so the sheet, the thresholds and the days are the
settings REVIEW_SHEET, REVIEW_GRADES and RECTIFICATION_DAYS). A campaign samples its files reproducibly (seeded,
stratified by body: sampling.py); two reviewers score each file independently; when their totals or any item
differ, the campaign's lead decides (合议, every decision kept); the grade follows the campaign's thresholds; each
defect the lead records becomes a supervisable item on the body's unit board until 销号."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fazhi.core.errors import ConflictError, DomainError
from fazhi.deadlines.selectors import today_local
from fazhi.supervision.services import item_raise

from ..errors import EnforcementErrorCode as E
from ..events import EnforcementEvent as Ev
from ..models import Body, Case, ReviewCampaign, ReviewDefect, ReviewFile, ReviewReconciliation, ReviewScore
from ..policies import ReviewCampaignPolicy, ReviewFilePolicy
from ..rules import settings_value
from ..sampling import sample_stratified
from ..sources import KIND as DEFECT_KIND
from ..states import FileState, Grade, MatterKind
from ._common import event, is_user, need, who


def review_sheet() -> list[dict[str, Any]]:
    """The configured score sheet, checked: each item a code, a label and whole points > 0."""
    sheet = [dict(i) for i in settings_value("REVIEW_SHEET", [])]
    if not sheet or any(not i.get("code") or not i.get("label") or int(i.get("points", 0)) <= 0 for i in sheet):
        raise DomainError(E.INVALID, "评分表设置（REVIEW_SHEET）不完整：每项须有编码、名称和分值。", field="sheet")
    return [{"code": str(i["code"]), "label": str(i["label"]), "points": int(i["points"])} for i in sheet]


def review_vetoes() -> list[dict[str, str]]:
    """The configured 一票否决 grounds (⚠ local practice), each a code and a label."""
    out = [{"code": str(v["code"]), "label": str(v["label"])} for v in settings_value("REVIEW_VETO", []) or []]
    if any(not v["code"] or not v["label"] for v in out):
        raise DomainError(E.INVALID, "一票否决情形设置（REVIEW_VETO）不完整：每项须有编码和名称。", field="vetoes")
    return out


def review_grades() -> dict[str, int]:
    g = dict(settings_value("REVIEW_GRADES", {"excellent": 90, "pass": 75}))
    return {"excellent": int(g["excellent"]), "pass": int(g["pass"])}


def grade_for(total: Decimal | int, grades: Mapping[str, int], *, vetoed: bool = False) -> str:
    """优秀 at or above the excellent line, 合格 at or above the pass line, else 不合格; a file with any 一票否决
    ground is 不合格 whatever its total (⚠ local practice)."""
    if vetoed:
        return Grade.FAIL
    if total >= grades["excellent"]:
        return Grade.EXCELLENT
    if total >= grades["pass"]:
        return Grade.PASS
    return Grade.FAIL


@transaction.atomic
def campaign_create(
    *,
    by: Any,
    title: str,
    organizer: Any,
    bodies: Sequence[Body],
    period_from: dt.date,
    period_to: dt.date,
    kinds: Sequence[str] = (),
    sample_size: int,
    lead: Any,
    reviewers: Sequence[Any],
    seed: str = "",
    submit_token: UUID | None = None,
) -> ReviewCampaign:
    if submit_token and (existing := ReviewCampaign.objects.filter(submit_token=submit_token).first()):
        return existing
    if is_user(by) and not ReviewCampaignPolicy.can(by, "manage", ReviewCampaign(organizer=organizer)):
        raise DomainError(E.FORBIDDEN, "您无权组织该单位的案卷评查。", field="organizer")
    title = need(title, "title", "评查活动名称")
    if not bodies:
        raise DomainError(E.INVALID, "请选择评查范围内的执法主体。", field="bodies")
    if period_to < period_from:
        raise DomainError(
            E.DATE, f"立案日期至{period_to:%Y-%m-%d}不能早于立案日期自{period_from:%Y-%m-%d}。", field="period_to"
        )
    unknown = [k for k in kinds if k not in MatterKind.values]
    if unknown:
        raise DomainError(E.INVALID, f"未知的案件类型：{unknown[0]}。", field="kinds")
    if sample_size < 1:
        raise DomainError(E.INVALID, "抽取案卷数至少为1。", field="sample_size")
    panel = list(dict.fromkeys(reviewers))
    if len(panel) < 2:
        raise DomainError(E.INVALID, "每份案卷须由两名评查人员分别评分：请至少选择两名评查人员。", field="reviewers")
    c = ReviewCampaign.objects.create(
        title=title,
        organizer=organizer,
        period_from=period_from,
        period_to=period_to,
        kinds=sorted(set(kinds)),
        sample_size=sample_size,
        seed=(seed or "").strip() or secrets.token_hex(8),
        sheet=review_sheet(),
        grades=review_grades(),
        vetoes=review_vetoes(),
        lead=lead,
        created_by=who(by),
        submit_token=submit_token,
    )
    c.bodies.set(bodies)
    c.reviewers.set(panel)
    event(c, Ev.CAMPAIGN_CREATED, by, seed=c.seed, sample_size=sample_size, bodies=sorted(b.pk for b in bodies))
    return c


def campaign_population(campaign: ReviewCampaign) -> dict[int, list[int]]:
    """The campaign's scope as strata: {body id: case ids filed in the period, of the campaign's kinds}."""
    qs = Case.objects.filter(
        body__in=campaign.bodies.all(), filed_on__gte=campaign.period_from, filed_on__lte=campaign.period_to
    )
    if campaign.kinds:
        qs = qs.filter(kind__in=campaign.kinds)
    strata: dict[int, list[int]] = {b: [] for b in campaign.bodies.values_list("pk", flat=True)}
    for body_id, case_id in qs.values_list("body_id", "pk"):
        strata[body_id].append(case_id)
    return strata


@transaction.atomic
def campaign_sample(*, by: Any, campaign: ReviewCampaign) -> list[ReviewFile]:
    """Draw the sample (once: a campaign already sampled answers with its files). The same scope and seed always
    draw the same cases. Reviewer pairs go round the panel in order: file i gets panel[i] and panel[i+1]."""
    campaign = ReviewCampaign.objects.select_for_update(of=("self",)).get(pk=campaign.pk)
    if is_user(by) and not ReviewCampaignPolicy.can(by, "manage", campaign):
        raise DomainError(E.FORBIDDEN, "您无权抽取该评查活动的案卷。")
    if campaign.sampled_at is not None:
        return list(campaign.files.order_by("body_id", "case_id"))
    _open(campaign)
    drawn = sample_stratified(campaign_population(campaign), campaign.sample_size, campaign.seed)
    ids = [i for k in sorted(drawn) for i in drawn[k]]
    if not ids:
        raise DomainError(E.INVALID, "评查范围内没有符合条件的执法案卷。", field="sample_size")
    panel = list(campaign.reviewers.select_related("unit").order_by("pk"))
    cases = {c.pk: c for c in Case.objects.filter(pk__in=ids).select_related("body__unit")}
    files = []
    for i, case_id in enumerate(ids):
        case = cases[case_id]
        a, b = reviewer_pair(panel, i, case.body)
        files.append(
            ReviewFile(campaign=campaign, case=case, body=case.body, unit_id=case.unit_id, reviewer_a=a, reviewer_b=b)
        )
    ReviewFile.objects.bulk_create(files)
    campaign.sampled_at = timezone.now()
    campaign.save(update_fields=["sampled_at", "updated_at"])
    event(campaign, Ev.CAMPAIGN_SAMPLED, by, seed=campaign.seed, files=len(ids), cases=ids)
    return list(campaign.files.order_by("body_id", "case_id"))


def own_body(user: Any, body: Body) -> bool:
    """The reviewer works in the body's own unit: they never review its files (评查回避, ⚠ local practice)."""
    return getattr(user, "unit_id", None) == body.unit_id


def reviewer_pair(panel: Sequence[Any], i: int, body: Body) -> tuple[Any, Any]:
    """File i's two reviewers: going round the panel from panel[i], the first two who are not of the file's own
    body (with every reviewer eligible: panel[i] and panel[i+1]). Refused when fewer than two are."""
    n = len(panel)
    eligible = [panel[(i + k) % n] for k in range(n) if not own_body(panel[(i + k) % n], body)]
    if len(eligible) < 2:
        raise DomainError(
            E.INVALID,
            f"评查人员中不属于{body.unit.name}的不足两人：评查人员不评查本单位的案卷，请增加评查人员。",
            field="reviewers",
        )
    return eligible[0], eligible[1]


def _open(campaign: ReviewCampaign) -> None:
    if campaign.closed_at is not None:
        raise DomainError(
            E.STATE,
            f"评查活动已于{timezone.localtime(campaign.closed_at):%Y-%m-%d}结束，结果不能再修改。",
            field="campaign",
        )


HALF = Decimal("0.5")  # scores in half points (⚠ local practice: 评分表 allow 0.5)


def _points(v: Decimal) -> int | float:
    """A score as stored in the sheet's JSON: 7 → 7, 7.5 → 7.5."""
    return int(v) if v == v.to_integral_value() else float(v)


def _checked_vetoes(campaign: ReviewCampaign, vetoes: Sequence[str]) -> list[str]:
    codes = [v["code"] for v in campaign.vetoes]
    unknown = [v for v in vetoes if v not in codes]
    if unknown:
        raise DomainError(E.INVALID, f"评查活动中没有“{unknown[0]}”这一一票否决情形。", field="vetoes")
    return [c for c in codes if c in set(vetoes)]


def _checked_items(campaign: ReviewCampaign, items: Mapping[str, Any]) -> dict[str, int | float]:
    """Every item of the campaign's sheet scored in half points between 0 and its maximum; nothing else."""
    out: dict[str, int | float] = {}
    for i in campaign.sheet:
        raw = items.get(i["code"])
        if raw is None or str(raw).strip() == "":
            raise DomainError(E.INVALID, f"请为“{i['label']}”评分。", field=f"item_{i['code']}")
        try:
            v = Decimal(str(raw).strip())
        except InvalidOperation:
            raise DomainError(E.INVALID, f"“{i['label']}”的得分须为数字。", field=f"item_{i['code']}") from None
        if not v.is_finite() or v % HALF != 0:
            raise DomainError(E.INVALID, f"“{i['label']}”的得分须为0.5分的整数倍。", field=f"item_{i['code']}")
        if not 0 <= v <= i["points"]:
            raise DomainError(E.INVALID, f"“{i['label']}”的得分须在0至{i['points']}分之间。", field=f"item_{i['code']}")
        out[i["code"]] = _points(v)
    extra = sorted(set(items) - set(out))
    if extra:
        raise DomainError(E.INVALID, f"评分表中没有“{extra[0]}”项。", field="items")
    return out


def _lock(file: ReviewFile) -> ReviewFile:
    return ReviewFile.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=file.pk)


def _total(items: Mapping[str, int | float]) -> Decimal:
    return sum((Decimal(str(v)) for v in items.values()), Decimal(0))


def _grade(file: ReviewFile, items: dict[str, int | float], vetoes: list[str], *, reconciled: bool) -> None:
    file.items = items
    file.total = _total(items)
    file.vetoes = vetoes
    file.grade = grade_for(file.total, file.campaign.grades, vetoed=bool(vetoes))
    file.graded_on = today_local()
    file.state = FileState.GRADED
    file.reconciled = reconciled
    file.save(update_fields=["items", "total", "vetoes", "grade", "graded_on", "state", "reconciled", "updated_at"])


@transaction.atomic
def file_score(
    *, by: Any, file: ReviewFile, items: Mapping[str, Any], note: str = "", vetoes: Sequence[str] = ()
) -> ReviewScore:
    """A reviewer's own score sheet for the file (independent: the other's is not shown until both have scored), in
    half points, with the 一票否决 grounds found. When both have scored: the same items and grounds → the file is
    graded; any difference → it waits for the lead's 合议. Refused: a closed campaign, a reviewer of the file's own
    body."""
    file = _lock(file)
    if not (is_user(by) and ReviewFilePolicy.can(by, "score", file)):
        raise DomainError(E.FORBIDDEN, "您不是该案卷的评查人员。")
    _open(file.campaign)
    if own_body(by, file.body):
        raise DomainError(E.FORBIDDEN, "评查人员不评查本单位的案卷。", field="items")
    slot = 1 if by.pk == file.reviewer_a_id else 2
    if file.scores.filter(slot=slot).exists():
        raise DomainError(E.INVALID, "您已对该案卷评分，评分提交后不能修改。", field="items")
    checked = _checked_items(file.campaign, items)
    vetoed = _checked_vetoes(file.campaign, vetoes)
    score = ReviewScore.objects.create(
        file=file,
        slot=slot,
        reviewer=by,
        items=checked,
        total=_total(checked),
        vetoes=vetoed,
        note=(note or "").strip(),
    )
    event(file, Ev.FILE_SCORED, by, slot=slot, total=str(score.total), vetoes=vetoed)
    other = file.scores.exclude(slot=slot).first()
    if other is not None:
        if other.items == checked and list(other.vetoes) == vetoed:
            _grade(file, checked, vetoed, reconciled=False)
            event(file, Ev.FILE_GRADED, by, total=str(file.total), grade=file.grade, how="agreed")
        else:
            file.state = FileState.DIFFERENT
            file.save(update_fields=["state", "updated_at"])
    return score


def score_differences(file: ReviewFile) -> list[dict[str, Any]]:
    """The sheet's items with both reviewers' points and whether they differ (for the 合议 page)."""
    scores = list(file.scores.all())
    s = {x.slot: x.items for x in scores}
    vetoes = {x.slot: list(x.vetoes) for x in scores}
    return [
        {
            **i,
            "a": s.get(1, {}).get(i["code"]),
            "b": s.get(2, {}).get(i["code"]),
            "differs": s.get(1, {}).get(i["code"]) != s.get(2, {}).get(i["code"]),
        }
        for i in file.campaign.sheet
    ] + [
        {
            "code": v["code"],
            "label": f"一票否决：{v['label']}",
            "points": "—",
            "a": "有" if v["code"] in vetoes.get(1, ()) else "无",
            "b": "有" if v["code"] in vetoes.get(2, ()) else "无",
            "differs": (v["code"] in vetoes.get(1, ())) != (v["code"] in vetoes.get(2, ())),
        }
        for v in file.campaign.vetoes
    ]


@transaction.atomic
def file_reconcile(
    *, by: Any, file: ReviewFile, items: Mapping[str, Any], note: str, vetoes: Sequence[str] = ()
) -> ReviewReconciliation:
    """The lead's decision (合议) on a file both reviewers scored differently; a later decision on the same file
    replaces the score and grade, and every decision stays in the file's history."""
    file = _lock(file)
    if not (is_user(by) and ReviewFilePolicy.can(by, "reconcile", file)):
        raise DomainError(E.FORBIDDEN, "只有评查组长可以合议。")
    _open(file.campaign)
    if file.scores.count() < 2:
        raise DomainError(E.INVALID, "两名评查人员都评分后才能合议。", field="items")
    if file.state == FileState.GRADED and not file.reconciled:
        raise DomainError(E.INVALID, "两名评查人员评分一致，无需合议。", field="items")
    note = need(note, "note", "合议说明")
    checked = _checked_items(file.campaign, items)
    vetoed = _checked_vetoes(file.campaign, vetoes)
    d = ReviewReconciliation.objects.create(
        file=file, by=by, items=checked, total=_total(checked), vetoes=vetoed, note=note
    )
    _grade(file, checked, vetoed, reconciled=True)
    event(file, Ev.FILE_GRADED, by, total=str(file.total), grade=file.grade, how="reconciled", decision=d.pk)
    return d


@transaction.atomic
def defect_record(*, by: Any, file: ReviewFile, item_code: str, text: str) -> ReviewDefect:
    """A defect found in a graded file, by the campaign's lead. It is raised at once as a supervisable item for the
    body's unit, due in RECTIFICATION_DAYS natural days, and stays on its board until the office's 销号."""
    file = _lock(file)
    if not (is_user(by) and ReviewFilePolicy.can(by, "reconcile", file)):
        raise DomainError(E.FORBIDDEN, "只有评查组长可以认定评查问题。")
    _open(file.campaign)
    if file.state != FileState.GRADED:
        raise DomainError(E.INVALID, "案卷定等后才能认定问题。", field="text")
    labels = {i["code"]: i["label"] for i in file.campaign.sheet}
    if item_code not in labels:
        raise DomainError(E.INVALID, "请选择问题所属的评查项目。", field="item_code")
    text = need(text, "text", "问题")
    today = today_local()
    d = ReviewDefect.objects.create(file=file, item_code=item_code, text=text, raised_on=today, created_by=who(by))
    case = file.case
    d.supervision_item = item_raise(
        source=d,
        kind=DEFECT_KIND,
        unit=file.unit,
        reason=f"案卷评查问题整改：{case.number}（{labels[item_code]}）",
        text=text,
        due=today + dt.timedelta(days=int(settings_value("RECTIFICATION_DAYS", 30))),
        dedupe_key=f"{DEFECT_KIND}.{d.pk}",
        by=by,
    )
    d.save(update_fields=["supervision_item", "updated_at"])
    event(file, Ev.DEFECT_RECORDED, by, defect=d.pk, item=item_code, supervision_item=d.supervision_item.pk)
    return d


@transaction.atomic
def campaign_close(*, by: Any, campaign: ReviewCampaign, expected_version: int) -> ReviewCampaign:
    """End the campaign (the organizing office): no more scoring, 合议 or defects; its results stay as they are.
    Its defects' supervisable items go on until 销号. Refused: not sampled, a file not yet graded, already closed, a
    stale version."""
    campaign = ReviewCampaign.objects.select_for_update(of=("self",)).get(pk=campaign.pk)
    if is_user(by) and not ReviewCampaignPolicy.can(by, "manage", campaign):
        raise DomainError(E.FORBIDDEN, "您无权结束该评查活动。")
    if campaign.version != expected_version:
        raise ConflictError()
    _open(campaign)
    if campaign.sampled_at is None:
        raise DomainError(E.STATE, "评查活动尚未抽取案卷，不能结束。", field="campaign")
    open_files = campaign.files.exclude(state=FileState.GRADED).count()
    if open_files:
        raise DomainError(E.STATE, f"尚有{open_files}份案卷未定等次，不能结束评查活动。", field="campaign")
    campaign.closed_at = timezone.now()
    campaign.closed_by = who(by)
    campaign.save_versioned(expected_version=expected_version, update_fields=["closed_at", "closed_by"])
    files = campaign.files.all()
    event(
        campaign,
        Ev.CAMPAIGN_CLOSED,
        by,
        files=files.count(),
        grades={g: files.filter(grade=g).count() for g in (Grade.EXCELLENT, Grade.PASS, Grade.FAIL)},
    )
    return campaign
