"""Boards and item pages: scope, sort by light and due date, drill-down, Excel, bulk 催办 / 报送, refused forms."""

from __future__ import annotations

import datetime as dt
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.audit.models import AuditEvent
from fazhi.supervision.models import Extension, Item
from fazhi.supervision.services import extension_request, item_report


def test_the_unit_board_lists_only_the_units_items_most_urgent_first(raise_item, persona, login_client, today):
    late = raise_item(key="late", due=dt.timedelta(days=3))
    soon = raise_item(key="later", due=dt.timedelta(days=60))
    raise_item(key="other", unit="finance")
    Item.objects.filter(pk=late.pk).update(light="overdue", light_rank=0, days_overdue=2)
    client = login_client(persona("dept_liaison", "market"))
    page = client.get(reverse("supervision:unit_board"))
    html = page.content.decode()
    assert page.status_code == 200
    assert [i.pk for i in page.context["items"]] == [late.pk, soon.pk]
    assert "整改事项other" not in html and "逾期 2天" in html
    assert page.context["counts"] == {"测试整改": {"total": 2, "overdue": 1, "running": 1}}


def test_the_office_board_counts_by_unit_and_source_and_drills_down(raise_item, persona, login_client, city):
    raise_item(key="a")
    raise_item(key="b")
    raise_item(key="c", unit="finance")
    client = login_client(persona("office_staff", "gov"))
    page = client.get(reverse("supervision:office_board"))
    rows = {r.unit: (r.total, r.by_kind) for r in page.context["rows"]}
    assert rows == {"市市场监管局": (2, {"tests.fix": 2}), "市财政局": (1, {"tests.fix": 1})}
    assert page.context["total"].total == 3
    drill = client.get(reverse("supervision:office_items"), {"unit": city["market"].pk, "kind": "tests.fix"})
    assert sorted(i.title for i in drill.context["items"]) == ["整改事项a", "整改事项b"]


def test_a_unit_liaison_cannot_open_the_office_board(persona, login_client):
    client = login_client(persona("dept_liaison", "market"))
    assert client.get(reverse("supervision:office_board")).status_code == 403


def test_the_board_exports_to_excel_and_is_audited(raise_item, persona, login_client):
    raise_item(key="a")
    client = login_client(persona("office_staff", "gov"))
    resp = client.get(reverse("supervision:office_export"))
    rows = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert rows[1][:4] == ("编号", "来源", "督办事项", "责任单位")
    assert rows[2][1:4] == ("测试整改", "整改事项a", "示范市市场监督管理局")
    assert AuditEvent.objects.get(action="supervision.board.exported").summary["rows"] == 1


def test_bulk_urge_from_the_drilldown(raise_item, persona, login_client):
    a, b = raise_item(key="a"), raise_item(key="b")
    client = login_client(persona("office_staff", "gov"))
    resp = client.post(
        reverse("supervision:bulk_urge"), {"items": [a.pk, b.pk], "message": "", "next": "/supervision/office/items/"}
    )
    assert resp.status_code == 302
    urged = AuditEvent.objects.filter(action="supervision.item.urged").order_by("object_id")
    assert [(e.object_id, e.summary["message"]) for e in urged] == [
        (str(a.pk), "请抓紧办理，按时报送办理情况。"),
        (str(b.pk), "请抓紧办理，按时报送办理情况。"),
    ]


def test_bulk_report_by_a_liaison(raise_item, persona, login_client):
    a, b = raise_item(key="a"), raise_item(key="b")
    client = login_client(persona("dept_liaison", "market"))
    client.post(reverse("supervision:bulk_report"), {"items": [a.pk, b.pk], "text": "本月均已推进", "percent": "30"})
    assert [(r.item_id, r.text, r.percent) for r in a.reports.all()] == [(a.pk, "本月均已推进", 30)]
    assert b.reports.count() == 1


def test_a_refused_extension_keeps_what_was_typed_and_names_the_field(raise_item, persona, login_client):
    item = raise_item(key="a")
    client = login_client(persona("dept_liaison", "market"))
    resp = client.post(
        reverse("supervision:item_step", args=[item.pk, "extend_request"]),
        {"extend_request-reason": "需要协调多个部门", "extend_request-new_date": "2099-12-31"},
    )
    html = resp.content.decode()
    assert resp.status_code == 400
    assert "申请延至：申请延至的日期不能晚于" in html and "需要协调多个部门" in html
    assert Extension.objects.count() == 0


def test_accept_without_evidence_is_refused_on_the_page(raise_item, persona, login_client):
    item = raise_item(key="a")
    item_report(item=item, by=persona("dept_liaison", "market"), text="完成", complete=True)
    client = login_client(persona("office_staff", "gov"))
    resp = client.post(reverse("supervision:item_step", args=[item.pk, "accept"]), {"accept-note": "同意销号"})
    assert resp.status_code == 400 and "销号须有佐证材料" in resp.content.decode()
    item.refresh_from_db()
    assert item.state == "submitted"


