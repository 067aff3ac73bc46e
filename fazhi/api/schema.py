"""The OpenAPI document as committed in docs/api/openapi.json: stable text (2-space indent, UTF-8, trailing newline),
so a change to any endpoint shows as a diff in review. `fazhi api schema` writes it; `--check` fails when it is stale."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

COMMITTED = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.json"


def schema_text() -> str:
    from .v1 import api

    return json.dumps(api.get_openapi_schema(), ensure_ascii=False, indent=2) + "\n"
