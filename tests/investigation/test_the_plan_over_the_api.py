"""The investigation plan through the API, with the pages' permissions (issue 15 item 10)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fraudcase.investigation.models import PlanAction

pytestmark = pytest.mark.django_db


def test_an_action_is_added_and_done_over_the_api(client, case, vft_investigator, assessor):
    url = f"/api/v1/reports/{case.local_reference}/plan"
    client.force_login(vft_investigator)
    assert client.get(url).json() == []
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    body = {
        "line": 4,
        "text": "Financial intelligence checks",
        "owner": "vft_investigator",
        "due": due,
    }
    added = client.post(f"{url}/actions", body, content_type="application/json")
    assert added.status_code == 201, added.content
    assert added.json()["state"] == "open"
    lines = client.get(url).json()
    assert [line["fim_item"] for line in lines] == ["a", "b", "c", "d", "e"]
    assert lines[3]["actions"][0]["text"] == "Financial intelligence checks"
    action_id = added.json()["id"]
    done = client.post(
        f"{url}/actions/{action_id}/result",
        {"result": "Nothing found"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["state"] == "done"
    again = client.post(
        f"{url}/actions/{action_id}/result", {"result": "x"}, content_type="application/json"
    )
    assert again.status_code == 409
    bad = client.post(
        f"{url}/actions", body | {"owner": "nobody", "line": 9}, content_type="application/json"
    )
    assert bad.status_code == 422 and set(bad.json()["problems"]) == {"owner", "line"}

    client.force_login(assessor)
    assert client.get(url).status_code == 200
    assert client.post(f"{url}/actions", body, content_type="application/json").status_code == 404
    assert PlanAction.objects.count() == 1
