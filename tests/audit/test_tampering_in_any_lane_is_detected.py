"""Each lane of the audit log is a keyed chain of its own and every checkpoint pins every lane,
so an edit, a cut or a move in any lane is found, and each broken lane names its first problem
(issue 16, item 5; docs/admin-guide.md "Audit log")."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fraudcase.audit import rules
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditEvent, AuditHead
from tests.audit.conftest import forge_after, in_lane, with_lanes

pytestmark = pytest.mark.django_db

WRITES = [1, 2, 1, 3, 2, 2]  # the lane of each entry, in the order they were written


@pytest.fixture
def lanes(assessor, settings):
    """Six entries over three lanes, as three workers write them: lane -> its entries."""
    with_lanes(settings, 3)
    for n, lane in enumerate(WRITES):
        in_lane(lane)
        audit.record(assessor, "consultation", "report", f"FC/00000{n}/26", "viewed")
    by_lane: dict[int, list[AuditEvent]] = {}
    for event in AuditEvent.objects.order_by("id"):
        by_lane.setdefault(event.lane, []).append(event)
    assert {lane: len(events) for lane, events in by_lane.items()} == {1: 2, 2: 3, 3: 1}
    return by_lane


def verify_fails(match):
    with pytest.raises(CommandError, match=match) as failed:
        call_command("audit_verify")
    return str(failed.value)


def problems(capsys):
    with pytest.raises(CommandError):
        call_command("audit_verify", "--json")
    return {p["lane"]: p for p in json.loads(capsys.readouterr().out)["problems"]}


def test_a_checkpoint_pins_every_lane_and_the_log_verifies(lanes, capsys):
    call_command("audit_checkpoint")
    assert "6 entries in 3 lane(s), up to entry" in capsys.readouterr().out
    signed = json.loads(audit.default_checkpoint_file().read_text())
    assert signed["entries"] == 6
    assert signed["lanes"] == {
        str(lane): {"entries": len(events), "last_id": events[-1].id, "last_hash": events[-1].hash}
        for lane, events in lanes.items()
    }
    call_command("audit_verify")
    assert "intact: 6 entries checked in 3 lane(s)" in capsys.readouterr().out


@pytest.mark.parametrize("lane", [1, 2, 3])
def test_an_entry_edited_in_any_lane_is_found_in_that_lane(lanes, tamper, lane, capsys):
    audit.checkpoint()
    target = lanes[lane][0]
    tamper("UPDATE audit_auditevent SET summary = 'nothing' WHERE id = %s", [target.id])
    verify_fails(f"lane {lane} at entry {target.id}: this entry was altered or forged")
    assert problems(capsys).keys() == {lane}  # the other lanes still check


def test_each_broken_lane_names_its_own_first_problem(lanes, tamper):
    audit.checkpoint()
    for event in (lanes[1][1], lanes[2][0], lanes[2][2]):
        tamper("UPDATE audit_auditevent SET summary = 'nothing' WHERE id = %s", [event.id])
    message = verify_fails("lane 1 at entry")
    assert f"lane 1 at entry {lanes[1][1].id}: this entry was altered" in message
    assert f"lane 2 at entry {lanes[2][0].id}: this entry was altered" in message
    assert f"entry {lanes[2][2].id}" not in message and "lane 3" not in message


@pytest.mark.parametrize("lane", [1, 2, 3])
def test_the_newest_entry_of_a_lane_deleted_after_a_checkpoint_is_found(lanes, tamper, lane):
    """The head reset too, so the lane's chain alone checks: the checkpoint still holds."""
    audit.checkpoint()
    *kept, newest = lanes[lane]
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [newest.id])
    AuditHead.objects.filter(pk=lane).update(
        last_hash=kept[-1].hash if kept else rules.lane_genesis(lane)
    )
    verify_fails(
        f"the log has {len(kept)} entries in lane {lane} .* recorded {len(kept) + 1} "
        f"\\(last {newest.id}\\): entries were removed"
    )


def test_the_newest_entry_of_a_lane_deleted_leaving_its_head_is_found_without_a_checkpoint(
    lanes, tamper
):
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [lanes[2][-1].id])
    verify_fails(f"lane 2 at entry {lanes[2][-2].id}: entries after this one were removed")


def test_every_lane_truncated_is_found_against_a_checkpoint(lanes, tamper):
    audit.checkpoint()
    tamper("DELETE FROM audit_auditevent")
    AuditHead.objects.all().delete()
    message = verify_fails("entries were removed")
    for lane, events in lanes.items():
        assert f"the log has 0 entries in lane {lane} (last 0) but" in message
        assert f"recorded {len(events)} (last {events[-1].id})" in message


def test_two_entries_swapped_across_lanes_are_found(lanes, tamper, capsys):
    audit.checkpoint()
    one, two = lanes[1][0], lanes[2][0]
    tamper("UPDATE audit_auditevent SET lane = %s WHERE id = %s", [2, one.id])
    tamper("UPDATE audit_auditevent SET lane = %s WHERE id = %s", [1, two.id])
    found = problems(capsys)
    assert found[1]["entry"] == two.id and found[2]["entry"] == one.id
    assert (
        found[1]["problem"] == found[2]["problem"] == "the entry before it was altered or removed"
    )


def test_two_entries_of_a_lane_reordered_are_found(lanes, tamper):
    first, second, _ = lanes[2]
    for old, new in ((first.id, -1), (second.id, first.id), (-1, second.id)):
        tamper("UPDATE audit_auditevent SET id = %s WHERE id = %s", [new, old])
    verify_fails(f"lane 2 at entry {first.id}: the entry before it was altered or removed")


def test_a_whole_lane_moved_to_another_lane_is_found(lanes, tamper):
    """Even with the heads moved too: a lane's first entry chains from that lane's own start."""
    tamper("UPDATE audit_auditevent SET lane = 4 WHERE lane = 3")
    AuditHead.objects.update_or_create(pk=4, defaults={"last_hash": lanes[3][-1].hash})
    AuditHead.objects.filter(pk=3).update(last_hash=rules.lane_genesis(3))
    verify_fails(f"lane 4 at entry {lanes[3][0].id}: the entry before it was altered or removed")


def test_a_lane_rewritten_as_entries_from_before_the_key_is_found(lanes, tamper):
    """Only lane 1 may begin with unkeyed entries (the log from before the key)."""
    prev = rules.lane_genesis(2)
    for event in lanes[2]:
        fields = {name: getattr(event, name) for name in audit.HASHED_FIELDS}
        digest = rules.event_hash(prev, fields, None)
        tamper(
            "UPDATE audit_auditevent SET prev_hash = %s, hash = %s, key_id = '' WHERE id = %s",
            [prev, digest, event.id],
        )
        prev = digest
    AuditHead.objects.filter(pk=2).update(last_hash=prev)
    verify_fails(
        f"lane 2 at entry {lanes[2][0].id}: this entry has no audit key signature, and only "
        "entries of lane 1"
    )
    with pytest.raises(CommandError, match="No checkpoint taken"):
        call_command("audit_checkpoint", adopt_unkeyed=True)


def test_a_forged_entry_appended_to_a_lane_is_found(lanes, tamper):
    forged = forge_after(tamper, lanes[3][-1], lanes[3][-1].key_id)
    verify_fails(f"lane 3 at entry {forged.id}: this entry was altered or forged")
