"""Someone who can write to the database but holds neither the audit key nor the checkpoints
cannot rewrite the audit log unnoticed (issue 9, item 14; docs/admin-guide.md "Audit log")."""

import json
import stat

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from fraudcase.audit import keys, rules
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditEvent, AuditHead
from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports import services as reports
from fraudcase.reports.models import Report
from tests.audit.conftest import forge_after
from tests.conftest import victim_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(assessor):
    """Five entries, as the application writes them."""
    for n in range(5):
        audit.record(assessor, "consultation", "report", f"FC/00000{n}/26", "viewed")
    return list(AuditEvent.objects.order_by("id"))


def checkpoint():
    call_command("audit_checkpoint")


def verify_fails(match):
    with pytest.raises(CommandError, match=match):
        call_command("audit_verify")


def rechain(tamper, *, key_id=None):
    """Recompute every hash with SHA-256, as someone without the key can, and reset the head.

    `key_id` None keeps each entry's key id; otherwise every entry gets this one.
    """
    prev = rules.GENESIS
    for event in AuditEvent.objects.order_by("id"):
        fields = {name: getattr(event, name) for name in audit.HASHED_FIELDS}
        digest = rules.event_hash(prev, fields, None)
        tamper(
            "UPDATE audit_auditevent SET prev_hash = %s, hash = %s, key_id = %s WHERE id = %s",
            [prev, digest, event.key_id if key_id is None else key_id, event.id],
        )
        prev = digest
    AuditHead.objects.filter(pk=1).update(last_hash=prev)


def test_a_checkpointed_log_verifies_and_says_so(log, capsys):
    checkpoint()
    call_command("audit_verify")
    out = capsys.readouterr().out
    assert "intact: 5 entries checked" in out
    assert f"recorded 5 entries up to entry {log[-1].id}" in out


def test_a_log_without_a_checkpoint_fails(log, capsys):
    """Without a checkpoint, entries removed from the end (the head reset with them) leave a
    chain that checks: verify cannot call the log intact."""
    verify_fails(
        r"No checkpoint: cannot tell whether entries were removed; take one with "
        r"`fraudcase audit checkpoint` and keep a copy elsewhere"
    )
    with pytest.raises(CommandError):
        call_command("audit_verify", "--json")
    assert json.loads(capsys.readouterr().out)["problem"].startswith("No checkpoint")


def test_the_tail_removed_without_a_checkpoint_fails(log, tamper):
    tamper("DELETE FROM audit_auditevent WHERE id >= %s", [log[3].id])
    AuditHead.objects.filter(pk=1).update(last_hash=log[2].hash)
    verify_fails("No checkpoint: cannot tell whether entries were removed")


def test_everything_removed_without_a_checkpoint_fails(log, tamper):
    tamper("DELETE FROM audit_auditevent")
    AuditHead.objects.all().delete()
    verify_fails("No checkpoint: .*the log is empty: if this server was ever used")


def test_first_time_set_up_may_verify_without_a_checkpoint(log, capsys):
    call_command("audit_verify", "--no-checkpoint-ok")
    out = capsys.readouterr().out
    assert "intact: 5 entries checked" in out and "Warning: no checkpoint" in out


# ---------------------------------------------------------------- the four scenarios


def test_removing_the_last_entries_and_resetting_the_head_fails_against_a_checkpoint(log, tamper):
    checkpoint()
    tamper("DELETE FROM audit_auditevent WHERE id >= %s", [log[3].id])
    AuditHead.objects.filter(pk=1).update(last_hash=log[2].hash)
    verify_fails("the log has 3 entries .* recorded 5 .*: entries were removed")


def test_an_edit_with_every_hash_recomputed_fails_without_the_key(log, tamper):
    tamper("UPDATE audit_auditevent SET actor_name = 'someone-else' WHERE id = %s", [log[1].id])
    rechain(tamper)
    verify_fails(f"entry {log[0].id}: this entry was altered or forged")


def test_an_edit_with_every_entry_rewritten_as_unkeyed_fails(log, tamper):
    """Passing the entries off as from before the key: no checkpoint covers them."""
    tamper("UPDATE audit_auditevent SET actor_name = 'someone-else' WHERE id = %s", [log[1].id])
    rechain(tamper, key_id=rules.UNKEYED)
    verify_fails(f"entry {log[-1].id}: entries up to this one carry no audit key signature")


def test_an_edit_with_every_entry_rewritten_as_unkeyed_fails_against_a_checkpoint(log, tamper):
    checkpoint()
    tamper("UPDATE audit_auditevent SET actor_name = 'someone-else' WHERE id = %s", [log[1].id])
    rechain(tamper, key_id=rules.UNKEYED)
    verify_fails(f"entry {log[-1].id} differs from the checkpoint")


@pytest.mark.parametrize("key_id", ["keep", rules.UNKEYED, "0123456789abcdef"])
def test_a_forged_entry_appended_fails(log, tamper, key_id):
    forged = forge_after(tamper, log[-1], log[-1].key_id if key_id == "keep" else key_id)
    problem = {
        "keep": "this entry was altered or forged",
        rules.UNKEYED: "this entry has no audit key signature",
        "0123456789abcdef": "this entry is signed with a key this server does not hold",
    }[key_id]
    verify_fails(f"entry {forged.id}: {problem}")


def test_deleting_everything_fails_against_a_checkpoint(log, tamper):
    checkpoint()
    tamper("DELETE FROM audit_auditevent")
    AuditHead.objects.all().delete()
    verify_fails("the log has 0 entries .* recorded 5 .*: entries were removed")


