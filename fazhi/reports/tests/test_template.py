"""The office's template page (issue #24: "the template of parts and sub-headings is data, editable, copied from last
year"): add, rename, reorder and remove a sub-heading, one audited service each; a stale edit refused in Chinese with
the typed text kept; the parts are the setting's; a new year's report copies last year's template."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import ConflictError, DomainError
from fazhi.reports import services as s
from fazhi.reports.models import ReportTemplate

pytestmark = pytest.mark.django_db


def _headings(tpl, part="measures"):
    return list(tpl.sections.filter(part=part).order_by("order", "id").values_list("heading", flat=True))


def test_each_change_is_one_audited_service_and_bumps_the_version(office):
    tpl = s.template_create(by=office, year=2025)
    assert _headings(tpl)[:2] == ["坚持党的领导，统筹推进法治政府建设", "深入推进政府职能转变"]
    v = tpl.version
    row = s.template_section_add(
        by=office,
        template=tpl,
        part="measures",
        heading=" 推进政务公开 ",
        text="新收申请{{disclosure.new}}。",
        expected_version=v,
    )
    assert (row.heading, row.text) == ("推进政务公开", "新收申请{{disclosure.new}}。")
    assert _headings(tpl)[-1] == "推进政务公开"
    s.template_section_move(by=office, template=tpl, section=row, direction="up", expected_version=v + 1)
    assert _headings(tpl)[-2:] == ["推进政务公开", "提升法治思维和依法行政能力"]
    s.template_section_rename(by=office, template=tpl, section=row, heading="全面推进政务公开", expected_version=v + 2)
    first = tpl.sections.filter(part="measures").order_by("order").first()
    s.template_section_remove(by=office, template=tpl, section=first, expected_version=v + 3)
    tpl.refresh_from_db()
    assert tpl.version == v + 4
    assert _headings(tpl) == [
        "深入推进政府职能转变",
        "完善依法行政制度体系",
        "推进行政决策科学化、民主化、法治化",
        "坚持严格规范公正文明执法",
        "预防调处化解社会矛盾纠纷",
        "强化行政权力制约和监督",
        "全面推进政务公开",
        "提升法治思维和依法行政能力",
    ]
    events = list(
        AuditEvent.objects.filter(action__startswith="reports.template.section")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert events == [
        "reports.template.section_added",
        "reports.template.section_moved",
        "reports.template.section_renamed",
        "reports.template.section_removed",
    ]


def test_a_stale_edit_and_bad_input_are_refused_naming_the_field_and_change_nothing(office):
    tpl = s.template_create(by=office, year=2025)
    v = tpl.version
    row = tpl.sections.filter(part="measures").order_by("order").first()
    s.template_section_rename(by=office, template=tpl, section=row, heading="加强党的领导", expected_version=v)
    with pytest.raises(ConflictError) as stale:
        s.template_section_rename(by=office, template=tpl, section=row, heading="别人的改法", expected_version=v)
    assert stale.value.message.startswith("该模板已被他人修改，您的这次修改没有保存。")
    cases = [
        (dict(part="measures", heading="深入推进政府职能转变"), "heading", "本部分已有小标题“深入推进政府职能转变”。"),
        (dict(part="measures", heading="  "), "heading", "请填写小标题。"),
        (dict(part="nope", heading="新"), "part", "请选择报告的一个部分。"),
    ]
    for kwargs, field, message in cases:
        with pytest.raises(DomainError) as bad:
            s.template_section_add(by=office, template=tpl, expected_version=v + 1, **kwargs)
        assert (bad.value.field, bad.value.message) == (field, message)
    with pytest.raises(DomainError) as unknown:
        s.template_section_add(
            by=office, template=tpl, part="measures", heading="新", text="{{nope.x}}", expected_version=v + 1
        )
    assert unknown.value.field == "text"
    with pytest.raises(DomainError) as top:
        s.template_section_move(by=office, template=tpl, section=row, direction="up", expected_version=v + 1)
    assert (top.value.field, top.value.message) == ("direction", "“加强党的领导”已是本部分第一个。")
    tpl.refresh_from_db()
    assert tpl.version == v + 1 and _headings(tpl)[0] == "加强党的领导" and tpl.sections.count() == 12


def test_a_new_years_report_copies_last_years_edited_template(office):
    tpl = s.template_create(by=office, year=2024)
    s.template_section_add(
        by=office, template=tpl, part="shortcomings", heading="执法规范化水平有待提高", expected_version=tpl.version
    )
    report = s.report_create(by=office, year=2025)
    copy = ReportTemplate.objects.get(year=2025)
    assert report.template == copy
    assert _headings(copy, "shortcomings") == ["", "执法规范化水平有待提高"]
    assert list(report.sections.filter(part="shortcomings").values_list("heading", flat=True)) == [
        "",
        "执法规范化水平有待提高",
    ]


def test_the_template_page_lists_the_settings_parts_and_keeps_the_typed_text_when_refused(
    persona, login_client, settings
):
    office = persona("office_head")
    c = login_client(office)
    created = c.post(reverse("reports:templates"), {"year": "2025"})
    assert created.status_code == 302 and created["Location"] == reverse("reports:template", args=[2025])
    tpl = ReportTemplate.objects.get(year=2025)
    url = reverse("reports:template", args=[2025])
    page = c.get(url).content.decode()
    assert "一、2025年推进法治政府建设的主要举措和成效" in page and "五、其他需要报告的情况" in page
    assert 'value="深入推进政府职能转变"' in page
    row = tpl.sections.filter(part="measures").order_by("order")[1]
    stale = c.post(url, {"do": "rename", "section": row.pk, "heading": "我的新标题", "version": tpl.version - 1})
    body = stale.content.decode()
    assert stale.status_code == 409 and "该模板已被他人修改" in body and 'value="我的新标题"' in body
    dup = c.post(
        url,
        {
            "do": "add",
            "part": "measures",
            "heading": "深入推进政府职能转变",
            "text": "我写的字",
            "version": tpl.version,
        },
    )
    body = dup.content.decode()
    assert dup.status_code == 400 and "小标题：本部分已有小标题“深入推进政府职能转变”。" in body and "我写的字" in body
    ok = c.post(url, {"do": "move", "section": row.pk, "direction": "up", "version": tpl.version})
    assert ok.status_code == 302
    tpl.refresh_from_db()
    assert _headings(tpl)[:2] == ["深入推进政府职能转变", "坚持党的领导，统筹推进法治政府建设"]
    # the part list is the setting's
    settings.FAZHI_REPORTS = {**settings.FAZHI_REPORTS, "PARTS": settings.FAZHI_REPORTS["PARTS"][:2]}
    page = c.get(url).content.decode()
    assert (
        "二、推进法治政府建设存在的不足和原因" in page
        and "三、党政主要负责人" not in page.split("不在当前部分设置中的小标题")[0]
    )
    assert "不在当前部分设置中的小标题" in page
    # linked from the reports list; refused to a liaison
    assert 'id="templates-link"' in c.get(reverse("reports:list")).content.decode()
    assert login_client(persona("dept_liaison")).get(url).status_code == 404
