"""When the force received an NFIB package (§5.1.1): the 24 hours to record run from it."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class Receipt:
    """When the force received the file's packages, and why earlier than the import (§5.1.1)."""

    at: datetime
    reason: str = ""

    @property
    def words(self) -> str:
        said = f"Received by the force {when_words(self.at)}"
        return said + (f" (earlier than the import: {self.reason})" if self.reason else "")


def when_words(moment: datetime) -> str:
    return timezone.localtime(moment, LONDON).strftime("%d %B %Y at %H:%M")
