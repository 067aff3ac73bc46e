import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

_tmp = Path(tempfile.mkdtemp(prefix="fazhi-test-"))
MEDIA_ROOT = _tmp / "media"
FAZHI_STAGING_DIR = _tmp / "staging"
STATIC_ROOT = _tmp / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
FAZHI_KEY_FILE = _tmp / "pii.key"
FAZHI_AUDIT_KEY_FILE = _tmp / "audit.key"
FAZHI_AUDIT_CHECKPOINT_FILE = _tmp / "audit" / "checkpoints.jsonl"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Fast hashing in tests only: production keeps PBKDF2 with Django's default iterations.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {**sqlite_database(_tmp / "test.sqlite3"), "TEST": {"NAME": str(_tmp / "test.sqlite3")}}}  # noqa: F405

# Rendered-figure caching is switched off in tests (so no test sees another's page); the cache's own behaviour is
# tested with an explicit override (fazhi/plans/tests/test_overview_cache.py).
CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # noqa: F405
