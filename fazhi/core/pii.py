"""Personal information (PIPL Art. 51): encrypted at rest, masked by default, unmasked only by permission + audit."""

from __future__ import annotations

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
