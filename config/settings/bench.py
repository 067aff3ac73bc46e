"""Benchmarks on loopback: production settings (DEBUG off, PBKDF2, whitenoise manifest) minus HTTPS-only cookies,
because the load generator talks plain HTTP to 127.0.0.1. Never deploy with this module."""

import os

os.environ.setdefault("FAZHI_SECRET_KEY", "bench-only-" + "k" * 60)
os.environ.setdefault("FAZHI_SSL_REDIRECT", "0")

from .prod import *  # noqa: E402, F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
