"""Fill a PostgreSQL database with years of a unit's finished and open work, for timing the
monthly NFIB return, the reconciliation and the performance pack (issue 12).

    uv run python benchmarks/make_history.py --reports 2000000 --years 5
    uv run python benchmarks/make_history.py --reports 200000 --years 5 --name fraudcase_history_200k

Unlike benchmarks/load_data.py (which drives the real import and moves reports in bulk as the
services would, and takes about 18 minutes a million), this writes the tables the returns and
the pack read straight from `generate_series`, set-based, in a few minutes: dissemination
packages (one a working day), reports received evenly over the years with their victims, NFRC
numbers, calls for service (double-keyed to NFIB), referrals, the status changes of each move,
supervisor decisions, cases for the allocated share, outcomes (Home Office types by the share
the seeds report), disruption and victim updates. Reports older than OPEN_DAYS are finalised;
the newer are spread over the stages of work in hand. The database (FRAUDCASE_BENCH_POSTGRES
server, `--name`) is dropped and re-created; the script prints FRAUDCASE_DATABASE_URL.

The rows are plausible, not a model of any force: the point is the size and the spread over
months, teams, sources and outcomes, so the timed queries read what they would read in use.
"""

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta

import _bench_db

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--reports", type=int, default=2_000_000)
parser.add_argument("--years", type=int, default=5)
parser.add_argument("--name", default="fraudcase_history", help="PostgreSQL database name")
parser.add_argument("--data-dir", help="FRAUDCASE_DATA_DIR (default: a new temporary folder)")

OPEN_DAYS = 120  # reports received in the last 120 days are still in hand, by age
ALLOCATED_EVERY = 8  # one report in 8 is allocated for investigation; the rest NFA
INVESTIGATORS = 30
TEAMS = [("VFT", "vft"), ("ECU", "ecu"), ("Neighbourhood", "neighbourhood"), ("Protect", "protect")]
# NFRC numbers of this generator: NFRC4 then 10 digits, apart from the import tests'
# (tests/scale.py), the demo's (NFRC25...) and fraudcase.intake.synthetic's.
NFRC_BASE = 40_000_000_000


def main() -> None:
    args = parser.parse_args()
    _bench_db.setup("postgres", name=args.name, folder=args.data_dir)
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from fraudcase.accounts.enums import Role
    from fraudcase.accounts.models import Team

    end = datetime.now(UTC).replace(microsecond=0)
    start = end - timedelta(days=365 * args.years)
    started = time.perf_counter()
    User = get_user_model()
    with transaction.atomic():
        teams = [Team.objects.create(name=name, kind=kind) for name, kind in TEAMS]
        supervisor = User.objects.create_user(
            "hist-supervisor", password=None, role=Role.VFT_SUPERVISOR
        )
        supervisor.teams.add(teams[0])
        officers = []
        for n in range(INVESTIGATORS):
            officer = User.objects.create_user(
                f"hist-investigator-{n}", password=None, role=Role.INVESTIGATOR
            )
            officer.teams.add(teams[n % 3])
            officers.append(officer.pk)
    params = {
        "n": args.reports,
        "start": start,
        "span": (end - start).total_seconds(),
        "now": end,
        "open_from": end - timedelta(days=OPEN_DAYS),
        "sup": supervisor.pk,
        "team0": teams[0].pk,
        "team1": teams[1].pk,
        "team2": teams[2].pk,
        "off0": officers[0],
        "noff": INVESTIGATORS,
        "base": NFRC_BASE,
        "every": ALLOCATED_EVERY,
    }
    with connection.cursor() as cursor:
        for label, sql in STEPS:
            began = time.perf_counter()
            cursor.execute(sql, params)
            print(f"{label:<28} {cursor.rowcount:>10,} rows {time.perf_counter() - began:6.1f} s")
        cursor.execute("ANALYZE")
    print(
        f"{args.reports:,} reports over {args.years} years in {time.perf_counter() - started:.0f} s"
    )
    print(f"FRAUDCASE_DATABASE_URL={os.environ['FRAUDCASE_DATABASE_URL']}")
    print(f"FRAUDCASE_DATA_DIR={os.environ['FRAUDCASE_DATA_DIR']}")


