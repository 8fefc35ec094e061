"""Issue 15 items 1 and 7: the file for the CPS names suspects from the report's suspects,
whatever their source: one an officer recorded by hand is offered for an interview, a
charging decision and a hearing like one from the NFIB package; a suspect the file names
stays on the report (removing it is refused, with the reason why)."""

import pytest
from django.utils import timezone

from fraudcase.casefile import services as casefile
from fraudcase.core.errors import InvalidInput
from fraudcase.investigation import nominals

pytestmark = pytest.mark.django_db


@pytest.fixture
def by_hand(case, vft_investigator):
    return nominals.record(
        vft_investigator,
        case,
        nominals.Entry(
            kind="person",
            role="suspect",
            name="Carl Courier",
            identifiers=[("phone", "07700 900555")],
        ),
        reason="Identified from the bank's CCTV",
    )


def test_a_suspect_recorded_by_hand_is_offered_on_the_charging_page(
    client, case, vft_investigator, by_hand
):
    client.force_login(vft_investigator)
    page = client.get(f"/reports/{case.local_reference}/case-file/charging/")
    choices = dict(page.context["forms"]["interview"].fields["suspect"].choices)
    assert choices[by_hand.suspect_id] == "Carl Courier (recorded by an officer)"


def test_a_charging_decision_is_requested_for_a_suspect_recorded_by_hand(
    case, vft_investigator, by_hand
):
    file = casefile.open_file(vft_investigator, case.local_reference)
    request = casefile.request_charging(
        file,
        suspect=by_hand.suspect_id,
        decision_maker="cps",
        requested_on=timezone.localdate(),
    )
    assert casefile.who(request) == "Carl Courier"


def test_a_suspect_the_file_names_cannot_be_removed(case, vft_investigator, by_hand):
    file = casefile.open_file(vft_investigator, case.local_reference)
    casefile.request_charging(
        file, suspect=by_hand.suspect_id, decision_maker="cps", requested_on=timezone.localdate()
    )
    with pytest.raises(InvalidInput) as refused:
        nominals.remove(vft_investigator, case, by_hand.pk, reason="Wrong man")
    assert "file for the CPS" in refused.value.problems["reason"]
    assert case.suspects.filter(pk=by_hand.suspect_id).exists()
