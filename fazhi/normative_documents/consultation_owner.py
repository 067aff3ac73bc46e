"""A 规范性文件 draft is an owner of consultations (公开征求意见, 国办发〔2018〕37号: 除依法需要保密的外，对涉及群众切身
利益或者对公民、法人和其他组织权利义务有重大影响的，要向社会公开征求意见, 一般不少于30日): the engine's minimum period
is normative_document.consultation_min (FAZHI_DOCUMENTS_CONSULTATION_MIN_DAYS ⚠, default 30)."""

from typing import Any

from django.urls import reverse

from fazhi.consultations.registry import ConsultationOwner, register_owner


def _get_for(user: Any, pk: int) -> Any:
    from .selectors import document_get_for

    return document_get_for(user, pk, "draft")


register_owner(
    ConsultationOwner(
        model="normative_documents.normativedocument",
        label="行政规范性文件",
        rule_id="normative_document.consultation_min",
        get_for=_get_for,
        title=lambda d: d.title,
        url=lambda d: reverse("normative_documents:detail", args=[d.pk]),
    )
)
