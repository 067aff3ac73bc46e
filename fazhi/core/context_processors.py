from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    """The installing government's name, shown on public pages (FAZHI_ORGANISATION_NAME)."""
    return {"organisation_name": settings.FAZHI_ORGANISATION_NAME}
