"""Cited instruments: extracted at registration and confirmed by the user; the upper-level registry; when an
instrument is amended or repealed every document in force that cites it is flagged and its issuer gets a review task."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import today_local

from ..citations import citations_extract
from ..errors import DocumentErrorCode
from ..events import DocumentEvent
from ..models import Citation, DocumentStatus, Instrument, InstrumentLevel, InstrumentStatus, NormativeDocument
from ..sources import DEPENDENCY
from ._tasks import dependency_review_raise, document_items_close

LEVEL_HINTS = (
    ("中华人民共和国", InstrumentLevel.LAW),
    ("中華人民共和國", InstrumentLevel.LAW),
)


def instrument_level_guess(title: str) -> str:
    name = title.strip("《》")
    if name.endswith(("法", "法典")) and name.startswith(("中华人民共和国", "中華人民共和國")):
        return InstrumentLevel.LAW
    if name.endswith(("条例", "條例")) and not re.search(r"[省市区县自治]", name[:6]):
        return InstrumentLevel.ADMIN_REGULATION
    if name.endswith(("条例", "條例")):
        return InstrumentLevel.LOCAL_REGULATION
    if "〔" in name:
        return InstrumentLevel.NORMATIVE
    return InstrumentLevel.OTHER


def _instrument_for(title: str) -> Instrument:
    inst, _ = Instrument.objects.get_or_create(title=title, defaults={"level": instrument_level_guess(title)})
    return inst


@transaction.atomic
def document_citations_extract(*, document: NormativeDocument, by: Any) -> int:
    """At registration: the instruments the text cites, as unconfirmed citations (the user confirms or corrects)."""
    found = citations_extract(document.full_text)
    kept = set(document.citations.filter(confirmed=True).values_list("instrument__title", flat=True))
    document.citations.filter(confirmed=False).delete()
    for c in found:
        if c.title in kept:
            continue
        Citation.objects.get_or_create(
            document=document,
            instrument=_instrument_for(c.title),
            defaults={"articles": c.articles, "confirmed": False},
        )
    return len(found)


def citation_lines_parse(text: str) -> list[tuple[str, list[str]]]:
    """'《名称》 第一条、第二条' per line → [(title, articles)]; a line without 《》 is a 文号 or a bare name."""
    out: list[tuple[str, list[str]]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        m = re.match(r"^(《.+》|\S+)\s*(.*)$", line)
        if not m:
            continue
        title, rest = m.group(1), m.group(2)
        articles = [a for a in re.split(r"[、，,\s]+", rest) if a]
        out.append((title, articles))
    return out


@transaction.atomic
def document_citations_save(*, document: NormativeDocument, entries: list[tuple[str, list[str]]], by: Any) -> int:
    """The user's reviewed list (confirm / correct / add) replaces the document's citations, all confirmed."""
    doc = NormativeDocument.objects.select_for_update().get(pk=document.pk)
    seen: set[str] = set()
    doc.citations.all().delete()
    for title, articles in entries:
        if title in seen:
            continue
        seen.add(title)
        Citation.objects.create(document=doc, instrument=_instrument_for(title), articles=articles, confirmed=True)
    record_event(
        actor=by, action=DocumentEvent.CITATIONS_SAVED, obj=doc, summary={"titles": sorted(seen)}, unit=doc.lead_unit
    )
    return len(seen)


@transaction.atomic
def instrument_save(*, title: str, level: str, issuer: str, by: Any) -> Instrument:
    title = title.strip()
    if not (title.startswith("《") and title.endswith("》")) and "〔" not in title:
        raise DomainError(DocumentErrorCode.INVALID, "名称应带书名号，如《中华人民共和国行政处罚法》。", field="title")
    inst, _ = Instrument.objects.update_or_create(title=title, defaults={"level": level, "issuer": issuer.strip()})
    record_event(actor=by, action=DocumentEvent.INSTRUMENT_SAVED, obj=inst, summary={"level": level})
    return inst


@transaction.atomic
def instrument_change(*, instrument: Instrument, status: str, changed_on: dt.date, note: str, by: Any) -> list[int]:
    """Mark an instrument amended or repealed: every document in force citing it is flagged (`dependency_flag`) and
    its issuer gets a review item (supervision, kind `normative_documents.dependency`), in this transaction.
    Returns the flagged documents' ids."""
    if status not in (InstrumentStatus.AMENDED, InstrumentStatus.REPEALED):
        raise DomainError(DocumentErrorCode.INVALID, "请选择“已修改”或“已废止”。", field="status")
    if not note.strip():
        raise DomainError(DocumentErrorCode.INVALID, "请填写修改或废止情况。", field="note")
    inst = Instrument.objects.select_for_update().get(pk=instrument.pk)
    inst.status, inst.changed_on, inst.change_note = status, changed_on, note.strip()
    inst.save(update_fields=["status", "changed_on", "change_note", "updated_at"])
    docs = list(
        NormativeDocument.objects.select_for_update()
        .filter(
            pk__in=NormativeDocument.objects.filter(citations__instrument=inst, status=DocumentStatus.VALID).values(
                "pk"
            )
        )
        .order_by("pk")
    )
    today = today_local()
    label = InstrumentStatus(status).label
    for doc in docs:
        doc.dependency_flag = True
        doc.save(update_fields=["dependency_flag", "updated_at"])
        dependency_review_raise(document=doc, instrument=inst, status=status, label=label, today=today)
    record_event(
        actor=by,
        action=DocumentEvent.INSTRUMENT_CHANGED,
        obj=inst,
        summary={"status": status, "changed_on": changed_on.isoformat(), "flagged": [d.pk for d in docs]},
    )
    return [d.pk for d in docs]


@transaction.atomic
def document_dependency_confirm(*, document: NormativeDocument, note: str, by: Any) -> NormativeDocument:
    """The issuer evaluated the changed basis and the document stays in force as it is (继续有效): the flag is cleared
    and its dependency review items close by themselves. A reason is required."""
    doc = NormativeDocument.objects.select_for_update().get(pk=document.pk)
    if not note.strip():
        raise DomainError(DocumentErrorCode.INVALID, "请填写评估意见（继续有效的理由）。", field="note")
    if doc.status != DocumentStatus.VALID:
        raise DomainError(DocumentErrorCode.INVALID, "文件已不是有效状态。", field="status")
    doc.dependency_flag = False
    doc.save(update_fields=["dependency_flag", "updated_at"])
    closed = document_items_close(document=doc, kinds=(DEPENDENCY,), by=by, note=f"经评估继续有效：{note.strip()}")
    record_event(
        actor=by,
        action=DocumentEvent.DEPENDENCY_CONFIRMED,
        obj=doc,
        summary={"note": note.strip(), "items_closed": closed},
        unit=doc.lead_unit,
    )
    return doc
