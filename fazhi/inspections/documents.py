"""Documents of a 督察 (GB/T 9704 through `fazhi.core.docx`): the notice to an inspected unit (督察通知: basis, time,
content from the checklist, methods, team) and the 督察报告 generated from the findings and their 整改 states
(`report_figures` gives its counts)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fazhi.core.docx import OfficialDocument, render_official_document
from fazhi.deadlines.selectors import today_local

from . import settings as conf
from .models import InspectionPlan, Target, TeamRole
from .selectors import STATUS, finding_status


def _d(day: Any) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def notice_document(*, plan: InspectionPlan, target: Target) -> bytes:
    team = list(plan.team.select_related("user", "user__unit").order_by("role", "id"))
    leader = [m for m in team if m.role == TeamRole.LEADER]
    when = (
        f"{_d(target.visit_start)}至{_d(target.visit_end)}"
        if target.visit_start and target.visit_end
        else f"{_d(plan.start_on)}至{_d(plan.end_on)}期间"
    )
    paras: list[Any] = [
        f"根据{conf.BASIS}和{plan.year}年度督察工作安排，{plan.organizer.name}决定对你单位开展{plan.title}"
        f"（{plan.get_kind_display()}）。现将有关事项通知如下：",
        "一、督察时间",
        f"{when}。",
        "二、督察内容",
    ]
    paras += [f"{c.number}. {c.theme}：{c.text}（依据：{c.basis}）" for c in plan.checklist.all()]
    paras += [
        "三、督察方式",
        f"采取{'、'.join(label for _, label in conf.methods())}等方式进行。",
        "四、督察组",
        ("组长：" + "、".join(str(m.user) for m in leader) + "；") if leader else "",
        "成员：" + ("、".join(str(m.user) for m in team if m.role != TeamRole.LEADER) or "—") + "。",
        "五、有关要求",
        "请你单位如实提供有关资料，安排有关人员配合个别谈话和实地察看，指定一名联络员负责督察期间的联系工作。",
    ]
    doc = OfficialDocument(
        title=f"关于对{target.unit.name}开展{plan.title}的通知",
        recipient=target.unit.name,
        paragraphs=[p for p in paras if p],
        issuer=plan.organizer.name,
        issued_on=today_local(),
    )
    return render_official_document(doc)


def report_figures(plan: InspectionPlan) -> dict[str, Any]:
    """The 督察报告's counts: targets, checklist items, fieldwork (with a finding), findings by status, by severity,
    by unit, and overdue (open and past the due date today)."""
    today = today_local()
    findings = list(plan.findings.select_related("item", "responsible_unit").order_by("number"))
    statuses = Counter(finding_status(f) for f in findings)
    severities = Counter(f.severity for f in findings)
    units = Counter(f.responsible_unit.name for f in findings)
    return {
        "targets": plan.targets.count(),
        "checklist": plan.checklist.count(),
        "fieldwork": plan.fieldwork.count(),
        "fieldwork_with_finding": plan.fieldwork.filter(has_finding=True).count(),
        "findings": len(findings),
        "status": {k: statuses.get(k, 0) for k in STATUS},
        "severity": {k: severities.get(k, 0) for k, _ in conf.severities()},
        "units": dict(sorted(units.items(), key=lambda kv: (-kv[1], kv[0]))),
        "overdue": sum(1 for f in findings if finding_status(f) != "closed" and f.due_on < today),
        "rows": findings,
    }


def report_document(*, plan: InspectionPlan) -> bytes:
    x = report_figures(plan)
    s, sev = x["status"], x["severity"]
    sev_text = "，".join(f"{label}{sev[k]}个" for k, label in conf.severities() if sev.get(k))
    unit_text = "，".join(f"{u}{n}个" for u, n in x["units"].items())
    paras = [
        "一、基本情况",
        f"根据{conf.BASIS}，{plan.organizer.name}于{_d(plan.start_on)}至{_d(plan.end_on)}开展{plan.title}"
        f"（{plan.get_kind_display()}），督察单位{x['targets']}个，督察清单事项{x['checklist']}项，"
        f"形成督察记录{x['fieldwork']}条，其中发现问题的{x['fieldwork_with_finding']}条。",
        "二、发现的主要问题",
        f"共发现问题{x['findings']}个"
        + (f"（{sev_text}）" if sev_text else "")
        + (f"，涉及{unit_text}。" if unit_text else "。"),
    ]
    paras += [f"{f.number}. {f.text}（责任单位：{f.responsible_unit.name}）" for f in x["rows"]]
    paras += [
        "三、整改情况",
        f"截至{_d(today_local())}，已销号{s['closed']}个，待审核{s['submitted']}个，整改中{s['planned']}个，"
        f"待整改{s['open']}个；逾期未整改{x['overdue']}个。",
        "四、下一步工作",
        "督察组将对未销号问题持续跟踪督办，对已销号问题适时开展督察回头看，巩固整改成效。",
    ]
    table = [["序号", "问题", "责任单位", "整改期限", "状态"]] + [
        [str(f.number), f.text[:60], f.responsible_unit.name, f.due_on.isoformat(), STATUS[finding_status(f)]]
        for f in x["rows"]
    ]
    doc = OfficialDocument(
        title=f"{plan.year}年{plan.title}督察报告",
        paragraphs=paras,
        issuer=plan.organizer.name,
        issued_on=today_local(),
        table=table,
    )
    return render_official_document(doc)
