from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from . import rules
from .models import User


@receiver(user_login_failed)
def count_failure(sender, credentials, **kwargs) -> None:
    username = credentials.get("username")
    user = User.objects.filter(username=username).first()
    if user is None:
        return
    now = timezone.now()
    if rules.is_locked_out(user.locked_until, now):
        return
    user.failed_logins += 1
    user.locked_until = rules.lockout_after_failure(
        user.failed_logins,
        now,
        attempts=settings.FRAUDCASE_LOCKOUT_ATTEMPTS,
        minutes=settings.FRAUDCASE_LOCKOUT_MINUTES,
    )
    if user.locked_until:
        user.failed_logins = 0
    user.save(update_fields=["failed_logins", "locked_until"])


@receiver(user_logged_in)
def reset_failures(sender, user, **kwargs) -> None:
    if user.failed_logins or user.locked_until:
        user.failed_logins = 0
        user.locked_until = None
        user.save(update_fields=["failed_logins", "locked_until"])
