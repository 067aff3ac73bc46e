"""Every audit action the indicators module writes has its Chinese name (the audit log shows it, not the code)."""

from __future__ import annotations

import re
from pathlib import Path

from fazhi.core.actions import action_label


def test_every_indicators_audit_action_has_a_chinese_name():
    root = Path(__file__).resolve().parent.parent
    codes = {
        m
        for f in root.rglob("*.py")
        if "tests" not in f.parts
        for m in re.findall(r'action=f?"(indicators\.[a-z_.]+)"', f.read_text(encoding="utf-8"))
    }
    assert len(codes) >= 23
    assert sorted(c for c in codes if action_label(c) == c) == []
