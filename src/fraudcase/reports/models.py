"""The report itself: one record per victim, its NFRC numbers, victim, suspects, timeline,
material and status changes (seed 001 §5.1, App. A).

The tables keep their first names (`intake_report`, ...): the models moved here from `intake`
without a change to the database (docs/decisions.md, ADR-0020 "The report is an app of its
own").
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper

from fraudcase.accounts.models import HandlingMarking, Team

from .enums import EntryKind, IdentifierKind, ReportStatus, Route, Source, VictimType

__all__ = [
    "Attachment",
    "DisseminationPackage",
    "EnquiryLogEntry",
    "EntryKind",
    "Identifier",
    "IdentifierKind",
    "NFRCNumber",
    "NameKey",
    "ReferenceCounter",
    "Report",
    "ReportStatus",
    "Route",
    "Source",
    "StatusChange",
    "Suspect",
    "Victim",
    "VictimType",
]


class ReferenceCounter(models.Model):
    """The last local reference number issued in a year; locked while a block is taken."""

    year = models.PositiveIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "intake_referencecounter"


class DisseminationPackage(models.Model):
    """One NFIB dissemination: one or more victims, each with its own NFRC number."""

    package_ref = models.CharField(max_length=60, unique=True)
    disseminated_on = models.DateField()
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    source_filename = models.CharField(max_length=255, blank=True)
    # §5.1.1: the 24 hours to record run from when the force received the package: the import
    # time unless the importer gave an earlier time, with the reason.
    received_at = models.DateTimeField()
    received_reason = models.TextField(
        blank=True, help_text="Why the package was received earlier than it was imported."
    )

    class Meta:
        db_table = "intake_disseminationpackage"

    def __str__(self) -> str:
        return self.package_ref


class Report(models.Model):
    """One local record per victim (§5.1): everything else hangs off it."""

    local_reference = models.CharField(max_length=30, unique=True)
    source = models.CharField(max_length=30, choices=Source.choices)
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECORDED
    )
    handling_marking = models.CharField(
        max_length=20, choices=HandlingMarking.choices, default=HandlingMarking.OFFICIAL
    )
    restricted_to_team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="When set, only members of this team see the report.",
        # Indexed only where set (report_restricted_team, below): an index holding the NULLs
        # let SQLite read the visibility filter's `IS NULL OR IN (teams)` as a MULTI-INDEX OR
        # over nearly every report, instead of the index the rest of the query needs.
        db_index=False,
    )
    package = models.ForeignKey(
        DisseminationPackage,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    fraud_type = models.CharField(max_length=20, blank=True)
    received_at = models.DateTimeField()
    recording_deadline = models.DateTimeField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    loss_gbp = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    narrative = models.TextField(blank=True)
    # §5.1: recorded after the 24-hour deadline. Kept by the database, so that the home page's
    # count is read from a partial index the planner knows is small (it cannot estimate a
    # comparison of two columns, and would scan the table).
    recorded_late = models.GeneratedField(
        expression=models.Q(recorded_at__gt=models.F("recording_deadline")),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    # §5.6: when the victim's first update is due; None once it is given (reports.deadlines).
    first_update_due = models.DateField(null=True, blank=True, editable=False)
    # Routed to the cyber team or the Protect team when it came in (Route; intake.rules.route),
    # with the date the team's first contact with the victim is due, stored then (kept after
    # the contact, for "contacted on time"), and when that contact was recorded
    # (reports.deadlines.schedule_routes, route_contacted).
    route = models.CharField(
        max_length=20, choices=Route.choices, blank=True, default="", db_default=""
    )
    route_due = models.DateField(null=True, blank=True, editable=False)
    route_contacted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        db_table = "intake_report"
        indexes = [
            # Newest first with the id as tie-break, as every list of reports sorts: a package's
            # reports share one receipt time, so received_at alone leaves whole packages to sort
            # (issue 16: search walks it newest first).
            models.Index(fields=["received_at", "id"], name="report_received_id"),
            # The queue and the board read one status, oldest received first (issue 16).
            models.Index(fields=["status", "received_at"], name="report_status_received"),
            # ... and one source of one status, or every source in turn (issue 16).
            models.Index(
                fields=["status", "source", "received_at"], name="report_status_source_received"
            ),
            # ... and one fraud type, whatever its case (the queue's filter).
            models.Index(
                models.F("status"),
                Upper("fraud_type"),
                models.F("received_at"),
                name="report_status_fraud_received",
            ),
            # Deadlines and the home page: the first updates owed by a day, oldest first.
            models.Index(
                fields=["first_update_due", "id"],
                condition=models.Q(first_update_due__isnull=False),
                name="report_first_update_owed",
            ),
            # The few reports restricted to a team: deleting a team (PROTECT) finds its reports.
            models.Index(
                fields=["restricted_to_team"],
                condition=models.Q(restricted_to_team__isnull=False),
                name="report_restricted_team",
            ),
            # The reports some users may not see (`services.hidden_reports`): few, so that the
            # pack counts a user's figures as "not one of these" without joining every report.
            # With the two columns that decide who may not see them, so that they are read
            # from the index alone: a visit to each scattered row cost 0.3 s for 30,000.
            models.Index(
                fields=["id", "handling_marking", "restricted_to_team"],
                condition=~models.Q(handling_marking=HandlingMarking.OFFICIAL)
                | models.Q(restricted_to_team__isnull=False),
                name="report_hidden_few",
            ),
            # A routed team's list (cyber, Protect) newest first, and its counts by month.
            models.Index(
                fields=["route", "received_at", "id"],
                condition=~models.Q(route=""),
                name="report_routed_received",
            ),
            # Deadlines: a routed team's first contacts owed by a day, oldest first.
            models.Index(
                fields=["route_due", "id"],
                condition=models.Q(route_due__isnull=False, route_contacted_at__isnull=True),
                name="report_route_contact_owed",
            ),
            # The home page: recorded today, and recorded after the 24-hour deadline.
            models.Index(fields=["recorded_at"], name="report_recorded_at"),
            models.Index(
                fields=["recorded_at"], condition=models.Q(recorded_late=True), name="report_late"
            ),
        ]

    def __str__(self) -> str:
        return self.local_reference

    @property
    def is_restricted(self) -> bool:
        return (
            self.handling_marking != HandlingMarking.OFFICIAL
            or self.restricted_to_team_id is not None
        )


class Victim(models.Model):
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="victim")
    victim_type = models.CharField(max_length=20, choices=VictimType.choices)
    forename = models.CharField(max_length=100, blank=True)
    surname = models.CharField(max_length=100, blank=True)
    business_name = models.CharField(max_length=200, blank=True)
    dob = models.DateField(null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.CharField(max_length=254, blank=True)
    # Lower-case "forename surname" or business name: the same person's other reports
    # (triage.services.repeat_reports). Name search reads NameKey.
    search_name = models.CharField(max_length=200, blank=True, db_index=True)

    class Meta:
        db_table = "intake_victim"
        indexes = [
            # A postcode, or every postcode in a district ("LE1 ..."), with its report: read
            # from the index alone (core.prefix; varchar_pattern_ops for LIKE on PostgreSQL).
            models.Index(
                fields=["postcode", "report"],
                name="victim_postcode_report",
                opclasses=["varchar_pattern_ops", "int8_ops"],
            ),
            # The few victims who are not individuals: the pack counts businesses and other
            # organisations through it, and individuals as the rest (issue 12).
            models.Index(
                fields=["report"],
                condition=~models.Q(victim_type=VictimType.INDIVIDUAL),
                name="victim_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.victim_type == VictimType.INDIVIDUAL:
            return f"{self.forename} {self.surname}".strip()
        return self.business_name


class NFRCNumber(models.Model):
    """A national crime reference; unique across the system and belonging to one victim."""

    number = models.CharField(max_length=30, unique=True)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="nfrc_numbers")
    # Where the number stands in the reconciliation with NFIB (returns.rules.NFRCState: open,
    # not_returned, transferred, erased, returned), kept by the returns app whenever what it is
    # derived from changes (returns.services.restate); a number starts open.
    reconciliation = models.CharField(
        max_length=12, default="open", db_default="open", editable=False
    )

    class Meta:
        db_table = "intake_nfrcnumber"
        indexes = [
            # The gap list (oldest report first) and the reconciliation's counts: the numbers
            # NFIB has no outcome for (few, beside the returned), by report.
            models.Index(
                fields=["report", "reconciliation"],
                condition=~models.Q(reconciliation="returned"),
                name="nfrc_gap",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class Suspect(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="suspects")
    name = models.CharField(max_length=200, blank=True)
    # `name` as reports.rules.normalise_name gives it, to find the same suspect on other reports.
    name_key = models.CharField(max_length=200, blank=True, db_index=True)

    class Meta:
        db_table = "intake_suspect"

    def __str__(self) -> str:
        return self.name or "Unnamed suspect"


class Identifier(models.Model):
    """A typed suspect identifier, normalised so one phone or account matches across reports."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="identifiers")
    suspect = models.ForeignKey(
        Suspect, null=True, blank=True, on_delete=models.CASCADE, related_name="identifiers"
    )
    kind = models.CharField(max_length=20, choices=IdentifierKind.choices)
    raw = models.CharField(max_length=300)
    normalised = models.CharField(max_length=300, db_index=True)

    class Meta:
        db_table = "intake_identifier"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.normalised}"


