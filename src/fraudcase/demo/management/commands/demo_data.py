"""Load demo teams, users and synthetic reports. Safe to run again: nothing is created twice."""

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from fraudcase.accounts.models import HandlingMarking, Role, Team, TeamKind, User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.intake import services as intake_services
from fraudcase.intake.importing import LONDON, import_nfib_package
from fraudcase.intake.models import CallForService
from fraudcase.intake.synthetic import nfib_package_frame
from fraudcase.reports import services
from fraudcase.reports.models import Report, VictimType

DEMO_PASSWORD = "fraudcase-demo"  # noqa: S105 - printed on purpose; demo only
TEAMS = [
    ("Volume Fraud Team", TeamKind.VFT),
    ("Economic Crime Unit", TeamKind.ECU),
    ("City Neighbourhood Team", TeamKind.NEIGHBOURHOOD),
    ("Protect", TeamKind.PROTECT),
]
USERS = [
    ("assessor", "Amira", "Assessor", Role.ASSESSOR, "Volume Fraud Team", "OFFICIAL"),
    (
        "supervisor",
        "Sam",
        "Supervisor",
        Role.VFT_SUPERVISOR,
        "Volume Fraud Team",
        "OFFICIAL-SENSITIVE",
    ),
    ("evaluator", "Eve", "Evaluator", Role.EVALUATOR, "Economic Crime Unit", "OFFICIAL"),
    (
        "investigator",
        "Ian",
        "Investigator",
        Role.INVESTIGATOR,
        "Economic Crime Unit",
        "OFFICIAL-SENSITIVE",
    ),
    ("vft_investigator", "Viv", "Investigator", Role.INVESTIGATOR, "Volume Fraud Team", "OFFICIAL"),
    ("fvo", "Fran", "Vulnerability", Role.FVO, "Protect", "OFFICIAL"),
    ("safeguarding", "Pat", "Safeguarding", Role.SAFEGUARDING, "Protect", "OFFICIAL"),
    (
        "finint",
        "Fin",
        "Intelligence",
        Role.FINANCIAL_INTELLIGENCE,
        "Economic Crime Unit",
        "OFFICIAL-SENSITIVE",
    ),
    ("analyst", "Ana", "Analyst", Role.ANALYST, "Economic Crime Unit", "OFFICIAL"),
    (
        "admin",
        "Adi",
        "Administrator",
        Role.ADMINISTRATOR,
        "Economic Crime Unit",
        "OFFICIAL-SENSITIVE",
    ),
]


# Allocation balances caseload by experience (§5.4).
EXPERIENCE = {"evaluator": "pip2", "investigator": "pip2", "vft_investigator": "pip1"}


