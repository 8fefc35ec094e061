from datetime import timedelta

from django.conf import settings
from django.db import migrations, models


def expire_existing_tokens(apps, schema_editor):
    # Tokens issued before expiry existed expire one lifetime after they were created.
    ApiToken = apps.get_model("accounts", "ApiToken")
    days = timedelta(days=settings.FRAUDCASE_API_TOKEN_DAYS)
    for token in ApiToken.objects.all():
        token.expires_at = token.created_at + days
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_case_capacity_user_experience"),
    ]

    operations = [
        migrations.RemoveField(model_name="user", name="failed_logins"),
        migrations.RemoveField(model_name="user", name="locked_until"),
        migrations.AlterModelOptions(name="apitoken", options={"ordering": ["-created_at"]}),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(expire_existing_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(),
        ),
        migrations.CreateModel(
            name="SignInFailure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(db_index=True)),
                ("username", models.CharField(max_length=150)),
                ("address", models.CharField(max_length=45)),
            ],
            options={
                "indexes": [
                    models.Index(fields=["address", "at"], name="accounts_si_address_c5f45f_idx"),
                    models.Index(
                        fields=["username", "address", "at"],
                        name="accounts_si_usernam_aaf4d2_idx",
                    ),
                ],
            },
        ),
    ]
