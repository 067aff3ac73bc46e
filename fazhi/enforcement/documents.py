"""The supervisor's documents as .docx (GB/T 9704): 行政执法监督意见书 and 行政执法监督决定书, from editable templates
kept with the case kernel's (`fazhi.cases` DocumentTemplate, owner "enforcement", edited on the 文书模板 page) and
rendered by its renderer (`fazhi.cases.documents`: {{占位符}}, >> right-aligned lines, the 文号 under the title).
⚠ 国务院令第825号's forms are unread (legal-rules.md §12.1): the default texts are a plain reading, editable."""

from __future__ import annotations

from fazhi.cases.documents import docx_build, render_text
from fazhi.cases.registry import DocumentSpec
from fazhi.cases.services.document_templates import template_get, template_owner_register

from .models import SupervisionDocument

OWNER = "enforcement"
_COMMON_TAIL = (
    "请你单位自收到本文书之日起，于{{答复期限}}前将{{答复事项}}书面报送{{发文机关}}。逾期未答复的，列入督办。\n"
    ">>{{发文机关}}\n"
    ">>{{制发日期}}"
)
TEMPLATES = (
    DocumentSpec(
        "supervision_opinion",
        "行政执法监督意见书",
        "{{被监督单位}}：\n"
        "{{发文机关}}依据{{依据}}，对你单位{{事由}}进行了监督。现将有关情况和监督意见告知如下：\n"
        "一、发现的问题\n{{发现的问题}}\n"
        "二、监督意见\n{{监督意见}}\n" + _COMMON_TAIL,
    ),
    DocumentSpec(
        "supervision_decision",
        "行政执法监督决定书",
        "{{被监督单位}}：\n"
        "{{发文机关}}依据{{依据}}，对你单位{{事由}}进行了监督。经查：\n"
        "{{发现的问题}}\n"
        "根据上述事实，决定如下：\n{{监督意见}}\n" + _COMMON_TAIL,
    ),
)
template_owner_register(OWNER, "行政执法监督", TEMPLATES)


def _d(day: object) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""  # type: ignore[attr-defined]


def supervision_docx(doc: SupervisionDocument) -> tuple[str, bytes]:
    """The document's title and its .docx (rendered from the current template and the stored text)."""
    template = template_get(OWNER, f"supervision_{doc.kind}")
    context = {
        "文号": doc.number,
        "被监督单位": doc.unit.name,
        "发文机关": template.issuer or doc.issuer.name,
        "依据": doc.basis,
        "事由": doc.subject,
        "发现的问题": doc.findings,
        "监督意见": doc.requirements,
        "答复期限": _d(doc.reply_due),
        "答复事项": "整改落实情况" if doc.kind == "opinion" else "执行情况",
        "制发日期": _d(doc.issued_on),
    }
    text = render_text(template.body, context)
    lines = [line for line in text.splitlines() if line.strip()]
    return template.title, docx_build(title=template.title, paragraphs=lines, number=doc.number)