class Command(BaseCommand):
    help = "Load demo teams, users (one per role) and synthetic reports."

    def add_arguments(self, parser):
        parser.add_argument("--victims", type=int, default=400)
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, **options):
        with transaction.atomic():
            teams = {
                name: Team.objects.get_or_create(name=name, defaults={"kind": kind})[0]
                for name, kind in TEAMS
            }
            for username, first, last, role, team, clearance in USERS:
                user, created = User.objects.get_or_create(
                    username=username,
                    defaults={
                        "first_name": first,
                        "last_name": last,
                        "role": role,
                        "clearance": clearance,
                        "is_staff": role == Role.ADMINISTRATOR,
                        "is_superuser": role == Role.ADMINISTRATOR,
                    },
                )
                if created:
                    user.set_password(DEMO_PASSWORD)
                    user.experience = EXPERIENCE.get(username, "")
                    user.save()
                    user.teams.add(teams[team])
        admin = User.objects.get(username="admin")
        assessor = User.objects.get(username="assessor")
        frame = nfib_package_frame(options["victims"], seed=7, start=date(2026, 10, 1))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "demo-package.csv"
            frame.write_csv(path)
            result = import_nfib_package(path, user=admin, original_name="demo-package.csv")
            self._weekend_package(Path(folder), admin)
        if result.created:
            self._restrict_some(admin, teams["Economic Crime Unit"])
        if not CallForService.objects.exists():
            self._calls_and_referrals(assessor)
        self._victim_list(User.objects.get(username="fvo"))
        self._assess_some(assessor)
        self._walk_some(teams["Volume Fraud Team"])
        anchored = self._checkpoint()
        if not options["quiet"]:
            self.stdout.write(f"Demo data: {result.message}")
            self.stdout.write(
                f"Demo users (password '{DEMO_PASSWORD}'): " + ", ".join(u[0] for u in USERS)
            )
            self.stdout.write(anchored)

    def _checkpoint(self) -> str:
        """Anchor the demo's audit log with a checkpoint, so `fraudcase audit verify` passes
        out of the box (it fails without one: docs/admin-guide.md "Audit log")."""
        try:
            signed, _ = audit.checkpoint()
        except audit.BrokenLog as error:
            where, problem = error.args[0]
            self.stderr.write(
                f"No audit checkpoint taken: the audit log does not verify "
                f"({f'entry {where}: ' if where else ''}{problem})"
            )
            return "Audit log: no checkpoint taken (see above)."
        return (
            f"Audit checkpoint taken ({signed['entries']} entries) in "
            f"{audit.default_checkpoint_file()}: `fraudcase audit verify` checks against it."
        )

    def _weekend_package(self, folder: Path, admin) -> None:
        """A package that reached the NFIB portal while the unit was closed (§5.1.1): imported
        with the earlier time it arrived and the reason, so its 24 hours ran out before it
        was recorded and the home page counts it as recorded late."""
        friday = date(2026, 10, 30)
        frame = nfib_package_frame(2, seed=8, start=friday, days=1, prefix="NFIB-WKD")
        path = folder / "weekend-package.csv"
        frame.write_csv(path)
        earliest = datetime(2026, 10, 31, 9, 0, tzinfo=LONDON)
        import_nfib_package(
            path,
            user=admin,
            original_name="weekend-package.csv",
            received_at=max(earliest, timezone.now() - timedelta(hours=40)),
            received_reason="Arrived on the NFIB portal on Saturday morning; the unit was "
            "closed until Monday.",
        )

    def _assess_some(self, assessor):
        """Three reports assessed, so the supervisor has decisions waiting."""

        from fraudcase.triage import rules as triage_rules
        from fraudcase.triage import services as triage_services
        from fraudcase.triage.models import Assessment

        if Assessment.objects.exists():
            return
        _, scoring = triage_services.active_scoring()
        reports = services.visible_reports(assessor).filter(status="recorded").order_by("id")[:6]
        for report in reports:
            prefill = triage_services.matrix_prefill(assessor, report)
            # Not pre-filled: the demo picks the option worth fewest points.
            data = {
                f"matrix_{h}": prefill.get(
                    h, (min(spec["options"], key=lambda k, o=spec["options"]: o[k][1]), "")
                )[0]
                for h, spec in scoring["headings"].items()
            }
            data.update(
                {
                    f"entitlement_{i}": date(2026, 11, 2)
                    for i in range(len(triage_rules.VCOP_ENTITLEMENTS))
                }
            )
            data.update({f"thrive_{n.lower()}": "" for n in triage_rules.THRIVE})
            data.update(
                {
                    f"proportionality_{i}": "yes"
                    for i in range(len(triage_rules.PROPORTIONALITY_QUESTIONS))
                }
            )
            data.update(
                hocr_compliant="yes",
                full_account="Demo: account taken from the victim by telephone",
                four_ps=["Pursue", "Protect"],
                repeat_victim=False,
                factors_for=["3"],
                factors_caution=[],
                multipliers=[],
                recommendation="allocate",
                rationale="",
                ndm_rationale="Demo: lines of enquiry on the suspect's bank account",
            )
            with transaction.atomic():
                triage_services.record_assessment(assessor, report, data)

    def _walk_some(self, vft):
        """Of the six assessed: one with the evaluator, one waiting for allocation, one under
        investigation with a task and a victim update, one finalised; two left for the
        supervisor's decision."""
        from fraudcase.cases import services as case_services
        from fraudcase.cases.models import Case
        from fraudcase.triage import services as triage_services

        if Case.objects.exists():
            return
        supervisor = User.objects.get(username="supervisor")
        investigator = User.objects.get(username="vft_investigator")
        assessed = list(
            services.visible_reports(supervisor).filter(status="assessed").order_by("id")[:4]
        )
        if len(assessed) < 4:
            return
        evaluate, waiting, investigate, finalise = assessed
        with transaction.atomic():
            triage_services.decide(
                supervisor,
                evaluate,
                decision="evaluate",
                reason="Possible series: needs evaluation",
            )
            for report in (waiting, investigate, finalise):
                triage_services.decide(supervisor, report, decision="allocate")
            for report in (investigate, finalise):
                try:
                    case_services.allocate(
                        supervisor, report, investigator_id=investigator.pk, team_id=vft.pk
                    )
                except case_services.InvalidInput:  # a tier the VFT investigator does not suit
                    case_services.allocate(
                        supervisor,
                        report,
                        investigator_id=investigator.pk,
                        team_id=vft.pk,
                        override_reason="Demo: the only investigator free this week",
                    )
            case_services.add_task(
                investigator,
                investigate,
                text="Request bank statements",
                assignee_id=investigator.pk,
                due=date(2026, 12, 4),
            )
            case_services.record_victim_update(
                investigator,
                investigate,
                method="telephone",
                summary="Explained the bank has been asked for statements",
            )
            case_services.add_disruption(
                investigator,
                finalise,
                kind="bank_account_closure",
                on=date(2026, 11, 10),
                detail="Beneficiary account closed",
            )
            case_services.finalise(
                investigator,
                finalise,
                outcome=18,
                rationale="No suspect identified; account closed",
            )

    def _victim_list(self, fvo):
        """A month's NFIB victim list, segmented, for the Fraud Vulnerability Officer."""
        from fraudcase.victims import services as victim_services
        from fraudcase.victims.synthetic import victim_list_frame

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "nfib-victim-list-october-2026.csv"
            victim_list_frame(350, seed=11, start=date(2026, 10, 1)).write_csv(path)
            victim_services.import_victim_list(path, user=fvo, original_name=path.name)

    def _restrict_some(self, admin, ecu):
        """A few demo reports are OFFICIAL-SENSITIVE or ECU-only, to show access control."""
        with transaction.atomic():
            refs = list(Report.objects.order_by("id").values_list("local_reference", flat=True))
            sensitive, ecu_only = refs[5:10], refs[10:15]
            Report.objects.filter(local_reference__in=sensitive).update(
                handling_marking=HandlingMarking.OFFICIAL_SENSITIVE
            )
            Report.objects.filter(local_reference__in=ecu_only).update(restricted_to_team=ecu)
            audit.record_many(
                admin,
                [
                    audit.Entry(AuditAction.ALTERATION, "report", ref, "Handling restriction set")
                    for ref in sensitive + ecu_only
                ],
            )

    def _calls_and_referrals(self, assessor):
        calls = [
            ("Joan", "Patel", ["victim_vulnerable"], "", "Courier collected £3,000 cash today"),
            (
                "Derek",
                "Clarke",
                ["suspect_known_local"],
                "",
                "Builder from the next street took a deposit and disappeared",
            ),
            ("Chloe", "Nowak", [], "", "Bought concert tickets online last year; never arrived"),
            (
                "Harold",
                "Smith",
                ["other_reason"],
                "Councillor's office asked us to take it",
                "Charity collection money missing",
            ),
        ]
        for forename, surname, criteria, other, summary in calls:
            with transaction.atomic():
                intake_services.record_call_for_service(
                    assessor,
                    intake_services.CallForServiceInput(
                        caller_forename=forename,
                        caller_surname=surname,
                        caller_phone="0116 496 0999",
                        caller_postcode="LE1 5TF",
                        caller_dob=None,
                        summary=summary,
                        fraud_type="",
                        loss_gbp=None,
                        criteria=criteria,
                        other_reason=other,
                    ),
                )
        intake_services.record_referral(
            assessor,
            intake_services.ReferralInput(
                referrer_type="business",
                referrer_name="Castle Bank plc fraud team",
                received_on=date(2026, 11, 2),
                victim_type=VictimType.INDIVIDUAL,
                forename="Dorothy",
                surname="Begum",
                business_name="",
                postcode="LE3 9PL",
                summary="Customer made six payments to a 'safe account' after a call from "
                "'bank security'.",
                storage_decision="Bank statements (120 pages) held in the VFT property store, "
                "shelf 4, too large to scan.",
            ),
            [],
        )
