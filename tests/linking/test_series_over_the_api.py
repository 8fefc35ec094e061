"""The series over the API: the same need-to-know as the pages (issue 13, "Need to know")."""

import pytest

from fraudcase.accounts.enums import HandlingMarking
from fraudcase.linking.models import Series
from fraudcase.reports.models import Report
from tests.scale import assert_bounded

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(import_rows):
    import_rows(
        (1, {"suspect_phone": "07700 900123", "loss_gbp": "100", "suspect_name": "Dave"}),
        (2, {"suspect_phone": "+447700900123", "loss_gbp": "900"}),
        (3, {"suspect_phone": "(07700) 900 123", "loss_gbp": "200"}),
    )
    Report.objects.filter(victim__surname="Victim2").update(
        handling_marking=HandlingMarking.OFFICIAL_SENSITIVE
    )
    return Series.objects.get()


def test_the_api_counts_only_what_the_caller_may_see(client, assessor, supervisor, series):
    for user, reports, total in ((supervisor, 3, "1200.00"), (assessor, 2, "300.00")):
        client.force_login(user)
        listed = client.get("/api/v1/series").json()
        assert [(s["reference"], s["reports"]) for s in listed] == [(series.reference, reports)]
        one = client.get(f"/api/v1/series/{series.reference}").json()
        assert one["reports"] == reports and one["total_loss_gbp"] == total
        assert one["identifiers"] == [
            {"kind": "phone", "value": "+447700900123", "reports": reports}
        ]
        answer = client.get(f"/api/v1/series/{series.reference}/reports")
        assert answer["X-Total-Count"] == str(reports)
        assert len(answer.json()) == reports


def test_an_unknown_series_answers_404(client, supervisor):
    client.force_login(supervisor)
    assert client.get("/api/v1/series/S-000999").status_code == 404
    assert client.get("/api/v1/series/S-000999/reports").status_code == 404


def test_the_series_list_costs_the_same_at_any_size(client, supervisor, series, import_rows):
    client.force_login(supervisor)
    assert_bounded(
        client,
        "/api/v1/series",
        lambda: import_rows(*[(n, {"suspect_email": f"g{n % 5}@x.com"}) for n in range(10, 40)]),
    )
