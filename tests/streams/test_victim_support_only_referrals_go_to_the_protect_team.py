"""§5.4: "A Victim Support only referral will be reviewed and referred to the Fraud
Vulnerability team": it is never assessed, never on the assessment queue or the allocation
board, and is the Protect team's work with its own first-contact clock."""

import pytest
from django.utils import timezone

from fraudcase.cases import clocks
from fraudcase.cases import services as case_services
from fraudcase.core import dates
from fraudcase.core.errors import InvalidInput
from fraudcase.intake import services as intake_services
from fraudcase.reports.enums import ReportStatus, Route, Source
from fraudcase.reports.models import Report
from fraudcase.streams import cyber
from fraudcase.triage import services as triage_services

from .conftest import bring_in, victim_row

pytestmark = pytest.mark.django_db


def _support_only(write_package, n=1, **extra):
    row = victim_row(n, referral_type="Victim support only", referred_by="Report Fraud", **extra)
    return bring_in(write_package, [row, victim_row(n + 1)])


def test_a_victim_support_only_row_is_recorded_for_the_protect_team(write_package):
    support, ordinary = _support_only(write_package)
    assert support.source == Source.VICTIM_SUPPORT_ONLY
    assert (
        support.get_source_display() == "Victim support only (Report Fraud, formerly Action Fraud)"
    )
    assert support.route == Route.VICTIM_SUPPORT
    received = timezone.localdate(support.received_at)
    assert support.route_due == dates.add_working_days(received, 1)
    # The Protect team's first contact is the victim's first update: no assessor clock for it.
    assert support.first_update_due is None
    assert ordinary.source == Source.NFIB_DISSEMINATION and ordinary.route == ""
    assert ordinary.first_update_due is not None


def test_it_is_never_on_the_assessment_queue_or_the_allocation_board(
    write_package, assessor, supervisor
):
    support, ordinary = _support_only(write_package)
    today = timezone.localdate()
    queue = triage_services.assessor_queue(assessor, today=today)
    assert ordinary in queue and support not in queue
    by_source = triage_services.assessor_queue(
        assessor, today=today, source=Source.VICTIM_SUPPORT_ONLY
    )
    assert not by_source.exists()
    # Even moved on by hand, the board never offers it for allocation.
    Report.objects.filter(pk=support.pk).update(status=ReportStatus.AWAITING_ALLOCATION)
    assert support not in case_services.awaiting_allocation(supervisor)


def test_an_assessment_of_it_is_refused(write_package, assessor, client):
    support, _ = _support_only(write_package)
    client.force_login(assessor)
    assert client.get(f"/reports/{support.local_reference}/assess/").status_code == 404
    page = client.get(f"/reports/{support.local_reference}/").content.decode()
    assert "Assess this report" not in page
    with pytest.raises(InvalidInput) as refused:
        triage_services.record_assessment(
            assessor, support, {"recommendation": "allocate", "rationale": "x"}
        )
    assert "Protect team" in str(refused.value.problems)


def test_it_is_on_the_protect_teams_list_and_its_deadlines(write_package, fvo, client):
    support, ordinary = _support_only(write_package)
    client.force_login(fvo)
    page = client.get("/streams/victim-support/").content.decode()
    assert support.local_reference in page and ordinary.local_reference not in page
    due = support.route_due
    items = clocks.due_items(fvo, due, clocks.MINE)
    assert [i.reference for i in items if "Victim support only" in i.what] == [
        support.local_reference
    ]


def test_recorded_by_hand_from_either_name(fvo, assessor):
    for name in ("Action Fraud", "report fraud"):
        referral = intake_services.record_referral(
            assessor,
            intake_services.ReferralInput(
                referrer_type="other",
                referrer_name=name,
                received_on=timezone.localdate(),
                victim_type="individual",
                forename="Rita",
                surname="Moss",
                business_name="",
                postcode="LE1 1AA",
                summary="Lost savings to a romance fraud; needs support",
                storage_decision="",
                victim_support_only=True,
            ),
            [],
        )
        assert referral.referrer_type == "report_fraud"
        assert referral.report.source == Source.VICTIM_SUPPORT_ONLY
        assert referral.report.route == Route.VICTIM_SUPPORT
        assert referral.report.route_due is not None
    assert cyber.routed_reports(fvo, "victim-support").count() == 2


def test_support_only_from_another_referrer_is_refused(assessor):
    with pytest.raises(InvalidInput) as refused:
        intake_services.record_referral(
            assessor,
            intake_services.ReferralInput(
                referrer_type="business",
                referrer_name="Castle Bank",
                received_on=timezone.localdate(),
                victim_type="individual",
                forename="Rita",
                surname="Moss",
                business_name="",
                postcode="",
                summary="x",
                storage_decision="",
                victim_support_only=True,
            ),
            [],
        )
    assert "victim_support_only" in refused.value.problems
