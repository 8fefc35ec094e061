"""The assessor's queue: recorded reports oldest first with their deadlines, filterable."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from fraudcase.intake.importing import LONDON, import_nfib_package
from fraudcase.reports.models import Report
from fraudcase.triage import services
from tests.conftest import victim_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(assessor, write_package):
    # Each package imported on the morning it was disseminated (its clocks start then).
    for row in (
        victim_row(1, disseminated_on="2026-12-24", fraud_type="NFIB1H"),
        victim_row(2, disseminated_on="2026-12-30", package_ref="P2"),
        victim_row(3, disseminated_on="2026-12-18", package_ref="P3"),
    ):
        day = date.fromisoformat(row["disseminated_on"])
        morning = datetime(day.year, day.month, day.day, 10, tzinfo=LONDON)
        import_nfib_package(write_package([row]), user=assessor, uploaded_at=morning)


def test_the_queue_is_oldest_first_with_the_update_deadline(reports, assessor):
    today = date(2027, 1, 5)
    rows = services.with_deadlines(services.assessor_queue(assessor, today=today), today)
    assert [r["report"].victim.surname for r in rows] == ["Victim3", "Victim1", "Victim2"]
    assert [r["update_due"] for r in rows] == [
        date(2026, 12, 29),
        date(2027, 1, 5),
        date(2027, 1, 7),
    ]
    assert [r["state"] for r in rows] == ["overdue", "due_today", "due_later"]


@pytest.mark.parametrize(
    ("deadline", "surnames"),
    [
        ("overdue", ["Victim3"]),
        ("due_today", ["Victim1"]),
        ("due_later", ["Victim2"]),
    ],
)
def test_the_queue_filters_on_deadline_state(reports, assessor, deadline, surnames):
    found = services.assessor_queue(assessor, today=date(2027, 1, 5), deadline=deadline)
    assert [r.victim.surname for r in found] == surnames


def test_the_queue_filters_on_source_and_fraud_type(reports, assessor):
    today = timezone.localdate()
    assert services.assessor_queue(assessor, today=today, fraud_type="nfib1h").count() == 1
    assert services.assessor_queue(assessor, today=today, source="referral").count() == 0


def test_the_page_and_its_export(reports, assessor, client):
    client.force_login(assessor)
    page = client.get("/triage/queue/").content.decode()
    assert "Showing 1 to 3 of 3" in page and "Victim3" in page
    # Sorted by the victim column, newest first, on request; oldest received first otherwise.
    by_victim = client.get("/triage/queue/?sort=victim&order=desc").content.decode()
    assert by_victim.index("Victim3") < by_victim.index("Victim1")
    assert 'aria-sort="descending"' in by_victim
    export = client.get("/triage/queue/?deadline=&export=csv").content.decode()
    assert export.splitlines()[0].startswith("local_reference,source,received_at")


def test_restricted_reports_are_not_in_the_queue_and_other_roles_get_404(
    reports, assessor, fvo, client
):
    Report.objects.filter(victim__surname="Victim1").update(handling_marking="OFFICIAL-SENSITIVE")
    assert services.assessor_queue(assessor, today=date(2027, 1, 5)).count() == 2
    client.force_login(fvo)
    assert client.get("/triage/queue/").status_code == 404


def test_the_queue_shows_each_stage_and_filters_by_tier_and_vulnerability(
    assessor, supervisor, example_package, client
):
    from tests.triage.test_assess_a_report import assess_on_the_pages, form

    import_nfib_package(example_package, user=assessor)
    albert = Report.objects.get(nfrc_numbers__number="NFRC261010000004")  # aged 89
    today = date(2026, 11, 23)
    vulnerable = services.assessor_queue(assessor, today=today, vulnerability="vulnerable")
    # Margaret Osei (78) and Albert Finch (89); not Dev Mistry (46) nor the bakery.
    assert sorted(vulnerable.values_list("victim__surname", flat=True)) == ["Finch", "Osei"]
    client.force_login(assessor)
    assess_on_the_pages(client, albert, form())
    waiting = services.assessor_queue(supervisor, today=today, stage="to_decide")
    assert list(waiting) == [albert]
    deciding = {"today": today, "stage": "to_decide"}
    assert services.assessor_queue(supervisor, **deciding, tier="4").count() == 1
    assert services.assessor_queue(supervisor, **deciding, tier="1").count() == 0
    client.force_login(supervisor)
    page = client.get("/triage/queue/?stage=to_decide").content.decode()
    assert albert.local_reference in page and "awaiting the supervisor" in page


def test_the_queue_filters_on_a_fraud_type_chosen_from_the_nfib_codes(reports, assessor, client):
    client.force_login(assessor)
    page = client.get(
        "/triage/queue/", {"fraud_type": "NFIB1H", "stage": "to_assess"}
    ).content.decode()
    select = page.split('<select class="govuk-select" id="fraud_type"', 1)[1].split("</select>")[0]
    assert '<option value="">All fraud types</option>' in select
    assert '<option value="NFIB1H" selected>' in select
