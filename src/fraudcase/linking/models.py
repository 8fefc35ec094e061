"""Series of reports joined by a shared suspect identifier, the stop list, and the identifiers
that connect too many reports to be used without an administrator's say (DOMAIN.md "Linking")."""

from django.conf import settings
from django.db import models

from fraudcase.reports.enums import IdentifierKind
from fraudcase.reports.models import Report

from . import rules


class Series(models.Model):
    """Reports that share a normalised suspect identifier (a connected component). Rewritten by
    each linking run; `anchor` (the lowest report id in it) keeps its name as it grows."""

    anchor = models.BigIntegerField(unique=True)
    # Every report in it, seen or not by whoever reads: never shown (pages count what the
    # reader may see); kept to order the list and to find the series a run must rewrite.
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "series"
        indexes = [models.Index(fields=["-size", "-id"], name="linking_series_largest")]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return rules.series_reference(self.pk)


class SeriesMember(models.Model):
    """A report in a series (a report is in at most one)."""

    report = models.OneToOneField(
        Report, on_delete=models.CASCADE, primary_key=True, related_name="series_membership"
    )
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="members")

    class Meta:
        indexes = [models.Index(fields=["series", "report"], name="linking_member_series")]


class StopListEntry(models.Model):
    """An identifier shared by too many unrelated reports to be evidence of one offender (a
    marketplace, a social network, a payment processor, a webmail provider): it never joins
    reports into a series. Kept by administrators (Django admin, or from the over-connected
    identifiers page)."""

    kind = models.CharField(max_length=20, choices=IdentifierKind.choices)
    value = models.CharField(
        max_length=300,
        help_text="As normalised: a website's registered domain (ebay.co.uk), "
        "a telephone number in E.164 (+447700900123), an e-mail address in lower case.",
    )
    reason = models.CharField(max_length=300, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "stop-listed identifier"
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="linking_stop_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class Review(models.TextChoices):
    TO_REVIEW = "to_review", "To review"
    ALLOWED = "allowed", "Allowed to join"


class OverConnected(models.Model):
    """An identifier that would join more reports than the cap (FRAUDCASE_LINKING_CAP): not
    used until an administrator allows it (or stop-lists it, and this row goes)."""

    kind = models.CharField(max_length=20, choices=IdentifierKind.choices)
    value = models.CharField(max_length=300)
    reports = models.PositiveIntegerField(help_text="Reports it was on at the last run")
    review = models.CharField(max_length=20, choices=Review.choices, default=Review.TO_REVIEW)
    found_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "over-connected identifier"
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="linking_over_once")]
        indexes = [models.Index(fields=["review", "-reports", "id"], name="linking_over_review")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


# ---------------------------------------------------------------- persons (repeat victims)


class Person(models.Model):
    """Victims held that are one person (linking.persons): rewritten by each person run;
    `anchor` (the lowest victim id in it) keeps its id as it grows."""

    anchor = models.BigIntegerField(unique=True)
    # Every victim in it, seen or not by whoever reads: never shown.
    size = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Person {self.pk}"


class PersonMember(models.Model):
    """A victim's person, with the probability and the agreeing fields of the link that joined
    the victim to it (null for a victim alone)."""

    victim = models.OneToOneField(
        "reports.Victim", on_delete=models.CASCADE, primary_key=True, related_name="person_link"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="members")
    probability = models.FloatField(null=True, blank=True)
    agreed = models.CharField(max_length=200, blank=True)
    # The victim's details as linking.persons compares them (normalised; null when missing or
    # erased), written by every person run: an incremental run reads only the victims held that
    # share a blocking key with the new ones, through the indexes below (one per blocking rule,
    # persons.BLOCKING; its exact pre-clustering keys are narrower than these).
    forename_key = models.CharField(max_length=100, null=True, blank=True)
    surname_key = models.CharField(max_length=200, null=True, blank=True)
    dob_key = models.CharField(max_length=10, null=True, blank=True)
    postcode_key = models.CharField(max_length=10, null=True, blank=True)
    phone_key = models.CharField(max_length=30, null=True, blank=True)
    email_key = models.CharField(max_length=254, null=True, blank=True)
    # False for a member written before the keys were kept: the next incremental run links
    # every victim once (and writes the keys).
    keyed = models.BooleanField(default=True, db_default=False)

    class Meta:
        indexes = [
            models.Index(fields=["person", "victim"], name="linking_person_member"),
            models.Index(fields=["surname_key", "dob_key"], name="linking_pkey_surname_dob"),
            models.Index(fields=["forename_key", "dob_key"], name="linking_pkey_forename_dob"),
            models.Index(fields=["surname_key", "postcode_key"], name="linking_pkey_surname_pc"),
            models.Index(fields=["forename_key", "postcode_key"], name="linking_pkey_forename_pc"),
            models.Index(fields=["phone_key"], name="linking_pkey_phone"),
            models.Index(fields=["email_key"], name="linking_pkey_email"),
            models.Index(fields=["dob_key", "postcode_key"], name="linking_pkey_dob_pc"),
            models.Index(
                fields=["victim"], condition=models.Q(keyed=False), name="linking_pkey_unkeyed"
            ),
        ]


class PersonDecisionKind(models.TextChoices):
    CONFIRM = "confirm", "Confirmed: the same person"
    BREAK = "break", "Broken: different people"


class PersonDecision(models.Model):
    """An officer's word on two victims: the same person (always joined) or not (never joined),
    applied by every later person run. The later decision on a pair replaces the earlier."""

    victim_a = models.ForeignKey("reports.Victim", on_delete=models.CASCADE, related_name="+")
    victim_b = models.ForeignKey("reports.Victim", on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(max_length=10, choices=PersonDecisionKind.choices)
    reason = models.CharField(max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["victim_a", "victim_b"], name="linking_person_pair"),
            models.CheckConstraint(
                condition=models.Q(victim_a__lt=models.F("victim_b")),
                name="linking_person_pair_ordered",
            ),
        ]


class PersonModel(models.Model):
    """A trained person-linkage model (Splink's settings and parameters as JSON), kept and
    reused by incremental runs; a run over everything trains a new one only when asked."""

    parameters = models.JSONField()
    victims = models.PositiveIntegerField(help_text="Victims it was trained on")
    trained_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        get_latest_by = "trained_at"
