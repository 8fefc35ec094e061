"""Template filters every page may use (registered as builtins in settings: no {% load %})."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms, template
from django.forms import BoundField
from django.template import Context

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


@register.filter
def first_input_id(field: BoundField) -> str:
    """Where an error summary link for `field` goes: its input, the first of its radios or
    checkboxes, the day box of a date (GOV.UK error summary)."""
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return widget.id_for_label(field.auto_id, "0")
    return field.id_for_label or field.auto_id


@register.simple_tag(takes_context=True)
def error_prefix(context: Context) -> str:
    """The page title's "Error: " prefix when a form on the page has errors (GOV.UK)."""
    for value in context.flatten().values():
        if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
            return "Error: "
    return ""
