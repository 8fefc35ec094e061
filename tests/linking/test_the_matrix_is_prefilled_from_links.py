"""The screening matrix is pre-filled from the links (seed 001 §5.2, App. B "Scale Assessment 3
(volume of connected reports)", App. D "Consider vulnerability/Repeat victim"): the reports in
the report's series, or sharing a suspect identifier with it before a linking run has put it in
one, and whether its victim is a repeat victim; only what the assessor may see is counted."""

import pytest
from django.urls import reverse

from fraudcase.accounts.enums import HandlingMarking
from fraudcase.linking.models import Series, SeriesMember
from fraudcase.reports.models import Report
from fraudcase.triage import rules
from fraudcase.triage import services as triage_services

pytestmark = pytest.mark.django_db


def by_surname(surname: str) -> Report:
    return Report.objects.get(victim__surname=surname)


@pytest.fixture
def chain(import_rows):
    """Five reports in one series, each sharing an identifier with the next only (a telephone
    written three ways, an e-mail in capitals, a website with its path, a bank account)."""
    import_rows(
        (1, {"surname": "Chain1", "suspect_phone": "07700 900123"}),
        (2, {"surname": "Chain2", "suspect_phone": "+44 7700 900123", "suspect_email": "a@b.uk"}),
        (3, {"surname": "Chain3", "suspect_email": "A@B.UK", "suspect_website": "shop.co.uk"}),
        (
            4,
            {
                "surname": "Chain4",
                "suspect_website": "https://www.shop.co.uk/pay",
                "suspect_sort_code": "40-11-62",
                "suspect_account_number": "31926819",
            },
        ),
        (
            5,
            {
                "surname": "Chain5",
                "suspect_sort_code": "401162",
                "suspect_account_number": "3192 6819",
            },
        ),
    )
    assert Series.objects.get().size == 5


def linked(user, surname: str) -> tuple[str, str]:
    return triage_services.matrix_prefill(user, by_surname(surname))["connected_reports"]


def test_a_report_in_a_series_of_five_prefills_four_linked_reports(chain, supervisor):
    # The first shares a number with the second only: the series makes it five.
    assert linked(supervisor, "Chain1") == (
        "1_to_10",
        "4 other report(s) linked by a suspect identifier",
    )


def test_a_report_the_assessor_may_not_see_is_not_counted(chain, assessor):
    Report.objects.filter(victim__surname="Chain3").update(
        handling_marking=HandlingMarking.OFFICIAL_SENSITIVE
    )
    assert linked(assessor, "Chain1")[1].startswith("3 other report(s)")


def test_a_report_not_yet_in_a_series_counts_the_series_it_shares_an_identifier_with(
    chain, supervisor, import_rows
):
    import_rows((6, {"surname": "Late", "suspect_phone": "(07700) 900 123"}))
    # As if the report came in before the linking run: in no series yet.
    SeriesMember.objects.filter(report__victim__surname="Late").delete()
    assert linked(supervisor, "Late")[1].startswith("5 other report(s)")
    assert linked(supervisor, "Chain1")[1].startswith("5 other report(s)")


def test_a_stop_listed_identifier_links_nothing(supervisor, import_rows):
    import_rows(
        (1, {"surname": "Shopper1", "suspect_website": "www.ebay.co.uk/itm/1"}),
        (2, {"surname": "Shopper2", "suspect_website": "ebay.co.uk"}),
    )
    assert linked(supervisor, "Shopper1")[1].startswith("0 other report(s)")


def test_ten_linked_reports_are_ten_or_more(supervisor, import_rows):
    import_rows(*[(n, {"surname": f"Many{n}", "suspect_email": "x@fraud.uk"}) for n in range(11)])
    assert linked(supervisor, "Many0") == (
        "10_plus",
        "10 other report(s) linked by a suspect identifier",
    )


def test_a_repeat_victim_with_a_typo_in_the_surname_is_prefilled_as_a_repeat(
    margaret, supervisor, assessor, client
):
    # margaret[1] is "Thomspon": linked to Margaret by the person run.
    typo = Report.objects.get(local_reference=margaret[1])
    prefill = triage_services.matrix_prefill(supervisor, typo)
    assert prefill[rules.REPEAT_VICTIM] == (
        "yes",
        "The same person is the victim of 3 other report(s)",
    )
    # Another person (the 1980 Margaret Thompson) is not a repeat.
    other = Report.objects.get(local_reference=margaret[5])
    assert rules.REPEAT_VICTIM not in triage_services.matrix_prefill(supervisor, other)
    # On the assessment page the question is ticked, and why is said.
    client.force_login(assessor)
    url = reverse("report-assess-section", kwargs={"ref": margaret[1], "section": "victim"})
    page = client.get(url).content.decode()
    box = page.split('name="repeat_victim"')[1].split(">")[0]
    assert "checked" in box
    assert "The same person is the victim of 3 other report(s)" in page


def test_a_repeat_the_assessor_may_not_see_is_not_counted(margaret, assessor):
    Report.objects.filter(local_reference__in=[margaret[0], margaret[2]]).update(
        handling_marking=HandlingMarking.OFFICIAL_SENSITIVE
    )
    typo = Report.objects.get(local_reference=margaret[1])
    why = triage_services.matrix_prefill(assessor, typo)[rules.REPEAT_VICTIM][1]
    assert why == "The same person is the victim of 1 other report(s)"
