"""Demo step: 规范性文件 of the demo city at every stage, dated from today (idempotent), and `document_walk`, which
takes a document through the real services step by step (the tests' factories use it too)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from fazhi.core.actions import register_demo_step
from fazhi.deadlines.engine import compute_due

from .models import NormativeDocument
from .services import (
    document_assess,
    document_consult,
    document_deliberate,
    document_draft_start,
    document_file,
    document_propose,
    document_publish,
    document_register,
    document_sign,
    document_text_save,
    legality_review_opine,
    legality_review_request,
)
from .states import ORDER, DocumentState

D = dt.date
START = D(2026, 3, 2)
TEXT = "第一条　为了规范行政执法，根据《中华人民共和国行政处罚法》第三十二条，制定本办法。\n第二条　本办法自公布之日起施行。"


def document_walk(
    *,
    token: uuid.UUID | None = None,
    text: str = TEXT,
    doc_number: str = "示政规〔2026〕1号",
    until: DocumentState,
    unit: Any,
    legal_unit: Any,
    by: Any,
    reviewer: Any = None,
    title: str = "示范市行政执法公示办法",
    start: dt.date = START,
    opinion: str = "agree",
    published_on: dt.date | None = None,
    filed_on: dt.date | None = None,
    comments: tuple[str, ...] = (),
) -> NormativeDocument:
    """A document taken through the workflow up to and including `until`, with dates from `start` on."""
    steps = ORDER[: ORDER.index(until) + 1]
    doc = document_propose(
        title=title, lead_unit=unit, proposed_on=start, by=by, purpose="落实行政执法三项制度", submit_token=token
    )
    if DocumentState.DRAFTING in steps:
        document_draft_start(document=doc, by=by)
        document_text_save(document=doc, text=text, label="起草稿", by=by)
    if DocumentState.ASSESSMENT in steps:
        document_assess(
            document=doc, drafting_note="起草背景、依据和主要内容。", assessment="经评估，必要可行。", by=by
        )
    if DocumentState.CONSULTATION in steps:
        document_consult(
            document=doc, consultation=consultation_run(doc, by=by, start=start, text=text, comments=comments), by=by
        )
    if DocumentState.LEGALITY_REVIEW in steps:
        review = legality_review_request(
            document=doc, reviewing_unit=legal_unit, submitted_on=start + dt.timedelta(days=38), by=by
        )
        legality_review_opine(
            review=review,
            opinion=opinion,
            reasons="" if opinion == "agree" else "第二条与上位法不一致。",
            reviewed_on=start + dt.timedelta(days=40),
            by=reviewer or by,
        )
    if DocumentState.DELIBERATION in steps:
        document_deliberate(
            document=doc,
            meeting="市政府第12次常务会议",
            deliberated_on=start + dt.timedelta(days=45),
            decision="原则通过",
            by=by,
        )
    if DocumentState.SIGNED in steps:
        document_sign(
            document=doc,
            signed_on=start + dt.timedelta(days=46),
            signed_by="张三",
            doc_number=doc_number,
            by=by,
        )
    if DocumentState.REGISTERED in steps:
        document_register(document=doc, by=by)
    if DocumentState.PUBLISHED in steps:
        on = published_on or start + dt.timedelta(days=50)
        document_publish(document=doc, published_on=on, published_where="示范市人民政府网站", effective_on=on, by=by)
    if DocumentState.FILED in steps:
        doc.refresh_from_db()
        document_file(
            document=doc, filed_on=filed_on or doc.published_on + dt.timedelta(days=10), filed_to=legal_unit, by=by
        )
    doc.refresh_from_db()
    return doc


def consultation_run(
    doc: NormativeDocument,
    *,
    by: Any,
    start: dt.date,
    text: str,
    comments: tuple[str, ...] = (),
    close: bool = True,
) -> Any:
    """公开征求意见 on the consultation engine: opened on `start` + 3, letters entered by staff (each answered 采纳 when
    closing), closed on `start` + 37 or the engine's minimum day if later (≥ 30 days, 国办发〔2018〕37号) and, with comments, the 意见采纳情况说明 published."""
    from fazhi.consultations import services as cs
    from fazhi.consultations.policies import ConsultationPolicy

    opens = start + dt.timedelta(days=3)
    # 37 days, or longer when the 30th day falls in a holiday (the engine's minimum moves to the next working day)
    closes = max(start + dt.timedelta(days=37), compute_due("normative_document.consultation_min", opens).due)
    c = cs.consultation_create(
        owner=doc,
        unit=doc.lead_unit,
        title=f"{doc.title}（征求意见稿）",
        opens_on=opens,
        closes_on=closes,
        by=by,
        summary="请重点就适用范围和办理时限提出意见。",
        channels=["portal", "letter", "email"],
        identity="anonymous",
    )
    if not isinstance(by, str) and not ConsultationPolicy.can(by, "manage", c):
        # a fixture walks documents of units outside the walker's scope: the engine's steps then act as the system
        # (the engine's own rights are tested in fazhi/consultations)
        by = "规范性文件办理流程（示范）"
    cs.consultation_draft_import(consultation=c, text=text, by=by)
    cs.consultation_open(consultation=c, by=by, on=opens)
    entered = [
        cs.comment_enter(consultation=c, by=by, text=t, channel="letter", received_on=opens + dt.timedelta(days=i + 1))
        for i, t in enumerate(comments)
    ]
    if not close:
        return c
    for cm in entered:
        cs.adoption_record(consultation=c, by=by, outcome="adopted", reason="意见合理，已修改相应条款。", comment=cm)
    cs.consultation_close(consultation=c, by=by, on=closes)
    if entered:
        cs.explanation_publish(consultation=c, by=by)
    c.refresh_from_db()
    return c


