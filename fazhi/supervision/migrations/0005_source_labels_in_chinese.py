"""Items raised from a record whose model has no Chinese verbose_name carried Django's default English name as their
module label (e.g. "filing review" on a unit's board, from an overdue clock on a FilingReview): relabel them with the
record's module name in Chinese, as sources.record_describe now does for new items."""

from django.db import migrations


def relabel(apps, schema_editor):
    from django.apps import apps as live

    Item = apps.get_model("supervision", "Item")
    Clock = apps.get_model("deadlines", "Clock")
    ContentType = apps.get_model("contenttypes", "ContentType")
    BoardStamp = apps.get_model("supervision", "BoardStamp")
    types = {ct.pk: ct for ct in ContentType.objects.all()}
    changed = 0
    for item in Item.objects.only("id", "source_type_id", "source_id", "source_label").iterator():
        if not item.source_label.isascii():
            continue
        ct = types.get(item.source_type_id)
        if ct is not None and (ct.app_label, ct.model) == ("deadlines", "clock"):
            clock = Clock.objects.filter(pk=item.source_id).only("content_type_id").first()
            ct = types.get(clock.content_type_id) if clock else None
        if ct is None:
            continue
        try:
            name = str(live.get_app_config(ct.app_label).verbose_name)
        except LookupError:
            continue
        if not name.isascii():
            changed += Item.objects.filter(pk=item.pk).update(source_label=name[:50])
    if changed:  # kept boards are keyed on the stamp: a queryset update must move it itself
        import uuid

        BoardStamp.objects.update_or_create(key="board", defaults={"token": uuid.uuid4().hex})


class Migration(migrations.Migration):
    dependencies = [("supervision", "0004_notices"), ("deadlines", "0001_initial"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
