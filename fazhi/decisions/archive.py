"""The archive of a decision's full record (Art. 33: 决策机关应当建立重大行政决策过程记录和材料归档制度): one .zip
with the record as JSON, the decision record (.docx, GB/T 9704), each consultation's 意见采纳情况说明 (.docx) and its
comments (.xlsx). Audited."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO
from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict

from fazhi.audit.services import record_event
from fazhi.consultations.documents import comments_xlsx, explanation_docx
from fazhi.consultations.selectors import consultations_for_owner
from fazhi.core.docx import OfficialDocument, render_official_document

from .events import DecisionEvent
from .models import Decision


def _rows(qs: Any) -> list[dict[str, Any]]:
    return [model_to_dict(o) for o in qs]


def decision_record(d: Decision) -> dict[str, Any]:
    return {
        "decision": {**model_to_dict(d, exclude=["submit_token"]), "state_label": d.get_state_display()},
        "steps": _rows(d.steps.order_by("round", "id")),
        "meetings": [{**model_to_dict(m), "dissents": _rows(m.dissents.all())} for m in d.meetings.all()],
        "returns": _rows(d.returns.all()),
        "changes": _rows(d.changes.all()),
        "execution_reports": _rows(d.reports.all()),
        "evaluations": _rows(d.evaluations.all()),
        "consultations": [{"id": c.pk, "title": c.title, "state": c.state} for c in consultations_for_owner(d)],
    }


def record_docx(d: Decision) -> bytes:
    paras = [f"决策事项：{d.title}", f"承办单位：{d.lead_unit.name}", f"决策机关：{d.government.name}", "一、决策程序"]
    for s in d.steps.order_by("round", "id"):
        when = s.completed_on or s.started_on
        extra = f"（{s.get_opinion_display()}）" if s.opinion else ""
        paras.append(
            f"第{s.round}轮 {s.get_kind_display()}{extra}：{when:%Y年%m月%d日}，{s.summary}（{s.get_status_display()}）"
        )
    paras.append("二、集体讨论决定")
    for m in d.meetings.all():
        paras.append(
            f"{m.held_on:%Y年%m月%d日}{m.kind}，出席：{'、'.join(m.attendees)}；发言顺序：{'、'.join(m.speakers)}；"
            f"决定：{m.get_result_display()}。"
            + (f"与多数意见不一致的理由：{m.departure_reason}" if m.departure_reason else "")
        )
        for x in m.dissents.all():
            paras.append(f"不同意见（{x.person}）：{x.opinion}")
    for r in d.returns.all():
        paras.append(f"程序回流至{r.get_to_step_display()}：{r.reason}")
    return render_official_document(
        OfficialDocument(
            title=f"{d.title}决策过程记录", paragraphs=paras, issuer=d.government.name, issued_on=d.published_on
        )
    )


@transaction.atomic
def archive_export(*, decision: Decision, by: Any) -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "决策过程记录.json", json.dumps(decision_record(decision), ensure_ascii=False, indent=2, default=str)
        )
        z.writestr("决策过程记录.docx", record_docx(decision))
        for c in consultations_for_owner(decision):
            z.writestr(f"征求意见{c.pk}/意见采纳情况说明.docx", explanation_docx(c))
            z.writestr(f"征求意见{c.pk}/意见汇总.xlsx", comments_xlsx(c))
    record_event(
        actor=by,
        action=DecisionEvent.ARCHIVE_EXPORTED,
        obj=decision,
        unit=decision.lead_unit,
        summary={"consultations": consultations_for_owner(decision).count()},
    )
    return buf.getvalue()
