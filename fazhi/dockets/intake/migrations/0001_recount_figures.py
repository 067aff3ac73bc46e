from django.db import migrations


def recount(apps, schema_editor):
    """The intake's kept counts gained series (urgent, dispute_type, closed: `fazhi stats intake`): forget that they
    were built, so that the metrics' post-migrate step (fazhi.metrics: build_missing) recounts them from the intakes
    with the current definitions. Until then the figures are counted live, the same numbers."""
    TallyState = apps.get_model("metrics", "TallyState")
    TallyState.objects.filter(source="intake").delete()


class Migration(migrations.Migration):
    dependencies = [("metrics", "0002_tally_sums_index")]

    operations = [migrations.RunPython(recount, migrations.RunPython.noop)]
