"""Load N synthetic reports for a load test, move them along as a unit would, and make users.

    uv run python benchmarks/load_data.py --db sqlite --reports 20000 --data-dir /tmp/load
    uv run python benchmarks/load_data.py --db postgres --reports 1000000 --data-dir /tmp/load
    FRAUDCASE_DATABASE_URL=... FRAUDCASE_DATA_DIR=... uv run python benchmarks/load_data.py --existing --reports 100000

Reports come in through the real import path (100,000-victim packages from
fraudcase.intake.synthetic, seeds 1, 2, ... as benchmarks/bench_search.py makes them), received
over the last two years. Then, oldest first, most are assessed, decided, some allocated to
investigators, and finalised, as the services would have done it: one assessment is recorded
by the triage service and copied; status changes, timeline entries, supervisor decisions,
cases, tasks, first updates to victims, outcomes and audit entries are written in bulk (COPY on
PostgreSQL). The newest are left where a unit's work in hand is: to assess, to decide, with the
evaluator, to allocate, under investigation, awaiting an outcome. A few victim lists go in
through the victims service. Users of each role get the same password and an API token;
everything the load test needs is written to DATA_DIR/loadtest.json.

--existing adds to the database FRAUDCASE_DATABASE_URL names (migrated first), touching only
what it loads; the others make a fresh one (PostgreSQL: database `fraudcase_load`, dropped and
re-created, on FRAUDCASE_BENCH_POSTGRES). Serve it with the same FRAUDCASE_DATABASE_URL and
FRAUDCASE_DATA_DIR (the audit key lives there): the loader prints them.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import _bench_db

# Where a unit's reports are, newest first (shares of all reports loaded): the rest are
# finalised, ALLOCATED_SHARE of them after an investigation, the others on a decision of no
# further action.
IN_HAND = [
    ("recorded", 0.02),
    ("assessed", 0.005),
    ("with_evaluator", 0.002),
    ("awaiting_allocation", 0.003),
    ("under_investigation", 0.01),
    ("no_further_action", 0.01),
]
ALLOCATED_SHARE = 0.12
FIRST_UPDATE_OWED_DAYS = 10  # first updates given to all but the last days' victims
INVESTIGATORS = 30
PASSWORD = "load-test-password-2026"  # known on purpose: a throw-away test database
CHUNK = 100_000

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
where = parser.add_mutually_exclusive_group()
where.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
where.add_argument("--existing", action="store_true", help="add to FRAUDCASE_DATABASE_URL")
parser.add_argument("--reports", type=int, default=20_000)
parser.add_argument("--days", type=int, default=730, help="received over this many days")
parser.add_argument("--data-dir", help="FRAUDCASE_DATA_DIR for a fresh database")
parser.add_argument("--password", default=PASSWORD)
args = parser.parse_args()

started = time.perf_counter()
if args.existing:
    if "FRAUDCASE_DATABASE_URL" not in os.environ:
        sys.exit("--existing needs FRAUDCASE_DATABASE_URL (and FRAUDCASE_DATA_DIR)")
    os.environ["DJANGO_SETTINGS_MODULE"] = "fraudcase.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
else:
    _bench_db.setup(args.db, name="fraudcase_load", folder=args.data_dir)

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from fraudcase.accounts import services as accounts  # noqa: E402
from fraudcase.accounts.models import Role, Team, TeamKind, User  # noqa: E402
from fraudcase.audit import services as audit  # noqa: E402
from fraudcase.audit.models import AuditAction  # noqa: E402
from fraudcase.cases import rules as case_rules  # noqa: E402
from fraudcase.cases.models import Case, Finalisation, Task, VictimUpdate  # noqa: E402
from fraudcase.core import bulk  # noqa: E402
from fraudcase.demo.management.commands.demo_data import assessment_answers  # noqa: E402
from fraudcase.intake.importing import LONDON, import_nfib_package  # noqa: E402
from fraudcase.intake.synthetic import nfib_package_frame  # noqa: E402
from fraudcase.reports import deadlines as report_deadlines  # noqa: E402
from fraudcase.reports import rules as report_rules  # noqa: E402
from fraudcase.reports.enums import EntryKind, ReportStatus  # noqa: E402
from fraudcase.reports.models import (  # noqa: E402
    DisseminationPackage,
    EnquiryLogEntry,
    Report,
    StatusChange,
)
from fraudcase.triage import rules as triage_rules  # noqa: E402
from fraudcase.triage import services as triage  # noqa: E402
from fraudcase.triage.models import Assessment, SupervisorDecision  # noqa: E402
from fraudcase.triage.rules import Recommendation  # noqa: E402
from fraudcase.victims import services as victims  # noqa: E402
from fraudcase.victims.models import VictimListEntry  # noqa: E402
from fraudcase.victims.synthetic import victim_list_frame  # noqa: E402

timings: dict[str, float] = {}


def step(name: str, since: float) -> float:
    now = time.perf_counter()
    timings[name.strip()] = round(now - since, 1)
    print(f"  {name}: {timings[name.strip()]} s", flush=True)
    return now


# ---------------------------------------------------------------- users of each role

USERS = [
    # key, username, role, team, clearance, experience
    ("assessor", "load_assessor", Role.ASSESSOR, "VFT", "OFFICIAL", ""),
    ("supervisor", "load_supervisor", Role.VFT_SUPERVISOR, "VFT", "OFFICIAL-SENSITIVE", ""),
    ("investigator", "load_investigator", Role.INVESTIGATOR, "VFT", "OFFICIAL", "pip1"),
    ("ecu", "load_ecu", Role.INVESTIGATOR, "ECU", "OFFICIAL-SENSITIVE", "pip2"),
    ("evaluator", "load_evaluator", Role.EVALUATOR, "ECU", "OFFICIAL", "pip2"),
    ("fvo", "load_fvo", Role.FVO, "Protect", "OFFICIAL", ""),
    ("admin", "load_admin", Role.ADMINISTRATOR, "ECU", "OFFICIAL-SENSITIVE", ""),
]
TEAMS = {
    "VFT": ("Volume Fraud Team", TeamKind.VFT),
    "ECU": ("Economic Crime Unit", TeamKind.ECU),
    "Protect": ("Protect", TeamKind.PROTECT),
}


def make_users() -> tuple[dict[str, User], list[User], dict[str, Team]]:
    hashed = make_password(args.password)  # hashed once (Argon2 is slow on purpose)
    teams = {
        key: Team.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for key, (name, kind) in TEAMS.items()
    }
    people: dict[str, User] = {}
    for key, username, role, team, clearance, experience in USERS:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": "Load",
                "last_name": key.title(),
                "role": role,
                "clearance": clearance,
                "experience": experience,
                "password": hashed,
                "is_staff": role == Role.ADMINISTRATOR,
                "is_superuser": role == Role.ADMINISTRATOR,
            },
        )
        user.teams.add(teams[team])
        people[key] = user
    investigators = [people["investigator"], people["ecu"]]
    for n in range(1, INVESTIGATORS - 1):
        user, _ = User.objects.update_or_create(
            username=f"load_inv{n:02d}",
            defaults={
                "first_name": "Investigator",
                "last_name": f"{n:02d}",
                "role": Role.INVESTIGATOR,
                "experience": "pip2" if n % 3 == 0 else "pip1",
                "clearance": "OFFICIAL",
                "password": hashed,
            },
        )
        user.teams.add(teams["ECU" if n % 3 == 0 else "VFT"])
        investigators.append(user)
    return people, investigators, teams


# ---------------------------------------------------------------- reports, through the import


def import_reports(total: int) -> tuple[list[int], int]:
    """Import `total` reports in packages of up to CHUNK victims with seeds not yet used here;
    returns the seeds and the first report id they made."""
    first_id = (Report.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    used = set(
        DisseminationPackage.objects.filter(package_ref__regex=r"^B[0-9]+-").values_list(
            "package_ref", flat=True
        )
    )
    used_seeds = {int(ref.split("-")[1]) for ref in used}
    seeds, seed, left = [], 1, total
    today = timezone.localdate()
    with tempfile.TemporaryDirectory() as folder:
        while left > 0:
            while seed in used_seeds:
                seed += 1
            size = min(CHUNK, left)
            path = Path(folder) / f"p{seed}.csv"
            frame = nfib_package_frame(
                size,
                seed=seed,
                prefix=f"B{seed}",
                start=today - timedelta(days=args.days),
                days=args.days,
            )
            frame.write_csv(path)
            result = import_nfib_package(path, user=None)
            path.unlink()
            print(f"    package seed {seed}: {result.message}", flush=True)
            seeds.append(seed)
            left -= size
            seed += 1
    return seeds, first_id


# ---------------------------------------------------------------- the unit's work, in bulk


def fmt(value: datetime) -> object:
    """A datetime as the driver takes it in a raw statement (SQLite: naive UTC text)."""
    if connection.vendor == "sqlite":
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
    return value


def redate(rows: list[tuple[int, str, date]], rng: random.Random) -> list[tuple]:
    """Received on the day NFIB disseminated it, in working hours; recorded within a day."""
    now = timezone.now()
    out = []
    for pk, ref, disseminated in rows:
        received = datetime.combine(disseminated, datetime.min.time(), tzinfo=LONDON) + timedelta(
            minutes=rng.randrange(8 * 60, 17 * 60)
        )
        received = min(received, now - timedelta(hours=1))
        recorded = min(received + timedelta(minutes=rng.randrange(10, 20 * 60)), now)
        out.append((pk, ref, received, received + timedelta(hours=24), recorded))
    return out


def plan(count: int) -> list[str]:
    """Each report's end state, newest first."""
    states = []
    for status, share in IN_HAND:
        states += [status] * round(count * share)
    return (states + ["closed"] * count)[:count]


