"""The dashboard, a figure's list and a dip sample cost the same number of queries with a few
reports and with many (tests/scale.py): every measure is a fixed number of GROUP BY queries."""

from django.utils import timezone

from fraudcase.performance import services
from tests import walk
from tests.scale import assert_bounded, more_reports


def test_the_dashboard_and_its_lists_cost_the_same(
    client, unit, month, manager, assessor, supervisor, vft_investigator, vft
):
    client.force_login(manager)

    def grow():
        more_reports(30, seed=31, user=assessor)
        walk.allocate(assessor, supervisor, vft_investigator, vft, 3)

    m = f"{month[0]:04d}-{month[1]:02d}"
    assert_bounded(client, f"/performance/?month={m}", grow)
    assert_bounded(
        client,
        f"/performance/reports/?month={m}&measure=outcome_rate&figure=month|outcome=all",
        lambda: more_reports(20, seed=32, user=assessor),
    )
    sample = services.draw_dip_sample(manager, timezone.localdate(), 5, seed=1)
    client.post(
        f"/reports/justify-list/?next=/performance/dip-samples/{sample.pk}/",
        {"justification": "Review"},
    )
    assert_bounded(
        client,
        f"/performance/dip-samples/{sample.pk}/",
        lambda: more_reports(10, seed=33, user=assessor),
    )
