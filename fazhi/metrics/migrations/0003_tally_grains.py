"""Tally rows at three grains (day, month, year): the existing rows are the day rows; the month and year rows are
summed from them here, in the database (no record is read, no source rebuilt)."""

from django.db import migrations, models

TRUNC = {
    "postgresql": {"m": "CAST(date_trunc('month', day) AS date)", "y": "CAST(date_trunc('year', day) AS date)"},
    "sqlite": {"m": "date(day, 'start of month')", "y": "date(day, 'start of year')"},
}


def roll_up(apps, schema_editor):
    conn = schema_editor.connection
    table = apps.get_model("metrics", "Tally")._meta.db_table
    for grain, expr in TRUNC[conn.vendor].items():
        with conn.cursor() as cur:
            cur.execute(
                f"INSERT INTO {table} (series, grain, day, unit_id, scope_unit_id, category, name, n) "  # noqa: S608
                f"SELECT series, %s, {expr}, unit_id, scope_unit_id, category, name, SUM(n) FROM {table} "
                f"WHERE grain = 'd' GROUP BY series, {expr}, unit_id, scope_unit_id, category, name",
                [grain],
            )


def drop_rolled(apps, schema_editor):
    apps.get_model("metrics", "Tally").objects.exclude(grain="d").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('metrics', '0002_tally_sums_index'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='tally',
            name='metrics_tally_key',
        ),
        migrations.RemoveIndex(
            model_name='tally',
            name='metrics_tally_sums',
        ),
        migrations.AddField(
            model_name='tally',
            name='grain',
            field=models.CharField(default='d', max_length=1, verbose_name='粒度'),
        ),
        migrations.AddIndex(
            model_name='tally',
            index=models.Index(fields=['series', 'grain', 'day'], include=('category', 'unit_id', 'scope_unit_id', 'name', 'n'), name='metrics_tally_grain_sums'),
        ),
        migrations.AddConstraint(
            model_name='tally',
            constraint=models.UniqueConstraint(fields=('series', 'grain', 'day', 'unit_id', 'scope_unit_id', 'category', 'name'), name='metrics_tally_key'),
        ),
        migrations.RunPython(roll_up, drop_rolled),
    ]
