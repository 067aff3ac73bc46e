"""The PII / audit key file: created once, whole, however many processes start at the same moment."""

from __future__ import annotations

import base64
import multiprocessing
from pathlib import Path

from fazhi.core.crypto import FileKeyProvider


def _read(path: str, barrier: object, out: object) -> None:
    barrier.wait()  # type: ignore[attr-defined]
    out.put(FileKeyProvider._read_or_create(Path(path), 48))  # type: ignore[attr-defined]


def test_processes_starting_together_all_get_the_one_key_written(tmp_path: Path) -> None:
    # given a fresh install: no key file; eight processes (gunicorn workers, the job worker) start at once
    path = tmp_path / "keys" / "pii.key"
    ctx = multiprocessing.get_context("fork")
    barrier, out = ctx.Barrier(8), ctx.Queue()
    procs = [ctx.Process(target=_read, args=(str(path), barrier, out)) for _ in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    # then none failed, all read the same 48 bytes, and that is what the file holds (no stray temporary files)
    assert [p.exitcode for p in procs] == [0] * 8
    keys = {out.get(timeout=5) for _ in procs}
    assert len(keys) == 1
    assert base64.b64decode(path.read_bytes().strip()) == keys.pop()
    assert sorted(f.name for f in path.parent.iterdir()) == ["pii.key"]
    assert path.stat().st_mode & 0o777 == 0o600


def test_an_existing_key_is_read_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "pii.key"
    path.write_bytes(base64.b64encode(b"k" * 48))
    assert FileKeyProvider._read_or_create(path, 48) == b"k" * 48
