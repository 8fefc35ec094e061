from django.db import migrations


def add_default(apps, schema_editor):
    from fraudcase.triage.scoring import DEFAULT_SCORING, DEFAULT_VERSION

    ScoringVersion = apps.get_model("triage", "ScoringVersion")
    if not ScoringVersion.objects.exists():
        ScoringVersion.objects.create(
            version=DEFAULT_VERSION, scoring=DEFAULT_SCORING, is_active=True,
            notes="fraudcase's documented default (docs/rules.md). Add a new version to change it.",
        )


class Migration(migrations.Migration):
    dependencies = [("triage", "0001_initial")]
    operations = [migrations.RunPython(add_default, migrations.RunPython.noop)]
