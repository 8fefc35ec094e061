"""Issue 16: the SAR list, its API and the Deadlines page with the DAML clock take no more
queries with many SARs than with a few."""

from datetime import timedelta
from itertools import count

import pytest
from django.utils import timezone

from fraudcase.finance import rules
from fraudcase.finance.models import Sar, SarVictimReferral
from tests.finance.conftest import a_sar, give_reason
from tests.scale import assert_bounded

pytestmark = pytest.mark.django_db

batches = count()


@pytest.fixture
def grow(finint, named):
    def more():
        batch = next(batches)
        today = timezone.localdate()
        made = Sar.objects.bulk_create(
            Sar(
                ukfiu_reference=f"B{batch}-{n:05d}",
                disclosed_on=today - timedelta(days=n % 90),
                reporting_institution="Castle Bank plc",
                subjects="Marcus Hale",
                reason="r",
                daml=n % 2 == 0,
                daml_state=rules.DamlState.AWAITING if n % 2 == 0 else rules.DamlState.NONE,
                notice_ends=today - timedelta(days=n % 5) if n % 2 == 0 else None,
                daml_due=today - timedelta(days=n % 5) if n % 2 == 0 else None,
                recorded_by=finint,
                recorded_at=timezone.now(),
            )
            for n in range(300)
        )
        Sar.named_users.through.objects.bulk_create(
            Sar.named_users.through(sar_id=s.pk, user_id=named.pk) for s in made[::3]
        )

    return more


@pytest.mark.parametrize("who", ["finint", "named"])
def test_the_sar_pages_cost_the_same_at_any_size(client, request, finint, grow, who):
    user = request.getfixturevalue(who)
    a_sar(finint, "2026-0000001", daml=True, named_users="named")
    client.force_login(user)
    give_reason(client)
    assert_bounded(client, "/finance/sars/", grow)
    assert_bounded(client, "/finance/sars/?state=awaiting&sort=due", grow)
    assert_bounded(client, "/api/v1/sars", grow, HTTP_X_JUSTIFICATION="Operation Kestrel")
    assert_bounded(client, "/deadlines/", grow)


def test_the_victim_referrals_cost_the_same_at_any_size(client, fvo):
    def more():
        SarVictimReferral.objects.bulk_create(
            SarVictimReferral(
                victim_name=f"Victim {n}",
                status="VS4",
                reason="Aged 80",
                referred_on=timezone.localdate() - timedelta(days=n % 30),
            )
            for n in range(300)
        )

    more()
    client.force_login(fvo)
    assert_bounded(client, "/finance/victim-referrals/", more)
    assert_bounded(client, "/api/v1/sar-victim-referrals", more)