# ---------------------------------------------------------------- checkpoints


def test_a_forged_checkpoint_fails(log, settings):
    checkpoint()
    path = audit.default_checkpoint_file()
    forged = json.loads(path.read_text())
    forged["entries"] = 4
    path.write_text(path.read_text() + json.dumps(forged) + "\n")
    verify_fails("is not signed by this server's audit key")


def test_no_checkpoint_is_taken_of_a_broken_log(log, tamper):
    tamper("UPDATE audit_auditevent SET summary = 'nothing' WHERE id = %s", [log[2].id])
    with pytest.raises(CommandError, match="No checkpoint taken"):
        checkpoint()
    assert not audit.default_checkpoint_file().exists()


def test_a_checkpoint_can_be_written_elsewhere_and_checked_from_there(log, tmp_path, tamper):
    elsewhere = tmp_path / "offsite" / "audit.jsonl"
    call_command("audit_checkpoint", out=elsewhere)
    call_command("audit_verify", checkpoint=[elsewhere])
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [log[-1].id])
    AuditHead.objects.filter(pk=1).update(last_hash=log[-2].hash)
    verify_fails("No checkpoint")  # none in the default file: verify cannot call it intact
    with pytest.raises(CommandError, match="entries were removed"):
        call_command("audit_verify", checkpoint=[elsewhere])


def test_entries_from_before_the_key_verify_once_adopted_by_a_checkpoint(log, tamper, assessor):
    rechain(tamper, key_id=rules.UNKEYED)  # the log as an older version wrote it
    with pytest.raises(CommandError, match="No checkpoint taken"):
        checkpoint()
    call_command("audit_checkpoint", adopt_unkeyed=True)
    audit.record(assessor, "consultation", "report", "FC/000009/26", "viewed")
    call_command("audit_verify")
    tamper("UPDATE audit_auditevent SET summary = 'nothing' WHERE id = %s", [log[2].id])
    rechain(tamper, key_id=rules.UNKEYED)
    verify_fails("differs from the checkpoint")


# ---------------------------------------------------------------- the key


def test_the_default_key_is_made_once_readable_by_its_owner_only(log, settings):
    path = settings.DATA_DIR / "audit_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert {e.key_id for e in AuditEvent.objects.all()} == {rules.key_id(keys.signing_key())}


def test_a_key_from_the_environment_signs_and_another_key_fails(settings, assessor, log):
    settings.AUDIT_KEY = "k" * 40
    audit.record(assessor, "consultation", "report", "FC/000009/26", "viewed")
    assert AuditEvent.objects.last().key_id == rules.key_id(b"k" * 40)
    verify_fails("signed with a key this server does not hold")  # the earlier entries' key


def test_a_named_key_file_that_is_missing_is_a_configuration_error(settings, assessor, tmp_path):
    settings.AUDIT_KEY_FILE = str(tmp_path / "nowhere" / "audit_key")
    with pytest.raises(ImproperlyConfigured, match="is missing"):
        audit.record(assessor, "consultation", "report", "FC/000009/26", "viewed")


# ---------------------------------------------------------------- the database refuses changes


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_updates_and_deletes_on_the_audit_table(log):
    for sql in (
        "UPDATE audit_auditevent SET summary = 'nothing'",
        "DELETE FROM audit_auditevent",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=log[0].pk).update(summary="nothing")
    assert AuditEvent.objects.filter(summary="viewed").count() == 5


# ---------------------------------------------------------------- the writers


def test_a_bulk_imports_entries_are_keyed_and_verify(assessor, write_package, capsys):
    import_nfib_package(write_package([victim_row(n) for n in range(300)]), user=assessor)
    assert AuditEvent.objects.filter(action="collection").count() == 300
    assert not AuditEvent.objects.filter(key_id=rules.UNKEYED).exists()
    # With them, whatever the linking runs after the import recorded (a combination).
    total = AuditEvent.objects.count()
    checkpoint()
    call_command("audit_verify")
    assert f"intact: {total} entries checked" in capsys.readouterr().out


def test_erasing_personal_data_leaves_the_log_verifying(
    assessor, administrator, example_package, capsys
):
    import_nfib_package(example_package, user=assessor)
    checkpoint()
    report = Report.objects.get(nfrc_numbers__number="NFRC261010000001")
    reports.erase_personal_data(administrator, report, "Retention period ended")
    call_command("audit_verify")
    assert "intact" in capsys.readouterr().out


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_verify_warns_when_the_trigger_was_switched_off(log, tamper, capsys):
    checkpoint()
    call_command("audit_verify")
    assert "Warning" not in capsys.readouterr().err
    tamper("SELECT 1")  # switches the trigger off, as its owner can
    call_command("audit_verify")
    assert "refuses changes to audit entries is disabled" in capsys.readouterr().err


def test_a_checkpoint_file_with_a_line_that_is_not_a_checkpoint_fails(log):
    checkpoint()
    path = audit.default_checkpoint_file()
    path.write_text(path.read_text() + '{"entries": 5, "last_id": 5}\n')
    verify_fails("line 2 is not an audit checkpoint")


def test_entries_appended_while_verify_runs_are_not_taken_for_a_cut(log, assessor, monkeypatch):
    """The stored head is read before the walk; the walk may see entries written since."""
    walk = rules.first_broken_links

    def walk_then_append(events, keys):
        broken = walk(events, keys)
        audit.record(assessor, "consultation", "report", "FC/000009/26", "viewed")
        return broken

    monkeypatch.setattr(rules, "first_broken_links", walk_then_append)
    result = audit.verify()
    assert (result.ok, result.checked) == (True, 5)
