"""The document-template pages render (issue #10 finding 7: `{{ "{{" }}` in the list made every visit a 500)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_template_list_renders_and_shows_the_placeholder_syntax(persona, login_client):
    resp = login_client(persona("reconsideration_handler", "justice")).get("/cases/templates/")
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "生成文书时替换 {{占位符}}，并按 GB/T 9704 版式排版。" in body
    assert "行政复议受理通知书" in body


def test_the_template_list_is_refused_like_a_missing_page_without_the_permission(persona, login_client):
    assert login_client(persona("dept_liaison", "justice")).get("/cases/templates/").status_code == 404
