"""Appendix E on a report or a SAR: every factor answered with comments, a recommendation
(the civil route with its rationale), allocated to an accredited financial investigator; the
report page links to it for those who may see the report."""

import pytest

from fraudcase.core.errors import InvalidInput
from fraudcase.recovery import rules, services
from fraudcase.recovery.models import FinancialAssessment
from fraudcase.reports.models import Report
from tests.finance.conftest import a_sar

from .conftest import accredit

FACTORS = rules.Factor.values


def _post(client, subject, **extra):
    data = {f"factor_{f}": "on" for f in ("vulnerability", "cash", "ocg")}
    data |= {"comment_cash": "£14,000 found in a holdall", **extra}
    return client.post(f"/recovery/assessments/new/?{subject}", data)


def test_the_form_lists_every_factor_of_appendix_e(client, finint, reports):
    client.force_login(finint)
    html = client.get(f"/recovery/assessments/new/?report={reports[0]}").content.decode()
    for label in rules.Factor.labels:
        assert label.replace("&", "&amp;") in html
    assert len(FACTORS) == 20


def test_assess_a_report_and_allocate_it_to_an_accredited_investigator(client, finint, fi, reports):
    accredit(finint, fi, "fi")
    client.force_login(finint)
    answer = _post(
        client,
        f"report={reports[0]}",
        recommendation="cash_seizure",
        allocated_to=fi.pk,
    )
    assert answer.status_code == 302, answer.content.decode()[-2000:]
    made = FinancialAssessment.objects.get()
    assert made.factors["cash"] == {"yes": True, "comment": "£14,000 found in a holdall"}
    assert made.factors["election"] == {"yes": False, "comment": ""}
    assert set(made.factors) == set(FACTORS)
    page = client.get(f"/reports/{reports[0]}/", follow=True).content.decode()
    assert f"/recovery/assessments/{made.pk}/" in page


def test_allocation_needs_a_current_financial_investigator_accreditation(
    client, finint, fi, reports
):
    client.force_login(finint)
    answer = _post(client, f"report={reports[0]}", recommendation="restraint", allocated_to=fi.pk)
    assert "holds no current financial investigator accreditation" in answer.content.decode()
    assert not FinancialAssessment.objects.exists()


def test_the_civil_route_needs_its_rationale(finint, fi, reports):
    accredit(finint, fi, "fi")
    report = Report.objects.get(local_reference=reports[0])
    with pytest.raises(InvalidInput) as refused:
        services.record_assessment(
            finint,
            report,
            factors={f: {"yes": False} for f in FACTORS},
            recommendation="civil",
            rationale="",
            non_acceptance="",
            allocated_to=fi,
        )
    assert "rationale" in refused.value.problems


def test_assess_a_sar_from_its_page(client, finint, fi):
    accredit(finint, fi, "fi")
    sar = a_sar(finint)
    client.force_login(finint)
    answer = _post(
        client, f"sar={sar.ukfiu_reference}", recommendation="money_laundering", allocated_to=fi.pk
    )
    assert answer.status_code == 302
    assert FinancialAssessment.objects.get().sar == sar


def test_someone_who_may_not_see_the_report_cannot_assess_it(client, finint, reports, ecu):
    from fraudcase.accounts.models import HandlingMarking, Role
    from tests.conftest import _person

    junior = _person("junior", Role.FINANCIAL_INTELLIGENCE, HandlingMarking.OFFICIAL, ecu)
    client.force_login(junior)
    assert client.get(f"/recovery/assessments/new/?report={reports[1]}").status_code == 404
