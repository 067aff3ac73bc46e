"""公开征求意见 moves onto the consultation engine (fazhi/consultations, #20): every document's interim record (period,
reason for a shorter period, the counts of comments received and adopted) becomes a closed engine consultation owned
by the document, and the document points at it. The counts were all the interim record had (no comment texts): they
are kept in the consultation's 记录说明, not turned into comments. Reversible: the dates and reason are copied back."""

import django.db.models.deletion
from django.db import migrations, models

PREFIX = "由规范性文件模块的临时征求意见记录迁入"
NOTE = PREFIX + "：原记录登记收到意见{received}条、采纳{adopted}条，意见原文未逐条录入本系统。"


def forwards(apps, schema_editor):
    Document = apps.get_model("normative_documents", "NormativeDocument")
    Consultation = apps.get_model("consultations", "Consultation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct, _ = ContentType.objects.get_or_create(app_label="normative_documents", model="normativedocument")
    for doc in Document.objects.filter(consultation_start__isnull=False, consultation__isnull=True).order_by("pk"):
        end = doc.consultation_end or doc.consultation_start
        # migrated once already (then reversed): the same consultation again, not a second one
        c = Consultation.objects.filter(owner_type=ct, owner_id=doc.pk, record_note__startswith=PREFIX).first()
        c = c or Consultation.objects.create(
            owner_type=ct,
            owner_id=doc.pk,
            unit_id=doc.lead_unit_id,
            title=f"{doc.title}（征求意见稿）"[:200],
            rule_id="normative_document.consultation_min",
            opens_on=doc.consultation_start,
            closes_on=end,
            short_reason=doc.consultation_short_reason,
            channels=[],
            identity="named",
            state="closed",
            opened_on=doc.consultation_start,
            closed_on=end,
            record_note=NOTE.format(received=doc.comments_received, adopted=doc.comments_adopted),
            created_by_id=doc.created_by_id,
        )
        Document.objects.filter(pk=doc.pk).update(consultation=c)


def backwards(apps, schema_editor):
    Document = apps.get_model("normative_documents", "NormativeDocument")
    Comment = apps.get_model("consultations", "Comment")
    for doc in Document.objects.filter(consultation__isnull=False).select_related("consultation"):
        c = doc.consultation
        Document.objects.filter(pk=doc.pk).update(
            consultation_start=c.opened_on or c.opens_on,
            consultation_end=c.closed_on or c.closes_on,
            consultation_short_reason=c.short_reason,
            comments_received=Comment.objects.filter(consultation=c, hidden=False).count(),
            comments_adopted=Comment.objects.filter(
                consultation=c, hidden=False, adoption__outcome__in=["adopted", "partly"]
            ).count(),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("consultations", "0002_record_note"),
        ("normative_documents", "0002_library_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="normativedocument",
            name="consultation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="consultations.consultation",
                verbose_name="公开征求意见",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
