"""三色督办: the red rung counts natural days overdue (from the clock engine) instead of daily scans.

Semantics carried over: with the daily 08:00 scan, the N-th scan that saw a share overdue ran on the N-th day after
its due date, so a stored "N scans" means "N days overdue" and every configured value keeps its meaning unchanged
(0 and 1 both mean "as soon as it is overdue", before and after). The per-share sighting counter is dropped.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="escalationrung", old_name="min_overdue_runs", new_name="min_days_overdue"),
        migrations.AlterField(
            model_name="escalationrung",
            name="min_days_overdue",
            field=models.PositiveSmallIntegerField(
                default=0,
                help_text="仅对“逾期”灯有效：0 表示一经逾期即触发；N 表示超过完成时限满 N 个自然日（含）后触发。",
                verbose_name="逾期满几日触发",
            ),
        ),
        migrations.DeleteModel(name="OverdueSighting"),
    ]
