"""Rewrite anchored groups in bulk: series of reports and persons of victims are both groups
named by their anchor (the lowest member id), kept by the same set-based write."""

from dataclasses import dataclass

import polars as pl
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from fraudcase.core import bulk


@dataclass(frozen=True)
class Grouping:
    """A group model with its member model: `member_key` names the member's column (report_id,
    victim_id), `group_key` the member's group column (series_id, person_id), and `columns` the
    member fields written, read from the frame columns of the same names with `_id` for a key."""

    group: type[models.Model]
    member: type[models.Model]
    member_key: str
    group_key: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Written:
    members: pl.DataFrame  # the frame given, with the group id of each member
    written: int  # groups with members now
    removed: int  # groups left empty, deleted


def rewrite(grouping: Grouping, found: pl.DataFrame, scope: list[int] | None) -> Written:
    """Replace the memberships of the members in `scope` (None: every member) with `found`
    (member key, anchor, and any other column written): a group keeps its id while its anchor
    stays; groups touched get their size again, and those left empty are deleted."""
    group, member = grouping.group, grouping.member
    now = timezone.now()
    within = f"{grouping.member_key}__in"
    if scope is None:
        touched = set(group.objects.values_list("id", flat=True))  # type: ignore[attr-defined]
        member.objects.all().delete()  # type: ignore[attr-defined]
    else:
        touched = set()
        for chunk in bulk.chunked(scope):
            held = member.objects.filter(**{within: chunk})  # type: ignore[attr-defined]
            touched.update(held.values_list(grouping.group_key, flat=True))
            held.delete()
    anchors = found["anchor"].unique().sort().to_list()
    ids: dict[int, int] = {}
    for chunk in bulk.chunked(anchors):
        ids.update(group.objects.filter(anchor__in=chunk).values_list("anchor", "id"))  # type: ignore[attr-defined]
    missing = [anchor for anchor in anchors if anchor not in ids]
    stamps = [f.name for f in group._meta.fields if f.name in ("created_at", "updated_at")]
    bulk.insert_rows(
        group,
        ["anchor", "size", *stamps],
        ((anchor, 0, *[now] * len(stamps)) for anchor in missing),
    )
    for chunk in bulk.chunked(missing):
        ids.update(group.objects.filter(anchor__in=chunk).values_list("anchor", "id"))  # type: ignore[attr-defined]
    members = found.with_columns(
        pl.col("anchor").replace_strict(ids, return_dtype=pl.Int64).alias(grouping.group_key)
    )
    frame_columns = [f"{c}_id" if f"{c}_id" in members.columns else c for c in grouping.columns]
    bulk.insert_rows(member, list(grouping.columns), members.select(frame_columns).iter_rows())
    written = set(ids.values())
    touched |= written
    size = (
        member.objects.filter(**{grouping.group_key: OuterRef("pk")})  # type: ignore[attr-defined]
        .order_by()
        .values(grouping.group_key)
        .annotate(n=Count("*"))
        .values("n")
    )
    for chunk in bulk.chunked(sorted(touched)):
        group.objects.filter(id__in=chunk).update(  # type: ignore[attr-defined]
            size=Coalesce(Subquery(size), 0), updated_at=now
        )
    removed = 0
    for chunk in bulk.chunked(sorted(touched)):
        removed += group.objects.filter(id__in=chunk, size=0).delete()[0]  # type: ignore[attr-defined]
    return Written(members, len(written), removed)