class EnquiryLogEntry(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="log_entries")
    kind = models.CharField(max_length=20, choices=EntryKind.choices, default=EntryKind.NOTE)
    at = models.DateTimeField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    text = models.TextField()

    class Meta:
        db_table = "intake_enquirylogentry"
        ordering = ["-at", "-id"]


class Attachment(models.Model):
    """Material stored on disk outside the database, checked by its SHA-256."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=100, unique=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        db_table = "intake_attachment"


class StatusChange(models.Model):
    """Every move of a report between statuses: who, when, why. Time in each state comes
    from consecutive changes (the first state starts when the report was received)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="status_changes")
    transition = models.CharField(max_length=20)
    from_status = models.CharField(max_length=20, choices=ReportStatus.choices)
    to_status = models.CharField(max_length=20, choices=ReportStatus.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    # Whole days from the report's receipt to this move (`rules.days_from_receipt`): the pack's
    # time from receipt to assessment, allocation and outcome, read without joining reports.
    days_from_receipt = models.IntegerField(null=True, blank=True, editable=False)

    class Meta:
        db_table = "intake_statuschange"
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["report", "at"]),
            # The allocation board's timings read the latest moves of each kind (issue 16); the
            # pack's time from receipt reads a year of them from this index alone (issue 12):
            # hence the key columns after (transition, at), which both databases can use.
            models.Index(
                fields=["transition", "at", "from_status", "days_from_receipt", "report"],
                name="statuschange_timed",
            ),
            # The pack's filing rates: the moves into "filed pending information" and "no
            # further action", by time, from the index alone. Time first: the planner drops a
            # condition the index's own condition implies, so with the status first a range of
            # time was read as the whole index (a supervisor's figures, issue 12).
            models.Index(
                fields=["at", "to_status", "report"],
                condition=models.Q(
                    to_status__in=[
                        ReportStatus.FILED_PENDING_INFORMATION,
                        ReportStatus.NO_FURTHER_ACTION,
                    ]
                ),
                name="statuschange_stopped_at",
            ),
        ]


# ---------------------------------------------------------------- name search (issue 16)


class NameKey(models.Model):
    """One word of a name on a report, folded for search (`rules.name_keys`): the victim's
    forename, surname or business name, and each suspect's name. A search word finds the
    reports with a key starting with it, through an index on both databases
    (`core.prefix.starts_with`). Written wherever names are (`services.write_name_keys`); a
    report's keys are derived from its rows and can be rebuilt from them at any time."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="name_keys", db_index=False
    )
    key = models.CharField(max_length=40)

    class Meta:
        # Two ways in, each covering (no table read): from a word to its reports, for a rare
        # name; from a report to its words, when the planner walks reports newest first and
        # checks each (a common name). On PostgreSQL `varchar_pattern_ops` lets LIKE 'abc%'
        # use them; SQLite ignores operator classes and reads a range (core.prefix).
        indexes = [
            models.Index(
                fields=["key", "report"],
                name="namekey_key_report",
                opclasses=["varchar_pattern_ops", "int8_ops"],
            ),
            models.Index(
                fields=["report", "key"],
                name="namekey_report_key",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        return self.key
