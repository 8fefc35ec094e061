from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import services


class ThrottledModelBackend(ModelBackend):
    """Django's own backend, refusing to check a password while its sign-in is throttled.

    A refused attempt is not counted as another failure (the signal handler sees
    `request.sign_in_refusal`), so one blocked address hammering away cannot push everyone
    past the overall limit.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and username is not None:
            refusal = services.sign_in_refusal(username, services.client_address(request))
            if refusal is not None:
                request.sign_in_refusal = refusal
                raise PermissionDenied(services.refusal_message(refusal))
        return super().authenticate(request, username=username, password=password, **kwargs)
