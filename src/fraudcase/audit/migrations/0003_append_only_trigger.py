"""On PostgreSQL, refuse UPDATE and DELETE on audit entries in the database itself.

The application never changes or deletes an entry (AuditEvent.save/delete refuse); this
trigger refuses it to anyone writing SQL as well, short of the table's owner disabling or
dropping it. SQLite gets no trigger: see docs/decisions.md (ADR-0019 "Audit log keyed,
anchored and append-only").
"""

from django.db import migrations

TABLE = "audit_auditevent"
TRIGGER = "audit_auditevent_append_only"

CREATE = [
    """
    CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END
    $$
    """,
    f"""
    CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()
    """,
]

DROP = [
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_refuse_change()",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_auditevent_key_id"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False),
    ]
