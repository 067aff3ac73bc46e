"""`make run` and the `fazhi` command: the demo as an office would see it.

DEBUG stays off, so a refused or missing page is the friendly Chinese 403/404/500 page and no URL list is shown; a
developer who wants Django's debug pages asks for them with FAZHI_DEBUG=1. Static files are served by WhiteNoise from
the apps' static folders (no collectstatic for the demo).
"""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("FAZHI_DEBUG", "") == "1"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
