"""Every file download, as every persona (the policy matrix extended to files; issue #10 finding 1).

A file is served only to a user the policy of the record that owns it allows: a task report's attachment follows its
own share (the unit's assignment), not the task; a case attachment or document follows the case; an export follows the
job's owner. Anyone else gets the same 404 as a download key that does not exist. Download keys are signed, so walking
ids (the attack: ``GET /plans/attachments/2/`` as another unit) finds nothing, and a key for one kind of file does not
open another. Every download route of every module must be walked here: a new one fails
``test_every_download_route_is_walked`` until it is added to WALKED.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fazhi.audit.models import AuditEvent
from fazhi.cases.models import PartyRole
from fazhi.cases.services import PartyInput
from fazhi.orgs.tests.factories import UnitGroupFactory

pytestmark = pytest.mark.django_db

SMALL_PLAN = """示范市2026年法治政府建设工作要点
一、重点任务
(一)依法行政
1.清理涉企收费。建立问题台账。2026年9月底前完成。
牵头单位:市市场监管局;配合单位:市财政局、各区人民政府
"""

PERSONAS = {
    "office_staff": ("office_staff", "gov"),
    "office_head": ("office_head", "gov"),
    "leader": ("leader", "gov"),
    "market_liaison": ("dept_liaison", "market"),
    "finance_liaison": ("dept_liaison", "finance"),
    "justice_liaison": ("dept_liaison", "justice"),
    "district_liaison": ("district_liaison", "district"),
    "handler": ("reconsideration_handler", "justice"),
    "head": ("reconsideration_head", "justice"),
    "market_handler": ("reconsideration_handler", "market"),
    "sys_admin": ("sys_admin", "justice"),
    "sec_admin": ("sec_admin", "justice"),
    "audit_admin": ("audit_admin", "justice"),
}
OFFICE = {"office_staff", "office_head", "leader"}  # scope 全部 with plans.task.view / cases.case.view
# file → the personas that may download it (everyone else: 404)
EXPECTED = {
    "plans.market_share": OFFICE | {"market_liaison"},
    "plans.finance_share": OFFICE | {"finance_liaison"},
    "plans.district_share": OFFICE | {"district_liaison"},
    "cases.attachment": OFFICE | {"handler", "head"},
    # generated documents carry the parties' full details: the one personal-data rule (issue 9 ¶6) — the handling
    # unit's handlers and heads only
    "cases.document": {"handler", "head"},
    "reconsideration.export": {"handler"},  # the job's owner only, not even a job administrator
    # a consultation organised by the market regulator: the Excel of comments needs consultations.export, the
    # generated 意见采纳情况说明 consultations.view (the leader reads it, but exports nothing)
    "consultations.comments": {"office_staff", "office_head", "market_liaison"},
    "consultations.explanation": OFFICE | {"market_liaison"},
    # the market share's file through its supervisable item: the item's policy — people of the responsible unit who
    # read their unit's board (supervision.item.view: its liaison and its 复议 handler), not the co-units
    "supervision.evidence": OFFICE | {"market_liaison", "market_handler"},
    # a 督办单 to the market regulator over its share's item: the item's policy, as its evidence
    "supervision.notice": OFFICE | {"market_liaison", "market_handler"},
    # a 规范性文件 of the market regulator in drafting: its 正文文件 and 附件 follow the document's policy (the issuer's
    # people with normative_documents.document.view, and the office, whose scope is 全部)
    "normative_documents.text_file": OFFICE | {"market_liaison"},
    "normative_documents.attachment": OFFICE | {"market_liaison"},
    # a portal complaint's file: the 行政执法监督机构's office only (enforcement.supervise; ComplaintPolicy) — not the
    # complained-of body's liaison, nor the leader, who reads enforcement but handles no complaint
    "enforcement.complaint_attachment": {"office_staff", "office_head"},
}
# URL name → the files above served through it
WALKED = {
    "plans:attachment_download": {"plans.market_share", "plans.finance_share", "plans.district_share"},
    "cases:attachment_download": {"cases.attachment"},
    "cases:document_download": {"cases.document"},
    "reconsideration:export_download": {"reconsideration.export"},
    "consultations:download": {"consultations.comments", "consultations.explanation"},
    "supervision:evidence_download": {"supervision.evidence"},
    "supervision:notice_download": {"supervision.notice"},
    "normative_documents:text_file_download": {"normative_documents.text_file"},
    "normative_documents:attachment_download": {"normative_documents.attachment"},
    "enforcement:complaint_attachment_download": {"enforcement.complaint_attachment"},
}
CSRF = re.compile(rb'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+"')


def _download_routes(resolver: URLResolver | None = None, ns: str = "") -> set[str]:
    found: set[str] = set()
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            found |= _download_routes(p, f"{ns}{p.namespace}:" if p.namespace else ns)
        elif isinstance(p, URLPattern) and p.name and "download" in p.name:
            found.add(f"{ns}{p.name}")
    return found


def test_every_download_route_is_walked():
    assert _download_routes() == set(WALKED)
    assert set().union(*WALKED.values()) == set(EXPECTED)


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + name.encode() + b"\n%%EOF", content_type="application/pdf")


@pytest.fixture
def files(city, persona, monkeypatch) -> dict[str, str]:
    """One file of each kind; returns file → its download URL as the pages link it."""
    from fazhi.cases.documents import case_document_generate
    from fazhi.dockets.reconsideration import exports
    from fazhi.dockets.reconsideration.services import reconsideration_intake
    from fazhi.jobs.models import Job
    from fazhi.jobs.services import jobs_run_pending
    from fazhi.plans.parsing import parse_plan_text
    from fazhi.plans.services import assignment_report, assignment_sign, plan_import

    group = UnitGroupFactory(name="各区人民政府", code="G-D")
    group.members.set([city["district"]])
    plan = plan_import(
        by=persona("office_head", "gov"), parsed=parse_plan_text(SMALL_PLAN), name="下载", kind="annual", year=2026
    )
    task = plan.tasks.get(number=1)
    urls: dict[str, str] = {}
    for unit, liaison in (("market", "dept_liaison"), ("finance", "dept_liaison"), ("district", "district_liaison")):
        share = task.assignments.get(unit=city[unit])
        by = persona(liaison, unit)
        assignment_sign(assignment=share, by=by)
        report = assignment_report(assignment=share, by=by, text="进展", files=[_pdf(f"{unit}-453.pdf")])
        evidence = report.evidence.get()  # a share's report and files live on its supervisable item
        urls[f"plans.{unit}_share"] = reverse("plans:attachment_download", args=[evidence.download_key])
        if unit == "market":
            from fazhi.supervision.services import notice_issue

            urls["supervision.evidence"] = evidence.download_url
            notice = notice_issue(items=[share.item], unit=city["market"], by=persona("office_head", "gov"))
            urls["supervision.notice"] = notice.download_url
    handler = persona("reconsideration_handler", "justice")
    case = reconsideration_intake(
        by=handler,
        handling_unit=city["justice"],
        received_on=dt.date(2026, 11, 2),
        channel="in_person",
        applicant=PartyInput(role=PartyRole.APPLICANT, name="张三", id_number="11010519491231002X"),
        act="行政处罚决定",
        request="撤销",
        respondent_unit=city["market"],
        files=[_pdf("申请书.pdf")],
    )
    urls["cases.attachment"] = case.attachments.get().download_url
    doc = case_document_generate(case=case, code="acceptance_notice", by=handler, context={})
    urls["cases.document"] = doc.download_url
    monkeypatch.setattr(exports, "SYNC_LIMIT", 0)
    exports.reconsideration_export(by=handler)
    assert jobs_run_pending() == 1
    urls["reconsideration.export"] = Job.objects.get(kind=exports.JOB_KIND).result["download_url"]
    from fazhi.consultations.services import consultation_create
    from fazhi.decisions.services import decision_launch

    office = persona("office_head", "gov")
    decision = decision_launch(
        by=office, launched_on=dt.date(2026, 11, 2), title="停车收费", lead_unit=city["market"], government=city["gov"]
    )
    consultation = consultation_create(
        owner=decision,
        unit=city["market"],
        title="征求意见稿",
        opens_on=dt.date(2026, 11, 2),
        closes_on=dt.date(2026, 12, 2),
        by=office,
    )
    urls["consultations.comments"] = consultation.comments_xlsx_url
    urls["consultations.explanation"] = consultation.explanation_docx_url
    from fazhi.normative_documents.services import document_attachment_add, document_propose, document_text_save

    market = persona("dept_liaison", "market")
    document = document_propose(title="办法", lead_unit=city["market"], proposed_on=dt.date(2026, 11, 2), by=market)
    document_text_save(document=document, text="第一条", label="起草稿", by=market, file=_pdf("正文.pdf"))
    document.refresh_from_db()
    urls["normative_documents.text_file"] = document.text_file_url
    urls["normative_documents.attachment"] = document_attachment_add(
        document=document, name="附件1", file=_pdf("附件1.pdf"), by=market
    ).download_url
    from fazhi.enforcement.services import body_save, complaint_receive

    body = body_save(by="t", unit=city["market"], legal_basis="《中华人民共和国行政处罚法》", scope="市场监管")
    complaint = complaint_receive(
        by=None,
        body=body,
        channel="portal",
        name="刘某某",
        phone="13900001111",
        subject="未出示证件",
        content="检查时未出示执法证件。",
        files=[_pdf("现场照片.pdf")],
    )
    urls["enforcement.complaint_attachment"] = complaint.attachments.get().download_url
    return urls


@pytest.mark.parametrize("who", sorted(PERSONAS))
def test_each_persona_downloads_exactly_the_files_the_owning_records_policy_allows(who, files, persona, login_client):
    client = login_client(persona(*PERSONAS[who]))
    missing = {name: client.get(_forged(url)) for name, url in files.items()}
    for name, url in sorted(files.items()):
        resp = client.get(url)
        if who in EXPECTED[name]:
            assert resp.status_code == 200, (who, name)
            assert resp["Content-Disposition"].startswith("attachment;"), (who, name)
            assert (resp["X-Content-Type-Options"], resp["Cache-Control"]) == ("nosniff", "no-store"), (who, name)
            b"".join(resp.streaming_content)
        else:
            assert resp.status_code == 404, (who, name)
            # the same answer as a download that does not exist
            assert CSRF.sub(b"", resp.content) == CSRF.sub(b"", missing[name].content), (who, name)


def _forged(url: str) -> str:
    """The same URL with the key's signature changed: what a guesser would send."""
    head, key = url.rstrip("/").rsplit("/", 1)
    if "download" in key:  # …/<key>/download/
        head, key = head.rsplit("/", 1)
        return f"{head}/{key[:-4]}AAAA/download/"
    return f"{head}/{key[:-4]}AAAA/"


