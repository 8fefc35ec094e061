"""An entry exists only for those who may see it: the registers' roles on reports they may
see, an officer the entries given to them. Anyone else gets 404 by id and nothing in lists,
exports, deadlines or the API. An assessment of a SAR exists only for those who may see the
SAR, and never shows on a report page."""

import io
import json

import polars as pl
import pytest
from django.utils import timezone

from fraudcase.accounts.models import HandlingMarking, Role
from fraudcase.cases import clocks
from fraudcase.recovery import rules, services
from tests.conftest import _person
from tests.finance.conftest import a_sar

from .conftest import accredit, cash_seizure


@pytest.fixture
def entries(finint, fi, reports):
    accredit(finint, fi, "cash_seizure")
    mine = cash_seizure(finint, reports[0], fi, seized_on=timezone.localdate())
    sensitive = cash_seizure(finint, reports[1], fi, seized_on=timezone.localdate())
    return mine, sensitive


@pytest.fixture
def junior_finint(ecu):
    """A financial intelligence officer cleared to OFFICIAL only."""
    return _person("junior", Role.FINANCIAL_INTELLIGENCE, HandlingMarking.OFFICIAL, ecu)


def _every_place(entry):
    return [
        f"/recovery/registers/cash/{entry.pk}/",
        f"/recovery/registers/cash/{entry.pk}/edit/",
        f"/api/v1/recovery/entries/{entry.pk}",
        f"/api/v1/recovery/entries/{entry.pk}/steps",
    ]


def test_roles_without_access_get_404_by_id_and_nothing_in_lists(
    client, entries, assessor, supervisor, ecu_investigator
):
    for user in (assessor, supervisor, ecu_investigator):
        client.force_login(user)
        for place in _every_place(entries[0]):
            assert client.get(place).status_code == 404, (user.username, place)
        assert client.get("/recovery/registers/cash/").status_code == 404
        assert client.get("/recovery/registers/cash/?export=csv").status_code == 404
        assert client.get("/api/v1/recovery/registers/cash").status_code == 404
        assert client.get("/recovery/").status_code == 404
        today = timezone.localdate()
        assert not [i for i in clocks.due_items(user, today, clocks.TEAM) if "cash" in i.href]


def test_a_report_the_user_may_not_see_hides_its_entries(client, entries, junior_finint):
    client.force_login(junior_finint)
    mine, sensitive = entries
    for place in _every_place(sensitive):
        assert client.get(place).status_code == 404, place
    assert client.get(_every_place(mine)[0]).status_code == 200
    listed = client.get("/recovery/registers/cash/").content.decode()
    assert f"Entry {mine.pk}<" in listed and f"Entry {sensitive.pk}<" not in listed
    frame = pl.read_csv(io.BytesIO(client.get("/recovery/registers/cash/?export=csv").content))
    assert frame["id"].to_list() == [mine.pk]
    api = json.loads(client.get("/api/v1/recovery/registers/cash").content)
    assert [e["id"] for e in api] == [mine.pk]


def test_the_officer_given_an_entry_sees_it_and_no_other(client, entries, finint, fi, reports):
    other = services.save_entry(
        finint, "scpo", {"report": reports[0], "subject": "Someone", "status": "applied"}
    )
    client.force_login(fi)
    assert client.get(_every_place(entries[0])[0]).status_code == 200
    assert client.get(f"/recovery/registers/scpo/{other.pk}/").status_code == 404


def test_the_register_keepers_see_every_entry(client, entries, finint, manager):
    for user in (finint, manager):
        client.force_login(user)
        for entry in entries:
            assert client.get(_every_place(entry)[0]).status_code == 200


def test_an_assessment_of_a_sar_is_seen_only_by_those_who_may_see_the_sar(
    client, finint, manager, fi, reports
):
    accredit(finint, fi, "fi")
    sar = a_sar(finint)
    made = services.record_assessment(
        finint,
        sar,
        factors={f: {"yes": f == "intelligence", "comment": ""} for f in rules.Factor.values},
        recommendation="money_laundering",
        rationale="",
        non_acceptance="",
        allocated_to=fi,
    )
    client.force_login(finint)
    assert client.get(f"/recovery/assessments/{made.pk}/").status_code == 200
    assert sar.ukfiu_reference in client.get("/recovery/assessments/").content.decode()
    # The ECU manager keeps the registers but is not named on the SAR: it does not exist.
    for user in (manager, fi):
        client.force_login(user)
        assert client.get(f"/recovery/assessments/{made.pk}/").status_code == 404
        listed = client.get("/recovery/assessments/")
        assert listed.status_code == 404 or sar.ukfiu_reference not in listed.content.decode()
        assert client.get(f"/api/v1/recovery/assessments/{made.pk}").status_code == 404
        assert (
            client.get(f"/recovery/assessments/new/?sar={sar.ukfiu_reference}").status_code == 404
        )
