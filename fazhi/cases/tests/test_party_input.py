from fazhi.cases.models import PartyKind, PartyRole
from fazhi.cases.services import PartyInput, party_input_from


def test_a_person_keeps_the_id_number_and_drops_the_credit_code():
    data = {
        "applicant_kind": PartyKind.PERSON,
        "applicant_name": "张三",
        "applicant_id_number": "11010519491231002X",
        "applicant_credit_code": "91350100M000100Y43",
        "applicant_phone": "13812345678",
        "applicant_address": "示范路1号",
    }
    assert party_input_from(data, prefix="applicant", role=PartyRole.APPLICANT) == PartyInput(
        role=PartyRole.APPLICANT,
        kind=PartyKind.PERSON,
        name="张三",
        id_number="11010519491231002X",
        phone="13812345678",
        address="示范路1号",
        credit_code="",
    )


def test_an_organisation_keeps_the_credit_code_and_a_missing_address_is_blank():
    data = {
        "plaintiff_kind": PartyKind.ORGANISATION,
        "plaintiff_name": "示范公司",
        "plaintiff_id_number": "x",
        "plaintiff_credit_code": "91350100M000100Y43",
        "plaintiff_phone": "0571-88888888",
    }
    got = party_input_from(data, prefix="plaintiff", role=PartyRole.APPLICANT)
    assert (got.kind, got.id_number, got.credit_code, got.phone, got.address) == (
        PartyKind.ORGANISATION,
        "",
        "91350100M000100Y43",
        "0571-88888888",
        "",
    )
