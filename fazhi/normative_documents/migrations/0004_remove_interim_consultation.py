"""The interim consultation columns go (their records moved onto the engine in 0003; a separate migration so that
PostgreSQL alters the table in a transaction of its own)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("normative_documents", "0003_consultations_on_the_engine")]

    operations = [
        migrations.RemoveField(model_name="normativedocument", name=name)
        for name in (
            "consultation_start",
            "consultation_end",
            "consultation_short_reason",
            "comments_received",
            "comments_adopted",
        )
    ]
