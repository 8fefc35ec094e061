"""Users, their role and clearance, and the teams that records can be restricted to."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from .enums import Experience, HandlingMarking, Role, TeamKind
from .rules import TokenState

__all__ = ["Experience", "HandlingMarking", "Role", "Team", "TeamKind", "User"]


class Team(models.Model):
    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=TeamKind.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.ASSESSOR)
    clearance = models.CharField(
        max_length=20,
        choices=HandlingMarking.choices,
        default=HandlingMarking.OFFICIAL,
        help_text="The highest handling marking this user may see.",
    )
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    experience = models.CharField(
        max_length=10,
        choices=Experience.choices,
        blank=True,
        help_text="Investigators and evaluators: shown on the allocation board.",
    )
    case_capacity = models.PositiveSmallIntegerField(
        default=12, help_text="Open cases this investigator can carry (allocation board)."
    )
    # Contact details printed on letters to victims (with `email`), for the officer in the case.
    collar_number = models.CharField(max_length=20, blank=True, default="", db_default="")
    phone = models.CharField(
        max_length=30,
        blank=True,
        default="",
        db_default="",
        help_text="Direct line given to victims.",
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its SHA-256 digest is stored.

    A token works until `expires_at`, or until its owner or an administrator revokes it.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    state: TokenState  # not stored: set by services.tokens_of

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"


class SignInFailure(models.Model):
    """One failed password sign-in, kept only while it counts towards throttling.

    Rows are keyed by the username typed (whether or not such a user exists, so that throttling
    tells nobody which usernames are real) and the client's address.
    """

    at = models.DateTimeField(db_index=True)
    username = models.CharField(max_length=150)
    address = models.CharField(max_length=45)

    class Meta:
        indexes = [
            models.Index(fields=["address", "at"]),
            models.Index(fields=["username", "address", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} from {self.address}"
