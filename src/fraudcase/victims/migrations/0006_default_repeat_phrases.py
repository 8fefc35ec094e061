from django.db import migrations


def add_defaults(apps, schema_editor):
    from fraudcase.victims.rules import REPEAT_PHRASES

    RepeatPhrase = apps.get_model("victims", "RepeatPhrase")
    if not RepeatPhrase.objects.exists():
        RepeatPhrase.objects.bulk_create(
            RepeatPhrase(phrase=phrase, notes="fraudcase's default (docs/rules.md)")
            for phrase in REPEAT_PHRASES
        )


class Migration(migrations.Migration):
    dependencies = [("victims", "0005_repeat_phrases")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
