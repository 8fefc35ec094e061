"""Reads and writes for triage. For now: the active scoring version and stateless screening."""

from .models import ScoringVersion
from .scoring import DEFAULT_SCORING, DEFAULT_VERSION


def active_scoring() -> tuple[str, dict]:
    """(version, scoring) in force; the shipped default if an administrator has set none."""
    active = ScoringVersion.objects.filter(is_active=True).first()
    if active is None:
        return DEFAULT_VERSION, DEFAULT_SCORING
    return active.version, active.scoring
