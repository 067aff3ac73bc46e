"""One error format for every answer that is not a success: {"error": {"code", "message", "field"}}, in Chinese,
for the API's own refusals, the services' DomainErrors, ninja's validation errors (translated from pydantic's types,
the field named by its path), authentication, limits, and anything unexpected (500, logged, no details)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from fazhi.core.errors import ConflictError, DomainError

from .errors import ApiError, ApiErrorCode

logger = logging.getLogger("fazhi.api")


class ErrorDetail(Schema):
    code: str
    message: str
    field: str | None = None


class ErrorOut(Schema):
    error: ErrorDetail


def error_json(
    status: int, code: str, message: str, field: str | None = None, headers: dict | None = None
) -> JsonResponse:
    response = JsonResponse(
        {"error": {"code": str(code), "message": message, "field": field}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


# pydantic error type → Chinese message ({…} filled from the error's ctx)
MESSAGES = {
    "missing": "缺少必填项。",
    "string_type": "应为字符串。",
    "int_type": "应为整数。",
    "int_parsing": "应为整数。",
    "int_from_float": "应为整数。",
    "float_type": "应为数字。",
    "float_parsing": "应为数字。",
    "bool_type": "应为 true 或 false。",
    "bool_parsing": "应为 true 或 false。",
    "date_type": "应为日期（YYYY-MM-DD）。",
    "date_parsing": "应为日期（YYYY-MM-DD）。",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）。",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD），不含时间。",
    "datetime_type": "应为日期时间（ISO 8601）。",
    "datetime_parsing": "应为日期时间（ISO 8601）。",
    "datetime_from_date_parsing": "应为日期时间（ISO 8601）。",
    "uuid_type": "应为 UUID。",
    "uuid_parsing": "应为 UUID。",
    "list_type": "应为数组。",
    "dict_type": "应为对象。",
    "model_type": "应为对象。",
    "model_attributes_type": "应为对象。",
    "string_too_short": "至少应有 {min_length} 个字符。",
    "string_too_long": "不得超过 {max_length} 个字符。",
    "too_short": "至少应有 {min_length} 项。",
    "too_long": "不得超过 {max_length} 项。",
    "greater_than": "应大于 {gt}。",
    "greater_than_equal": "应不小于 {ge}。",
    "less_than": "应小于 {lt}。",
    "less_than_equal": "应不大于 {le}。",
    "literal_error": "取值应为：{expected}。",
    "enum": "取值应为：{expected}。",
    "string_pattern_mismatch": "格式不正确。",
    "extra_forbidden": "不认识的字段。",
    "json_invalid": "不是有效的 JSON。",
    "json_type": "不是有效的 JSON。",
    "value_error": "{error}",
    "assertion_error": "{error}",
    "finite_number": "应为有限的数字。",
}


def _field(loc: tuple[Any, ...] | list[Any]) -> str | None:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("query", "path", "header", "cookie", "body", "form", "file"):
        source, parts = parts[0], parts[1:]
        if source == "body" and parts and parts[0] == "payload":  # every body parameter is named "payload"
            parts = parts[1:]
    return ".".join(parts) or None


def validation_message(error: dict[str, Any]) -> str:
    template = MESSAGES.get(error.get("type", ""), "取值无效。")
    ctx = {k: str(v).replace("Value error, ", "").replace(" or ", "、") for k, v in (error.get("ctx") or {}).items()}
    try:
        text = template.format(**ctx)
    except (KeyError, IndexError):
        text = "取值无效。"
    return text if text.strip() else "取值无效。"


def register_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return error_json(exc.status, exc.code, exc.message, exc.field, exc.headers)

    @api.exception_handler(ConflictError)
    def conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
        return error_json(409, ApiErrorCode.CONFLICT, exc.message, exc.field)

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        if exc.code == "forbidden" or exc.code.endswith(
            ".forbidden"
        ):  # a service's own permission refusal answers like a missing record
            return error_json(404, ApiErrorCode.NOT_FOUND, "资源不存在。")
        return error_json(400, exc.code, exc.message, exc.field)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        first = exc.errors[0] if exc.errors else {}
        field = _field(first.get("loc", ()))
        message = validation_message(first)
        if field:
            message = f"{field}：{message}"
        return error_json(400, ApiErrorCode.INVALID, message, field)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_json(
            401,
            ApiErrorCode.UNAUTHENTICATED,
            "请先登录，或在 Authorization 请求头中提供接口密钥（Bearer fzk_…）。",
            headers={"WWW-Authenticate": 'Bearer realm="fazhi"'},
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            return error_json(400, ApiErrorCode.BAD_JSON, "请求体不是有效的 JSON。", "body")
        return error_json(exc.status_code, ApiErrorCode.INVALID, "请求无效。")

    @api.exception_handler(Http404)
    def missing(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_json(404, ApiErrorCode.NOT_FOUND, "资源不存在。")

    @api.exception_handler(PermissionDenied)
    def denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return error_json(404, ApiErrorCode.NOT_FOUND, "资源不存在。")

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return error_json(413, ApiErrorCode.TOO_LARGE, "请求体过大。", "body")

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path)
        return error_json(500, ApiErrorCode.SERVER_ERROR, "服务器内部错误，请稍后重试。")
