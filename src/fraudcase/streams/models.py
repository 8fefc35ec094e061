"""Tables of the streams app: ILOR/EIO requests and Banking Protocol incidents.

Both carry a handling marking and an optional team restriction, read through
accounts.services.visibility_filter like a report: a request from abroad can be sensitive,
and so can a victim's details."""

from django.conf import settings
from django.db import models

from fraudcase.accounts.enums import HandlingMarking
from fraudcase.reports.models import Report

from .rules import AskedFor, RequestKind, RequestState


class Marked(models.Model):
    handling_marking = models.CharField(
        max_length=20, choices=HandlingMarking.choices, default=HandlingMarking.OFFICIAL
    )
    restricted_to_team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        abstract = True


class InternationalRequest(Marked):
    """An ILOR or EIO: demand on the unit, not a crime report (DOMAIN.md "Where reports come
    from" item 5)."""

    kind = models.CharField(max_length=10, choices=RequestKind.choices)
    country = models.CharField(max_length=2)  # ISO 3166-1 alpha-2 (rules.COUNTRIES)
    authority = models.CharField(max_length=200)
    their_reference = models.CharField(max_length=100)
    received_on = models.DateField()
    asked_for = models.CharField(max_length=10, choices=AskedFor.choices)
    asked_for_detail = models.TextField(blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        max_length=12, choices=RequestState.choices, default=RequestState.RECEIVED
    )
    # The response due date while one is owed (rules.response_due); the date the request was
    # due stays in `due_on` after it is met, for the counts of late responses.
    due_on = models.DateField()
    response_due = models.DateField(null=True, blank=True)
    due_given = models.BooleanField(default=False)  # the requesting authority gave the date
    assessed_on = models.DateField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    sent_on = models.DateField(null=True, blank=True)
    sent_detail = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["received_on", "id"], name="ilor_received"),
            models.Index(fields=["state", "received_on"], name="ilor_state_received"),
            # The clock: only the requests still owed a response.
            models.Index(
                fields=["response_due"],
                condition=models.Q(response_due__isnull=False),
                name="ilor_response_owed",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.kind.upper()}-{self.pk:05d}" if self.pk else self.kind.upper()


class BankingProtocolIncident(Marked):
    """A bank branch's call to the police about a customer being defrauded in the branch
    (seed 002 ¶68). The victim's details are personal data: every read and change is audited,
    and an administrator can erase them."""

    bank_name = models.CharField(max_length=100)
    branch_name = models.CharField(max_length=100)
    branch_postcode = models.CharField(max_length=10, blank=True)
    called_at = models.DateTimeField()
    attended = models.BooleanField(default=False)
    attended_at = models.DateTimeField(null=True, blank=True)
    attending_officer = models.CharField(max_length=100, blank=True)
    victim_name = models.CharField(max_length=200, blank=True)
    victim_dob = models.DateField(null=True, blank=True)
    victim_postcode = models.CharField(max_length=10, blank=True)
    victim_erased_at = models.DateTimeField(null=True, blank=True)
    safeguarded = models.BooleanField(default=False)
    safeguarding = models.TextField(blank=True)
    # The results (rules.BankingResult), one column each so that counting is a SUM.
    arrest = models.BooleanField(default=False)
    crime_recorded = models.BooleanField(default=False)
    intelligence = models.BooleanField(default=False)
    no_offence = models.BooleanField(default=False)
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["called_at", "id"], name="bp_called")]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"BP-{self.pk:05d}" if self.pk else "BP"

    @property
    def results(self) -> list[str]:
        return [
            r
            for r in ("arrest", "crime_recorded", "intelligence", "no_offence")
            if getattr(self, r)
        ]
