"""Time the monthly performance pack (issue 12: 2 s or less with 2,000,000 reports over five
years on PostgreSQL, 2 cores). Writes reports, victims, cases, finalisations and status changes
directly with generate_series into the configured PostgreSQL database (FRAUDCASE_DATABASE_URL:
use a throw-away one), then times `performance.services.pack` for the whole unit and for a
manager in every team, three times each.

    FRAUDCASE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_perf \
        uv run fraudcase migrate -v0
    FRAUDCASE_DATABASE_URL=... uv run python benchmarks/bench_pack.py --reports 2000000
"""

import argparse
import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudcase.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from fraudcase.accounts.models import Role, Team, User  # noqa: E402
from fraudcase.performance import services  # noqa: E402

FILL = """
INSERT INTO intake_report (local_reference, source, status, handling_marking, fraud_type,
    received_at, recording_deadline, recorded_at, loss_gbp, narrative, first_update_due,
    restricted_to_team_id)
SELECT 'B/' || g, (ARRAY['nfib','nfib','nfib','call_for_service','referral'])[1 + g %% 5],
    (ARRAY['recorded','under_investigation','closed','closed','filed_pending'])[1 + g %% 5],
    CASE WHEN g %% 50 = 0 THEN 'OFFICIAL-SENSITIVE' ELSE 'OFFICIAL' END, 'NFIB3A',
    now() - (g * interval '1 minute' * (5 * 365 * 24 * 60 / %(n)s)),
    now(), now(), CASE WHEN g %% 7 = 0 THEN 0 ELSE (g %% 5000) END, '',
    CASE WHEN g %% 9 = 0 THEN current_date - 3 END,
    CASE WHEN g %% 100 = 0 THEN %(team)s END
FROM generate_series(1, %(n)s) g;
INSERT INTO intake_victim (report_id, victim_type, forename, surname, business_name, address,
    postcode, phone, email, search_name)
SELECT id, CASE WHEN id %% 6 = 0 THEN 'business' ELSE 'individual' END, '', '', '', '', '', '',
    '', '' FROM intake_report;
INSERT INTO cases_case (report_id, team_id, investigator_id, tier, allocated_by_id, allocated_at,
    allocation_reason, next_review_due, update_every_days, next_update_due, closed_at)
SELECT id, %(team)s, %(user)s, 1 + id %% 4, %(user)s, received_at + interval '6 days', '',
    current_date, 28, current_date, CASE WHEN status = 'closed' THEN received_at + interval '40 days' END
FROM intake_report WHERE status IN ('under_investigation', 'closed');
INSERT INTO cases_finalisation (report_id, outcome, positive, rationale, untraceable_action,
    finalised_by_id, finalised_at)
SELECT id, 1 + id %% 22, (1 + id %% 22) <= 10, '', '', %(user)s, received_at + interval '40 days'
FROM intake_report WHERE status = 'closed';
INSERT INTO intake_statuschange (report_id, transition, from_status, to_status, at, by_id, reason)
SELECT id, 'assess', 'recorded', 'assessed', received_at + interval '2 days', %(user)s, ''
FROM intake_report WHERE status <> 'recorded';
INSERT INTO intake_statuschange (report_id, transition, from_status, to_status, at, by_id, reason)
SELECT id, 'file', 'assessed', 'filed_pending', received_at + interval '3 days', %(user)s, ''
FROM intake_report WHERE status = 'filed_pending';
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=2_000_000)
    parser.add_argument("--existing", action="store_true", help="time the data already there")
    args = parser.parse_args()
    team, _ = Team.objects.get_or_create(name="Bench team", defaults={"kind": "vft"})
    manager, _ = User.objects.get_or_create(
        username="bench-manager",
        defaults={"role": Role.ECU_MANAGER, "clearance": "OFFICIAL-SENSITIVE"},
    )
    manager.teams.add(*Team.objects.all())
    if not args.existing:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for statement in FILL.split(";\n"):
                if statement.strip():
                    cursor.execute(
                        statement, {"n": args.reports, "team": team.pk, "user": manager.pk}
                    )
            cursor.execute("ANALYZE")
        print(f"loaded {args.reports:,} reports in {time.perf_counter() - started:.1f} s")
    latest = connection.cursor()
    latest.execute("SELECT max(received_at) FROM intake_report")
    newest = latest.fetchone()[0]
    year, month = (newest.year, newest.month - 1) if newest.month > 1 else (newest.year - 1, 12)
    for who, user in (("whole unit", None), ("manager", manager)):
        for _ in range(3):
            started = time.perf_counter()
            services.pack(user, year, month)
            print(f"pack {year}-{month:02d} ({who}): {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
