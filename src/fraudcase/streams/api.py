"""The streams app's API operations (added to /api/v1 by fraudcase.api)."""

from ninja import Router

router = Router(tags=["streams"])