def test_ids_are_not_guessable(files, persona, login_client):
    # the attack: the district's liaison walking sequential ids finds no other unit's file
    client = login_client(persona("district_liaison", "district"))
    for n in range(1, 6):
        assert client.get(f"/plans/attachments/{n}/").status_code == 404
        assert client.get(f"/cases/attachments/{n}/").status_code == 404
        assert client.get(f"/cases/documents/{n}/").status_code == 404
        assert client.get(f"/reconsideration/export/{n}/download/").status_code == 404
    # keys are signed: one id's key does not open another id, nor another kind of file
    assert all(re.search(r"/[0-9]+:[A-Za-z0-9_-]{20,}/", url) for url in files.values()), files
    office = login_client(persona("office_head", "gov"))
    market_key = files["plans.market_share"].rstrip("/").rsplit("/", 1)[1]
    assert office.get(f"/cases/attachments/{market_key}/").status_code == 404
    assert office.get(files["plans.market_share"]).status_code == 200


def test_a_refused_download_changes_nothing(files, persona, login_client):
    before = AuditEvent.objects.count()
    assert login_client(persona("dept_liaison", "market")).get(files["reconsideration.export"]).status_code == 404
    assert AuditEvent.objects.count() == before


def test_a_pdf_that_is_also_html_is_served_as_an_inert_attachment(city, persona, login_client):
    # finding 12: `%PDF-1.4\n<html><script>` passes the magic-byte check and is stored; it must never render
    from fazhi.dockets.reconsideration.services import reconsideration_intake

    polyglot = SimpleUploadedFile("证据.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>", "text/html")
    handler = persona("reconsideration_handler", "justice")
    case = reconsideration_intake(
        by=handler,
        handling_unit=city["justice"],
        received_on=dt.date(2026, 11, 2),
        channel="in_person",
        applicant=PartyInput(role=PartyRole.APPLICANT, name="李四"),
        act="行政处罚决定",
        request="撤销",
        respondent_unit=city["market"],
        files=[polyglot],
    )
    resp = login_client(handler).get(case.attachments.get().download_url)
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/pdf"
    assert resp["Content-Disposition"] == "attachment; filename*=utf-8''%E8%AF%81%E6%8D%AE.pdf"
    assert (resp["X-Content-Type-Options"], resp["Cache-Control"]) == ("nosniff", "no-store")
    assert b"".join(resp.streaming_content).startswith(b"%PDF-1.4\n<html>")
