"""Reads and writes for the vulnerability workbench. Every read goes through these getters."""

from pathlib import Path

import polars as pl
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404

from fraudcase import bulk
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction

from . import rules
from .models import VictimList, VictimListEntry
from .scanning import scan_to_frame

ENTRY_COLUMNS = [
    "row", "nfrc", "report_date", "victim_type", "forename", "surname", "business_name", "dob",
    "postcode", "loss_gbp", "referred", "fraud_type", "contact_method", "segment", "narrative",
    "status", "under_18", "dob_missing", "keywords", "response", "reasons", "repeat_reports",
]  # fmt: skip

# The workbench's segments (issue "Protect": VS4 to VS1, businesses, referred, under-18s,
# money-mule indicators for diversion under Op Kingpin).
SEGMENTS = {
    "VS4": ("VS4", {"status": "VS4"}),
    "VS3": ("VS3", {"status": "VS3"}),
    "VS2": ("VS2", {"status": "VS2"}),
    "VS1": ("VS1", {"status": "VS1"}),
    "business": ("Businesses", {"status": "BUSINESS"}),
    "referred": ("Referred", {"status": "REFERRED"}),
    "under-18": ("Under 18", {"under_18": True}),
    "mule": ("Money mule indicators", {"keywords__contains": "Mule"}),
    "none": ("No vulnerability", {"status": "NONE"}),
}


def _check(user) -> None:
    if not (user.is_authenticated and user.is_active and rules.may_work_vulnerability(user.role)):
        raise Http404("No such page")


def visible_lists(user) -> QuerySet[VictimList]:
    _check(user)
    return VictimList.objects.all()


def visible_entries(user) -> QuerySet[VictimListEntry]:
    _check(user)
    return VictimListEntry.objects.all()


def get_list(user, list_id: int) -> VictimList:
    victim_list = visible_lists(user).filter(pk=list_id).first()
    if victim_list is None:
        raise Http404("No such list")
    return victim_list


def get_entry(user, entry_id: int) -> VictimListEntry:
    entry = visible_entries(user).select_related("victim_list").filter(pk=entry_id).first()
    if entry is None:
        raise Http404("No such victim")
    audit.record(
        user,
        AuditAction.CONSULTATION,
        "victim_list_entry",
        entry.nfrc,
        f"Viewed victim-list entry {entry.nfrc}",
    )
    return entry


def segment_entries(user, victim_list: VictimList, segment: str) -> QuerySet[VictimListEntry]:
    if segment not in SEGMENTS:
        raise Http404("No such segment")
    return visible_entries(user).filter(victim_list=victim_list, **SEGMENTS[segment][1])


def segment_counts(user, victim_list: VictimList) -> dict[str, int]:
    entries = visible_entries(user).filter(victim_list=victim_list)
    by_status = dict(entries.values_list("status").annotate(n=Count("id")))
    counts = {
        key: by_status.get(filt["status"], 0)
        for key, (_, filt) in SEGMENTS.items()
        if "status" in filt
    }
    counts["under-18"] = entries.filter(under_18=True).count()
    counts["mule"] = entries.filter(keywords__contains="Mule").count()
    return counts


def import_victim_list(
    path: Path, *, user, profile_name: str = "default", original_name: str = ""
) -> tuple[VictimList, int]:
    """Scan and keep a list; returns the list and how many victims were added.

    Rows whose NFRC is already on a list are not added again; a list with nothing new creates
    no list and returns the earlier list that holds its first row.
    """
    _check(user)
    result, frame = scan_to_frame(
        path, user=user, profile_name=profile_name, original_name=original_name
    )
    with transaction.atomic():
        held = set()
        for chunk in bulk.chunked(frame["nfrc"].to_list()):
            held.update(
                VictimListEntry.objects.filter(nfrc__in=chunk).values_list("nfrc", flat=True)
            )
        new = frame.filter(~pl.col("nfrc").is_in(list(held))).unique(
            "nfrc", keep="first", maintain_order=True
        )
        if new.height == 0:
            return VictimListEntry.objects.get(nfrc=frame["nfrc"][0]).victim_list, 0
        victim_list = VictimList.objects.create(
            filename=(original_name or path.name)[:255],
            uploaded_by=user,
            rows=frame.height,
            added=new.height,
            held_reports_checked=result.held_reports_checked,
            first_report_date=frame["report_day"].min(),
            last_report_date=frame["report_day"].max(),
        )
        stored = new.select(
            pl.lit(victim_list.pk).alias("victim_list"),
            "row",
            "nfrc",
            pl.col("report_day").alias("report_date"),
            "victim_type",
            "forename",
            "surname",
            "business_name",
            pl.col("dob_day").alias("dob"),
            "postcode",
            pl.col("loss").alias("loss_gbp"),
            "referred",
            "fraud_type",
            "contact_method",
            "segment",
            "narrative",
            "status",
            "under_18",
            "dob_missing",
            "keywords",
            "response",
            "reasons",
            "repeat_reports",
        )
        bulk.insert_rows(VictimListEntry, stored.columns, stored.iter_rows())
        entries = [
            audit.Entry(
                AuditAction.COLLECTION,
                "victim_list",
                str(victim_list.pk),
                f"Victim list {victim_list.filename}: {new.height} victims added "
                f"of {frame.height} rows",
            )
        ]
        if result.held_reports_checked:
            entries.append(
                audit.Entry(
                    AuditAction.COMBINATION,
                    "victim_list",
                    str(victim_list.pk),
                    "Compared with reports held for repeat victims",
                )
            )
        audit.record_many(user, entries)
    return victim_list, new.height


def entries_frame(entries: QuerySet[VictimListEntry]) -> pl.DataFrame:
    columns = [
        "nfrc",
        "report_date",
        "victim_type",
        "forename",
        "surname",
        "business_name",
        "dob",
        "postcode",
        "loss_gbp",
        "status",
        "under_18",
        "dob_missing",
        "keywords",
        "response",
        "reasons",
        "repeat_reports",
    ]
    rows = list(entries.values_list(*columns))
    frame = pl.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None)
    return frame.with_columns(pl.col(c).cast(pl.String) for c in ("report_date", "dob", "loss_gbp"))
