"""督办单 (#11 point 11): numbered from a configurable pattern per year (no gaps, locked counter), signed with the
issuing body's full name (the setting, else the issuer's unit — never 依法治市办), with the date by which the unit
must reply; the .docx in GB/T 9704 layout; on the item's timeline; refusals name the field and number nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.supervision.models import Notice, NoticeCounter
from fazhi.supervision.services import notice_document, notice_issue, notice_reply_by


@pytest.fixture
def monday(time_machine):
    """Monday 2026-06-08 (a working week with no holiday)."""
    time_machine.move_to(dt.datetime(2026, 6, 8, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)
    return dt.date(2026, 6, 8)


def _text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_numbers_follow_the_pattern_per_year_without_gaps(raise_item, persona, settings, monday):
    settings.FAZHI_SUPERVISION = {**settings.FAZHI_SUPERVISION, "NOTICE_NUMBER": "示法督〔{year}〕{n}号"}
    office = persona("office_head", "gov")
    a, b = raise_item(key="a"), raise_item(key="b")
    first = notice_issue(items=[a], unit=a.unit, by=office)
    # a refused issue takes no number
    with pytest.raises(DomainError) as exc:
        notice_issue(items=[b], unit=b.unit, by=office, reply_by=monday)
    assert exc.value.field == "reply_by" and exc.value.message == "报送办理情况期限：须晚于发文日期（2026-06-08）。"
    second = notice_issue(items=[b], unit=b.unit, by=office)
    again = notice_issue(items=[b], unit=b.unit, by=office)  # the same notice asked again the same day
    assert [first.number, second.number, again.number] == [
        "示法督〔2026〕1号",
        "示法督〔2026〕2号",
        "示法督〔2026〕2号",
    ]
    assert Notice.objects.count() == 2 and NoticeCounter.objects.get(year=2026).last == 2
    assert (first.issuer, first.issued_on, first.reply_by) == ("示范市人民政府", monday, dt.date(2026, 6, 15))


def test_the_issuer_is_the_full_name_from_settings(raise_item, persona, settings, monday):
    settings.FAZHI_SUPERVISION = {
        **settings.FAZHI_SUPERVISION,
        "NOTICE_ISSUER": "中共示范市委全面依法治市委员会办公室",
        "NOTICE_REPLY_WORKING_DAYS": 3,
    }
    item = raise_item(key="a", due=dt.date(2026, 6, 30))
    notice = notice_issue(
        items=[item], unit=item.unit, by=persona("office_head", "gov"), text="请主要负责同志亲自督办。"
    )
    assert notice.reply_by == dt.date(2026, 6, 11)
    text = _text(notice_document(notice))
    assert "中共示范市委全面依法治市委员会办公室" in text and "依法治市办" not in text.replace(
        "依法治市委员会办公室", ""
    )
    assert "〔2026〕1号" in text and "示范市市场监督管理局：" in text
    assert "请于2026年6月11日前，通过平台逐项报送办理情况及佐证材料" in text
    assert "请主要负责同志亲自督办。" in text and "整改事项a" in text and "2026-06-30" in text
    doc = Document(io.BytesIO(notice_document(notice)))
    assert round(doc.sections[0].top_margin.mm) == 37 and round(doc.sections[0].left_margin.mm) == 28
    ev = AuditEvent.objects.get(action="supervision.notice.issued", object_type="supervision.item")
    assert ev.summary == {"number": "〔2026〕1号", "reply_by": "2026-06-11", "notice": notice.pk}


@pytest.mark.django_db
def test_reply_date_skips_weekends_and_holidays(monday):
    # the legal calendar is read from its tables (cached per process): without the db mark this passed only when an
    # earlier test on the same worker had filled the cache (failed in CI of 5179587)
    # Monday + 5 working days: the next Monday; from 30 September the 国庆 holidays are skipped
    assert notice_reply_by(dt.date(2026, 6, 8)) == dt.date(2026, 6, 15)
    assert notice_reply_by(dt.date(2026, 9, 30)) == dt.date(2026, 10, 13)


def test_bad_notices_name_the_field_and_number_nothing(raise_item, persona, monday):
    office = persona("office_head", "gov")
    a = raise_item(key="a")
    other = raise_item(unit="finance", key="f")
    with pytest.raises(DomainError) as exc:
        notice_issue(items=[], unit=a.unit, by=office)
    assert (exc.value.field, exc.value.message) == ("items", "督办事项：请至少选择一项。")
    with pytest.raises(DomainError, match="不是市市场监管局的事项"):
        notice_issue(items=[a, other], unit=a.unit, by=office)
    with pytest.raises(DomainError, match="您无权对该单位发督办单。"):
        notice_issue(items=[a], unit=a.unit, by=persona("dept_liaison", "market"))
    type(other).objects.filter(pk=other.pk).update(state="closed")  # given: an item already closed
    other.refresh_from_db()
    with pytest.raises(DomainError, match="已办结"):
        notice_issue(items=[other], unit=other.unit, by=office)
    assert Notice.objects.count() == 0 and not NoticeCounter.objects.filter(last__gt=0).exists()


def test_item_page_issues_and_downloads_a_notice(raise_item, persona, login_client, monday):
    item = raise_item(key="a")
    office = login_client(persona("office_head", "gov"))
    resp = office.post(reverse("supervision:item_step", args=[item.pk, "notice"]), {"notice-reply_by": "2026-06-01"})
    assert resp.status_code == 400
    assert "须晚于发文日期（2026-06-08）" in resp.content.decode() and Notice.objects.count() == 0
    resp = office.post(reverse("supervision:item_step", args=[item.pk, "notice"]), {"notice-reply_by": ""})
    assert resp.status_code == 302
    page = office.get(item.get_absolute_url()).content.decode()
    notice = Notice.objects.get()
    assert f'<a href="{notice.download_url}">〔2026〕1号</a>' in page
    assert "签发督办单" in page and "〔2026〕1号，报送期限 2026-06-15" in page
    data = office.get(notice.download_url)
    assert data["Content-Disposition"].startswith("attachment;") and data["Cache-Control"] == "no-store"
    assert "〔2026〕1号" in _text(b"".join(data.streaming_content))
    assert office.get(f"/supervision/notices/{notice.pk}/").status_code == 404  # a bare id is no key
    # a unit that is not the item's sees no notice
    stranger = login_client(persona("dept_liaison", "finance"))
    assert stranger.get(notice.download_url).status_code == 404
