"""Indexes for the docket case lists at a million cases (bench/cases_list.py), added by the 行政应诉 work.

Every list orders by (received_on DESC, id DESC) and reads 20 rows: with these the database walks an index in list
order and stops after the page (plus a count capped at 1,001 rows) instead of sorting every case of the docket.
Raw SQL without model state on purpose: the indexes are a physical tuning of the list query, not part of the model,
so `makemigrations --check` stays quiet and the kernel's Meta.indexes stay as they are.
"""

from django.db import migrations

INDEXES = {
    "case_docket_recv_idx": "(docket, received_on DESC, id DESC)",
    "case_docket_unit_recv_idx": "(docket, handling_unit_id, received_on DESC, id DESC)",
    "case_docket_resp_recv_idx": "(docket, respondent_unit_id, received_on DESC, id DESC)",
    "case_docket_state_recv_idx": "(docket, state, received_on DESC, id DESC)",
}


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON cases_case {cols}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, cols in INDEXES.items()
    ]
