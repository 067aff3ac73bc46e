"""The 意见采纳情况说明 (.docx, GB/T 9704 layout via core/docx.py), the drafter's revision list and the Excel export
of every comment — all generated from the ledger (selectors.py), never written by hand."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from fazhi.core.docx import OfficialDocument, render_official_document
from fazhi.core.excel import safe_cell
from fazhi.core.pii import mask_name, mask_phone

from .models import Channel, Consultation
from .selectors import answers_by_comment, consultation_figures, ledger_items, revision_list


def _when(c: Consultation) -> str:
    start = c.opened_on or c.opens_on
    end = c.closed_on or c.closes_on
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"


def explanation_paragraphs(c: Consultation) -> list[str]:
    f = consultation_figures(c)
    o = f["outcomes"]
    channels = "、".join(Channel(ch).label for ch in c.channels if ch in Channel.values) or "网上征求意见"
    paras = [
        f"{_when(c)}，{c.unit.name}就《{c.title}》通过{channels}等方式公开征求社会公众意见"
        + (f"（征求意见期限少于法定期限的理由：{c.short_reason}）" if c.short_reason else "")
        + "。",
        f"共收到意见{f['comments']}条，提出意见{f['commenters']}人次；其中内容相同或相近的意见{f['clustered_comments']}条，"
        f"归并为{f['clusters']}组统一研究答复，每组的提出人数如实列明。",
        f"经逐条研究，采纳{o['adopted']}条，部分采纳{o['partly']}条，不采纳{o['rejected']}条，已有规定{o['existing']}条"
        + (f"，采纳率（含部分采纳）{f['adoption_rate']}%。" if f["adoption_rate"] is not None else "。"),
    ]
    if c.explanation_intro:
        paras.append(c.explanation_intro)
    paras.append("一、意见采纳情况")
    for n, item in enumerate(ledger_items(c), start=1):
        where = item.article.label if item.article and item.article.label else "总体"
        who = f"（{len(item.comments)}条相同或相近意见，{item.senders}人提出）" if len(item.comments) > 1 else ""
        e = item.entry
        paras.append(f"{n}. 关于{where}{who}：{_short(item.first.text)}")
        if e is not None:
            paras.append(f"处理情况：{e.get_outcome_display()}。{e.reason}")
    return paras


def _short(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "……"


def explanation_docx(c: Consultation) -> bytes:
    return render_official_document(
        OfficialDocument(
            title=f"关于《{c.title}》公开征求意见采纳情况的说明",
            paragraphs=explanation_paragraphs(c),
            issuer=c.unit.name,
            issued_on=c.published_on,
            detect_headings=True,
        )
    )


def revision_docx(c: Consultation) -> bytes:
    rows = [["条款", "意见", "采纳情况", "修改内容"]]
    for item in revision_list(c):
        e = item.entry
        assert e is not None
        rows.append(
            [
                item.article.label if item.article else "总体",
                _short(item.first.text, 60),
                e.get_outcome_display(),
                e.revision or e.reason,
            ]
        )
    return render_official_document(
        OfficialDocument(
            title=f"《{c.title}》修改情况清单",
            paragraphs=[f"根据公开征求意见采纳情况，对征求意见稿作如下修改（共{len(rows) - 1}项）："],
            table=rows,
            issuer=c.unit.name,
        )
    )


def comments_xlsx(c: Consultation, *, unmasked: bool = False) -> bytes:
    from openpyxl import Workbook

    answers = answers_by_comment(c)
    wb = Workbook()
    ws = wb.active
    ws.title = "意见"
    ws.append(
        [
            "编号",
            "条款",
            "渠道",
            "收到日期",
            "提出人",
            "手机号",
            "单位",
            "意见内容",
            "相似意见组",
            "状态",
            "采纳情况",
            "理由",
        ]
    )
    for cm in c.comments.select_related("article", "cluster").order_by("number"):
        e = answers.get(cm.pk)
        row: list[Any] = [
            cm.number,
            cm.article.label if cm.article else "总体",
            cm.get_channel_display(),
            cm.received_on,
            cm.name if unmasked else mask_name(cm.name),
            cm.phone if unmasked else mask_phone(cm.phone),
            cm.organisation,
            cm.text,
            f"第{cm.cluster.number}组" if cm.cluster else "",
            f"已屏蔽：{cm.hidden_reason}" if cm.hidden else "",
            e.get_outcome_display() if e else "",
            e.reason if e else "",
        ]
        ws.append([safe_cell(v) for v in row])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
