"""Disclosure schedules (CPIA 1996, issue 15 item 6): MG6C and MG6D items numbered
consecutively and described individually, each with the disclosure officer's decision; a
withdrawn item keeps its number; material added to the case marks the schedules for review;
the MG6E; printable and exported."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone

from fraudcase.audit.models import AuditEvent
from fraudcase.casefile import services
from fraudcase.casefile.models import ScheduleItem
from fraudcase.casefile.rules import ItemState, numbering_problems
from fraudcase.core.errors import InvalidInput
from fraudcase.investigation import exhibits
from fraudcase.reports.models import EnquiryLogEntry

from .conftest import cf_url, statement

pytestmark = pytest.mark.django_db


def _item(file, text, kind="mg6c", **extra):
    data = {"decision": "CND"} if kind == "mg6c" else {"sensitivity": "Reveals a source"}
    data.update(extra)
    return services.add_item(
        file, kind, services.ItemInput(description=text, location="Case papers", **data)
    )


def _numbers(file, kind="mg6c"):
    return [
        (i.number, i.withdrawn_at is not None)
        for i in services.items(services.schedule(file, kind))
    ]


def test_numbering_stays_consecutive_as_items_are_added_and_withdrawn(file):
    for text in ("CCTV from the bank branch", "Officer's notebook", "Call log"):
        _item(file, text)
    services.withdraw_item(file, "mg6c", 2, "Duplicate of item 1")
    _item(file, "Bank statements, March", decision="D")
    assert _numbers(file) == [(1, False), (2, True), (3, False), (4, False)]
    listed = services.items(services.schedule(file, "mg6c"))
    assert numbering_problems([ItemState(i.number, bool(i.withdrawn_at)) for i in listed]) == []
    withdrawn = listed[1]
    assert (withdrawn.description, withdrawn.withdrawn_reason) == (
        "Officer's notebook",
        "Duplicate of item 1",
    )
    with pytest.raises(InvalidInput):
        services.withdraw_item(file, "mg6c", 2, "Again")
    # The other schedule numbers on its own.
    assert _item(file, "Informant contact log", kind="mg6d").number == 1
    texts = EnquiryLogEntry.objects.filter(report=file.report).values_list("text", flat=True)
    assert any("MG6C item 2 withdrawn: Duplicate of item 1" in t for t in texts)
    assert AuditEvent.objects.filter(summary="MG6C item 2 withdrawn").exists()


def test_an_item_without_a_decision_is_refused(file):
    with pytest.raises(InvalidInput) as refused:
        _item(file, "CCTV", decision="")
    assert "decision" in refused.value.problems
    assert not ScheduleItem.objects.exists()


def test_material_added_to_the_case_marks_the_schedule_for_review(file, client, vft_investigator):
    client.force_login(vft_investigator)
    url = cf_url(file.report, "disclosure/mg6c/")
    statement(file, title="Statement of the victim")
    page = client.get(url).content.decode()
    assert "Due a review" in page and "S1 Statement of the victim" in page
    assert client.post(url, {"step": "review"}).status_code == 302
    assert "Due a review" not in client.get(url).content.decode()
    exhibits.record_exhibit(
        file,
        exhibits.ExhibitInput(
            initials="VI",
            description="Laptop",
            seized_from="Suspect",
            seized_where="Home address",
            seized_at=timezone.now() - timedelta(hours=1),
            seal_number="",
            storage_location="Store",
        ),
    )
    page = client.get(url).content.decode()
    assert "Due a review" in page and "Exhibit VI/1 Laptop" in page
    assert "S1 Statement" not in page
    # The MG6D, never reviewed, shows both.
    assert "S1 Statement" in client.get(cf_url(file.report, "disclosure/mg6d/")).content.decode()


def test_items_are_scheduled_and_withdrawn_on_the_pages(client, case, vft_investigator):
    client.force_login(vft_investigator)
    url = cf_url(case, "disclosure/mg6c/")
    form = {"step": "item", "description": "CCTV from the branch", "location": "Store"}
    assert client.post(url, form).status_code == 200  # no decision: the page says so
    answer = client.post(url, {**form, "decision": "I"})
    assert answer.status_code == 302
    page = client.get(url).content.decode()
    assert "CCTV from the branch" in page and "I: inspect" in page
    item_url = cf_url(case, "disclosure/mg6c/items/1/")
    assert client.post(item_url, {"step": "withdraw", "withdraw-reason": ""}).status_code == 200
    answer = client.post(item_url, {"step": "withdraw", "withdraw-reason": "Not relevant"})
    assert answer.status_code == 302
    page = client.get(url).content.decode()
    assert "Withdrawn" in page and "Not relevant" in page
    printed = client.get(cf_url(case, "disclosure/mg6c/print/")).content.decode()
    assert "CCTV from the branch" in printed and "Withdrawn" in printed


def test_a_sensitive_item_carries_the_prosecutors_decision(client, case, vft_investigator):
    client.force_login(vft_investigator)
    url = cf_url(case, "disclosure/mg6d/")
    answer = client.post(
        url,
        {
            "step": "item",
            "description": "Intelligence log entry",
            "location": "Intelligence unit",
            "sensitivity": "Reveals a covert source",
        },
    )
    assert answer.status_code == 302
    answer = client.post(
        cf_url(case, "disclosure/mg6d/items/1/"),
        {"step": "prosecutor", "prosecutor-prosecutor_decision": "withhold"},
    )
    assert answer.status_code == 302
    item = ScheduleItem.objects.get()
    assert (item.sensitivity, item.prosecutor_decision, item.decision) == (
        "Reveals a covert source",
        "withhold",
        "",
    )


def test_the_disclosure_officer_certifies_the_mg6e(client, case, vft_investigator):
    client.force_login(vft_investigator)
    url = cf_url(case, "disclosure/mg6e/")
    assert client.post(url, {"step": "certify"}).status_code == 200  # not certified: refused
    answer = client.post(
        url, {"step": "certify", "certified": "on", "attention": "Item 3 may assist the defence"}
    )
    assert answer.status_code == 302
    page = client.get(url).content.decode()
    assert "Item 3 may assist the defence" in page and "(current)" in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_schedule_exports_every_item(file, client, vft_investigator, fmt):
    _item(file, '=HYPERLINK("x")')
    _item(file, "Second item")
    services.withdraw_item(file, "mg6c", 1, "Wrong case")
    client.force_login(vft_investigator)
    answer = client.get(cf_url(file.report, f"disclosure/mg6c/?export={fmt}"))
    assert answer.status_code == 200
    if fmt == "csv":
        text = answer.content.decode()
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
        text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert "'=HYPERLINK" in text and "Second item" in text and "Withdrawn" in text
    assert AuditEvent.objects.filter(action="disclosure", summary="Exported the MG6C").exists()


def test_an_unknown_schedule_is_not_found(client, case, vft_investigator):
    client.force_login(vft_investigator)
    assert client.get(cf_url(case, "disclosure/mg6x/")).status_code == 404
