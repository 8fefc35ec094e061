from django.contrib.auth.backends import ModelBackend
from django.utils import timezone

from . import rules


class LockoutBackend(ModelBackend):
    """Django's own backend, refusing accounts locked after repeated failures."""

    def user_can_authenticate(self, user) -> bool:
        if rules.is_locked_out(user.locked_until, timezone.now()):
            return False
        return super().user_can_authenticate(user)
