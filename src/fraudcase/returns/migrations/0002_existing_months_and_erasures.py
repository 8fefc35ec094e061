"""The returns of the months that already hold outcomes, and the NFRC numbers of reports already
erased kept as tombstones (fraudcase.returns.services: ensure_months, keep_erased_nfrcs)."""

from django.db import migrations
from django.db.models.functions import TruncMonth
from django.utils import timezone

from fraudcase.returns import rules


def forwards(apps, schema_editor):
    Finalisation = apps.get_model("cases", "Finalisation")
    NFIBReturn = apps.get_model("returns", "NFIBReturn")
    NFRCNumber = apps.get_model("reports", "NFRCNumber")
    ErasedNFRC = apps.get_model("returns", "ErasedNFRC")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    months = {
        timezone.localtime(m).date()
        for m in Finalisation.objects.annotate(m=TruncMonth("finalised_at"))
        .order_by()
        .values_list("m", flat=True)
        .distinct()
    }
    NFIBReturn.objects.bulk_create(
        [NFIBReturn(month=m, due=rules.due(m)) for m in sorted(months)], ignore_conflicts=True
    )
    erased = AuditEvent.objects.filter(action="erasure", object_type="report")
    first = {}
    for ref, at in erased.order_by("at").values_list("object_ref", "at"):
        first.setdefault(ref, at)
    ErasedNFRC.objects.bulk_create(
        [
            ErasedNFRC(number=number, nfrc_id=pk, erased_at=first[ref])
            for pk, number, ref in NFRCNumber.objects.filter(
                report__local_reference__in=list(first)
            ).values_list("pk", "number", "report__local_reference")
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("returns", "0001_initial"),
        ("cases", "0005_finalisation_finalisation_at"),
        ("audit", "0004_auditevent_lane"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
