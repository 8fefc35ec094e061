"""Auditing a consultation does not make every reader wait for one lock: writers append to
several chains ("lanes") at once, each keyed and checked like the single chain was (issue 16,
item 5; docs/admin-guide.md "Audit log")."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from fraudcase.audit import rules
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditEvent, AuditHead
from tests.audit.conftest import in_lane, with_lanes

ON_POSTGRESQL = "connection.vendor != 'postgresql'"
NO_SKIP_LOCKED = (
    "SQLite lets one writer at a time hold a transaction (BEGIN IMMEDIATE): two writers cannot "
    "both be inside one, so there is no lane to skip; lane choice is tested on both databases"
)


def view(user, ref="FC/000001/26"):
    audit.record(user, "consultation", "report", ref, "viewed")


def lanes_of_the_log():
    return list(AuditEvent.objects.order_by("id").values_list("lane", flat=True))


# ---------------------------------------------------------------- choosing a lane


@pytest.mark.django_db
def test_a_writer_appends_to_the_lane_its_connection_tries_first(assessor, settings):
    with_lanes(settings, 4)
    for lane in (3, 1, 4, 3):
        in_lane(lane)
        view(assessor)
    assert lanes_of_the_log() == [3, 1, 4, 3]
    heads = dict(AuditHead.objects.values_list("pk", "last_hash"))
    assert heads[2] == rules.lane_genesis(2)
    assert heads[3] == AuditEvent.objects.filter(lane=3).last().hash


@pytest.mark.django_db
def test_lanes_without_a_head_get_one_when_a_writer_finds_no_lane_free(assessor, settings):
    """A new log, or more lanes configured since `migrate` made their heads."""
    AuditHead.objects.all().delete()
    settings.AUDIT_LANES = 4
    view(assessor)
    assert dict(AuditHead.objects.values_list("pk", "last_hash")) == {
        1: AuditEvent.objects.get().hash,
        **{lane: rules.lane_genesis(lane) for lane in (2, 3, 4)},
    }


@pytest.mark.django_db
def test_a_connection_keeps_the_lane_it_appended_to(assessor, settings):
    """So a transaction that records twice holds one lane, never two (two transactions each
    holding one lane and waiting for the other's could deadlock)."""
    with_lanes(settings, 4)
    in_lane(2)
    with transaction.atomic():
        view(assessor)
        view(assessor)
    view(assessor)
    assert lanes_of_the_log() == [2, 2, 2]


@pytest.mark.django_db
def test_without_a_lane_of_its_own_a_writer_starts_from_one_of_the_configured_lanes(
    assessor, settings
):
    with_lanes(settings, 4)
    in_lane(9)  # used before the lanes were cut from 9 or more to 4
    view(assessor)
    assert 1 <= lanes_of_the_log()[0] <= 4


@pytest.mark.django_db
def test_sixteen_lanes_on_postgresql_and_one_on_sqlite_unless_configured(settings):
    settings.AUDIT_LANES = 0
    assert audit.lane_count() == (16 if connection.vendor == "postgresql" else 1)
    assert AuditHead.objects.count() == audit.lane_count()  # made by `migrate`
    settings.AUDIT_LANES = 3
    assert audit.lane_count() == 3


# ---------------------------------------------------------------- writers in parallel


def _in_a_thread(target):
    """Run `target` on its own thread (and so its own database connection), closing it after."""

    def run():
        try:
            target()
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _heads_made(user):
    """An entry already committed, as on any server in use: its write made every lane's head
    (writers making the heads of a new log wait for each other once)."""
    in_lane(1)
    view(user, "FC/000000/26")


def _waiting_on_a_lock(pid):
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return row is not None and row[0] == "Lock"


@pytest.mark.skipif(ON_POSTGRESQL, reason=NO_SKIP_LOCKED)
@pytest.mark.django_db(transaction=True)
def test_two_writers_on_different_lanes_both_commit_while_neither_waits(assessor, settings):
    """A reader whose transaction holds lane 1 open does not hold up another reader, who takes
    the next free lane and commits; and the log still verifies."""
    with_lanes(settings, 16)
    _heads_made(assessor)
    holding, release, errors = threading.Event(), threading.Event(), []

    def first_reader():
        try:
            in_lane(1)
            with transaction.atomic():
                view(assessor, "FC/000001/26")
                holding.set()
                assert release.wait(30), "the second reader never committed"
        except BaseException as error:  # shown by the main thread
            errors.append(error)
            holding.set()

    def second_reader():
        try:
            in_lane(1)  # it tries the held lane first, and skips it
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '5s'")  # a wait would fail, not hang
            view(assessor, "FC/000002/26")
        except BaseException as error:
            errors.append(error)

    first = _in_a_thread(first_reader)
    assert holding.wait(30)
    second = _in_a_thread(second_reader)
    second.join(30)
    committed = dict(AuditEvent.objects.values_list("object_ref", "lane"))
    release.set()
    first.join(30)
    assert not errors, errors
    del committed["FC/000000/26"]
    assert committed == {"FC/000002/26": 2}  # committed while the first still held lane 1
    assert AuditEvent.objects.get(object_ref="FC/000001/26").lane == 1
    call_command("audit_checkpoint")
    call_command("audit_verify")


@pytest.mark.skipif(ON_POSTGRESQL, reason=NO_SKIP_LOCKED)
@pytest.mark.django_db(transaction=True)
def test_when_every_lane_is_held_a_writer_waits_for_one_then_appends(assessor, settings):
    with_lanes(settings, 2)
    _heads_made(assessor)
    pids, release, errors = {}, threading.Event(), []
    held = threading.Barrier(3)

    def holder(lane):
        def run():
            try:
                in_lane(lane)
                with transaction.atomic():
                    view(assessor, f"FC/00000{lane}/26")
                    held.wait(30)
                    assert release.wait(30)
            except BaseException as error:
                errors.append(error)

        return run

    def latecomer():
        try:
            in_lane(1)
            connection.ensure_connection()
            pids["late"] = connection.connection.info.backend_pid
            view(assessor, "FC/000009/26")
        except BaseException as error:
            errors.append(error)

    holders = [_in_a_thread(holder(1)), _in_a_thread(holder(2))]
    held.wait(30)
    late = _in_a_thread(latecomer)
    for _ in range(300):  # until it waits on the lock, not a clock
        if "late" in pids and _waiting_on_a_lock(pids["late"]):
            break
        late.join(0.1)
    assert _waiting_on_a_lock(pids["late"])
    release.set()
    for thread in [*holders, late]:
        thread.join(30)
    assert not errors, errors
    assert AuditEvent.objects.get(object_ref="FC/000009/26").lane == 1  # its own lane
    call_command("audit_checkpoint")
    call_command("audit_verify")
