import pytest
from django.core.exceptions import ValidationError

from fazhi.core.validators import validate_credit_code, validate_id_number, validate_phone


@pytest.mark.parametrize("value", ["11010519491231002X", "11010519491231002x", "１１０１０５１９４９１２３１００２Ｘ"])
def test_valid_id_numbers_are_normalised(value):
    assert validate_id_number(value) == "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("110105194912310021", "id_checksum"),
        ("11010519491331002X", "id_birth_date"),
        ("1101051949123100", "id_format"),
        # checksum-valid, but born in 1880: birth years before 1900 are refused (security-reliability.md §2.6)
        ("440524188001010014", "id_birth_date"),
    ],
)
def test_invalid_id_numbers_name_the_problem(value, code):
    with pytest.raises(ValidationError) as err:
        validate_id_number(value)
    assert err.value.code == code


def test_credit_code_checks_gb32100_check_character():
    assert validate_credit_code("91350100M000100Y43") == "91350100M000100Y43"
    with pytest.raises(ValidationError) as err:
        validate_credit_code("91350100M000100Y4Z")
    assert err.value.code == "uscc_chars"
    with pytest.raises(ValidationError) as err:
        validate_credit_code("91350100M000100Y44")
    assert err.value.code == "uscc_checksum"


def test_phone_numbers():
    assert validate_phone("13812345678") == "13812345678"
    with pytest.raises(ValidationError):
        validate_phone("12812345678")
