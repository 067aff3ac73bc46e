"""等保 password rules (configurable): at least 3 of 4 character classes; long passphrases allowed (ASVS V6.2.9)."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

CLASSES = [(r"[a-z]", "小写字母"), (r"[A-Z]", "大写字母"), (r"\d", "数字"), (r"[^A-Za-z0-9]", "特殊字符")]


class CharacterClassValidator:
    def __init__(self, min_classes: int | None = None) -> None:
        self.min_classes = min_classes

    def _required(self) -> int:
        return self.min_classes or settings.FAZHI_SECURITY["PASSWORD_MIN_CLASSES"]

    def validate(self, password: str, user: Any = None) -> None:
        present = sum(1 for pattern, _ in CLASSES if re.search(pattern, password))
        if present < self._required():
            raise ValidationError(
                f"密码须至少包含大写字母、小写字母、数字、特殊字符中的{self._required()}类。", code="password_classes"
            )

    def get_help_text(self) -> str:
        return f"密码至少8位，须包含大写字母、小写字母、数字、特殊字符中的{self._required()}类。"


class MaximumLengthValidator:
    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > 128:
            raise ValidationError("密码不能超过128个字符。", code="password_too_long")

    def get_help_text(self) -> str:
        return "密码不超过128个字符。"
