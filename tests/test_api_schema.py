"""The API contract: docs/api/openapi.json is what the code describes (run `make openapi` after changing an endpoint,
and review the diff), it is OpenAPI 3.1, every operation needs a key or a session, and every operation documents the
one error format."""

from __future__ import annotations

import json

from fazhi.api.schema import COMMITTED, schema_text


def test_the_committed_schema_is_what_the_code_describes():
    assert COMMITTED.exists(), "docs/api/openapi.json 缺失：请运行 make openapi"
    committed = COMMITTED.read_text(encoding="utf-8")
    assert committed == schema_text(), "接口已变化而 docs/api/openapi.json 未更新：请运行 make openapi 并提交"


def test_every_operation_needs_credentials_and_documents_the_error_format():
    schema = json.loads(schema_text())
    assert schema["openapi"] == "3.1.0"
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    operations = [(path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()]
    assert len(operations) >= 4
    for path, method, op in operations:
        assert op.get("security"), f"{method.upper()} {path} 未要求认证"
        for status in ("401", "404"):
            ref = op["responses"][status]["content"]["application/json"]["schema"]["$ref"]
            assert ref == "#/components/schemas/ErrorOut", f"{method.upper()} {path} {status}"
        assert op["summary"] and not op["summary"].isascii(), f"{method.upper()} {path}：摘要应为中文"


def test_no_two_schemas_share_a_component_name():
    """django-ninja names each component after its class: two `ConsultationOut` (consultations and decisions) made
    one overwrite the other, so GET /api/v1/consultations/ was documented with the decision summary's fields and
    schemathesis found the response violating its schema (CI of 783826c)."""
    from ninja import Schema

    schema_text()  # imports every router
    seen: dict[str, list[str]] = {}
    stack = list(Schema.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("fazhi."):
            seen.setdefault(cls.__name__, []).append(f"{cls.__module__}.{cls.__qualname__}")
    clashes = {name: where for name, where in seen.items() if len(set(where)) > 1}
    assert clashes == {}
