import pytest

from fazhi.cases.models import Case
from fazhi.dockets.reconsideration.demo import demo_reconsideration_cases

pytestmark = pytest.mark.django_db


def test_demo_cases_cover_several_states_and_run_twice_without_change(city):
    demo_reconsideration_cases(lambda s: None)
    demo_reconsideration_cases(lambda s: None)
    assert sorted(Case.objects.values_list("state", flat=True)) == [
        "accepted",
        "correction",
        "decided",
        "received",
        "rejected",
        "suspended",
    ]


def test_demo_cases_hold_paper_in_their_case_files_once(city, persona):
    from pypdf import PdfReader

    from fazhi.cases.casefile import case_file_pdf
    from fazhi.cases.models import Attachment

    demo_reconsideration_cases(lambda s: None)
    demo_reconsideration_cases(lambda s: None)
    kinds = sorted(Attachment.objects.values_list("kind", flat=True))
    assert kinds == ["application"] * 6 + ["evidence", "reply"]
    decided = Case.objects.get(state="decided")
    assert sorted(decided.attachments.values_list("label", flat=True)) == ["行政复议申请书", "行政复议答复书"]
    import io

    head = persona("reconsideration_head", "justice")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(case_file_pdf(decided, head))).pages)
    assert "行政复议答复书" in text and "请求复议机关予以维持" in text


def test_demo_timelines_are_in_date_order(city):
    """The demo's decided case was drafted today but approved two days ago: its timeline ran backwards."""
    demo_reconsideration_cases(lambda s: None)
    for case in Case.objects.all():
        days = list(case.events.order_by("pk").values_list("occurred_on", flat=True))
        assert days == sorted(days), case.case_number
