"""Settings read from the environment at start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setting(expr: str, **env: str) -> str:
    code = f"import config.settings.base as s; print({expr})"
    return subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_pages_cache_can_be_turned_off_and_is_on_by_default():
    assert _setting("s.CACHES['pages']['BACKEND']") == "django.core.cache.backends.locmem.LocMemCache"
    assert _setting("s.CACHES['pages']['BACKEND']", FAZHI_PAGES_CACHE="off") == (
        "django.core.cache.backends.dummy.DummyCache"
    )


def test_job_results_are_kept_seven_days_unless_configured():
    assert _setting("s.FAZHI_JOB_RESULT_DAYS") == "7"
    assert _setting("s.FAZHI_JOB_RESULT_DAYS", FAZHI_JOB_RESULT_DAYS="30") == "30"


def _dev_setting(expr: str, **env: str) -> str:
    code = f"import config.settings.dev as s; print({expr})"
    clean = {k: v for k, v in os.environ.items() if k != "FAZHI_DEBUG"}
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_make_run_serves_without_debug_unless_a_developer_asks():
    # issue #11 point 1: the demo shows the Chinese 404 page, not Django's English one listing every URL pattern
    assert _dev_setting("s.DEBUG") == "False"
    assert _dev_setting("s.DEBUG", FAZHI_DEBUG="1") == "True"
    assert _dev_setting("s.WHITENOISE_USE_FINDERS") == "True"  # the demo's styles are served without DEBUG