def test_report_with_evidence_then_accept_through_the_pages(raise_item, persona, login_client):
    item = raise_item(key="a")
    unit = login_client(persona("dept_liaison", "market"))
    pdf = SimpleUploadedFile("整改报告.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    unit.post(
        reverse("supervision:item_step", args=[item.pk, "report"]),
        {"report-text": "已整改完毕", "report-complete": "on", "report-files": pdf},
    )
    ev = item.reports.get().evidence.get()
    assert unit.get(ev.download_url).status_code == 200
    office = login_client(persona("office_staff", "gov"))
    assert (
        office.post(reverse("supervision:item_step", args=[item.pk, "accept"]), {"accept-note": ""}).status_code == 302
    )
    item.refresh_from_db()
    assert item.state == "closed"


def test_another_units_evidence_and_item_are_not_found(raise_item, persona, login_client):
    item = raise_item(key="a")
    item_report(
        item=item,
        by=persona("dept_liaison", "market"),
        text="x",
        files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", content_type="application/pdf")],
    )
    ev = item.reports.get().evidence.get()
    other = login_client(persona("dept_liaison", "justice"))
    assert other.get(reverse("supervision:item_detail", args=[item.pk])).status_code == 404
    assert other.get(ev.download_url).status_code == 404


def test_extensions_page_lists_requests_with_decide_buttons(raise_item, persona, login_client, today):
    item = raise_item(key="a", due=dt.date(today.year, 12, 10))
    ext = extension_request(
        item=item, by=persona("dept_liaison", "market"), reason="协调中", new_date=dt.date(today.year, 12, 20)
    )
    client = login_client(persona("office_head", "gov"))
    page = client.get(reverse("supervision:extension_list"))
    assert [e.pk for e in page.context["items"]] == [ext.pk]
    assert reverse("supervision:extension_decide", args=[ext.pk]) in page.content.decode()
    client.post(
        reverse("supervision:extension_decide", args=[ext.pk]),
        {"approve": "1", "note": "", "next": "/supervision/extensions/"},
    )
    ext.refresh_from_db()
    assert ext.state == "approved"


def test_the_rule_table_is_edited_by_the_office(persona, login_client):
    from fazhi.supervision.models import RaiseRule

    client = login_client(persona("office_staff", "gov"))
    assert client.get(reverse("supervision:rules")).status_code == 200
    rule = RaiseRule.objects.get()
    resp = client.post(
        reverse("supervision:rules"),
        {
            "rule": rule.pk,
            f"r{rule.pk}-name": rule.name,
            f"r{rule.pk}-kind": "clock_overdue",
            f"r{rule.pk}-clock_rule_prefix": "nosuch.",
            f"r{rule.pk}-min_working_days_overdue": "3",
            f"r{rule.pk}-enabled": "on",
            f"r{rule.pk}-version": rule.version,
        },
    )
    assert resp.status_code == 400 and "没有以“nosuch.”开头的期限规则" in resp.content.decode()
    resp = client.post(
        reverse("supervision:rules"),
        {
            "rule": rule.pk,
            f"r{rule.pk}-name": rule.name,
            f"r{rule.pk}-kind": "clock_overdue",
            f"r{rule.pk}-clock_rule_prefix": "reconsideration.",
            f"r{rule.pk}-min_working_days_overdue": "3",
            f"r{rule.pk}-enabled": "on",
            f"r{rule.pk}-version": rule.version,
        },
    )
    assert resp.status_code == 302
    rule.refresh_from_db()
    assert (rule.clock_rule_prefix, rule.min_working_days_overdue, rule.version) == ("reconsideration.", 3, 2)


def test_a_liaison_cannot_read_the_rule_table(persona, login_client):
    assert login_client(persona("dept_liaison", "market")).get(reverse("supervision:rules")).status_code == 403


def test_board_counts_are_kept_under_the_board_stamp_and_never_stale(raise_item, persona, login_client, pages_cache):
    from fazhi.supervision.services import item_report

    raise_item(key="a")
    client = login_client(persona("office_staff", "gov"))
    assert client.get(reverse("supervision:office_board")).context["total"].total == 1
    # kept: the second view needs no grouped query; a new item (a new stamp) is counted at once
    b = raise_item(key="b")
    assert client.get(reverse("supervision:office_board")).context["total"].total == 2
    item_report(item=b, by=persona("dept_liaison", "market"), text="完成", complete=True)
    page = client.get(reverse("supervision:office_board"))
    assert page.context["total"].total == 2 and page.context["total"].by_kind == {"tests.fix": 2}