DEMO_TOKENS = [uuid.UUID(f"00000000-0000-4000-8000-0000000019{i:02d}") for i in range(8)]
LAW_TEXT = (
    "第一条　为了{purpose}，根据《中华人民共和国行政许可法》第十二条、《中华人民共和国行政处罚法》（以下简称《处罚法》）"
    "第三十二条、《优化营商环境条例》和《示范省行政规范性文件管理办法》，结合本市实际，制定本办法。\n"
    "第二条　本办法适用于本市行政区域内的{scope}。\n"
    "第三条　违反本办法规定的，依照《处罚法》第五十七条处理。\n"
    "第四条　本办法自公布之日起施行。《示范市人民政府关于印发示范市{old}的通知》（示政发〔2016〕21号）同时废止。"
)


def _text(purpose: str, scope: str, old: str) -> str:
    return LAW_TEXT.format(purpose=purpose, scope=scope, old=old)


def demo_normative_documents(write: Callable[[str], object] = print) -> None:
    from fazhi.deadlines.selectors import today_local
    from fazhi.orgs.models import Unit, User

    from .models import Instrument
    from .services import (
        cleanup_approve,
        cleanup_create,
        cleanup_item_decide,
        document_index,
        filing_review_decide,
        filing_review_receive,
        instrument_change,
        review_suggestion_submit,
    )

    if NormativeDocument.objects.filter(submit_token__in=DEMO_TOKENS).exists():
        write("规范性文件示范数据已存在，跳过。")
        return
    units = {u.code: u for u in Unit.objects.filter(code__in=["C002", "C008", "D100", "C000"])}
    if len(units) < 4:
        write("示范单位不全，跳过规范性文件示范数据。")
        return
    users = {u.username: u for u in User.objects.filter(username__in=["fagaiwei", "dongcheng", "fazhiban"])}
    dept, district, legal = users.get("fagaiwei"), users.get("dongcheng"), users.get("fazhiban")
    justice = units["C008"]
    today = today_local()
    ago = lambda days: today - dt.timedelta(days=days)  # noqa: E731
    made = []

    def walk(i: int, title: str, until: DocumentState, unit: Any, by: Any, days: int, **kw: Any) -> NormativeDocument:
        doc = document_walk(
            token=DEMO_TOKENS[i],
            until=until,
            unit=unit,
            legal_unit=justice,
            by=by,
            reviewer=legal,
            title=title,
            start=ago(days),
            doc_number=f"{unit.short_name or unit.name}规〔{ago(days - 46).year}〕{i + 1}号",
            **kw,
        )
        made.append(doc)
        return doc

    first = walk(
        0,
        "示范市优化营商环境若干措施",
        DocumentState.FILED,
        units["C002"],
        dept,
        200,
        text=_text("持续优化营商环境", "市场主体登记、许可和监管活动", "营商环境办法"),
    )
    late = walk(
        1,
        "示范市政府投资项目管理暂行办法",
        DocumentState.FILED,
        units["C002"],
        dept,
        160,
        text=_text("规范政府投资行为", "政府投资项目的决策、建设和监督", "政府投资项目管理办法"),
        filed_on=ago(160 - 50 - 40),
    )
    walk(
        2,
        "东城区农村集体资产管理办法",
        DocumentState.PUBLISHED,
        units["D100"],
        district,
        70,
        text=_text("加强农村集体资产管理", "东城区农村集体经济组织", "东城区集体资产办法"),
    )
    walk(
        3,
        "示范市公共数据开放管理办法",
        DocumentState.CONSULTATION,
        units["C002"],
        dept,
        60,
        comments=("建议明确公共数据开放的负面清单。", "第二条的适用范围应包括公共企事业单位。"),
    )
    open_doc = walk(4, "示范市城市道路占用挖掘管理办法", DocumentState.ASSESSMENT, units["C002"], dept, 10)
    consultation_run(  # open on the portal now: the public may comment
        open_doc,
        by=dept or "fazhi demo",
        start=ago(10),
        text=open_doc.full_text,
        close=False,
        comments=("建议明确挖掘修复的期限。",),
    )
    old = walk(
        5,
        "东城区城乡环境卫生管理规定",
        DocumentState.FILED,
        units["D100"],
        district,
        5 * 365 + 20,
        text=_text("改善城乡环境卫生", "东城区城乡环境卫生管理", "环境卫生办法"),
    )
    for doc, outcome in ((first, "passed"), (late, "correction")):
        review = filing_review_receive(document=doc, received_on=doc.filed_on, by=legal)
        filing_review_decide(
            review=review,
            formal_check_ok=True,
            formal_check_note="",
            criteria_findings="" if outcome == "passed" else "第三条援引的罚则超出上位法规定的处罚幅度，应予纠正。",
            outcome=outcome,
            decided_on=doc.filed_on + dt.timedelta(days=5),
            by=legal,
        )
    inst = Instrument.objects.filter(title="《示范省行政规范性文件管理办法》").first()
    if inst is not None:
        instrument_change(instrument=inst, status="amended", changed_on=ago(15), note="2026年修订", by=legal)
    campaign = cleanup_create(
        name=f"{today.year}年东城区规范性文件清理", organiser=justice, scope_units=[units["D100"]], by=legal
    )
    for item in campaign.items.all():
        cleanup_item_decide(item=item, outcome="keep", reason="与上位法一致，继续有效", by=legal)
    cleanup_approve(campaign=campaign, approved_on=today, by=legal)
    review_suggestion_submit(
        document=first, name="刘群众", phone="13805389999", content="第二条的适用范围过宽，建议审查。"
    )
    for doc in made:
        document_index(document_id=doc.pk)
    write(f"规范性文件示范数据：{len(made)} 件（含迟报、纠错、依据变化、即将到期、清理、正在征求意见），1 条审查建议。")
    from .services import documents_expiry_run

    run = documents_expiry_run(today=today)  # the daily job's items: 届期评估 and 逾期备案 on the issuers' boards
    write(f"规范性文件督办事项：届期评估 {run['expiry_items']} 项，逾期备案 {run['filing_items']} 项。")
    del old


register_demo_step(75, "规范性文件示范数据", demo_normative_documents)
