"""The demo's SAR register (issue 14): the financial intelligence officer finds a month's SARs,
a consent request whose notice period is running and a refused one in its moratorium; the
investigator named on one SAR sees that one and no other; the elderly victim on a SAR is
referred to the vulnerability team without the SAR."""

import pytest
from django.core.management import call_command

from fraudcase.accounts.models import User
from fraudcase.finance import services as finance
from fraudcase.finance.rules import DamlState

pytestmark = pytest.mark.django_db


def test_the_demo_holds_a_month_of_sars_with_their_clocks():
    call_command("demo_data", victims=200, quiet=True)
    finint = User.objects.get(username="finint")
    register = finance.visible_sars(finint)
    assert register.count() == 5
    assert register.filter(daml_state=DamlState.AWAITING, daml_due__isnull=False).count() == 1
    refused = register.get(daml_state=DamlState.REFUSED)
    assert refused.moratorium_ends and refused.daml_due == refused.moratorium_ends

    investigator = User.objects.get(username="investigator")
    assert list(finance.visible_sars(investigator).values_list("subjects", flat=True)) == [
        "Lee Carver"
    ]
    assert not finance.visible_sars(User.objects.get(username="supervisor")).exists()

    referrals = finance.victim_referrals(User.objects.get(username="fvo"))
    assert [r.victim_name for r in referrals] == ["Edith Marsh"]

    call_command("demo_data", victims=200, quiet=True)  # run again: nothing twice
    assert finance.visible_sars(finint).count() == 5
