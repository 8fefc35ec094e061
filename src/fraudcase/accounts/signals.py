import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from . import services

log = logging.getLogger("fraudcase.accounts")


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get("username")
    if request is None or not username:
        return  # not a sign-in from a client (e.g. a script calling authenticate)
    address = services.client_address(request)
    if refusal := getattr(request, "sign_in_refusal", None):
        log.warning("Refused sign-in for %r from %s (%s)", username[:150], address, refusal.value)
        return
    services.record_sign_in_failure(username, address)


@receiver(user_logged_in)
def forget_failures(sender, user, request=None, **kwargs) -> None:
    if request is not None:
        services.clear_sign_in_failures(user.get_username(), services.client_address(request))
