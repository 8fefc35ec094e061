"""The vulnerability workbench pages: request -> service -> template."""

import re
import tempfile
from pathlib import Path

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe

from fraudcase import exports
from fraudcase.audit import services as audit
from fraudcase.audit.models import AuditAction
from fraudcase.tables import FileRejected

from . import services
from .forms import VictimListUploadForm
from .rules import SEARCH_TERMS


def workbench(request):
    lists = services.visible_lists(request.user)[:24]
    form = VictimListUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "lists": lists}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with tempfile.NamedTemporaryFile(suffix=Path(upload.name).suffix.lower()) as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
            handle.flush()
            try:
                victim_list, added = services.import_victim_list(
                    Path(handle.name),
                    user=request.user,
                    original_name=upload.name,
                    profile_name=form.cleaned_data["profile"] or "default",
                )
            except FileRejected as rejected:
                context["rejected"] = rejected
                return render(request, "victims/workbench.html", context, status=422)
        if added:
            messages.success(request, f"{added} victims added from {upload.name}.")
        else:
            messages.info(
                request, f"Nothing new: every victim in {upload.name} was already on a list."
            )
        return redirect("victim-list", list_id=victim_list.pk)
    return render(request, "victims/workbench.html", context)


def victim_list(request, list_id):
    victim_list = services.get_list(request.user, list_id)
    segment = request.GET.get("segment", "VS4")
    entries = services.segment_entries(request.user, victim_list, segment)
    fmt = request.GET.get("export")
    if fmt in exports.CONTENT_TYPES:
        frame = services.entries_frame(entries)
        audit.record(
            request.user,
            AuditAction.DISCLOSURE,
            "victim_list",
            str(victim_list.pk),
            f"Exported {frame.height} victims ({segment})",
        )
        return exports.download(frame, f"victims-{victim_list.pk}-{segment}", fmt)
    counts = services.segment_counts(request.user, victim_list)
    audit.record(
        request.user,
        AuditAction.CONSULTATION,
        "victim_list",
        str(victim_list.pk),
        f"Viewed segment {segment}",
    )
    most = max(counts.values()) or 1
    return render(
        request,
        "victims/list.html",
        {
            "victim_list": victim_list,
            "entries": entries[:500],
            "segment": segment,
            "segment_label": services.SEGMENTS[segment][0],
            "tabs": [
                (key, label, counts.get(key, 0)) for key, (label, _) in services.SEGMENTS.items()
            ],
            "chart": [
                (label, counts.get(key, 0), round(100 * counts.get(key, 0) / most))
                for key, (label, _) in services.SEGMENTS.items()
            ],
        },
    )


def _highlight(narrative: str, keywords: list[str]) -> str:
    """The narrative with each matched search term marked, case-insensitively."""
    text = escape(narrative)
    terms = [t for t in SEARCH_TERMS if t in keywords]
    if not terms:
        return text
    pattern = re.compile("|".join(re.escape(escape(t)) for t in terms), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", text))  # noqa: S308


def entry_detail(request, entry_id):
    entry = services.get_entry(request.user, entry_id)
    return render(
        request,
        "victims/entry.html",
        {
            "entry": entry,
            "narrative": _highlight(entry.narrative, entry.keyword_list),
        },
    )
