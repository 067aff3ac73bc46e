"""The 法律援助人员 registry (《法律援助法》第十二条 ⚠): register, edit (a stale version refused), deactivate; refusals name
the field and write nothing; the phone is stored encrypted; only the centre's head keeps the registry; assignment
takes an active person of the case's own centre; each person's workload counts exactly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from fazhi.audit.models import AuditEvent
from fazhi.cases.models import Case
from fazhi.core.errors import ConflictError, DomainError
from fazhi.dockets.legal_aid import services as s
from fazhi.dockets.legal_aid.models import AidPerson
from fazhi.dockets.legal_aid.policies import AidPersonPolicy
from fazhi.dockets.legal_aid.selectors import aid_people_visible_to, aid_people_workload

pytestmark = pytest.mark.django_db
D = dt.date
LAWYER = {
    "kind": "lawyer",
    "name": "郑明律",
    "licence_number": "13701202010123456",
    "organisation": "示范市某某律师事务所",
    "phone": "13812345678",
    "specialities": "劳动争议",
}


def _written() -> tuple[int, int]:
    return AidPerson.objects.count(), AuditEvent.objects.filter(action__startswith="legal_aid.person").count()


def test_the_head_registers_a_person_audited_and_the_phone_is_stored_encrypted(head, centre):
    # when the centre's head registers a lawyer
    p = s.aid_person_create(by=head, centre=centre, **LAWYER)
    # then the person is in the registry, active, the phone readable in code but not in the table
    p.refresh_from_db()
    assert (p.centre, p.kind, p.name, p.licence_number, p.is_active, p.version) == (
        centre,
        "lawyer",
        "郑明律",
        "13701202010123456",
        True,
        1,
    )
    assert (p.phone, p.masked_phone) == ("13812345678", "138****5678")
    with connection.cursor() as cur:
        cur.execute("SELECT phone FROM legal_aid_aidperson WHERE id = %s", [p.pk])
        raw = cur.fetchone()[0]
    assert raw and "13812345678" not in raw
    event = AuditEvent.objects.get(action="legal_aid.person.create")
    assert (event.object_id, event.actor, event.summary) == (
        str(p.pk),
        head,
        {"kind": "lawyer", "licence": "13701202010123456"},
    )
    assert "13812345678" not in str(event.summary)


def test_a_repeated_submit_token_returns_the_first_person(head, centre):
    token = "00000000-0000-4000-8000-0000000000aa"
    first = s.aid_person_create(by=head, centre=centre, submit_token=token, **LAWYER)
    again = s.aid_person_create(by=head, centre=centre, submit_token=token, **LAWYER)
    assert again.pk == first.pk and _written() == (1, 1)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "  "}, "name", "请填写姓名。"),
        ({"kind": "judge"}, "kind", "请选择人员类别"),
        ({"licence_number": ""}, "licence_number", "请填写律师的执业证号。"),
        ({"kind": "grassroots", "licence_number": ""}, "licence_number", "请填写基层法律服务工作者的执业证号。"),
        ({"organisation": ""}, "organisation", "请填写所在律师事务所。"),
        ({"phone": "12345"}, "phone", "联系电话格式不正确"),
        ({"specialities": "劳" * 201}, "specialities", "不超过200字"),
    ],
)
def test_a_refused_registration_names_the_field_and_writes_nothing(head, centre, change, field, message):
    with pytest.raises(DomainError) as exc:
        s.aid_person_create(by=head, centre=centre, **{**LAWYER, **change})
    assert exc.value.field == field and message in exc.value.message
    assert _written() == (0, 0)


def test_a_duplicate_licence_is_refused_in_the_same_centre_not_in_another(head, centre, district_centre):
    s.aid_person_create(by=head, centre=centre, **LAWYER)
    with pytest.raises(DomainError) as exc:
        s.aid_person_create(
            by=head, centre=centre, **{**LAWYER, "name": "另一人", "licence_number": " 13701202010123456"}
        )
    assert (exc.value.code, exc.value.field) == ("duplicate", "licence_number")
    assert exc.value.message == "执业证号13701202010123456已登记（郑明律）。"
    assert _written() == (1, 1)
    # the same lawyer may serve the district's centre too
    other = s.aid_person_create(by=None, centre=district_centre, **LAWYER)
    assert other.centre == district_centre


def test_a_volunteer_needs_no_licence_and_two_volunteers_without_one_do_not_clash(head, centre):
    for name in ("陈志愿", "李志愿"):
        s.aid_person_create(by=head, centre=centre, kind="volunteer", name=name)
    assert list(AidPerson.objects.values_list("licence_number", flat=True)) == ["", ""]


def test_an_edit_saves_and_keeps_the_phone_unless_a_new_one_is_typed(head, centre):
    p = s.aid_person_create(by=head, centre=centre, **LAWYER)
    p = s.aid_person_update(
        by=head, person=p, expected_version=1, **{**LAWYER, "phone": "", "specialities": "劳动争议、工伤"}
    )
    p.refresh_from_db()
    assert (p.version, p.specialities, p.phone) == (2, "劳动争议、工伤", "13812345678")
    p = s.aid_person_update(by=head, person=p, expected_version=2, **{**LAWYER, "phone": "0531-88888888"})
    assert AidPerson.objects.get(pk=p.pk).phone == "0531-88888888"
    p = s.aid_person_update(by=head, person=p, expected_version=3, **{**LAWYER, "phone": ""}, clear_phone=True)
    assert AidPerson.objects.get(pk=p.pk).phone == ""
    events = AuditEvent.objects.filter(action="legal_aid.person.update").order_by("pk")
    assert [e.summary["changed"] for e in events] == [["specialities"], ["phone", "specialities"], ["phone"]]


def test_a_stale_edit_is_refused_and_writes_nothing(head, centre):
    # given two users opened the same person at version 1, and the first saved
    p = s.aid_person_create(by=head, centre=centre, **LAWYER)
    s.aid_person_update(by=head, person=AidPerson.objects.get(pk=p.pk), expected_version=1, **LAWYER, clear_phone=True)
    # when the second saves with version 1
    with pytest.raises(ConflictError):
        s.aid_person_update(by=head, person=p, expected_version=1, **{**LAWYER, "name": "郑改名"})
    # then the first one's save stands and no second event is written
    stored = AidPerson.objects.get(pk=p.pk)
    assert (stored.name, stored.version, stored.phone) == ("郑明律", 2, "")
    assert p.name == "郑明律"  # the object the page shows is the stored person again
    assert AuditEvent.objects.filter(action="legal_aid.person.update").count() == 1


def test_a_refused_edit_writes_nothing(head, centre):
    p = s.aid_person_create(by=head, centre=centre, **LAWYER)
    other = s.aid_person_create(by=head, centre=centre, **{**LAWYER, "name": "林", "licence_number": "X1"})
    with pytest.raises(DomainError) as exc:
        s.aid_person_update(by=head, person=other, expected_version=1, **{**LAWYER, "name": "林"})
    assert exc.value.field == "licence_number"
    assert AidPerson.objects.get(pk=other.pk).licence_number == "X1" and _written() == (2, 2)
    assert p.version == 1


def test_deactivate_and_reactivate_are_versioned_and_audited(head, centre):
    p = s.aid_person_create(by=head, centre=centre, **LAWYER)
    p = s.aid_person_deactivate(by=head, person=p, expected_version=1)
    assert (AidPerson.objects.get(pk=p.pk).is_active, p.version) == (False, 2)
    with pytest.raises(DomainError) as exc:
        s.aid_person_deactivate(by=head, person=p, expected_version=2)
    assert exc.value.message == "郑明律已停用。"
    with pytest.raises(ConflictError):
        s.aid_person_reactivate(by=head, person=AidPerson.objects.get(pk=p.pk), expected_version=1)
    p = s.aid_person_reactivate(by=head, person=p, expected_version=2)
    assert AidPerson.objects.get(pk=p.pk).is_active is True
    actions = list(
        AuditEvent.objects.filter(action__startswith="legal_aid.person").order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["legal_aid.person.create", "legal_aid.person.deactivate", "legal_aid.person.reactivate"]


# ---- who may keep the registry -------------------------------------------------------------------------------------
PERSONAS = {
    "head": ("legal_aid_head", "centre"),
    "staff": ("legal_aid_staff", "centre"),
    "supervisor": ("legal_aid_supervisor", "justice"),
    "office_staff": ("office_staff", "justice"),
    "other_head": ("legal_aid_head", "district_centre"),
    "other_staff": ("legal_aid_staff", "market"),
    "mediator": ("mediator", "justice"),
    "sys_admin": ("sys_admin", "justice"),
}
# persona → (sees the centre's person, may manage it)
EXPECTED = {
    "head": (True, True),
    "staff": (True, False),
    "supervisor": (True, False),
    "office_staff": (True, False),
    "other_head": (False, False),
    "other_staff": (False, False),
    "mediator": (False, False),
    "sys_admin": (False, False),
}


@pytest.mark.parametrize("who", sorted(PERSONAS))
def test_registry_policy_matrix(who, persona, centre, district_centre):
    p = s.aid_person_create(by=None, centre=centre, **LAWYER)
    user = persona(*PERSONAS[who])
    view, manage = EXPECTED[who]
    assert (AidPersonPolicy.can(user, "view", p), AidPersonPolicy.can(user, "manage", p)) == (view, manage)
    assert list(aid_people_visible_to(user)) == ([p] if view else [])
    assert AidPersonPolicy.can(user, "delete", p) is False  # unlisted: denied
    if not manage:  # a denied call changes nothing
        with pytest.raises(DomainError) as exc:
            s.aid_person_update(by=user, person=p, expected_version=1, **{**LAWYER, "name": "改"})
        assert "无权" in exc.value.message
        with pytest.raises(DomainError):
            s.aid_person_create(by=user, centre=centre, **{**LAWYER, "licence_number": "Z9"})
        with pytest.raises(DomainError):
            s.aid_person_deactivate(by=user, person=p, expected_version=1)
        stored = AidPerson.objects.get(pk=p.pk)
        assert (stored.name, stored.version, stored.is_active, AidPerson.objects.count()) == ("郑明律", 1, True, 1)


# ---- assignment from the registry ----------------------------------------------------------------------------------
def test_assignment_takes_an_active_person_of_the_cases_centre_only(apply, head, staff, aid_person, district_centre):
    case = s.case_grant(case=apply(), by=head, on=D(2025, 3, 5), pledge=True)
    elsewhere = s.aid_person_create(by=None, centre=district_centre, **LAWYER)
    retired = aid_person(name="赵退休")
    s.aid_person_deactivate(by=None, person=retired, expected_version=1)
    before = (case.version, case.state, case.extra)
    for person, message in (
        (elsewhere, "所选人员不在本案法律援助机构的名册中。"),
        (retired, "赵退休已停用，不能指派，请选择在册人员。"),
        (999999, "所选人员不在本案法律援助机构的名册中。"),
        (None, "请从法律援助人员名册中选择承办人员。"),
    ):
        with pytest.raises(DomainError) as exc:
            s.case_assign(case=case, by=staff, on=D(2025, 3, 6), person=person)
        assert (exc.value.field, exc.value.message) == ("person", message)
        case.refresh_from_db()
        assert (case.version, case.state, case.extra) == before
    zheng = aid_person(name="郑律师", kind="lawyer", licence_number="A1", organisation="某律所")
    case = s.case_assign(case=case, by=staff, on=D(2025, 3, 6), person=zheng)
    assert case.extra["assignment"] == {
        "on": "2025-03-06",
        "person_id": zheng.pk,
        "name": "郑律师",
        "kind": "lawyer",
        "organisation": "某律所",
        "licence": "A1",
        "due": "2025-03-10",
        "on_time": True,
    }
    assert case.events.filter(label="指派律师郑律师（某律所）").exists()


def test_the_assign_page_offers_only_the_centres_active_people(
    apply, head, staff, aid_person, district_centre, login_client
):
    case = s.case_grant(case=apply(), by=head, on=D(2025, 3, 5), pledge=True)
    zheng = aid_person(name="郑律师")
    retired = aid_person(name="赵退休")
    s.aid_person_deactivate(by=None, person=retired, expected_version=1)
    elsewhere = s.aid_person_create(by=None, centre=district_centre, **LAWYER)
    client = login_client(staff)
    page = client.get(f"/legal-aid/{case.pk}/do/assign/").content.decode()
    assert "郑律师（律师·示范市某某律师事务所）" in page
    assert "赵退休" not in page and "郑明律" not in page
    # a forged choice is refused beside the field, nothing written
    resp = client.post(
        f"/legal-aid/{case.pk}/do/assign/", {"version": case.version, "on": "2025-03-06", "person": elsewhere.pk}
    )
    assert resp.status_code == 200 and "所选人员不在本机构的在册名册中，请重新选择。" in resp.content.decode()
    case.refresh_from_db()
    assert case.state == "granted"
    resp = client.post(
        f"/legal-aid/{case.pk}/do/assign/", {"version": case.version, "on": "2025-03-06", "person": zheng.pk}
    )
    assert resp.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.extra["assignment"]["person_id"]) == ("assigned", zheng.pk)


def test_a_case_assigned_before_the_registry_stays_readable(apply, head, staff, login_client):
    case = s.case_grant(case=apply(), by=head, on=D(2025, 3, 5), pledge=True)
    typed = {"on": "2025-03-06", "name": "郑老律", "kind": "firm_lawyer", "organisation": "某律所", "on_time": True}
    Case.objects.filter(pk=case.pk).update(state="assigned", extra={**case.extra, "assignment": typed})
    page = login_client(staff).get(f"/legal-aid/{case.pk}/").content.decode()
    assert "律师事务所律师 郑老律（某律所）" in page and "名册建立前登记" in page
    assert aid_people_workload([1, 2, 3]) == {}  # a typed assignee counts for nobody


def test_workload_counts_open_and_closed_assignments_exactly(apply, head, staff, aid_person):
    a, b = aid_person(name="甲"), aid_person(name="乙")
    aid_person(name="丙")  # none assigned

    def assigned(person):
        case = s.case_grant(case=apply(), by=head, on=D(2025, 3, 5), pledge=True)
        return s.case_assign(case=case, by=staff, on=D(2025, 3, 6), person=person)

    assigned(a)
    assigned(a)
    s.case_close(case=assigned(a), by=staff, on=D(2025, 4, 1), report="办结")
    s.case_terminate(case=assigned(a), by=head, on=D(2025, 4, 1), reason="受援人情况变化")
    s.case_close(case=assigned(b), by=staff, on=D(2025, 4, 1), report="办结")
    s.case_advance(case=apply(), by=head, on=D(2025, 3, 3), ground="deadline", person=b)  # 先行援助 is no assignment
    assert aid_people_workload([a.pk, b.pk]) == {a.pk: {"open": 2, "closed": 2}, b.pk: {"open": 0, "closed": 1}}
