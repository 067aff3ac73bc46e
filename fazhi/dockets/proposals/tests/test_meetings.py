"""会办/面商: only the units handling the item meet on it; a 面商 needs its proposer; a meeting the proposer
attended is the answering units' contact with them (代表法 Art. 51), so the answer is no longer refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core.errors import DomainError
from fazhi.dockets.proposals import services as s
from fazhi.dockets.proposals.models import Assignment, Contact, Meeting
from fazhi.dockets.proposals.services import proposer_create

D = dt.date
pytestmark = pytest.mark.django_db


def _refused(**kw) -> DomainError:
    with pytest.raises(DomainError) as exc:
        s.meeting_record(**kw)
    return exc.value


def test_a_face_to_face_meeting_is_the_contact_of_every_answering_unit_present(
    item, city, handler, deputy, office, persona
):
    case = item(split_units=[city["district"]], assist_units=[city["finance"]])
    case = s.case_sign(case=case, by=handler, on=D(2026, 3, 3))
    base = dict(
        case=case, by=handler, on=D(2026, 3, 12), kind="face", place="市市场监管局三楼会议室", minutes="商定分步整治"
    )
    units = [city["market"], city["district"], city["finance"]]
    err = _refused(**base, units=units, proposers=[])
    assert (err.field, err.message) == ("proposers", "面商须有代表/委员参加：请选择参加的代表/委员。")
    err = _refused(**base, units=[*units, city["justice"]], proposers=[deputy])
    assert (err.field, err.message) == ("units", "参加单位：示范市司法局不是本件的承办单位。")
    stranger = proposer_create(by=office, body="npc", term="第十八届", name="李代表", group="西城区代表团")
    err = _refused(**base, units=units, proposers=[stranger])
    assert (err.field, err.message) == ("proposers", "参加的代表/委员：只能选择本件的提出人。")
    err = _refused(**{**base, "minutes": " "}, units=units, proposers=[deputy])
    assert (err.field, err.message) == ("minutes", "请填写会议纪要。")
    err = _refused(**{**base, "on": D(2026, 3, 1)}, units=units, proposers=[deputy])
    assert (err.field, err.message) == ("on", "日期2026年3月1日不能早于交办日期2026年3月2日。")
    assert (Meeting.objects.count(), Contact.objects.count()) == (0, 0)  # nothing written by a refusal

    with pytest.raises(PermissionDenied):  # the 协办 unit does not record the lead's meeting
        s.meeting_record(**{**base, "by": persona("dept_liaison", "finance")}, units=units, proposers=[deputy])
    meeting = s.meeting_record(**base, units=units, proposers=[deputy], attendees="张代表、区住建局王科长")
    assert sorted(u.code for u in meeting.units.all()) == ["C002", "C003", "D100"]
    # the 主办 and the 分办 unit contacted the deputy; the 协办 unit gives opinions and answers no one
    contacts = sorted(Contact.objects.filter(case=case).values_list("unit__code", "form", "on"))
    assert contacts == [("C002", "meeting", D(2026, 3, 12)), ("D100", "meeting", D(2026, 3, 12))]
    case.refresh_from_db()
    assert case.extra["contact_rounds"] == [1]
    labels = list(case.events.values_list("label", flat=True))
    assert "面商（市市场监管局、东城区政府、市财政局）" in labels
    s.case_draft(case=case, by=handler, result_class="A", text="已分步整治。")  # no longer "须与代表沟通"
    split = Assignment.objects.get(case=case, role="split")
    liaison = persona("district_liaison", "district")
    s.share_sign(share=split, by=liaison, on=D(2026, 3, 4))
    s.share_reply_draft(share=split, by=liaison, result_class="A", text="区里已落实。")


def test_a_joint_meeting_without_the_proposer_is_no_contact(item, city, handler):
    case = s.case_sign(case=item(assist_units=[city["finance"]]), by=handler, on=D(2026, 3, 3))
    s.meeting_record(
        case=case,
        by=handler,
        on=D(2026, 3, 10),
        kind="joint",
        place="市财政局",
        units=[city["market"], city["finance"]],
        minutes="财政局同意列入明年预算",
    )
    assert Contact.objects.filter(case=case).count() == 0
    with pytest.raises(DomainError) as exc:
        s.case_draft(case=case, by=handler, result_class="A", text="已解决。")
    assert exc.value.message.startswith("答复前须与代表/委员沟通")
