from __future__ import annotations

import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.jobs.services import jobs_run_pending
from fazhi.orgs.models import UnitAlias
from fazhi.plans.models import Plan, TaskAssignment

from .conftest import SMALL_PLAN

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "plan_sample.txt"


def _upload(client, content: bytes, name="plan.txt"):
    """Upload, let the worker parse (issue #10 finding 5: not in the web process), open the job's page: the preview's
    redirect, or the form with the reason."""
    resp = client.post(
        reverse("plans:import_upload"),
        {"file": SimpleUploadedFile(name, content), "name": "", "kind": "annual", "year": ""},
    )
    if resp.status_code != 302:
        return resp
    assert "?job=" in resp["Location"] and Plan.objects.count() == 0
    jobs_run_pending()
    return client.get(resp["Location"])


def test_preview_saves_nothing_until_confirmed_and_remembers_mappings(city, districts, persona, login_client):
    client = login_client(persona("office_head", "gov"))
    resp = _upload(client, SMALL_PLAN.replace("市财政局", "市财政厅").encode())
    assert resp.status_code == 302
    page = client.get(reverse("plans:import_preview"))
    assert "市财政厅" in page.content.decode() and Plan.objects.count() == 0
    # confirming without a mapping is refused, naming the unit
    resp = client.post(reverse("plans:import_preview"), {"name": "计划A", "kind": "annual"})
    assert "单位“市财政厅”" in resp.content.decode() and Plan.objects.count() == 0
    resp = client.post(
        reverse("plans:import_preview"), {"name": "计划A", "kind": "annual", "map_0": f"u{city['finance'].pk}"}
    )
    assert resp.status_code == 302 and Plan.objects.count() == 1
    assert UnitAlias.objects.filter(name="市财政厅").exists()


def test_not_a_word_file_gives_a_chinese_message(persona, login_client):
    client = login_client(persona("office_head", "gov"))
    resp = _upload(client, b"hello world", name="plan.docx")
    assert "不是有效的.docx文件" in resp.content.decode() or "不是有效的 Word" in resp.content.decode()
    assert Plan.objects.count() == 0


def test_empty_file_gives_a_chinese_message(persona, login_client):
    client = login_client(persona("office_head", "gov"))
    resp = _upload(client, b"", name="plan.txt")
    assert "计划文件" in resp.content.decode() and Plan.objects.count() == 0


def test_units_only_see_tasks_in_scope(small_plan, persona, login_client):
    task = TaskAssignment.objects.filter(task__plan=small_plan, task__number=2).first().task
    justice_client = login_client(persona("dept_liaison", "justice"))
    assert justice_client.get(task.get_absolute_url()).status_code == 200
    other = TaskAssignment.objects.filter(task__plan=small_plan, task__number=1).first().task
    assert justice_client.get(other.get_absolute_url()).status_code == 404


def test_overview_and_drilldown_and_ranking_render(small_plan, persona, login_client):
    client = login_client(persona("office_head", "gov"))
    html = client.get(reverse("plans:plan_overview", args=[small_plan.pk])).content.decode()
    assert 'class="chart"' in html and "按单位" in html
    drill = client.get(reverse("plans:plan_tasks", args=[small_plan.pk]) + "?status=overdue").content.decode()
    assert "清理涉企收费" in drill
    assert client.get(reverse("plans:ranking")).status_code == 200
    assert client.get(reverse("plans:my_tasks")).status_code == 200


def test_export_requires_its_own_permission(small_plan, persona, login_client):
    leader = login_client(persona("leader", "gov"))
    assert leader.get(reverse("plans:plan_export", args=[small_plan.pk])).status_code == 404


def test_sign_through_the_page(small_plan, persona, login_client):
    a = TaskAssignment.objects.get(task__plan=small_plan, task__number=1, role="lead")
    client = login_client(persona("dept_liaison", "market"))
    client.post(reverse("plans:assignment_step", args=[a.pk, "sign"]))
    a.refresh_from_db()
    assert a.state == "signed"


def test_preview_keeps_the_chosen_mapping_when_shown_again_with_errors(city, districts, persona, login_client):
    # given a plan naming two units the city does not know
    client = login_client(persona("office_head", "gov"))
    _upload(client, SMALL_PLAN.replace("市财政局", "市财政厅").replace("市司法局", "市法制局").encode())
    # when the user maps the first one, picks a kind, but leaves the plan name empty
    resp = client.post(
        reverse("plans:import_preview"), {"name": "", "kind": "rectification", "map_0": f"u{city['finance'].pk}"}
    )
    html = resp.content.decode()
    # then the page comes back with the errors, the first mapping and the kind still chosen, the second one not
    assert resp.status_code == 200 and Plan.objects.count() == 0
    assert "计划名称：不能为空。" in html and "单位“市法制局”：请选择对应的系统单位。" in html
    chosen = re.findall(r'<option value="(\w+)"[^>]* selected[ >]', html)
    assert chosen == ["rectification", f"u{city['finance'].pk}"]  # the kind and the finance mapping; none for 市法制局
    # both mappings are the searchable unit picker (issue #11 point 12), the errors beside their fields
    assert html.count('data-picker="unit"') == 2
    assert '<p class="field-error">单位“市法制局”：请选择对应的系统单位。</p>' in html


