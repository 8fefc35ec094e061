"""Load demo teams, users and synthetic reports. Safe to run again: nothing is created twice.

It runs on top of any data (a benchmark's million reports, a force's test system): its NFRC
numbers and package references are its own (DEMO_NFRC_BASE, DEMO_PACKAGE_PREFIX), beyond the
reach of every generator seed the tests and benchmarks use, and it assesses, allocates and
updates only its own reports.

Everything is dated relative to today (or `--today`), so a new user sees a plausible unit: reports
received over the last four weeks and mostly recorded within 24 hours, a handful late, and a few
first updates to victims due today or overdue, not hundreds.
"""

import random
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import polars as pl
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from fraudcase.accounts.models import HandlingMarking, Role, Team, TeamKind, User
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.demo import demand
from fraudcase.demo import recovery as demo_recovery
from fraudcase.intake import services as intake_services
from fraudcase.intake.importing import LONDON, import_nfib_package
from fraudcase.intake.synthetic import nfib_package_frame
from fraudcase.linking import services as linking_services
from fraudcase.linking.models import Series
from fraudcase.ocg import services as ocg_services
from fraudcase.reports import deadlines as report_deadlines
from fraudcase.reports import rules as report_rules
from fraudcase.reports import services
from fraudcase.reports.models import DisseminationPackage, Report, VictimType
from fraudcase.streams import cyber

