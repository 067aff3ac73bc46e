"""The parse of an upload runs in a forked child under a memory ceiling and a time limit (issue #10 finding 5)."""

from __future__ import annotations

import os
import time

import pytest

from fazhi.core.bounded import ParseLimitError, run_bounded
from fazhi.core.errors import DomainError


def _alloc(mb: int) -> int:
    return len(bytearray(mb * 1024 * 1024))


def _refuse() -> None:
    raise DomainError("x.code", "第3行：不对", field="file")


def test_the_value_comes_back_from_the_child():
    assert run_bounded(_alloc, 8, memory_mb=64) == 8 * 1024 * 1024
    assert run_bounded(os.getpid) != os.getpid()  # it really ran in another process


def test_past_the_ceiling_is_a_chinese_refusal_and_the_caller_lives_on():
    with pytest.raises(ParseLimitError) as info:
        run_bounded(_alloc, 300, memory_mb=64)
    assert info.value.message == "文件解析超出内存上限（64 MB），未导入任何数据。"
    assert run_bounded(_alloc, 8, memory_mb=64) == 8 * 1024 * 1024


def test_an_exception_keeps_its_class_and_attributes():
    with pytest.raises(DomainError) as info:
        run_bounded(_refuse)
    assert (info.value.code, info.value.message, info.value.field) == ("x.code", "第3行：不对", "file")


def test_past_the_time_limit_the_child_is_stopped():
    with pytest.raises(ParseLimitError) as info:
        run_bounded(time.sleep, 30, seconds=1)
    assert info.value.message == "文件解析超过时间上限（1 秒），未导入任何数据。"
