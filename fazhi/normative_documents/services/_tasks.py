"""Review tasks for an issuer as supervisable items (#13, kinds in `..sources`): when a cited instrument changes,
before a document expires, and when its 备案 is late. Each is raised once per cause (dedupe key) and closes by itself
when the document says so."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from fazhi.supervision.models import Item
from fazhi.supervision.selectors import items_for_source
from fazhi.supervision.services import item_close_by_source, item_raise
from fazhi.supervision.states import OPEN_STATES

from ..sources import DEPENDENCY, EXPIRY, FILING


def dependency_review_raise(*, document: Any, instrument: Any, status: str, label: str, today: dt.date) -> Item:
    """A cited instrument was amended or repealed: the issuer evaluates the document (修改 / 废止 / 继续有效) within
    DEPENDENCY_REVIEW_DAYS (默认60日, ⚠ a setting: 国办发〔2018〕37号 asks for timely 清理 when the upper-level law
    changes, without a number of days)."""
    days = settings.FAZHI_NORMATIVE_DOCUMENTS["DEPENDENCY_REVIEW_DAYS"]
    return item_raise(
        source=document,
        kind=DEPENDENCY,
        unit=document.lead_unit,
        co_units=list(document.co_issuers.all()),
        reason=f"所引依据{instrument.title}{label}，请评估《{document.title}》是否需要修改或废止",
        text=instrument.change_note,
        due=today + dt.timedelta(days=days),
        dedupe_key=f"normative_documents.dependency.{document.pk}.{instrument.pk}.{status}",
        by="system",
    )


def expiry_review_raise(*, document: Any) -> Item:
    """有效期至 is near: the issuer evaluates 继续有效 (re-issue) / 修改 / 废止 before it (due: 有效期至)."""
    return item_raise(
        source=document,
        kind=EXPIRY,
        unit=document.lead_unit,
        reason=f"《{document.title}》将于{document.valid_until.isoformat()}有效期届满，请评估继续有效、修改或废止",
        due=document.valid_until,
        dedupe_key=f"normative_documents.expiry.{document.pk}.{document.valid_until.isoformat()}",
        by="system",
    )


def filing_overdue_raise(*, document: Any, clock: Any, days_late: int) -> Item:
    """备案 not filed by the filing clock's due day (30 days ⚙ from 公布: 国办发〔2018〕37号; e.g.《北京市各级人民代表大会
    常务委员会规范性文件备案审查条例》(2024) 第十一条): an item for the issuer that follows the clock and closes when
    the document is filed."""
    return item_raise(
        source=document,
        kind=FILING,
        unit=document.lead_unit,
        reason=f"《{document.title}》逾期未报送备案",
        text=f"备案期限届满日{clock.due_date:%Y-%m-%d}，已逾期{days_late}日，请尽快报送备案。",
        clock=clock,
        dedupe_key=f"normative_documents.filing.{document.pk}",
        by="system",
    )


def document_items_close(*, document: Any, kinds: tuple[str, ...], by: Any, note: str) -> int:
    """Close the document's open items of `kinds` (the cause is gone). Idempotent."""
    n = 0
    for item in items_for_source(document).filter(kind__in=kinds, state__in=OPEN_STATES).order_by("id"):
        item_close_by_source(item=item, by=by, note=note)
        n += 1
    return n


REVIEW_KINDS = (DEPENDENCY, EXPIRY)
