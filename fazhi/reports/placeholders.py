"""Figure placeholders in report texts: "{{reconsideration.correction_rate}}" names a registry key; the Chinese form
"{{行政复议.纠错率}}" (the metric's module and label) is accepted and saved as its key. An unknown one is refused."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from fazhi.core.errors import DomainError
from fazhi.metrics.registry import metrics_all

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")


def _aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for m in metrics_all():
        out[m.key] = m.key
        out.setdefault(f"{m.module}.{m.label}", m.key)
    return out


def placeholder_keys(text: str) -> list[str]:
    """The names inside {{ }} in order of appearance (as written)."""
    return [m.group(1) for m in PLACEHOLDER.finditer(text or "")]


def text_check(text: str, *, field: str = "text", where: str = "正文") -> str:
    """The text with every placeholder written as its registry key; DomainError naming the first unknown one."""
    text = text or ""
    stripped = PLACEHOLDER.sub("", text)
    if "{{" in stripped or "}}" in stripped:
        raise DomainError(
            "reports.bad_placeholder",
            f"{where}中的指标占位符不完整：请写成 {{{{指标键}}}}，例如 {{{{reconsideration.correction_rate}}}}。",
            field=field,
        )
    aliases = _aliases()
    unknown = [name for name in placeholder_keys(text) if name not in aliases]
    if unknown:
        raise DomainError(
            "reports.unknown_metric",
            f"{where}中的指标占位符“{{{{{unknown[0]}}}}}”在指标注册表中不存在，请从“插入指标”列表中选择"
            "（指标口径说明页列出全部指标）。",
            field=field,
        )
    return PLACEHOLDER.sub(lambda m: "{{" + aliases[m.group(1)] + "}}", text)


def texts_keys(texts: Iterable[str]) -> list[str]:
    """Every figure's key once, in order of first appearance (texts already checked)."""
    aliases = _aliases()
    seen: dict[str, None] = {}
    for text in texts:
        for name in placeholder_keys(text):
            if name in aliases:
                seen.setdefault(aliases[name], None)
    return list(seen)


def value_text(value: Any, unit: str) -> str:
    """98.5 → "98.5%", 100.0 → "100%", 12 → "12件", None → "—" (no denominator)."""
    if value is None:
        return "—"
    if isinstance(value, float):
        shown = f"{value:.2f}".rstrip("0").rstrip(".")
    else:
        shown = str(value)
    return f"{shown}{unit}"


def text_render(text: str, values: dict[str, dict[str, Any]]) -> str:
    """Placeholders replaced by their values (values: key → {"value", "unit"})."""
    aliases = _aliases()

    def sub(m: re.Match[str]) -> str:
        key = aliases.get(m.group(1), m.group(1))
        found = values.get(key)
        return value_text(found["value"], found["unit"]) if found else m.group(0)

    return PLACEHOLDER.sub(sub, text or "")
