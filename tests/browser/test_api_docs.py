"""The API docs page works offline: Swagger UI from django-ninja's own static files renders every operation of the
OpenAPI document, with no request leaving the server (the `page` fixture aborts and reports any), under the
platform's security headers; screenshots at three sizes."""

from __future__ import annotations

from pathlib import Path

import pytest

SHOTS = Path("var/screenshots")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080), (390, 844)])
def test_the_docs_page_renders_every_operation_from_local_assets(page, live_server, width, height):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-summary", timeout=20000)
    assert page.title() == "法治政府建设平台接口 · 接口文档"
    operations = page.locator(".opblock-summary").count()
    assert operations >= 20
    assert page.locator("text=案件列表").first.is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"api-docs-{width}x{height}.png"), full_page=False)
    assert errors == []
