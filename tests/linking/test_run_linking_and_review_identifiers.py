"""Starting a linking run (supervisors, analysts, administrators) and an administrator's
review of over-connected identifiers."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from fraudcase.jobs.models import Job, JobKind, JobStatus
from fraudcase.linking.models import OverConnected, Review, StopListEntry

from .conftest import series_of

pytestmark = pytest.mark.django_db


def test_a_supervisor_links_every_report_as_a_job_with_its_page(client, supervisor, import_rows):
    import_rows((1, {"suspect_phone": "07700900123"}), (2, {"suspect_phone": "07700900123"}))
    client.force_login(supervisor)
    answer = client.post(reverse("linking-run"))
    job = Job.objects.get(kind=JobKind.LINKING)
    assert answer.url == reverse("job-detail", kwargs={"job_id": job.pk})
    assert job.status == JobStatus.DONE
    page = client.get(answer.url).content.decode()
    assert "Reports linked" in page and "2 reports in 1 series" in page
    assert reverse("series-list") in page


def test_an_assessor_may_not_start_a_run(client, assessor):
    client.force_login(assessor)
    assert client.post(reverse("linking-run")).status_code == 403
    assert not Job.objects.exists()


def test_the_command_links_every_report(import_rows, capsys):
    import_rows((1, {"suspect_email": "a@b.com"}), (2, {"suspect_email": "A@B.com"}))
    call_command("link", "--json")
    assert '"reports_in_series": 2' in capsys.readouterr().out
    assert series_of() == [["Victim1", "Victim2"]]


@override_settings(FRAUDCASE_LINKING_CAP=2)
@pytest.mark.parametrize(("decision", "joined"), [("stop", False), ("allow", True)])
def test_an_administrator_stop_lists_or_allows_an_over_connected_identifier(
    client, administrator, import_rows, decision, joined
):
    import_rows(*[(n, {"suspect_phone": "07700900123"}) for n in range(1, 4)])
    over = OverConnected.objects.get()
    client.force_login(administrator)
    page = client.get(reverse("over-connected")).content.decode()
    assert "+447700900123" in page and "more than 2 reports" in page
    answer = client.post(
        reverse("over-connected-decide", kwargs={"over_id": over.pk}), {"decision": decision}
    )
    assert answer.status_code == 302
    assert StopListEntry.objects.filter(value="+447700900123").exists() is (decision == "stop")
    assert OverConnected.objects.filter(review=Review.ALLOWED).exists() is joined
    call_command("link", "--json")
    assert bool(series_of()) is joined


def test_only_administrators_review_identifiers(client, supervisor):
    client.force_login(supervisor)
    assert client.get(reverse("over-connected")).status_code == 404
    answer = client.post(
        reverse("over-connected-decide", kwargs={"over_id": 1}), {"decision": "stop"}
    )
    assert answer.status_code == 404