# One working table of every report's facts, computed once from its number `i`: when it came
# in, from where, where it is now, and when each move happened. Every table below is filled
# from it in one statement.
PLAN = """
CREATE UNLOGGED TABLE hist_plan AS
SELECT i,
       received,
       CASE WHEN i %% 100 < 86 THEN 'nfib' WHEN i %% 100 < 94 THEN 'call_for_service'
            ELSE 'referral' END AS source,
       CASE WHEN received >= %(open_from)s THEN
                (ARRAY['recorded','assessed','awaiting_allocation','under_investigation',
                       'no_further_action','filed_pending'])[1 + i %% 6]
            ELSE 'closed' END AS status,
       i %% %(every)s = 0 AS allocated,
       received + interval '2 days' AS assessed_at,
       received + interval '4 days' AS decided_at,
       received + interval '6 days' AS allocated_at,
       received + ((20 + i %% 90) || ' days')::interval AS finalised_at,
       CASE WHEN i %% %(every)s = 0 THEN
                (ARRAY[1,1,2,3,8,10,10,14,15,16,18,18,18,20,21,22])[1 + (i / %(every)s) %% 16]
            ELSE (ARRAY[14,18,18,18,19,21])[1 + i %% 6] END AS outcome
FROM (
    SELECT i, %(start)s::timestamptz + ((i - 1) * %(span)s / %(n)s) * interval '1 second'
              AS received
    FROM generate_series(1, %(n)s) AS i
) AS spread
"""

