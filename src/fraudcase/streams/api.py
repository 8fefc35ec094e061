"""The streams app's API operations (added to /api/v1 by fraudcase.api)."""

from ninja import Router

from .cyber_api import router as cyber_router

router = Router(tags=["streams"])
router.add_router("", cyber_router)
