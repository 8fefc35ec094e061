"""Reports and where they came from (seed 001 §5.1, App. A; DOMAIN.md "Where reports come from")."""

from django.conf import settings
from django.db import models

from fraudcase.accounts.models import HandlingMarking, Team


class Source(models.TextChoices):
    NFIB_DISSEMINATION = "nfib", "NFIB dissemination"
    CALL_FOR_SERVICE = "call_for_service", "Call for service"
    REFERRAL = "referral", "Referral"
    VICTIM_SUPPORT_ONLY = "victim_support_only", "Victim support only (Action Fraud)"
    ILOR_EIO = "ilor_eio", "ILOR or EIO"


class ReportStatus(models.TextChoices):
    RECORDED = "recorded", "Recorded"
    ASSESSED = "assessed", "Assessed: awaiting supervisor decision"
    AWAITING_ALLOCATION = "awaiting_allocation", "Awaiting allocation"
    WITH_EVALUATOR = "with_evaluator", "With the evaluator"
    EVALUATED = "evaluated", "Evaluated: awaiting supervisor decision"
    UNDER_INVESTIGATION = "under_investigation", "Allocated: under investigation"
    NO_FURTHER_ACTION = "no_further_action", "No further action: awaiting outcome"
    FILED_PENDING_INFORMATION = "filed_pending", "Filed pending information"
    CLOSED = "closed", "Finalised"


class VictimType(models.TextChoices):
    INDIVIDUAL = "individual", "Individual"
    BUSINESS = "business", "Business"
    CHARITY = "charity", "Charity"
    PUBLIC_BODY = "public_body", "Public body"
    OTHER_ORGANISATION = "other_organisation", "Other organisation"


class IdentifierKind(models.TextChoices):
    PHONE = "phone", "Telephone number"
    EMAIL = "email", "E-mail address"
    WEBSITE = "website", "Website"
    UK_BANK_ACCOUNT = "uk_bank_account", "UK sort code and account number"
    IBAN = "iban", "IBAN"


class EntryKind(models.TextChoices):
    RECORDED = "recorded", "Recorded"
    NOTE = "note", "Enquiry"
    CONTACT = "contact", "Victim contact"
    ATTACHMENT = "attachment", "Material"
    STATUS = "status", "Status change"


class ReferenceCounter(models.Model):
    """The last local reference number issued in a year; locked while a block is taken."""

    year = models.PositiveIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)


class DisseminationPackage(models.Model):
    """One NFIB dissemination: one or more victims, each with its own NFRC number."""

    package_ref = models.CharField(max_length=60, unique=True)
    disseminated_on = models.DateField()
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    source_filename = models.CharField(max_length=255, blank=True)

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

    class Meta:
        indexes = [models.Index(fields=["received_at"])]

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
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.CharField(max_length=254, blank=True)
    # Lower-case "forename surname" or business name, for name search.
    search_name = models.CharField(max_length=200, blank=True, db_index=True)

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

    def __str__(self) -> str:
        return self.number


class Suspect(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="suspects")
    name = models.CharField(max_length=200, blank=True)

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
        ordering = ["-at", "-id"]


class ReferrerType(models.TextChoices):
    PUBLIC_BODY = "public_body", "Public body"
    BUSINESS = "business", "Business"
    INDIVIDUAL = "individual", "Individual"
    COMPLAINT = "complaint", "Complaint"
    INTERNAL = "internal", "Internal department"
    CHIEF_OFFICER = "chief_officer", "Chief officer"
    CPS = "cps", "Crown Prosecution Service"
    OTHER = "other", "Other"


class Referral(models.Model):
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="referral")
    referrer_type = models.CharField(max_length=20, choices=ReferrerType.choices)
    referrer_name = models.CharField(max_length=200)
    received_on = models.DateField()
    storage_decision = models.TextField(
        blank=True, help_text="Where physical or oversized material is kept, and why."
    )


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


class Criterion(models.TextChoices):
    """When a fraud reported in force is a call for service (§5.1; DOMAIN.md)."""

    OFFENDER_ARRESTED = "offender_arrested", "Offender arrested for a fraud offence"
    IN_PROGRESS = "in_progress", "Offence in progress or recently committed"
    SUSPECT_KNOWN_LOCAL = (
        "suspect_known_local",
        (
            "Suspect known and local (including goods to be delivered to an address in the "
            "force area)"
        ),
    )
    VICTIM_VULNERABLE = "victim_vulnerable", "Victim is vulnerable"
    RECOVERY_PROSPECT = "recovery_prospect", "Prospect of recovering funds or property"
    PROPERTY_AT_RISK = (
        "property_at_risk",
        ("Property or money immediately at risk and suitable for PNC circulation"),
    )
    OTHER_REASON = "other_reason", "Accepted for another reason"


class CallForServiceDecision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted as a call for service"
    ADVISED_ACTION_FRAUD = "advised_action_fraud", "Caller advised to report to Action Fraud"


class CallForService(models.Model):
    taken_at = models.DateTimeField()
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    caller_forename = models.CharField(max_length=100)
    caller_surname = models.CharField(max_length=100)
    caller_phone = models.CharField(max_length=30, blank=True)
    caller_postcode = models.CharField(max_length=10, blank=True)
    summary = models.TextField()
    criteria = models.JSONField(default=list)
    other_reason = models.TextField(blank=True)
    decision = models.CharField(max_length=30, choices=CallForServiceDecision.choices)
    advice_given = models.TextField(blank=True)
    report = models.OneToOneField(
        Report, null=True, blank=True, on_delete=models.PROTECT, related_name="call_for_service"
    )
    nfib_sent_at = models.DateTimeField(null=True, blank=True)
    nfib_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nfib_reference = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["taken_at"]


class ImportKind(models.TextChoices):
    NFIB_PACKAGE = "nfib_package", "NFIB dissemination package"
    VICTIM_LIST = "victim_list", "NFIB victim list"


class ImportProfile(models.Model):
    """Maps another file's headings onto the default columns, with no code change."""

    name = models.SlugField(max_length=60)
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    column_map = models.JSONField(
        default=dict,
        help_text='{"default column": "heading in the file"}, e.g. {"nfrc": "Crime Ref"}',
    )
    date_format = models.CharField(
        max_length=20,
        blank=True,
        help_text="strftime format, e.g. %d/%m/%Y; blank tries ISO then UK day-first.",
    )
    victim_type_map = models.JSONField(
        default=dict,
        blank=True,
        help_text='Extra victim type spellings, e.g. {"Person": "individual"}',
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="unique_profile")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


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

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["report", "at"])]
