"""Migrations 0003/0004: the interim 公开征求意见 records (period, reason, counts) move onto the consultation engine —
one closed consultation per document, owned by it, the counts kept in its 记录说明 — and back when reversed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("normative_documents", "0002_library_order"), ("consultations", "0002_record_note")]
AFTER = [("normative_documents", "0004_remove_interim_consultation")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_interim_consultation_records_move_onto_the_engine_and_back(city, persona):
    drafter = persona("dept_liaison", "market")
    old = _migrate(BEFORE)
    try:
        document_model = old.get_model("normative_documents", "NormativeDocument")
        # given two documents: one with an interim record (a shorter period with its reason), one still in drafting
        consulted = document_model.objects.create(
            title="示范市网络餐饮监管办法",
            lead_unit_id=city["market"].pk,
            proposed_on=dt.date(2026, 3, 2),
            state="consultation",
            consultation_start=dt.date(2026, 3, 5),
            consultation_end=dt.date(2026, 3, 20),
            consultation_short_reason="食品安全风险紧急",
            comments_received=3,
            comments_adopted=1,
            created_by_id=drafter.pk,
        )
        drafting = document_model.objects.create(
            title="起草中的办法", lead_unit_id=city["market"].pk, proposed_on=dt.date(2026, 3, 2), state="drafting"
        )
        # when the migrations run
        new = _migrate(AFTER)
        consultation_model = new.get_model("consultations", "Consultation")
        document_model = new.get_model("normative_documents", "NormativeDocument")
        # then the interim record is a closed consultation of the engine, owned by the document it came from
        c = consultation_model.objects.get()
        assert (c.owner_type.app_label, c.owner_type.model, c.owner_id) == (
            "normative_documents",
            "normativedocument",
            consulted.pk,
        )
        assert (c.unit_id, c.title, c.rule_id, c.state) == (
            city["market"].pk,
            "示范市网络餐饮监管办法（征求意见稿）",
            "normative_document.consultation_min",
            "closed",
        )
        assert (c.opens_on, c.opened_on, c.closes_on, c.closed_on) == (
            dt.date(2026, 3, 5),
            dt.date(2026, 3, 5),
            dt.date(2026, 3, 20),
            dt.date(2026, 3, 20),
        )
        assert (c.short_reason, c.created_by_id) == ("食品安全风险紧急", drafter.pk)
        assert c.record_note == (
            "由规范性文件模块的临时征求意见记录迁入：原记录登记收到意见3条、采纳1条，意见原文未逐条录入本系统。"
        )
        assert document_model.objects.get(pk=consulted.pk).consultation_id == c.pk
        assert document_model.objects.get(pk=drafting.pk).consultation_id is None
        # and reversed, the dates and the reason come back (no comment rows were entered: 0 counted)
        back = _migrate(BEFORE)
        row = back.get_model("normative_documents", "NormativeDocument").objects.get(pk=consulted.pk)
        assert (row.consultation_start, row.consultation_end, row.consultation_short_reason) == (
            dt.date(2026, 3, 5),
            dt.date(2026, 3, 20),
            "食品安全风险紧急",
        )
        # migrated again: the same consultation, not a second one
        again = _migrate(AFTER)
        assert again.get_model("consultations", "Consultation").objects.count() == 1
        assert (
            again.get_model("normative_documents", "NormativeDocument").objects.get(pk=consulted.pk).consultation_id
            == c.pk
        )
    finally:
        _migrate(AFTER)
        from fazhi.consultations.models import Consultation as Live
        from fazhi.normative_documents.models import NormativeDocument

        NormativeDocument.objects.update(consultation=None)
        Live.objects.all().delete()