def test_the_unit_board_pages_its_items(raise_item, persona, login_client, monkeypatch):
    from fazhi.supervision import views

    monkeypatch.setattr(views, "PAGE", 2)
    made = [raise_item(key=k, due=dt.timedelta(days=d)) for k, d in (("a", 10), ("b", 20), ("c", 30))]
    client = login_client(persona("dept_liaison", "market"))
    first = client.get(reverse("supervision:unit_board"))
    second = client.get(reverse("supervision:unit_board"), {"page": "2"})
    assert [i.pk for i in first.context["items"]] == [made[0].pk, made[1].pk]
    assert [i.pk for i in second.context["items"]] == [made[2].pk]
    assert "第 1 / 2 页，共 3 条" in first.content.decode()
    assert "第 2 / 2 页，共 3 条" in second.content.decode()


def test_the_kept_unit_board_is_never_older_than_a_committed_change(raise_item, persona, login_client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "unit-board-test"},
    }
    a = raise_item(key="a")
    client = login_client(persona("dept_liaison", "market"))
    before = client.get(reverse("supervision:unit_board")).content.decode()
    Item.objects.filter(pk=a.pk).update(title="改名的事项")  # behind the services' back: the stamp does not move
    again = client.get(reverse("supervision:unit_board")).content.decode()
    raise_item(key="b")  # a service's committed write moves the board stamp
    after = client.get(reverse("supervision:unit_board")).content.decode()
    assert "整改事项a" in before and "整改事项a" in again  # served as kept
    assert "改名的事项" in after and "整改事项b" in after


def test_a_refused_bulk_report_keeps_the_text_and_the_ticks_beside_the_field(raise_item, persona, login_client):
    a, b = raise_item(key="a"), raise_item(key="b")
    client = login_client(persona("dept_liaison", "market"))
    resp = client.post(reverse("supervision:bulk_report"), {"items": [a.pk], "text": "本月已推进", "percent": "130"})
    html = resp.content.decode()
    assert resp.status_code == 400
    assert "完成进度（%）：" in html and "本月已推进" in html
    assert f'value="{a.pk}" checked' in html and f'value="{b.pk}" checked' not in html
    assert a.reports.count() == 0
    none = client.post(reverse("supervision:bulk_report"), {"text": "本月已推进"})
    assert none.status_code == 400 and "请至少选择一项督办事项。" in none.content.decode()


def test_a_record_without_a_chinese_model_name_is_labelled_with_its_module():
    from types import SimpleNamespace

    from fazhi.supervision.sources import record_describe

    # supervision may not import feature modules: a record shaped like normative_documents.FilingReview
    meta = SimpleNamespace(
        label_lower="tests.filingreview",
        verbose_name="filing review",
        app_config=SimpleNamespace(verbose_name="行政规范性文件"),
    )
    label, url = record_describe(SimpleNamespace(_meta=meta))
    assert (label, url) == ("行政规范性文件", "")


def test_a_kept_unit_board_needs_only_the_session_and_user_queries(
    raise_item, persona, login_client, pages_cache, django_assert_num_queries
):
    a = raise_item(key="a")
    client = login_client(persona("dept_liaison", "market"))
    client.get("/")  # the process's per-user caches (grants, units) filled by another page
    # nothing kept yet: session, user (with the board stamp), the grouped counts (which also give the page's total)
    # and the page of items
    with django_assert_num_queries(4):
        first = client.get(reverse("supervision:unit_board"))
    # kept under the board stamp: no stamp, count or item query
    with django_assert_num_queries(2):
        kept = client.get(reverse("supervision:unit_board"))

    def page(resp):  # the page without its per-request CSRF tokens
        return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1-", resp.content.decode())

    assert page(kept) == page(first) and f'<a href="/supervision/items/{a.pk}/">整改事项a</a>' in page(kept)
    assert "<summary>批量报送所选事项的办理情况</summary>" in page(kept)  # the bulk form, kept with the items


def test_the_kept_unit_board_shows_an_item_raised_reported_and_closed_at_once(
    raise_item, persona, login_client, pages_cache
):
    from fazhi.supervision.services import item_accept

    liaison = persona("dept_liaison", "market")
    client = login_client(liaison)
    url = reverse("supervision:unit_board")
    assert "没有未办结的督办事项。" in client.get(url).content.decode()
    a = raise_item(key="a")  # raised: a new board stamp
    html = client.get(url).content.decode()
    assert "整改事项a" in html and "下一步：报送办理情况" in html and "共 1</span>" in html
    pdf = SimpleUploadedFile("整改报告.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    item_report(item=a, by=liaison, text="已整改完毕", files=[pdf], complete=True)  # reported: 待审核销号
    assert "下一步：待审核销号" in client.get(url).content.decode()
    item_accept(item=a, by=persona("office_staff", "gov"), note="材料齐全")  # closed: off the board
    html = client.get(url).content.decode()
    assert "整改事项a" not in html and "没有未办结的督办事项。" in html
