"""Production: PostgreSQL behind nginx over HTTPS. Every secret comes from the environment (docs/deploy.md)."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("FAZHI_SECRET_KEY", "")
if len(SECRET_KEY) < 50 and not os.environ.get("FAZHI_CHECK_ONLY"):
    raise ImproperlyConfigured("生产环境必须通过 FAZHI_SECRET_KEY 提供不少于50个字符的密钥")
if os.environ.get("FAZHI_CHECK_ONLY") and len(SECRET_KEY) < 50:
    SECRET_KEY = "check-only-" + "x9Qz!" * 12
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("FAZHI_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("FAZHI_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
