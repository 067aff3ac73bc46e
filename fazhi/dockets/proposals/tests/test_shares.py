"""分办 and 协办 units: a 协办 unit gives opinions and never answers; a 分办 unit answers its own part (contact first,
signed by its head); the item is 销号 only when every part is answered; every unit it was handed to sees it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.http import Http404

from fazhi.cases.selectors import transitions_available
from fazhi.core.errors import DomainError
from fazhi.dockets.proposals import services as s
from fazhi.dockets.proposals.models import Assignment, Reply
from fazhi.dockets.proposals.selectors import proposal_get_for, proposals_visible_to
from fazhi.dockets.proposals.services._common import share_clock
from fazhi.dockets.proposals.spec import SPEC

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(item, city):
    def make():
        case = item(split_units=[city["district"]], assist_units=[city["finance"]])
        split = Assignment.objects.get(case=case, role="split")
        assist = Assignment.objects.get(case=case, role="assist")
        return case, split, assist

    return make


def test_shares_get_their_own_clocks(shared):
    case, split, assist = shared()
    assert share_clock(split, "sign").due_date == D(2026, 3, 9)
    assert share_clock(split, "reply").due_date == D(2026, 6, 2)
    assert share_clock(assist, "opinion").due_date == D(2026, 4, 2)  # 1 month (Shandong 2017)
    assert case.extra["open_parts"] == 1


def test_an_assisting_unit_cannot_answer(shared, assist_handler):
    case, _, assist = shared()
    s.share_sign(share=assist, by=assist_handler, on=D(2026, 3, 3))
    with pytest.raises(DomainError) as e:
        s.share_reply_draft(share=assist, by=assist_handler, result_class="A", text="我局意见……")
    assert e.value.message == "协办单位不能答复代表/委员：请将协办意见送主办单位，由主办单位统一答复。"
    assert Reply.objects.filter(case=case).count() == 0
    # nor take the lead's reply step: the case is not in its scope
    assert SPEC.transition("send") not in transitions_available(assist_handler, case)


def test_an_assisting_unit_sends_its_opinion_within_a_month(shared, assist_handler):
    _, _, assist = shared()
    share = s.share_opinion(share=assist, by=assist_handler, on=D(2026, 3, 20), opinion="资金可列入明年预算。")
    assert (share.opinion_on, share.signed_on) == (D(2026, 3, 20), D(2026, 3, 20))
    assert share_clock(share, "opinion").completed_on == D(2026, 3, 20)


def test_a_split_unit_answers_its_part_after_contact_and_signature(shared, persona, handler, head, office):
    case, split, _ = shared()
    liaison = persona("district_liaison", "district")
    district_head = persona("proposal_head", "district")
    s.share_sign(share=split, by=liaison, on=D(2026, 3, 3))
    with pytest.raises(DomainError) as e:
        s.share_reply_draft(share=split, by=liaison, result_class="A", text="区里已落实。")
    assert e.value.message.startswith("答复前须与代表/委员沟通")
    s.share_contact(share=split, by=liaison, on=D(2026, 3, 10), form="phone")
    s.share_reply_draft(share=split, by=liaison, result_class="A", text="区里已落实。")
    with pytest.raises(DomainError) as e:
        s.share_reply_send(share=split, by=liaison, on=D(2026, 3, 25))
    assert e.value.message == "答复函须经承办单位负责人签发后才能答复。"
    with pytest.raises(PermissionDenied):  # the lead unit's head does not sign for the district
        s.share_reply_sign_off(share=split, by=head, on=D(2026, 3, 20))
    s.share_reply_sign_off(share=split, by=district_head, on=D(2026, 3, 20))
    # the lead is answered and rated first: 销号 still waits for the part
    case = s.case_sign(case=case, by=handler, on=D(2026, 3, 4))
    case = s.case_contact(case=case, by=handler, on=D(2026, 3, 10), form="visit")
    case = s.case_draft(case=case, by=handler, result_class="A", text="已解决。")
    case = s.case_sign_off(case=case, by=head, on=D(2026, 3, 20))
    case = s.case_send(case=case, by=handler, on=D(2026, 3, 25))
    case = s.case_rate(case=case, by=handler, on=D(2026, 3, 30), rating="satisfied")
    assert SPEC.transition("close").refusal(case) == "还有1个分办单位未答复。"
    s.share_reply_send(share=split, by=liaison, on=D(2026, 3, 25))
    case.refresh_from_db()
    assert case.extra["open_parts"] == 0
    assert share_clock(split, "reply").completed_on == D(2026, 3, 25)
    case = s.case_close(case=case, by=office, on=D(2026, 3, 31))
    assert case.state == "closed"


def test_every_unit_handed_the_item_sees_it_and_others_do_not(shared, assist_handler, persona):
    case, _, _ = shared()
    assert list(proposals_visible_to(assist_handler)) == [case]
    assert proposal_get_for(assist_handler, case.pk) == case
    outsider = persona("dept_liaison", "justice")
    assert list(proposals_visible_to(outsider)) == []
    with pytest.raises(Http404):
        proposal_get_for(outsider, case.pk)


def test_a_share_of_another_unit_cannot_be_signed(shared, assist_handler):
    _, split, _ = shared()
    with pytest.raises(PermissionDenied):
        s.share_sign(share=split, by=assist_handler, on=D(2026, 3, 3))
    split.refresh_from_db()
    assert split.signed_on is None


def test_the_api_shows_the_item_to_every_unit_it_was_handed_to_and_no_other(shared, city):
    """The kernel's /api/v1/cases/ reads the docket's own scope (spec.visible_to): a 协办 or 分办 unit's system sees
    the item it must work on, as its pages do; a unit it was not handed to gets the 404 of a missing case."""
    from django.test import Client

    from fazhi.api.tests.factories import account_with, bearer, key_for

    case, _, _ = shared()
    codes = ["cases.case.view", "proposals.case.view"]
    for unit in ("finance", "district", "market"):  # 协办, 分办, 主办
        _k, full = key_for(account_with(codes, unit=city[unit]))
        listed = Client().get("/api/v1/cases/?docket=proposals", **bearer(full)).json()
        assert [r["id"] for r in listed["items"]] == [case.pk], unit
        assert Client().get(f"/api/v1/cases/{case.pk}/", **bearer(full)).json()["id"] == case.pk
    _k, full = key_for(account_with(codes, unit=city["justice"]))
    assert Client().get("/api/v1/cases/?docket=proposals", **bearer(full)).json()["items"] == []
    assert Client().get(f"/api/v1/cases/{case.pk}/", **bearer(full)).status_code == 404


def _asks(share, by):
    with time_machine.travel(dt.datetime(2026, 3, 4, 2, tzinfo=dt.UTC), tick=False):  # 10:00 in 示范市, in the period
        return s.share_ask_reassign(share=share, by=by, reason="该路段属市司法局管理")


def test_the_office_moves_a_share_to_another_unit_and_it_starts_a_new_signing_period(shared, persona, office, city):
    """legal-rules.md §8: a unit the item does not concern reports back within the 签收 period and never forwards it
    itself; the government office decides. The new unit gets its own 签收 period; the reply still runs from 交办."""
    case, split, _ = shared()
    liaison = persona("district_liaison", "district")
    _asks(split, liaison)
    with pytest.raises(PermissionDenied):
        s.share_reassign(share=split, by=liaison, on=D(2026, 3, 5), unit=city["justice"])
    with pytest.raises(DomainError) as e:
        s.share_reassign(share=split, by=office, on=D(2026, 3, 5), unit=city["finance"])  # already 协办
    assert (e.value.field, e.value.message) == ("unit", "调整为：“示范市财政局”已是本件的承办单位。")
    with pytest.raises(DomainError) as e:
        s.share_reassign(share=split, by=office, on=D(2026, 3, 3), unit=city["justice"])
    assert (e.value.field, e.value.message) == ("on", "决定日期不能早于申请调整的日期（2026年3月4日）。")
    assert Assignment.objects.filter(case=case, active=True).count() == 3  # nothing changed
    new = s.share_reassign(share=split, by=office, on=D(2026, 3, 5), unit=city["justice"], note="经核实属司法局")
    split.refresh_from_db()
    assert split.active is False
    assert (new.role, new.unit, new.assigned_on, new.signed_on) == ("split", city["justice"], D(2026, 3, 5), None)
    assert share_clock(new, "sign").due_date == D(2026, 3, 10)  # 5 days from the decision
    assert share_clock(new, "reply").due_date == D(2026, 6, 2)  # 3 months from the first 交办 (代表法 Art. 51)
    assert (share_clock(split, "sign").completed_on, share_clock(split, "reply").completed_on) == (D(2026, 3, 5),) * 2
    assert list(proposals_visible_to(liaison)) == []
    assert list(proposals_visible_to(persona("dept_liaison", "justice"))) == [case]
    labels = list(case.events.values_list("label", flat=True))
    assert "分办单位调整：示范市东城区人民政府 → 示范市司法局（经核实属司法局）" in labels


def test_the_office_keeps_a_share_and_the_unit_must_sign(shared, persona, office, city):
    _, split, assist = shared()
    with pytest.raises(DomainError) as e:
        s.share_reassign(share=assist, by=office, on=D(2026, 3, 5))
    assert (e.value.field, e.value.message) == ("unit", "该单位没有申请调整。")
    liaison = persona("district_liaison", "district")
    _asks(split, liaison)
    kept = s.share_reassign(share=split, by=office, on=D(2026, 3, 5))
    assert (kept.pk, kept.active, kept.reassign_asked_on) == (split.pk, True, None)
    assert kept.reassign_reason == "该路段属市司法局管理"  # kept for the record
    assert share_clock(kept, "sign").completed_on is None
    s.share_sign(share=kept, by=liaison, on=D(2026, 3, 6))


def test_after_a_dissatisfied_rating_the_split_unit_answers_its_part_again(shared, persona, handler, head, office):
    """Shandong 2017: 不满意 → re-handled within a month (proposals.rehandling). Every 分办 part reopens with its own
    clock; the unit contacts the proposer again before answering; 销号 waits for the part's second answer."""
    case, split, _ = shared()
    liaison = persona("district_liaison", "district")
    s.share_sign(share=split, by=liaison, on=D(2026, 3, 3))
    s.share_contact(share=split, by=liaison, on=D(2026, 3, 10), form="phone")
    s.share_reply_draft(share=split, by=liaison, result_class="A", text="区里已落实。")
    s.share_reply_sign_off(share=split, by=persona("proposal_head", "district"), on=D(2026, 3, 20))
    s.share_reply_send(share=split, by=liaison, on=D(2026, 3, 25))
    case = s.case_sign(case=case, by=handler, on=D(2026, 3, 4))
    case = s.case_contact(case=case, by=handler, on=D(2026, 3, 10), form="visit")
    case = s.case_draft(case=case, by=handler, result_class="A", text="已解决。")
    case = s.case_sign_off(case=case, by=head, on=D(2026, 3, 20))
    case = s.case_send(case=case, by=handler, on=D(2026, 3, 25))
    case = s.case_rate(case=case, by=handler, on=D(2026, 4, 1), rating="unsatisfied")
    assert case.extra["open_parts"] == 1
    # one month from the rating ends on 1 May, 劳动节 (1–5 May 2026): the next working day
    assert share_clock(split, "rehandling_2").due_date == D(2026, 5, 6)
    with pytest.raises(DomainError) as e:  # the round-1 contact does not count for round 2
        s.share_reply_draft(share=split, by=liaison, result_class="A", text="再次办理。")
    assert e.value.message.startswith("答复前须与代表/委员沟通")
    s.share_contact(share=split, by=liaison, on=D(2026, 4, 8), form="visit")
    s.share_reply_draft(share=split, by=liaison, result_class="A", text="再次办理。")
    s.share_reply_sign_off(share=split, by=persona("proposal_head", "district"), on=D(2026, 4, 10))
    reply = s.share_reply_send(share=split, by=liaison, on=D(2026, 4, 12))
    assert (reply.round, reply.kind) == (2, "rehandling")
    assert share_clock(split, "rehandling_2").completed_on == D(2026, 4, 12)
    case.refresh_from_db()
    assert case.extra["open_parts"] == 0
    case = s.case_contact(case=case, by=handler, on=D(2026, 4, 8), form="meeting")
    case = s.case_draft(case=case, by=handler, result_class="A", text="再次办理。")
    case = s.case_sign_off(case=case, by=head, on=D(2026, 4, 10))
    case = s.case_send(case=case, by=handler, on=D(2026, 4, 12))
    case = s.case_rate(case=case, by=handler, on=D(2026, 4, 20), rating="satisfied")
    assert s.case_close(case=case, by=office, on=D(2026, 4, 30)).state == "closed"
