"""How a clock's record is named on the boards (sources.record_describe)."""

from __future__ import annotations

from types import SimpleNamespace

from fazhi.supervision.sources import record_describe


def test_a_record_without_a_chinese_verbose_name_gets_no_english_label():
    # given a record of a model whose verbose name Django made up from its class name, and one named in Chinese
    english = SimpleNamespace(_meta=SimpleNamespace(label_lower="x.filingreview", verbose_name="filing review"))
    chinese = SimpleNamespace(_meta=SimpleNamespace(label_lower="x.notice", verbose_name="督办单"))
    # then a board gets no label for the first (its caller's Chinese default shows) and the Chinese name for the other
    assert record_describe(english) == ("", "")
    assert record_describe(chinese) == ("督办单", "")