STEPS = [
    ("plan", PLAN),
    (
        "packages (one a day)",
        """
        INSERT INTO intake_disseminationpackage
            (package_ref, disseminated_on, imported_at, imported_by_id, source_filename,
             received_at, received_reason)
        SELECT 'HIST-PKG-' || to_char(d, 'YYYY-MM-DD'), d::date, d, %(sup)s, '', d, ''
        FROM generate_series(date_trunc('day', %(start)s::timestamptz), %(now)s, '1 day') AS d
        """,
    ),
    (
        "reports",
        """
        INSERT INTO intake_report
            (id, local_reference, source, status, handling_marking, restricted_to_team_id,
             package_id, fraud_type, received_at, recording_deadline, recorded_at,
             recorded_by_id, loss_gbp, narrative, first_update_due)
        SELECT p.i, 'HIST/' || p.i, p.source, p.status,
               CASE WHEN p.i %% 100 = 7 THEN 'OFFICIAL-SENSITIVE' ELSE 'OFFICIAL' END,
               CASE WHEN p.i %% 200 = 11 THEN %(team1)s END,
               CASE WHEN p.source = 'nfib' THEN pkg.id END,
               (ARRAY['NFIB3A','NFIB1H','NFIB5A','NFIB2E','NFIB3D','NFIB1D','NFIB52B',
                      'NFIB90'])[1 + p.i %% 8],
               p.received, p.received + interval '24 hours',
               p.received + CASE WHEN p.i %% 50 = 0 THEN interval '30 hours'
                                 ELSE interval '2 hours' END,
               %(sup)s,
               CASE WHEN p.i %% 10 = 0 THEN 0 ELSE ((p.i::bigint * 7919) %% 500000) / 100.0 END,
               '', NULL
        FROM hist_plan p
        LEFT JOIN intake_disseminationpackage pkg
               ON pkg.package_ref = 'HIST-PKG-' || to_char(p.received, 'YYYY-MM-DD')
        """,
    ),
    (
        "victims",
        """
        INSERT INTO intake_victim
            (report_id, victim_type, forename, surname, business_name, dob, address, postcode,
             phone, email, search_name)
        SELECT i,
               CASE WHEN i %% 5 = 0 THEN 'business' ELSE 'individual' END,
               CASE WHEN i %% 5 = 0 THEN '' ELSE
                   (ARRAY['Amy','Ben','Chloe','Dev','Ewa','Femi','Grace','Hari'])[1 + i %% 8] END,
               CASE WHEN i %% 5 = 0 THEN '' ELSE
                   (ARRAY['Smith','Patel','Nowak','Osei','Jones','Khan','Brown','Li'])
                   [1 + (i / 8) %% 8] END,
               CASE WHEN i %% 5 = 0 THEN 'Business ' || i ELSE '' END,
               CASE WHEN i %% 5 = 0 THEN NULL
                    ELSE date '1940-01-01' + (i %% 25000) * interval '1 day' END,
               i || ' High Street',
               'LE' || (1 + i %% 19) || ' ' || (i %% 10) || 'AB',
               '', '', ''
        FROM hist_plan
        """,
    ),
    (
        "NFRC numbers",
        """
        INSERT INTO intake_nfrcnumber (number, report_id)
        SELECT 'NFRC' || (%(base)s + i), i FROM hist_plan
        WHERE source = 'nfib' OR (source = 'call_for_service' AND i %% 10 <> 3)
        """,
    ),
    (
        "calls for service",
        """
        INSERT INTO intake_callforservice
            (taken_at, taken_by_id, caller_forename, caller_surname, caller_phone,
             caller_postcode, summary, criteria, other_reason, decision, advice_given,
             report_id, nfib_sent_at, nfib_sent_by_id, nfib_reference)
        SELECT received, %(sup)s, '', '', '', '', '', '[]', '', 'accepted', '', i,
               CASE WHEN i %% 10 <> 3 THEN received + interval '1 day' END,
               CASE WHEN i %% 10 <> 3 THEN %(sup)s END,
               CASE WHEN i %% 10 <> 3 THEN 'NFRC' || (%(base)s + i) ELSE '' END
        FROM hist_plan WHERE source = 'call_for_service'
        """,
    ),
    (
        "referrals",
        """
        INSERT INTO intake_referral
            (report_id, referrer_type, referrer_name, received_on, storage_decision)
        SELECT i, 'public_body', 'Trading Standards', received::date, ''
        FROM hist_plan WHERE source = 'referral'
        """,
    ),
    (
        "status changes",
        """
        INSERT INTO intake_statuschange (report_id, transition, from_status, to_status, at,
                                         by_id, reason, days_from_receipt)
        SELECT i, t, f, s, at, %(sup)s, '',
               floor(extract(epoch FROM (at - received)) / 86400) FROM (
            SELECT i, 'assess' AS t, 'recorded' AS f, 'assessed' AS s, assessed_at AS at,
                   received
            FROM hist_plan WHERE status <> 'recorded'
            UNION ALL
            SELECT i, 'decide', 'assessed',
                   CASE WHEN allocated THEN 'awaiting_allocation' ELSE 'no_further_action' END,
                   decided_at, received
            FROM hist_plan WHERE status NOT IN ('recorded', 'assessed')
            UNION ALL
            SELECT i, 'allocate', 'awaiting_allocation', 'under_investigation', allocated_at,
                   received
            FROM hist_plan WHERE allocated AND status IN ('under_investigation', 'closed')
            UNION ALL
            SELECT i, 'finalise',
                   CASE WHEN allocated THEN 'under_investigation' ELSE 'no_further_action' END,
                   'closed', finalised_at, received
            FROM hist_plan WHERE status = 'closed'
        ) AS moves
        """,
    ),
    (
        "supervisor decisions",
        """
        INSERT INTO triage_supervisordecision
            (report_id, decided_by_id, decided_at, decision, reason, tier_before, tier,
             retask_reason, retask_explanation, explanation_due)
        SELECT i, %(sup)s, decided_at,
               CASE WHEN allocated THEN 'allocate' ELSE 'no_further_action' END,
               '', 1 + i %% 3, 1 + i %% 3, '', '', NULL
        FROM hist_plan WHERE status NOT IN ('recorded', 'assessed')
        """,
    ),
    (
        "cases",
        """
        INSERT INTO cases_case
            (report_id, team_id, investigator_id, tier, allocated_by_id, allocated_at,
             allocation_reason, next_review_due, update_every_days, next_update_due, closed_at)
        SELECT i,
               (ARRAY[%(team0)s, %(team1)s, %(team2)s])[1 + (i / %(every)s) %% 3],
               %(off0)s + (i / %(every)s) %% %(noff)s,
               1 + i %% 3, %(sup)s, allocated_at, '',
               (allocated_at + interval '28 days')::date, 28,
               (allocated_at + interval '28 days')::date,
               CASE WHEN status = 'closed' THEN finalised_at END
        FROM hist_plan WHERE allocated AND status IN ('under_investigation', 'closed')
        """,
    ),
    (
        "outcomes",
        """
        INSERT INTO cases_finalisation
            (report_id, outcome, positive, rationale, cease_and_desist, untraceable_action,
             finalised_by_id, finalised_at)
        SELECT i, outcome, outcome <= 10, '', NULL, '', %(sup)s, finalised_at
        FROM hist_plan WHERE status = 'closed'
        """,
    ),
    (
        "disruption",
        """
        INSERT INTO cases_disruptionaction (report_id, kind, "on", detail, by_id)
        SELECT i,
               (ARRAY['bank_account_closure','cifas_marker','website_takedown',
                      'telephone_takedown','intelligence_submitted'])[1 + i %% 5],
               (allocated_at + interval '10 days')::date, '', %(sup)s
        FROM hist_plan WHERE allocated AND status = 'closed' AND i %% 3 = 0
        """,
    ),
    (
        "victim updates",
        """
        INSERT INTO cases_victimupdate (report_id, at, by_id, method, summary)
        SELECT i, received + CASE WHEN i %% 9 = 0 THEN interval '8 days'
                                  ELSE interval '1 day' END,
               %(sup)s, 'phone', ''
        FROM hist_plan WHERE status <> 'recorded'
        """,
    ),
    ("reports' id sequence", "SELECT setval('intake_report_id_seq', %(n)s)"),
    ("drop plan", "DROP TABLE hist_plan"),
]


if __name__ == "__main__":
    sys.exit(main())
