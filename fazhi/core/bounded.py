"""Run a parse of an uploaded file in a forked child under a memory ceiling and a time limit (issue #10 finding 5,
ADR 0010). The child inherits the file and the arguments (fork: nothing is pickled on the way in), sets RLIMIT_AS to
its own address-space size plus `FAZHI_JOBS_MEMORY_MB` (default 512) and an alarm of `FAZHI_JOBS_PARSE_SECONDS`
(default 300), calls the function and sends back the pickled return value or exception. A crafted workbook that
inflates to gigabytes fails the child (MemoryError, or the kernel kills it) and the caller gets `ParseLimitError` with
a Chinese message; the worker process and its database connection are untouched.

The child must not touch the database: the parent holds the connection. Only pure reading belongs here (openpyxl,
python-docx, the plan text parser); the caller does the database work with the rows the child returns.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings

from .errors import DomainError

T = TypeVar("T")
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class ParseLimitError(DomainError):
    """The parse of an upload ran past its memory ceiling or its time limit, or its process died."""

    def __init__(self, message: str) -> None:
        super().__init__("core.parse_limit", message, field="file")


def memory_ceiling_mb() -> int:
    return int(getattr(settings, "FAZHI_JOBS_MEMORY_MB", 512))


def parse_seconds() -> int:
    return int(getattr(settings, "FAZHI_JOBS_PARSE_SECONDS", 300))


def _address_space_bytes() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * _PAGE
    except OSError:  # not Linux: no base to add the headroom to; the ceiling then counts from zero
        return 0


def _child(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], w: int, mb: int, secs: int) -> None:
    try:
        limit = _address_space_bytes() + mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the alarm kills the child; the parent reports it
        signal.alarm(secs)
        try:
            payload = pickle.dumps(("ok", fn(*args, **kwargs)))
        except MemoryError:
            payload = pickle.dumps(("memory", None))
        except BaseException as exc:  # noqa: BLE001 (the exception travels to the parent, which re-raises it)
            try:  # by class, args and attributes: a DomainError's __init__ does not take its own args back
                payload = pickle.dumps(("raise", (type(exc), exc.args, dict(exc.__dict__))))
            except Exception:  # noqa: BLE001
                payload = pickle.dumps(("raise", (RuntimeError, (str(exc),), {})))
        signal.alarm(0)
        view = memoryview(payload)
        while view:
            view = view[os.write(w, view) :]
    finally:
        os._exit(0)  # never run the parent's atexit handlers or close its database connection


def run_bounded(
    fn: Callable[..., T], *args: Any, memory_mb: int | None = None, seconds: int | None = None, **kw: Any
) -> T:
    """`fn(*args, **kw)` in a forked child under the memory ceiling; its return value or its exception here."""
    mb = memory_ceiling_mb() if memory_mb is None else memory_mb
    secs = parse_seconds() if seconds is None else seconds
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (runs in the child; its outcome is asserted through the parent)
        os.close(r)
        _child(fn, args, kw, w, mb, secs)
    os.close(w)
    chunks: list[bytes] = []
    deadline, killed = time.monotonic() + secs + 5, False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:  # the child ignored its alarm
                os.kill(pid, signal.SIGKILL)
                killed = True
                break
            ready, _, _ = select.select([r], [], [], left)
            if not ready:
                continue
            chunk = os.read(r, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(r)
        _, status = os.waitpid(pid, 0)
    if not chunks:
        if killed or (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGALRM):
            raise ParseLimitError(f"文件解析超过时间上限（{secs} 秒），未导入任何数据。")
        raise ParseLimitError(f"文件解析超出内存上限（{mb} MB），未导入任何数据。")
    outcome, value = pickle.loads(b"".join(chunks))  # noqa: S301 (our own child's bytes through a private pipe)
    if outcome == "memory":
        raise ParseLimitError(f"文件解析超出内存上限（{mb} MB），未导入任何数据。")
    if outcome == "raise":
        cls, exc_args, attrs = value
        exc = cls.__new__(cls)
        exc.args = exc_args
        exc.__dict__.update(attrs)
        raise exc
    return value  # type: ignore[no-any-return]
