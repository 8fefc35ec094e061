"""Who a command acts as: named with --user, or FRAUDCASE_USER, for the audit log."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def acting_user(username: str | None, *, required: bool = False):
    username = username or os.environ.get("FRAUDCASE_USER")
    if not username:
        if required:
            raise CommandError("Say who you are: --user USERNAME or FRAUDCASE_USER")
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No active user '{username}'")
    return user
