"""Indexes the pack's ranges read (issue 12: the pack on 2,000,000 reports within 2 s).

They are on other apps' tables, so they are created with SQL here (IF NOT EXISTS: both
databases) rather than in those apps' models: the performance app owns the need for them."""

from django.db import migrations

INDEXES = [
    ("perf_case_allocated_at", "cases_case", "allocated_at"),
    ("perf_finalisation_at", "cases_finalisation", "finalised_at, outcome"),
    ("perf_statuschange_to_at", "intake_statuschange", "to_status, at"),
    ("perf_statuschange_from_at", "intake_statuschange", "from_status, at"),
    ("perf_disruption_on", "cases_disruptionaction", '"on", kind'),
    ("perf_victimupdate_at", "cases_victimupdate", "at"),
    ("perf_victim_report_type", "intake_victim", "report_id, victim_type"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("performance", "0001_initial"),
        ("cases", "0004_issue16_list_indexes"),
        ("reports", "0013_queue_fraud_type_index"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns in INDEXES
    ]
