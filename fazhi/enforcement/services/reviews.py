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
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fazhi.core.errors import DomainError
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


def review_grades() -> dict[str, int]:
    g = dict(settings_value("REVIEW_GRADES", {"excellent": 90, "pass": 75}))
    return {"excellent": int(g["excellent"]), "pass": int(g["pass"])}


def grade_for(total: int, grades: Mapping[str, int]) -> str:
    """优秀 at or above the excellent line, 合格 at or above the pass line, else 不合格."""
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
    drawn = sample_stratified(campaign_population(campaign), campaign.sample_size, campaign.seed)
    ids = [i for k in sorted(drawn) for i in drawn[k]]
    if not ids:
        raise DomainError(E.INVALID, "评查范围内没有符合条件的执法案卷。", field="sample_size")
    panel = list(campaign.reviewers.order_by("pk"))
    cases = {c.pk: c for c in Case.objects.filter(pk__in=ids).select_related("body")}
    files = []
    for i, case_id in enumerate(ids):
        case = cases[case_id]
        files.append(
            ReviewFile(
                campaign=campaign,
                case=case,
                body=case.body,
                unit_id=case.unit_id,
                reviewer_a=panel[i % len(panel)],
                reviewer_b=panel[(i + 1) % len(panel)],
            )
        )
    ReviewFile.objects.bulk_create(files)
    campaign.sampled_at = timezone.now()
    campaign.save(update_fields=["sampled_at", "updated_at"])
    event(campaign, Ev.CAMPAIGN_SAMPLED, by, seed=campaign.seed, files=len(ids), cases=ids)
    return list(campaign.files.order_by("body_id", "case_id"))


def _checked_items(campaign: ReviewCampaign, items: Mapping[str, Any]) -> dict[str, int]:
    """Every item of the campaign's sheet scored with whole points between 0 and its maximum; nothing else."""
    out = {}
    for i in campaign.sheet:
        raw = items.get(i["code"])
        if raw is None or str(raw).strip() == "":
            raise DomainError(E.INVALID, f"请为“{i['label']}”评分。", field=f"item_{i['code']}")
        try:
            v = int(str(raw).strip())
        except ValueError:
            raise DomainError(E.INVALID, f"“{i['label']}”的得分须为整数。", field=f"item_{i['code']}") from None
        if not 0 <= v <= i["points"]:
            raise DomainError(E.INVALID, f"“{i['label']}”的得分须在0至{i['points']}分之间。", field=f"item_{i['code']}")
        out[i["code"]] = v
    extra = sorted(set(items) - set(out))
    if extra:
        raise DomainError(E.INVALID, f"评分表中没有“{extra[0]}”项。", field="items")
    return out


def _lock(file: ReviewFile) -> ReviewFile:
    return ReviewFile.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=file.pk)


def _grade(file: ReviewFile, items: dict[str, int], *, reconciled: bool) -> None:
    file.items = items
    file.total = sum(items.values())
    file.grade = grade_for(file.total, file.campaign.grades)
    file.graded_on = today_local()
    file.state = FileState.GRADED
    file.reconciled = reconciled
    file.save(update_fields=["items", "total", "grade", "graded_on", "state", "reconciled", "updated_at"])


@transaction.atomic
def file_score(*, by: Any, file: ReviewFile, items: Mapping[str, Any], note: str = "") -> ReviewScore:
    """A reviewer's own score sheet for the file (independent: the other's is not shown until both have scored).
    When both have scored: the same items → the file is graded; any difference → it waits for the lead's 合议."""
    file = _lock(file)
    if not (is_user(by) and ReviewFilePolicy.can(by, "score", file)):
        raise DomainError(E.FORBIDDEN, "您不是该案卷的评查人员。")
    slot = 1 if by.pk == file.reviewer_a_id else 2
    if file.scores.filter(slot=slot).exists():
        raise DomainError(E.INVALID, "您已对该案卷评分，评分提交后不能修改。", field="items")
    checked = _checked_items(file.campaign, items)
    score = ReviewScore.objects.create(
        file=file, slot=slot, reviewer=by, items=checked, total=sum(checked.values()), note=(note or "").strip()
    )
    event(file, Ev.FILE_SCORED, by, slot=slot, total=score.total)
    other = file.scores.exclude(slot=slot).first()
    if other is not None:
        if other.items == checked:
            _grade(file, checked, reconciled=False)
            event(file, Ev.FILE_GRADED, by, total=file.total, grade=file.grade, how="agreed")
        else:
            file.state = FileState.DIFFERENT
            file.save(update_fields=["state", "updated_at"])
    return score


def score_differences(file: ReviewFile) -> list[dict[str, Any]]:
    """The sheet's items with both reviewers' points and whether they differ (for the 合议 page)."""
    s = {x.slot: x.items for x in file.scores.all()}
    return [
        {
            **i,
            "a": s.get(1, {}).get(i["code"]),
            "b": s.get(2, {}).get(i["code"]),
            "differs": s.get(1, {}).get(i["code"]) != s.get(2, {}).get(i["code"]),
        }
        for i in file.campaign.sheet
    ]


@transaction.atomic
def file_reconcile(*, by: Any, file: ReviewFile, items: Mapping[str, Any], note: str) -> ReviewReconciliation:
    """The lead's decision (合议) on a file both reviewers scored differently; a later decision on the same file
    replaces the score and grade, and every decision stays in the file's history."""
    file = _lock(file)
    if not (is_user(by) and ReviewFilePolicy.can(by, "reconcile", file)):
        raise DomainError(E.FORBIDDEN, "只有评查组长可以合议。")
    if file.scores.count() < 2:
        raise DomainError(E.INVALID, "两名评查人员都评分后才能合议。", field="items")
    if file.state == FileState.GRADED and not file.reconciled:
        raise DomainError(E.INVALID, "两名评查人员评分一致，无需合议。", field="items")
    note = need(note, "note", "合议说明")
    checked = _checked_items(file.campaign, items)
    d = ReviewReconciliation.objects.create(file=file, by=by, items=checked, total=sum(checked.values()), note=note)
    _grade(file, checked, reconciled=True)
    event(file, Ev.FILE_GRADED, by, total=file.total, grade=file.grade, how="reconciled", decision=d.pk)
    return d


@transaction.atomic
def defect_record(*, by: Any, file: ReviewFile, item_code: str, text: str) -> ReviewDefect:
    """A defect found in a graded file, by the campaign's lead. It is raised at once as a supervisable item for the
    body's unit, due in RECTIFICATION_DAYS natural days, and stays on its board until the office's 销号."""
    file = _lock(file)
    if not (is_user(by) and ReviewFilePolicy.can(by, "reconcile", file)):
        raise DomainError(E.FORBIDDEN, "只有评查组长可以认定评查问题。")
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