def move_along(first_id: int, people: dict[str, User], investigators: list[User], teams) -> dict:
    rng = random.Random(16)
    t = time.perf_counter()
    now = timezone.now()
    today = timezone.localdate()
    rows = list(
        Report.objects.filter(pk__gte=first_id)
        .values_list("pk", "local_reference", "package__disseminated_on")
        .order_by("pk")
    )
    dated = redate(rows, rng)
    dated.sort(key=lambda r: r[2], reverse=True)  # newest received first
    states = plan(len(dated))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS load_dates")
        cursor.execute(
            "CREATE TEMPORARY TABLE load_dates (id bigint PRIMARY KEY, received_at "
            f"{'timestamptz' if connection.vendor == 'postgresql' else 'text'}, recording_deadline "
            f"{'timestamptz' if connection.vendor == 'postgresql' else 'text'}, recorded_at "
            f"{'timestamptz' if connection.vendor == 'postgresql' else 'text'}, status text)"
        )
        values = (
            (pk, fmt(rec), fmt(dl), fmt(rd), st)
            for (pk, _, rec, dl, rd), st in zip(dated, states, strict=True)
        )
        if connection.vendor == "postgresql":
            with cursor.cursor.copy("COPY load_dates FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            cursor.execute("ANALYZE load_dates")
        else:
            cursor.executemany("INSERT INTO load_dates VALUES (%s, %s, %s, %s, %s)", list(values))
        cursor.execute(
            "UPDATE intake_report SET received_at = d.received_at, recording_deadline = "
            "d.recording_deadline, recorded_at = d.recorded_at, status = d.status "
            "FROM load_dates d WHERE intake_report.id = d.id"
        )
        # A package was received when its first victim was.
        cursor.execute(
            "UPDATE intake_disseminationpackage SET received_at = m.first FROM (SELECT "
            "package_id, MIN(received_at) AS first FROM intake_report WHERE id >= %s "
            "GROUP BY package_id) m WHERE intake_disseminationpackage.id = m.package_id",
            [first_id],
        )
        cursor.execute("DROP TABLE load_dates")

    t = step("  dates and statuses", t)
    assessor, supervisor = people["assessor"], people["supervisor"]
    # One assessment recorded by the triage service, on the oldest report: the others copy it.
    template_pk = dated[-1][0]
    template = Report.objects.get(pk=template_pk)
    Report.objects.filter(pk=template_pk).update(status=ReportStatus.RECORDED)
    template.status = ReportStatus.RECORDED
    _, scoring = triage.active_scoring()
    with transaction.atomic():
        triage.record_assessment(
            assessor,
            template,
            assessment_answers(assessor, template, scoring, today, note="Load test"),
        )
    Report.objects.filter(pk=template_pk).update(status=states[-1])
    columns = [
        f.attname for f in Assessment._meta.concrete_fields if f.attname not in {"id", "report_id"}
    ]
    json_columns = {
        f.attname for f in Assessment._meta.concrete_fields if f.get_internal_type() == "JSONField"
    }
    values = Assessment.objects.filter(report_id=template_pk).values(*columns).get()
    copied = {c: json.dumps(v) if c in json_columns else v for c, v in values.items()}
    tier = values["tier"]
    kept = [c for c in columns if c not in {"assessor_id", "assessed_at"}]

    changes, log, journeys = [], [], {}
    assessments, decisions, cases, tasks, outcomes, updates = [], [], [], [], [], []

    received_of = {pk: received for pk, _, received, _, _ in dated}

    def moved(pk, ref, transition, was, to, at, by, text, reason=""):
        days = report_rules.days_from_receipt(received_of[pk], at)
        changes.append((pk, transition, str(was), str(to), at, by.pk, reason, days))
        log.append((pk, str(EntryKind.STATUS), at, by.pk, text))
        journeys.setdefault(pk, [ref, []])[1].append(f"{transition}: {was} -> {to}")

    S = ReportStatus
    for (pk, ref, received, _, recorded), state in zip(dated, states, strict=True):
        if received.date() <= today - timedelta(days=FIRST_UPDATE_OWED_DAYS):
            updates.append(
                (
                    pk,
                    min(received + timedelta(days=1), now),
                    assessor.pk,
                    "telephone",
                    "Load test: told the victim their report was recorded and what happens next",
                )
            )
        if state == S.RECORDED:
            continue
        at = min(recorded + timedelta(hours=rng.uniform(2, 72)), now)
        if pk != template_pk:  # the template was assessed by the service
            assessments.append((pk, assessor.pk, at, *(copied[c] for c in kept)))
            moved(
                pk,
                ref,
                "assess",
                S.RECORDED,
                S.ASSESSED,
                at,
                assessor,
                f"Assessed: tier {tier}. Recommendation: Allocate.",
            )
        if state == S.ASSESSED:
            continue
        at = min(at + timedelta(hours=rng.uniform(4, 48)), now)
        allocated = state in {S.AWAITING_ALLOCATION, S.UNDER_INVESTIGATION} or (
            state == S.CLOSED and rng.random() < ALLOCATED_SHARE
        )
        decision, to = (
            ("evaluate", S.WITH_EVALUATOR)
            if state == S.WITH_EVALUATOR
            else ("allocate", S.AWAITING_ALLOCATION)
            if allocated
            else ("no_further_action", S.NO_FURTHER_ACTION)
        )
        reason = "" if decision == "allocate" else "Load test: no proportionate lines of enquiry"
        decisions.append((pk, supervisor.pk, at, decision, reason, tier, tier, "", ""))
        moved(
            pk,
            ref,
            "decide",
            S.ASSESSED,
            to,
            at,
            supervisor,
            f"Supervisor decision: {decision.replace('_', ' ')}.",
            reason,
        )
        if state in {S.WITH_EVALUATOR, S.AWAITING_ALLOCATION, S.NO_FURTHER_ACTION}:
            continue
        closer = supervisor
        if allocated:
            at = min(at + timedelta(hours=rng.uniform(4, 96)), now)
            officer = rng.choice(investigators)
            team = teams["ECU"] if officer.experience == "pip2" else teams["VFT"]
            closer = officer
            open_case = state == S.UNDER_INVESTIGATION
            closed_at = None if open_case else min(at + timedelta(days=rng.uniform(20, 200)), now)
            day = timezone.localdate(at)
            cases.append(
                (
                    pk,
                    team.pk,
                    officer.pk,
                    tier,
                    supervisor.pk,
                    at,
                    "",
                    today + timedelta(days=rng.randint(-2, 27))
                    if open_case
                    else case_rules.next_review_due(day, tier),
                    case_rules.DEFAULT_UPDATE_EVERY_DAYS,
                    today + timedelta(days=rng.randint(-2, 27))
                    if open_case
                    else case_rules.next_update_due(day, 28),
                    closed_at,
                )
            )
            moved(
                pk,
                ref,
                "allocate",
                S.AWAITING_ALLOCATION,
                S.UNDER_INVESTIGATION,
                at,
                supervisor,
                f"Allocated to {officer} ({team.name}), tier {tier}.",
            )
            if open_case:
                tasks.append(
                    (
                        pk,
                        "Request bank statements",
                        officer.pk,
                        today + timedelta(days=rng.randint(-5, 20)),
                        officer.pk,
                        at,
                    )
                )
                continue
            at = closed_at
            was = S.UNDER_INVESTIGATION
            outcome = rng.choice([1, 1, 8, 14, 15, 18, 18, 18])
        else:
            at = min(at + timedelta(days=rng.uniform(1, 5)), now)
            was = S.NO_FURTHER_ACTION
            outcome = 18
        positive = outcome in case_rules.parse_outcome_set(settings.FRAUDCASE_POSITIVE_OUTCOMES)
        label = case_rules.HOME_OFFICE_OUTCOMES[outcome]
        outcomes.append((pk, outcome, positive, "Load test", None, "", closer.pk, at))
        moved(
            pk,
            ref,
            "finalise",
            was,
            S.CLOSED,
            at,
            closer,
            f"Finalised: outcome {outcome} ({label}){' - positive' if positive else ''}.",
            "Load test",
        )

    t = step("  planned", t)
    a_columns = ["report", "assessor", "assessed_at", *kept]
    with transaction.atomic():
        bulk.check_constraints_per_statement()
        written = {}
        tables = {
            "assessments": (Assessment, a_columns, assessments),
            "decisions": (
                SupervisorDecision,
                [
                    "report",
                    "decided_by",
                    "decided_at",
                    "decision",
                    "reason",
                    "tier_before",
                    "tier",
                    "retask_reason",
                    "retask_explanation",
                ],
                decisions,
            ),
            "cases": (
                Case,
                [
                    "report",
                    "team",
                    "investigator",
                    "tier",
                    "allocated_by",
                    "allocated_at",
                    "allocation_reason",
                    "next_review_due",
                    "update_every_days",
                    "next_update_due",
                    "closed_at",
                ],
                cases,
            ),
            "tasks": (
                Task,
                ["report", "text", "assignee", "due", "created_by", "created_at"],
                tasks,
            ),
            "outcomes": (
                Finalisation,
                [
                    "report",
                    "outcome",
                    "positive",
                    "rationale",
                    "cease_and_desist",
                    "untraceable_action",
                    "finalised_by",
                    "finalised_at",
                ],
                outcomes,
            ),
            "first_updates": (VictimUpdate, ["report", "at", "by", "method", "summary"], updates),
            "status_changes": (
                StatusChange,
                [
                    "report",
                    "transition",
                    "from_status",
                    "to_status",
                    "at",
                    "by",
                    "reason",
                    "days_from_receipt",
                ],
                changes,
            ),
            "timeline_entries": (EnquiryLogEntry, ["report", "kind", "at", "author", "text"], log),
        }
        for name, (model, names, rows_of) in tables.items():
            began = time.perf_counter()
            written[name] = bulk.insert_rows(model, names, rows_of)
            print(f"      {name}: {written[name]:,} rows, {time.perf_counter() - began:.1f} s")
        stored_deadlines(today)
    t = step("  written", t)
    # One audit entry per report for its moves, as a bulk import writes one per report
    # (docs/decisions.md, ADR-0004); the moves themselves are each a status change.
    entries = [
        audit.Entry(AuditAction.ALTERATION, "report", ref, ("Load test: " + "; ".join(moves))[:200])
        for ref, moves in journeys.values()
    ]
    for part in bulk.chunked(entries, 50_000):
        audit.record_many(supervisor, part)
    written["audit_entries"] = len(entries)
    step("  audited", t)
    return written


def stored_deadlines(today: date) -> None:
    """Keep the stored due dates as the services would (issue 16): a first update given clears
    the report's; an assessment giving the enhanced service moves it to 1 working day; a
    decision not to investigate owes its letter, sent for every decision but the last
    fortnight's (the loader writes no letters, so older ones count as explained)."""
    given = VictimUpdate.objects.values("report_id")
    Report.objects.filter(pk__in=given, first_update_due__isnull=False).update(
        first_update_due=None
    )
    report_deadlines.schedule_first_updates(
        report_deadlines.still_owed(Report.objects.filter(assessment__enhanced_service=True)),
        enhanced=True,
    )
    bulk.stamp_deadlines(
        SupervisorDecision.objects.filter(
            decision=Recommendation.NO_FURTHER_ACTION,
            decided_at__gte=timezone.make_aware(
                datetime.combine(today - timedelta(days=14), datetime.min.time())
            ),
        ),
        "decided_at",
        "explanation_due",
        triage_rules.DECISION_EXPLANATION_DAYS,
    )


def victim_lists(fvo: User, reports: int) -> int:
    """One list a month, with a tenth as many victims as reports in all (at most 12 lists)."""
    lists = max(1, min(12, reports // 100_000))
    rows = max(200, min(10_000, reports // 10 // lists))
    today = timezone.localdate()
    made = 0
    with tempfile.TemporaryDirectory() as folder:
        for month in range(lists):
            start = today - timedelta(days=28 * (month + 1))
            # Seeds from 5000: NFRC265000..., longer than any list benchmarks/ or the demo make.
            seed = 5000 + month
            while VictimListEntry.objects.filter(nfrc__startswith=f"NFRC26{seed}").exists():
                seed += lists
            path = Path(folder) / f"load-victim-list-{seed}.csv"
            victim_list_frame(rows, seed=seed, start=start).write_csv(path)
            _, added = victims.import_victim_list(path, user=fvo, original_name=path.name)
            made += added
    return made


t = time.perf_counter()
print(f"Loading {args.reports:,} reports into {settings.DATABASES['default']['NAME']}", flush=True)
people, investigators, teams = make_users()
t = step("users", t)
seeds, first_id = import_reports(args.reports)
t = step("import", t)
written = move_along(first_id, people, investigators, teams)
t = step("assessment, decisions, cases, outcomes", t)
listed = victim_lists(people["fvo"], args.reports)
t = step("victim lists", t)
tokens = {key: accounts.issue_token(user, "load test") for key, user in people.items()}
t = step("tokens", t)
# Planner statistics for every table (cases, decisions... written beside the import), on
# both databases (ADR-0072, ADR-0135): without them SQLite counts the home page's overdue
# reviews through the wrong index (70 ms instead of 0.7 at 100,000 reports), and PostgreSQL,
# whose autovacuum may be off or not yet awake, takes the allocation board's 90 days of moves
# for a few hundred rows (48 ms instead of 10 for each of its timings at 100,000 reports).
bulk.refresh_planner_statistics()
t = step("statistics", t)

counts = {
    status: Report.objects.filter(pk__gte=first_id, status=status).count()
    for status in ReportStatus.values
}
out = {
    "database_url": os.environ["FRAUDCASE_DATABASE_URL"],
    "data_dir": str(settings.DATA_DIR),
    "reports": args.reports,
    "reports_loaded": Report.objects.filter(pk__gte=first_id).count(),
    "package_seeds": seeds,
    "by_status": {k: v for k, v in counts.items() if v},
    "written": written,
    "victim_list_entries": listed,
    "password": args.password,
    "users": {
        key: {"username": user.username, "role": user.role, "token": tokens[key]}
        for key, user in people.items()
    },
    "investigators": len(investigators),
    "seconds": timings | {"total": round(time.perf_counter() - started, 1)},
    "cpus": os.cpu_count(),
}
target = Path(settings.DATA_DIR) / "loadtest.json"
target.write_text(json.dumps(out, indent=2))
target.chmod(0o600)
print(json.dumps({k: v for k, v in out.items() if k != "users"}, indent=2))
print(f"Users (password {args.password!r}): " + ", ".join(u.username for u in people.values()))
print(f"Written (with API tokens) to {target}. Serve it with:")
print(
    f"  FRAUDCASE_DATABASE_URL={out['database_url']} FRAUDCASE_DATA_DIR={out['data_dir']} "
    "FRAUDCASE_INSECURE_HTTP=1 uv run gunicorn -c python:fraudcase.gunicorn_conf"
)