DEMO_PASSWORD = "fraudcase-demo"  # noqa: S105 - printed on purpose; demo only
TEAMS = [
    ("Volume Fraud Team", TeamKind.VFT),
    ("Economic Crime Unit", TeamKind.ECU),
    ("City Neighbourhood Team", TeamKind.NEIGHBOURHOOD),
    ("Protect", TeamKind.PROTECT),
    ("Cyber Crime Unit", TeamKind.CYBER),
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
    ("cyber", "Cy", "Investigator", Role.INVESTIGATOR, "Cyber Crime Unit", "OFFICIAL"),
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
    # The ECU manager reads the whole unit's performance by being in every team ("*").
    ("manager", "Meg", "Manager", Role.ECU_MANAGER, "*", "OFFICIAL-SENSITIVE"),
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
# How the demo unit is doing: packages over the last four weeks; of their reports this many
# were recorded after the 24 hours (plus the weekend package's), and this many first updates
# to victims are overdue and due today. Every other update due by today has been given.
WEEKS_OF_REPORTS = 4
RECORDED_LATE = 3
UPDATES_OVERDUE = 3
UPDATES_DUE_TODAY = 2

# The demo's NFRC numbers: NFRC250000000000-NFRC259999999999 (issue 16, item 8). The synthetic
# generators never reach them: packages number from 261,000,000,000 up (benchmarks: base
# 261,000,000,000 + seed x 10,000,000; tests.scale: 269,000,000,000 + ...), victim lists from
# NFRC26 followed by the seed (NFRC2600... to NFRC2699..., then longer numbers).
DEMO_NFRC_BASE = 250_000_000_000
# The demo's victim list numbers its victims from here (the package's are base + 70,000,000 +
# n and base + 80,000,000 + n for seeds 7 and 8).
DEMO_LIST_NFRC_BASE = DEMO_NFRC_BASE + 500_000_000
# Its packages are DEMO-PKG-7-000001... and DEMO-WKD-8-...; generators write NFIB-PKG-, B<n>-
# (benchmarks) and SCALE<n>- (tests).
DEMO_PACKAGE_PREFIX = "DEMO-PKG"
DEMO_WEEKEND_PREFIX = "DEMO-WKD"
# The routed reports' packages (cyber, victim support only): DEMO-RTD-1 and -2.
DEMO_ROUTED_PREFIX = "DEMO-RTD"


def demo_reports():
    """The reports the demo's packages brought in (not a benchmark's or a force's)."""
    return Report.objects.filter(
        package__package_ref__regex=rf"^({DEMO_PACKAGE_PREFIX}|{DEMO_WEEKEND_PREFIX})-"
    )


def demo_loaded() -> bool:
    """Whether the demo's package is in, including one loaded before the demo had its own
    numbers (NFIB-PKG-7-..., imported from demo-package.csv)."""
    return DisseminationPackage.objects.filter(
        Q(package_ref__startswith=f"{DEMO_PACKAGE_PREFIX}-7-")
        | Q(package_ref__startswith="NFIB-PKG-7-", source_filename="demo-package.csv")
    ).exists()


def assessment_answers(assessor, report, scoring, today: date, *, note: str = "Demo") -> dict:
    """An assessment form's answers for `report`: the matrix as the data pre-fills it (else the
    option worth fewest points), every entitlement given today, a recommendation to allocate.
    The benchmarks' loader records one this way and copies it (benchmarks/load_data.py)."""
    from fraudcase.triage import rules as triage_rules
    from fraudcase.triage import services as triage_services

    prefill = triage_services.matrix_prefill(assessor, report)
    data = {
        f"matrix_{h}": prefill.get(
            h, (min(spec["options"], key=lambda k, o=spec["options"]: o[k][1]), "")
        )[0]
        for h, spec in scoring["headings"].items()
    }
    data.update({f"entitlement_{i}": today for i in range(len(triage_rules.VCOP_ENTITLEMENTS))})
    data.update({f"thrive_{n.lower()}": "" for n in triage_rules.THRIVE})
    data.update(
        {f"proportionality_{i}": "yes" for i in range(len(triage_rules.PROPORTIONALITY_QUESTIONS))}
    )
    data.update(
        hocr_compliant="yes",
        full_account=f"{note}: account taken from the victim by telephone",
        four_ps=["Pursue", "Protect"],
        repeat_victim=False,
        factors_for=["3"],
        factors_caution=[],
        multipliers=[],
        recommendation="allocate",
        rationale="",
        ndm_rationale=f"{note}: lines of enquiry on the suspect's bank account",
    )
    return data


class Command(BaseCommand):
    help = "Load demo teams, users (one per role) and synthetic reports."

    def add_arguments(self, parser):
        parser.add_argument("--victims", type=int, default=400)
        parser.add_argument("--quiet", action="store_true")
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Date the demo as if today were this day (YYYY-MM-DD, not in the future); "
            "for tests and rehearsals. Default: today.",
        )

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
                    user.teams.add(*(teams.values() if team == "*" else [teams[team]]))
        today = options["today"] or timezone.localdate()
        self.today = today
        admin = User.objects.get(username="admin")
        assessor = User.objects.get(username="assessor")
        # Loaded once: run again (on another day too), it adds nothing.
        fresh = not demo_loaded()
        message = "already loaded; nothing added"
        if fresh:
            days = 7 * WEEKS_OF_REPORTS - 1  # up to yesterday: today's are still coming
            frame = nfib_package_frame(
                options["victims"],
                seed=7,
                start=today - timedelta(days=days),
                days=days,
                prefix=DEMO_PACKAGE_PREFIX,
                nfrc_base=DEMO_NFRC_BASE,
            )
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "demo-package.csv"
                frame.write_csv(path)
                result = import_nfib_package(path, user=admin, original_name="demo-package.csv")
                weekend = self._weekend_package(Path(folder), admin)
            message = result.message
            self._date_the_receipts(result.local_references, weekend)
            self._restrict_some(admin, teams["Economic Crime Unit"], result.local_references)
            self._calls_and_referrals(assessor)
            self._routed(admin)
            self._victim_list(User.objects.get(username="fvo"))
            self._sars(User.objects.get(username="finint"))
            # Accreditations, the asset recovery registers and an App. E assessment.
            demo_recovery.load(
                User.objects.get(username="finint"), min(today, timezone.localdate())
            )
            self._organised_crime_group(User.objects.get(username="analyst"))
        self._assess_some(assessor)
        self._walk_some(teams["Volume Fraud Team"])
        demand.load(today)  # ILOR/EIO requests and Banking Protocol incidents, once
        if fresh:
            self._first_updates_given(assessor)
        anchored = self._checkpoint()
        if not options["quiet"]:
            self.stdout.write(f"Demo data: {message}")
            self.stdout.write(
                f"Demo users (password '{DEMO_PASSWORD}'): " + ", ".join(u[0] for u in USERS)
            )
            self.stdout.write(anchored)

    def _organised_crime_group(self, analyst) -> None:
        """An OCG mapped from the largest series, with nominals, a meeting decision and a
        regional tasking briefing (seed 001 §7.1, seed 000)."""
        # The largest series the analyst sees two reports of (their clearance is OFFICIAL).
        seen = linking_services.visible_series(analyst).first()
        if seen is None:
            return
        series = Series.objects.get(pk=seen["series_id"])
        lead = User.objects.get(username="investigator")
        ocg = ocg_services.create_ocg(
            analyst,
            name="Courier fraud group",
            description="Calls posing as bank staff; couriers collect cards and cash.",
            lead_officer=lead,
            series_reference=series.reference,
        )
        ocg_services.assess_threat(
            analyst,
            ocg,
            level="high",
            rationale="Repeat targeting of elderly victims across the force area.",
            on=self.today,
        )
        for name, role, profession in (
            ("Daniel Crook", "principal", ""),
            ("Sam Runner", "member", ""),
            ("Alex Ledger", "professional_enabler", "Accountant"),
        ):
            ocg_services.add_nominal(analyst, ocg, name=name, role=role, profession=profession)
        ocg_services.add_entry(
            analyst,
            ocg,
            kind="meeting_decision",
            on=self.today,
            text="Map the couriers' telephones; seek takedown of the numbers used.",
        )
        ocg_services.add_entry(
            analyst,
            ocg,
            kind="regional_tasking",
            on=self.today,
            text="Briefed at the Regional Tasking and Intelligence Group.",
        )

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

    def _at(self, day: date, hour: float) -> datetime:
        """That day at that hour in London, never later than now."""
        at = datetime.combine(day, time(), tzinfo=LONDON) + timedelta(hours=hour)
        return min(at, timezone.now())

    def _weekend_package(self, folder: Path, admin) -> list[str]:
        """A package that reached the NFIB portal while the unit was closed (§5.1.1): the last
        Saturday at least two days ago. Imported with the time it arrived and the reason, and
        recorded on the Monday, so its 24 hours ran out first: the home page counts it as
        recorded late. Returns the local references it created."""
        saturday = self.today - timedelta(days=(self.today.weekday() - 5) % 7)
        if (self.today - saturday).days < 2:
            saturday -= timedelta(days=7)
        frame = nfib_package_frame(
            2,
            seed=8,
            start=saturday - timedelta(days=1),
            days=1,
            prefix=DEMO_WEEKEND_PREFIX,
            nfrc_base=DEMO_NFRC_BASE,
        )
        path = folder / "weekend-package.csv"
        frame.write_csv(path)
        result = import_nfib_package(
            path,
            user=admin,
            original_name="weekend-package.csv",
            received_at=self._at(saturday, 9),
            received_reason="Arrived on the NFIB portal on Saturday morning; the unit was "
            "closed until Monday.",
        )
        if result.created:
            Report.objects.filter(local_reference__in=result.local_references).update(
                recorded_at=self._at(saturday + timedelta(days=2), 8.75)
            )
        return result.local_references

    def _date_the_receipts(self, references: list[str], weekend: list[str]) -> None:
        """The demo's packages arrived on the day NFIB disseminated them, during the working
        day, and most were recorded within hours; RECORDED_LATE of them were not. (The import
        itself stamps them all with the time the demo ran.)"""
        rng = random.Random(7)
        reports = list(
            Report.objects.filter(local_reference__in=references)
            .exclude(local_reference__in=weekend)
            .select_related("package")
            .order_by("id")
        )
        old_enough = [r for r in reports if (self.today - r.package.disseminated_on).days >= 3]
        late = {r.pk for r in rng.sample(old_enough, min(RECORDED_LATE, len(old_enough)))}
        for report in reports:
            report.received_at = self._at(report.package.disseminated_on, rng.uniform(8, 16))
            report.recording_deadline = report_rules.recording_deadline(report.received_at)
            hours = rng.uniform(26, 40) if report.pk in late else rng.uniform(0.2, 20)
            report.recorded_at = min(report.received_at + timedelta(hours=hours), timezone.now())
        Report.objects.bulk_update(
            reports, ["received_at", "recording_deadline", "recorded_at"], batch_size=500
        )
        report_deadlines.schedule_first_updates(
            report_deadlines.still_owed(Report.objects.filter(pk__in=[r.pk for r in reports]))
        )
        for report in reports:  # a package was received when its first victim was
            package = report.package
            if package.received_at > report.received_at:
                package.received_at = report.received_at
                package.save(update_fields=["received_at"])

    def _first_updates_given(self, assessor) -> None:
        """The first update to each victim (§5.6) given when it was due, except a few: the
        UPDATES_OVERDUE most recently due are overdue and UPDATES_DUE_TODAY are due today."""
        from fraudcase.cases import clocks
        from fraudcase.cases.models import VictimUpdate

        owed = list(
            clocks.first_updates_owed(demo_reports(), self.today).order_by("-received_at", "-id")
        )
        today = [r for r in owed if r.first_update_due == self.today][:UPDATES_DUE_TODAY]
        overdue = [r for r in owed if r.first_update_due < self.today][:UPDATES_OVERDUE]
        left = {r.pk for r in today + overdue}
        VictimUpdate.objects.bulk_create(
            [
                VictimUpdate(
                    report=report,
                    at=min(report.received_at + timedelta(days=1), timezone.now()),
                    by=assessor,
                    method="telephone",
                    summary="Demo: told the victim their report was recorded and what happens next",
                )
                for report in owed
                if report.pk not in left
            ],
            batch_size=500,
        )
        given = [r.pk for r in owed if r.pk not in left]
        Report.objects.filter(pk__in=given).update(first_update_due=None)

    def _assess_some(self, assessor):
        """Three reports assessed, so the supervisor has decisions waiting."""

        from fraudcase.triage import services as triage_services
        from fraudcase.triage.models import Assessment

        if Assessment.objects.filter(report__in=demo_reports()).exists():
            return
        _, scoring = triage_services.active_scoring()
        reports = (
            services.visible_reports(assessor)
            .filter(status="recorded", pk__in=demo_reports().values("pk"))
            .order_by("id")[:6]
        )
        for report in reports:
            data = assessment_answers(assessor, report, scoring, self.today)
            with transaction.atomic():
                triage_services.record_assessment(assessor, report, data)

    def _walk_some(self, vft):
        """Of the six assessed: one with the evaluator, one waiting for allocation, one under
        investigation with a task and a victim update, one finalised; two left for the
        supervisor's decision."""
        from fraudcase.cases import services as case_services
        from fraudcase.cases.models import Case
        from fraudcase.triage import services as triage_services

        if Case.objects.filter(report__in=demo_reports()).exists():
            return
        supervisor = User.objects.get(username="supervisor")
        investigator = User.objects.get(username="vft_investigator")
        assessed = list(
            services.visible_reports(supervisor)
            .filter(status="assessed", pk__in=demo_reports().values("pk"))
            .order_by("id")[:4]
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
                due=self.today + timedelta(days=7),
            )
            case_services.record_victim_update(
                investigator,
                investigate,
                method="telephone",
                summary="Explained the bank has been asked for statements",
            )
            self._investigation_file(investigator, investigate)
            self._case_file(investigator, investigate)
            case_services.add_disruption(
                investigator,
                finalise,
                kind="bank_account_closure",
                on=self.today - timedelta(days=2),
                detail="Beneficiary account closed",
            )
            case_services.finalise(
                investigator,
                finalise,
                outcome=18,
                rationale="No suspect identified; account closed",
            )

    def _investigation_file(self, investigator, report) -> None:
        """The case's investigation file: a decision, the plan with an action, an exhibit that
        went to the laboratory (issue 15)."""
        from fraudcase.investigation import exhibits, nominals
        from fraudcase.investigation import services as investigation

        file = investigation.open_file(investigator, report.local_reference)
        # People and things recorded by the officer (issue 15 item 1): a suspect (searched and
        # linked like one from a package) when the report came without one, and a witness.
        if not report.suspects.exists():
            nominals.record(
                investigator,
                report,
                nominals.Entry(
                    kind="organisation",
                    role="suspect",
                    name="Unknown account holder",
                    identifiers=[("uk_bank_account", "20-00-00 55555555")],
                ),
                reason="The beneficiary account the victim paid into",
            )
        nominals.record(
            investigator,
            report,
            nominals.Entry(
                kind="person",
                role="witness",
                name="Sam Teller",
                details="Bank cashier who served the victim",
                identifiers=[("phone", "0116 496 0000")],
            ),
            reason="Served the victim at the branch",
        )
        investigation.record_decision(
            file,
            decision="Seek the beneficiary bank's statements before any arrest",
            reasons="The account holder may be a money mule; the statements show who withdrew",
            options="Arrest now (rejected: no evidence of knowledge yet); file pending trace",
        )
        investigation.add_action(
            file,
            line=3,
            text="Production order for the beneficiary account",
            owner_id=investigator.pk,
            # Due ahead of the day the demo is dated and of the day it is loaded (an action is
            # never set already due).
            due=max(self.today, timezone.localdate()) + timedelta(days=14),
        )
        seized = self._at(self.today - timedelta(days=3), 10)
        exhibit = exhibits.record_exhibit(
            file,
            exhibits.ExhibitInput(
                initials="VI",
                description="Victim's bank statements, three pages",
                seized_from="The victim",
                seized_where="The victim's home",
                seized_at=seized,
                seal_number="DEMO0001",
                storage_location="Property store",
            ),
        )
        exhibits.move_exhibit(
            file,
            exhibit.pk,
            held_by="Financial investigation unit",
            at=seized + timedelta(days=1),
            reason="Analysis of the payments",
        )

    def _case_file(self, investigator, report) -> None:
        """The file for the CPS: a witness statement, unused material scheduled (one item
        withdrawn), a sensitive item, and a charging decision requested (issue 15)."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        from fraudcase.casefile import services as casefile

        file = casefile.open_file(investigator, report.local_reference)
        day = min(self.today, timezone.localdate()) - timedelta(days=2)
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        casefile.add_document(
            file,
            casefile.DocumentInput(
                kind="mg11",
                title="Statement of the victim",
                author="The victim",
                dated=day,
                upload=SimpleUploadedFile("statement.pdf", pdf, content_type="application/pdf"),
            ),
        )
        for text, decision in (
            ("Call handler's notes of the first report", "CND"),
            ("Bank's fraud department email chain", "I"),
        ):
            casefile.add_item(
                file,
                "mg6c",
                casefile.ItemInput(description=text, location="Case papers", decision=decision),
            )
        casefile.withdraw_item(file, "mg6c", 1, "Duplicate of the statement")
        casefile.add_item(
            file,
            "mg6d",
            casefile.ItemInput(
                description="Intelligence log on the beneficiary account",
                location="Intelligence unit",
                sensitivity="Reveals a financial intelligence source",
            ),
        )
        # The report's suspects, from its package or recorded by the officer (issue 15 item 1).
        suspect = report.suspects.order_by("pk").first()
        assert suspect is not None  # _investigation_file recorded one if the report had none
        casefile.request_charging(file, suspect=suspect.pk, decision_maker="cps", requested_on=day)
        casefile.add_hearing(
            file,
            suspect=suspect.pk,
            held_on=day + timedelta(days=30),
            court="Leicester Magistrates' Court",
            kind="first",
        )

    def _victim_list(self, fvo):
        """A month's NFIB victim list, segmented, for the Fraud Vulnerability Officer: the
        victims who reported in the last four weeks."""
        from fraudcase.victims import services as victim_services
        from fraudcase.victims.synthetic import victim_list_frame

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"nfib-victim-list-{self.today:%B-%Y}.csv".lower()
            start = self.today - timedelta(days=27)
            frame = victim_list_frame(350, seed=11, start=start)
            # Numbered in the demo's own range, clear of every generated list's.
            frame = frame.with_columns(
                nfrc=pl.format("NFRC{}", pl.int_range(1, frame.height + 1) + DEMO_LIST_NFRC_BASE)
            )
            frame.write_csv(path)
            victim_services.import_victim_list(path, user=fvo, original_name=path.name)

    def _sars(self, finint) -> None:
        """A month's SARs in the register (seed 001 §7.2; DOMAIN.md "SARs and DAML"): one with
        nothing to decide, one asking for consent whose notice period is running, one refused
        (its 31-day moratorium running), one naming the ECU investigator (who sees it and no
        other), and one whose victim is over 80, scanned into a referral to the vulnerability
        team that carries the victim and not the SAR."""
        from fraudcase.finance import services as finance

        today = self.today
        base = {
            "reporting_institution": "Castle Bank plc",
            "amount_gbp": "",
            "daml": False,
            "linked_references": "",
            "named_users": "",
        }
        sars = [
            {
                "ukfiu_reference": f"{today.year}-0000101",
                "disclosed_on": today - timedelta(days=20),
                "subjects": "Marcus Hale\nHale Trading Ltd",
                "reason": "Rapid movement of funds through a newly opened business account",
                "amount_gbp": "12500.00",
            },
            {
                "ukfiu_reference": f"{today.year}-0000102",
                "disclosed_on": today - timedelta(days=3),
                "reporting_institution": "Northgate Building Society",
                "subjects": "Dana Price",
                "reason": "Customer asks to withdraw £9,800 in cash received from strangers",
                "amount_gbp": "9800.00",
                "daml": True,
            },
            {
                "ukfiu_reference": f"{today.year}-0000103",
                "disclosed_on": today - timedelta(days=8),
                "subjects": "Oakfield Imports Ltd",
                "reason": "Payment out to an overseas account linked to invoice fraud victims",
                "amount_gbp": "48000.00",
                "daml": True,
            },
            {
                "ukfiu_reference": f"{today.year}-0000104",
                "disclosed_on": today - timedelta(days=9),
                "reporting_institution": "Metro Payments Ltd",
                "subjects": "Lee Carver",
                "reason": "Account receives many small payments from elderly customers",
                "amount_gbp": "3150.00",
                "named_users": "investigator",
            },
            {
                "ukfiu_reference": f"{today.year}-0000105",
                "disclosed_on": today - timedelta(days=4),
                "subjects": "Unknown caller posing as the bank's fraud team",
                "reason": "Elderly customer moved her savings to a 'safe account' on instruction",
                "amount_gbp": "22000.00",
                "victim_name": "Edith Marsh",
                "victim_dob": date(today.year - 86, 3, 14),
                "victim_postcode": "LE2 7AB",
            },
        ]
        for fields in sars:
            finance.record_sar(finint, finance.SarInput(**{**base, **fields}))
        finance.decide(
            finint,
            f"{today.year}-0000103",
            "refuse",
            on=today - timedelta(days=2),
            reason="Funds appear to be the proceeds of invoice fraud reported to NFIB",
        )

    def _restrict_some(self, admin, ecu, references: list[str]):
        """A few demo reports are OFFICIAL-SENSITIVE or ECU-only, to show access control."""
        with transaction.atomic():
            refs = list(
                Report.objects.filter(local_reference__in=references)
                .order_by("id")
                .values_list("local_reference", flat=True)
            )
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

    def _routed(self, admin) -> None:
        """Cyber-dependent disseminations, a crime in action and victim-support-only referrals
        (streams.cyber): received yesterday (one contact overdue on each list) and today, one
        contacted already. The file names both Report Fraud and Action Fraud, as files do."""
        yesterday = self.today - timedelta(days=1)
        base = DEMO_NFRC_BASE + 90_000_000
        rows = [
            # (day, n, fraud type, surname, referral type, referred by, crime in action)
            (yesterday, 1, "NFIB52C", "Hughes", "", "Action Fraud", ""),
            (yesterday, 2, "NFIB3A", "Okafor", "Victim support only", "Action Fraud", ""),
            (self.today, 3, "NFIB52B", "Lindqvist", "", "Report Fraud", ""),
            (self.today, 4, "NFIB51B", "Marsh", "", "Report Fraud", "Y"),
            (self.today, 5, "NFIB1H", "Whitmore", "Victim support only", "REPORT FRAUD", ""),
            (self.today, 6, "NFIB50A", "Ng", "", "reportfraud", ""),
        ]
        columns = [
            "package_ref,nfrc,disseminated_on,fraud_type,victim_type,forename,surname,"
            "postcode,loss_gbp,narrative,referral_type,referred_by,crime_in_action"
        ]
        with tempfile.TemporaryDirectory() as folder:
            for day, label in ((yesterday, "1"), (self.today, "2")):
                lines = columns + [
                    f"{DEMO_ROUTED_PREFIX}-{label},NFRC{base + n},{day.isoformat()},{code},"
                    f"Individual,Alex,{surname},LE1 6ZZ,450,Demo routed report,{kind},{by},{now}"
                    for when, n, code, surname, kind, by, now in rows
                    if when == day
                ]
                path = Path(folder) / f"routed-{label}.csv"
                path.write_text("\n".join(lines) + "\n")
                import_nfib_package(
                    path,
                    user=admin,
                    original_name=f"demo-routed-{label}.csv",
                    received_at=self._at(day, 9.5),
                    received_reason="Demo: received at the start of that working day",
                    today=self.today,
                )
        # Recorded as they were received (§5.1.1: within the 24 hours), as the unit does.
        Report.objects.filter(package__package_ref__startswith=f"{DEMO_ROUTED_PREFIX}-").update(
            recorded_at=F("received_at")
        )
        contacted = Report.objects.filter(nfrc_numbers__number=f"NFRC{base + 6}").first()
        cyber_user = User.objects.get(username="cyber")
        if contacted is not None and contacted.route_contacted_at is None:
            cyber.record_contact(
                cyber_user,
                contacted.local_reference,
                method="phone",
                summary="Called the victim: account secured, two-factor set up, protect "
                "advice given.",
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
                received_on=self.today - timedelta(days=1),
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