def test_list_pages_query_counts_are_pinned(small_plan, persona, login_client, django_assert_num_queries):
    # given the office (全部数据) on the overview, the drill-down and the whole-plan list
    client = login_client(persona("office_head", "gov"))
    client.get(small_plan.get_absolute_url())  # warm the per-process caches (content types, menus)
    base = reverse("plans:plan_tasks", args=[small_plan.pk])
    market = TaskAssignment.objects.get(task__plan=small_plan, task__number=1, role="lead").unit
    # session, the user with unit + grants stamp + unread count (one statement; roles kept per process under the
    # stamp), plan, figures stamp, sections, two counts, units
    # (no session write: the idle clock is saved at most once a minute; tests run without the figures cache)
    with django_assert_num_queries(8):
        assert client.get(small_plan.get_absolute_url()).status_code == 200
    # session, user (with unit, stamp, unread), plan, the shares' count (the pager), one page of shares (one join),
    # their clocks (one query)
    with django_assert_num_queries(6):
        assert client.get(f"{base}?unit={market.pk}&status=overdue").status_code == 200
    with django_assert_num_queries(6):
        resp = client.get(base)
    assert resp.status_code == 200 and resp.content.decode().count('class="light') >= 4


def test_the_parse_is_a_job_a_retried_submit_is_the_same_job_and_a_refusal_keeps_the_fields(persona, login_client):
    from fazhi.jobs.models import Job

    client = login_client(persona("office_head", "gov"))
    form = {"name": "我的计划", "kind": "annual", "year": "2026"}
    first = client.post(
        reverse("plans:import_upload"), {**form, "file": SimpleUploadedFile("p.txt", SMALL_PLAN.encode())}
    )
    again = client.post(
        reverse("plans:import_upload"), {**form, "file": SimpleUploadedFile("p.txt", SMALL_PLAN.encode())}
    )
    job = Job.objects.get(kind="plans.parse")
    assert first["Location"] == again["Location"] == f"{reverse('plans:import_upload')}?job={job.pk}"
    assert "正在识别" in client.get(first["Location"]).content.decode()  # the progress bar while it waits
    jobs_run_pending()
    assert client.get(first["Location"])["Location"] == reverse("plans:import_preview")
    assert client.get(reverse("plans:import_preview")).context["state"]["name"] == "我的计划"
    # a file the parser refuses: the reason beside the file field, the name as typed
    bad = client.post(
        reverse("plans:import_upload"), {**form, "file": SimpleUploadedFile("p.txt", "没有任何编号的任务。".encode())}
    )
    jobs_run_pending()
    page = client.get(bad["Location"])
    assert page.status_code == 200 and 'value="我的计划"' in page.content.decode()
    assert page.context["form"].errors["file"] and Plan.objects.count() == 0


def test_the_plan_task_list_is_paged_and_the_pager_keeps_the_filter(small_plan, persona, login_client, monkeypatch):
    # given a plan's shares listed one to a page (issue #11 point 13: 756 rows in one page)
    from fazhi.plans import views

    monkeypatch.setattr(views, "TASKS_PER_PAGE", 1)
    client = login_client(persona("office_head", "gov"))
    base = reverse("plans:plan_tasks", args=[small_plan.pk])
    co = list(TaskAssignment.objects.filter(task__plan=small_plan, role="co").order_by("task__number", "unit__path"))
    # when the office opens the list of 配合 shares, then its page 2
    first = client.get(f"{base}?role=co").content.decode()
    second = client.get(f"{base}?role=co&page=2").content.decode()
    # then each page shows one share, the count is the whole list's, and 下一页 keeps the filter
    assert len(co) == 2
    assert first.count('<tr><td data-label="序号">') == 1 and '<strong id="drill-count">2</strong>' in first
    assert "第 1 / 2 页，共 2 条" in first and 'href="?role=co&amp;page=2"' in first
    assert f'<td data-label="单位">{co[0].unit.display_name}</td>' in first
    assert f'<td data-label="单位">{co[1].unit.display_name}</td>' in second
    assert second.count('<tr><td data-label="序号">') == 1 and "上一页" in second and "第 2 / 2 页" in second
