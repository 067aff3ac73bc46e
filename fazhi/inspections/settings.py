"""The module's settings (FAZHI_INSPECTIONS in config/settings), each a local choice or an unconfirmed reading of
《法治政府建设与责任落实督察工作规定》(厅字〔2019〕28号): legal-rules.md §14 confirms the regulation (6 chapters,
35 articles, in force 2019-04-15) but not the wording of its articles on 督察 methods and 整改 (⚠), so the method
list, the severity levels and whether a 销号 needs evidence are settings, not code."""

from __future__ import annotations

from typing import Any

from django.conf import settings

BASIS = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）"

DEFAULTS: dict[str, Any] = {
    # 督察方式 recorded on fieldwork (⚠ the regulation's article on methods is unread; the four the brief names)
    "METHODS": [
        ("documents", "查阅资料"),
        ("interview", "个别谈话"),
        ("site", "实地察看"),
        ("questionnaire", "问卷调查"),
    ],
    # 问题严重程度 (local practice)
    "SEVERITIES": [("minor", "一般"), ("serious", "较重"), ("grave", "严重")],
    # a 销号 needs at least one file in the unit's reports (local rule; the brief's default)
    "EVIDENCE_FOR_CLOSE": True,
}


def conf(key: str) -> Any:
    return {**DEFAULTS, **getattr(settings, "FAZHI_INSPECTIONS", {})}[key]


def methods() -> list[tuple[str, str]]:
    return [tuple(m) for m in conf("METHODS")]  # type: ignore[misc]


def severities() -> list[tuple[str, str]]:
    return [tuple(s) for s in conf("SEVERITIES")]  # type: ignore[misc]


def label(choices: list[tuple[str, str]], code: str) -> str:
    return dict(choices).get(code, code)
