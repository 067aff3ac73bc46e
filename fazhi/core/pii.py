"""Personal information (PIPL Art. 51): encrypted at rest, masked by default, unmasked only by permission + audit."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import models

from . import crypto


def mask_id_number(value: str) -> str:
    """110105194912310020 → 110105********0020-style: first 6 and last 4 visible."""
    if not value:
        return ""
    return value[:6] + "*" * (len(value) - 10) + value[-4:] if len(value) > 10 else "*" * len(value)


def mask_phone(value: str) -> str:
    """13812345678 → 138****5678."""
    if not value:
        return ""
    if len(value) == 11 and value.isdigit():
        return value[:3] + "****" + value[-4:]
    return value[:-4].translate(str.maketrans("0123456789", "**********")) + value[-4:] if len(value) > 4 else "****"


def mask_name(value: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***."""
    if not value:
        return ""
    return value[0] + "*" * max(1, len(value) - 1)


ID_NUMBER_IN_TEXT = re.compile(r"\d{17}[\dXx]|\d{15}")
PHONE_IN_TEXT = re.compile(r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}")


def scrub_for_publication(text: str, *, names: Iterable[str] = (), addresses: Iterable[str] = ()) -> str:
    """Text as the public may read it (PIPL Art. 51; 行政复议法 Art. 79; 代表法 2025 Art. 51 publication): the given
    natural persons' names masked, their addresses dropped, and every ID-card and phone number in it dropped."""
    for name in names:
        if name:
            text = text.replace(name, mask_name(name))
    for address in addresses:
        if address:
            text = text.replace(address, "")
    return PHONE_IN_TEXT.sub("", ID_NUMBER_IN_TEXT.sub("", text))


class EncryptedTextField(models.TextField):
    """Stores SM4-GCM ciphertext; Python code sees plaintext. Pair with a blind-index CharField for equality search."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value in (None, ""):
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        if value in (None, ""):
            return value
        return crypto.encrypt(str(value))

    def deconstruct(self):  # type: ignore[no-untyped-def]
        name, path, args, kwargs = super().deconstruct()
        return name, "fazhi.core.pii.EncryptedTextField", args, kwargs
