"""Triage pages: request -> service -> template."""

import polars as pl
from django.shortcuts import render
from django.utils import timezone

from fraudcase import exports
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.intake.models import Source

from . import rules, services

PAGE = 100


def queue(request):
    today = timezone.localdate()
    filters = {k: request.GET.get(k, "") for k in ("source", "fraud_type", "deadline")}
    reports = services.assessor_queue(request.user, today=today, **filters)
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        rows = services.with_deadlines(reports[:100000], today)
        frame = pl.DataFrame(
            [(r["report"].local_reference, r["report"].get_source_display(),
              r["report"].received_at.isoformat(), r["report"].victim.display_name,
              r["report"].fraud_type, r["update_due"].isoformat(), r["state"].value)
             for r in rows],
            schema=["local_reference", "source", "received_at", "victim", "fraud_type",
                    "update_due", "deadline_state"], orient="row",
        )  # fmt: skip
        audit.record(
            request.user,
            AuditAction.DISCLOSURE,
            "list",
            "assessor-queue",
            f"Exported the assessor queue ({frame.height} reports)",
        )
        return exports.download(frame, "assessor-queue", fmt)
    count = reports.count()
    audit.record(
        request.user,
        AuditAction.CONSULTATION,
        "list",
        "assessor-queue",
        f"Viewed the assessor queue ({count} reports)",
    )
    return render(request, "triage/queue.html", {
        "rows": services.with_deadlines(reports[:PAGE], today), "count": count, "page": PAGE,
        "filters": filters, "sources": Source.choices,
        "deadlines": [(rules.DeadlineState.OVERDUE, "Overdue"),
                      (rules.DeadlineState.DUE_TODAY, "Due today"),
                      (rules.DeadlineState.DUE_LATER, "Due later")],
        "query": request.GET.urlencode(),
    })  # fmt: skip
