"""Template filters every page may use (registered as builtins in settings: no {% load %})."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from fraudcase.core.paging import Page

register = template.Library()


@register.filter
def sort_header(page: Page, key: str) -> dict[str, str]:
    """A sortable column heading of `page` (see includes/sort_header.html)."""
    return page.header(key)


@register.filter
def money(value: Any) -> str:
    """Pounds as people write them: £32,887.19; "" for no amount."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"
