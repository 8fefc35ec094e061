"""The quarterly Victims' Code dip sample: N finalised reports per team, drawn by a POST, the
seed kept so the same seed draws the same reports; a supervisor records a result for each,
and the pack summarises them."""

from datetime import date

import pytest
from django.utils import timezone

from fraudcase.core.errors import InvalidInput, NotPermitted
from fraudcase.performance import services
from fraudcase.performance.models import DipSample

from .conftest import table_of


def quarter():
    today = timezone.localdate()
    return date(today.year, today.month, 1)


def test_the_same_seed_draws_the_same_reports(unit, supervisor):
    first = services.draw_dip_sample(supervisor, quarter(), 1, seed=42)
    again = services.draw_dip_sample(supervisor, quarter(), 1, seed=42)
    drawn = list(first.items.values_list("report_id", flat=True))
    assert drawn == list(again.items.values_list("report_id", flat=True))
    assert len(drawn) == 1  # one team (the VFT) had finalised reports
    assert set(drawn) <= {unit["charged"].pk, unit["no_suspect"].pk}
    assert first.seed == 42
    seeds = {
        tuple(
            services.draw_dip_sample(supervisor, quarter(), 1, seed=s).items.values_list(
                "report_id", flat=True
            )
        )
        for s in range(1, 12)
    }
    assert len(seeds) == 2  # different seeds pick either report


def test_the_sample_takes_at_most_n_per_team(unit, supervisor):
    sample = services.draw_dip_sample(supervisor, quarter(), 5, seed=7)
    assert sample.items.count() == 2


def test_drawing_is_a_post_and_keeps_the_seed(client, unit, supervisor):
    client.force_login(supervisor)
    month = quarter().strftime("%Y-%m")
    answer = client.post(
        "/performance/dip-samples/draw/", {"quarter": month, "per_team": "5", "seed": "99"}
    )
    sample = DipSample.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == f"/performance/dip-samples/{sample.pk}/"
    page = client.get(answer["Location"]).content.decode()
    assert "99" in page and unit["no_suspect"].local_reference in page


def test_a_review_is_recorded_and_summarised_in_the_pack(client, unit, supervisor, month):
    sample = services.draw_dip_sample(supervisor, quarter(), 5, seed=3)
    item = sample.items.get(report=unit["no_suspect"])
    client.force_login(supervisor)
    client.post(
        f"/performance/dip-samples/{sample.pk}/",
        {"item": item.pk, "result": "not_compliant", "notes": ""},
    )
    item.refresh_from_db()
    assert item.result == "pending"  # not compliant needs a note
    client.post(
        f"/performance/dip-samples/{sample.pk}/",
        {"item": item.pk, "result": "compliant", "notes": "Updates on time"},
    )
    item.refresh_from_db()
    assert item.result == "compliant" and item.reviewed_by == supervisor
    summary = table_of(services.pack(None, *month), "dip_sample")
    assert [c.value for c in summary.rows[0]] == ["Volume Fraud Team", 2, 1, 1, 100.0]


def test_only_supervisors_and_the_manager_draw(unit, analyst, supervisor):
    with pytest.raises(NotPermitted):
        services.draw_dip_sample(analyst, quarter(), 5)
    with pytest.raises(InvalidInput):
        services.draw_dip_sample(supervisor, quarter(), 0)
