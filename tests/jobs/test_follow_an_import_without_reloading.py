"""The import's progress page updates itself by asking for the job's status (no meta refresh),
announces progress politely, and offers a Refresh button that works without JavaScript. Only
the job's owner may ask: anyone else's job does not exist for them."""

import pytest

from fraudcase.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(assessor):
    return Job.objects.create(
        kind="nfib_package", user=assessor, filename="big.csv", stage="Checking rows", percent=40
    )


def test_the_job_status_answers_its_owner(running, assessor, client):
    client.force_login(assessor)
    answer = client.get(f"/jobs/{running.pk}/status.json")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/json"
    assert answer.json() == {
        "status": "running",
        "stage": "Checking rows",
        "percent": 40,
        "finished": False,
    }
    Job.objects.filter(pk=running.pk).update(status="done", percent=100, result={"rows": 1})
    assert client.get(f"/jobs/{running.pk}/status.json").json()["finished"] is True


def test_the_job_status_is_not_found_for_anyone_else(running, supervisor, client):
    client.force_login(supervisor)
    assert client.get(f"/jobs/{running.pk}/status.json").status_code == 404
    assert client.get(f"/jobs/{running.pk}/").status_code == 404


def test_the_progress_page_has_no_meta_refresh_and_has_a_live_region(running, assessor, client):
    client.force_login(assessor)
    html = client.get(f"/jobs/{running.pk}/").content.decode()
    assert "http-equiv" not in html
    assert 'role="status" aria-live="polite"' in html
    assert f'data-job-status="/jobs/{running.pk}/status.json"' in html
    assert '<progress class="fc-progress" id="job-progress" max="100" value="40"' in html
    assert f'href="/jobs/{running.pk}/">Refresh</a>' in html  # without JavaScript
