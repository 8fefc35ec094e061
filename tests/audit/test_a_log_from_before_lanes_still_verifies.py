"""A log written as one chain, before lanes, is lane 1 after the upgrade: it verifies, its
checkpoints still anchor it, and new entries go to every lane (issue 16, item 5)."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from fraudcase.audit import keys, rules
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditEvent, AuditHead
from tests.audit.conftest import in_lane, with_lanes

BEFORE_LANES = ("audit", "0003_append_only_trigger")


def checkpoint_as_before_lanes():
    """Append a checkpoint as the version before lanes signed it: the single chain's end."""
    key = keys.signing_key()
    ids_and_hashes = AuditEvent.objects.order_by("id").values_list("id", "hash")
    last_id, last_hash = ids_and_hashes.last()
    signed = {
        "entries": ids_and_hashes.count(),
        "last_id": last_id,
        "last_hash": last_hash,
        "at": timezone.now().isoformat(),
        "key_id": rules.key_id(key),
    }
    signed["mac"] = rules.checkpoint_mac(key, signed)
    path = audit.default_checkpoint_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as out:
        out.write(json.dumps(signed) + "\n")
    return signed


def write_in_lanes(user, settings, lanes):
    with_lanes(settings, max(lanes))
    for lane in lanes:
        in_lane(lane)
        audit.record(user, "consultation", "report", "FC/000100/26", "viewed")


@pytest.mark.django_db
def test_a_checkpoint_from_before_lanes_still_anchors_lane_1(assessor, settings, tamper, capsys):
    for n in range(3):
        audit.record(assessor, "consultation", "report", f"FC/00000{n}/26", "viewed")
    old = checkpoint_as_before_lanes()
    write_in_lanes(assessor, settings, [2, 3, 1])
    call_command("audit_verify")
    assert "intact: 6 entries checked in 3 lane(s)" in capsys.readouterr().out
    lane_1 = list(AuditEvent.objects.filter(lane=1).order_by("id"))
    tamper("DELETE FROM audit_auditevent WHERE lane = 1 AND id >= %s", [old["last_id"]])
    AuditHead.objects.filter(pk=1).update(last_hash=lane_1[1].hash)
    with pytest.raises(
        CommandError,
        match=f"the log has 2 entries in lane 1 .* recorded 3 \\(last {old['last_id']}\\)",
    ):
        call_command("audit_verify")


@pytest.mark.django_db
def test_a_checkpoint_from_before_lanes_cannot_be_passed_off_as_one_with_lanes(assessor):
    audit.record(assessor, "consultation", "report", "FC/000001/26", "viewed")
    old = checkpoint_as_before_lanes()
    path = audit.default_checkpoint_file()
    old["lanes"] = {"1": {"entries": 0, "last_id": 0, "last_hash": rules.GENESIS}}
    path.write_text(json.dumps(old) + "\n")
    with pytest.raises(CommandError, match="is not signed by this server's audit key"):
        call_command("audit_verify")


@pytest.fixture
def before_lanes():
    """The database as the version before lanes left it; migrated to the newest at the end."""
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE_LANES])
    yield executor.loader.project_state([BEFORE_LANES]).apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_a_log_written_before_lanes_verifies_after_the_migration(
    assessor, settings, before_lanes, capsys
):
    # As the previous version wrote it: one chain from GENESIS behind head row 1, no lane.
    old_event = before_lanes.get_model("audit", "AuditEvent")
    key = keys.signing_key()
    prev = rules.GENESIS
    for n in range(3):
        fields = {
            "at": timezone.now(),
            "actor_id": assessor.pk,
            "actor_name": assessor.username,
            "action": "consultation",
            "object_type": "report",
            "object_ref": f"FC/00000{n}/26",
            "summary": "viewed",
            "justification": "",
        }
        digest = rules.event_hash(prev, fields, key)
        old_event.objects.create(**fields, prev_hash=prev, hash=digest, key_id=rules.key_id(key))
        prev = digest
    heads = before_lanes.get_model("audit", "AuditHead").objects
    heads.all().delete()
    heads.create(pk=1, last_hash=prev)
    checkpoint_as_before_lanes()

    MigrationExecutor(connection).migrate([("audit", "0004_auditevent_lane")])
    assert set(AuditEvent.objects.values_list("lane", flat=True)) == {1}
    call_command("audit_verify")
    assert "intact: 3 entries checked in 1 lane(s)" in capsys.readouterr().out

    write_in_lanes(assessor, settings, [1, 2, 3, 2])
    call_command("audit_checkpoint")
    call_command("audit_verify")
    out = capsys.readouterr().out
    assert "intact: 7 entries checked in 3 lane(s)" in out
    assert "Agrees with 2 checkpoint(s)" in out
    assert AuditHead.objects.get(pk=1).last_hash == AuditEvent.objects.filter(lane=1).last().hash
