"""Issuing local references: a block at a time, under a row lock, so none is ever issued twice."""

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from . import rules
from .models import ReferenceCounter


def allocate_references(count: int, now: datetime) -> list[str]:
    """Reserve `count` consecutive local references for the year of `now` (inside a transaction)."""
    year = now.year
    with transaction.atomic():
        counter = ReferenceCounter.objects.select_for_update().filter(year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    ReferenceCounter.objects.create(year=year, last_number=0)
            except IntegrityError:
                pass  # another writer created it first
            counter = ReferenceCounter.objects.select_for_update().get(year=year)
        first = counter.last_number + 1
        counter.last_number += count
        counter.save(update_fields=["last_number"])
    prefix = settings.FRAUDCASE_REFERENCE_PREFIX
    return [rules.local_reference(prefix, n, year) for n in range(first, first + count)]
