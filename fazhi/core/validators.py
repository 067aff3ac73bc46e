"""Identifier checks: citizen ID (GB 11643-1999), unified social credit code (GB 32100-2015), mobile phone.

The credit-code checksum comes from python-stdnum (docs/adr/0002-stack.md); the ID check character is ours (below).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.core.exceptions import ValidationError
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_check_character(first17: str) -> str:
    """GB 11643-1999 check character: ISO 7064 MOD 11-2 (S = Σ aᵢ·Wᵢ; S mod 11 → 1 0 X 9 8 7 6 5 4 3 2).

    Written out here because python-stdnum 2.2's ric.calc_check_digit disagrees with the standard's own example
    (11010519491231002X); the test vectors in tests/test_validators.py pin it.
    """
    return ID_CHECK[sum(int(a) * w for a, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def normalize_identifier(value: str) -> str:
    # NFKC turns full-width digits and letters into ASCII; IDs are upper-case.
    return unicodedata.normalize("NFKC", value or "").strip().replace(" ", "").upper()


def validate_id_number(value: str) -> str:
    """Return the normalised 18-character ID number or raise a ValidationError in Chinese."""
    v = normalize_identifier(value)
    if len(v) != 18 or not v[:17].isdigit() or not (v[17].isdigit() or v[17] == "X"):
        raise ValidationError("身份证号码应为18位，前17位为数字，最后一位为数字或X。", code="id_format")
    try:
        birth = dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError as exc:
        raise ValidationError("身份证号码中的出生日期不存在。", code="id_birth_date") from exc
    if birth.year < 1900 or birth > dt.date.today():  # noqa: DTZ011 (a birth date, not a deadline)
        raise ValidationError("身份证号码中的出生日期不合理。", code="id_birth_date")
    if id_check_character(v[:17]) != v[17]:
        raise ValidationError("身份证号码校验位错误，请核对。", code="id_checksum")
    return v


def validate_credit_code(value: str) -> str:
    """Return the normalised 统一社会信用代码 or raise (GB 32100-2015, check character mod 31)."""
    v = normalize_identifier(value)
    if len(v) != 18:
        raise ValidationError("统一社会信用代码应为18位。", code="uscc_length")
    if re.search(r"[IOSVZ]", v):
        raise ValidationError("统一社会信用代码不能包含字母I、O、S、V、Z。", code="uscc_chars")
    try:
        uscc.validate(v)
    except StdnumError as exc:
        raise ValidationError("统一社会信用代码校验位错误，请核对。", code="uscc_checksum") from exc
    return v


def validate_phone(value: str) -> str:
    v = normalize_identifier(value).replace("-", "-")
    if PHONE_RE.match(v) or LANDLINE_RE.match(v):
        return v
    raise ValidationError("电话号码格式不正确（手机号为11位，以1开头；固定电话如0571-88888888）。", code="phone")


def validate_division_code(value: str) -> str:
    """行政区划代码 (GB/T 2260): six digits, optionally extended to 9 or 12 for towns and villages."""
    v = normalize_identifier(value)
    if not re.fullmatch(r"\d{6}(\d{3})?(\d{3})?", v):
        raise ValidationError("行政区划代码应为6位、9位或12位数字。", code="division_code")
    return v
