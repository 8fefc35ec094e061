"""A linking run over every report, and the run after every NFIB package import that links
only the new reports against what is held (DOMAIN.md "Linking")."""

import pytest
from django.test import override_settings

from fraudcase.linking import linkrun
from fraudcase.linking.models import OverConnected, Review, Series, SeriesMember, StopListEntry
from fraudcase.reports.models import Identifier

from .conftest import series_of

pytestmark = pytest.mark.django_db


def test_an_import_links_its_reports_however_the_identifiers_were_written(import_rows):
    import_rows(
        (1, {"suspect_phone": "07700 900123"}),
        (2, {"suspect_phone": "+44 7700 900123", "suspect_email": "Crook@Example.com"}),
        (3, {"suspect_email": "crook@example.com"}),
        (4, {"suspect_website": "https://www.cheap-tickets.co.uk/offer"}),
        (5, {"suspect_website": "CHEAP-TICKETS.CO.UK"}),
        (6, {"suspect_sort_code": "40-11-22", "suspect_account_number": "87654321"}),
        (7, {"suspect_name": "John Smith"}),
        (8, {"suspect_name": "John Smith"}),
    )
    assert series_of() == [["Victim1", "Victim2", "Victim3"], ["Victim4", "Victim5"]]


def test_a_later_package_joins_the_series_it_touches_and_merges_two(import_rows):
    import_rows((1, {"suspect_phone": "07700 900123"}), (2, {"suspect_phone": "07700900123"}))
    import_rows((3, {"suspect_email": "a@b.com"}), (4, {"suspect_email": "A@B.COM"}))
    first = Series.objects.get().pk if Series.objects.count() == 1 else None
    assert series_of() == [["Victim1", "Victim2"], ["Victim3", "Victim4"]]
    older = Series.objects.order_by("anchor").first()
    import_rows((5, {"suspect_phone": "(07700) 900 123", "suspect_email": "a@b.com"}))
    assert series_of() == [["Victim1", "Victim2", "Victim3", "Victim4", "Victim5"]]
    # The older series keeps its name; the one merged into it is gone.
    assert list(Series.objects.values_list("pk", "size")) == [(older.pk, 5)]
    assert first is None


def test_the_incremental_run_and_the_full_run_agree(import_rows):
    import_rows(*[(n, {"suspect_phone": f"0770090{n % 3:04d}"}) for n in range(1, 10)])
    import_rows(*[(n, {"suspect_phone": f"0770090{n % 4:04d}"}) for n in range(10, 20)])
    incremental = series_of()
    sizes = sorted(Series.objects.values_list("size", flat=True))
    linkrun.link_everything()
    assert series_of() == incremental
    assert sorted(Series.objects.values_list("size", flat=True)) == sizes
    assert sum(sizes) == 19


def test_stop_listed_identifiers_do_not_join(import_rows, supervisor):
    # ebay.co.uk is on the stop list as seeded.
    assert StopListEntry.objects.filter(kind="website", value="ebay.co.uk").exists()
    import_rows(
        (1, {"suspect_website": "https://www.ebay.co.uk/itm/1"}),
        (2, {"suspect_website": "ebay.co.uk/itm/2"}),
    )
    assert series_of() == []
    StopListEntry.objects.create(kind="phone", value="+447700900123")
    import_rows((3, {"suspect_phone": "07700900123"}), (4, {"suspect_phone": "07700900123"}))
    linkrun.link_everything(user=supervisor)
    assert series_of() == []


@override_settings(FRAUDCASE_LINKING_CAP=3)
def test_an_identifier_over_the_cap_is_listed_for_review_until_allowed(import_rows, supervisor):
    import_rows(*[(n, {"suspect_phone": "07700900123"}) for n in range(1, 4)])
    assert series_of() == [["Victim1", "Victim2", "Victim3"]]
    import_rows((4, {"suspect_phone": "07700900123"}))
    # Four reports: over the cap, the series it made is undone and the number is listed.
    assert series_of() == []
    over = OverConnected.objects.get()
    assert (over.kind, over.value, over.reports, over.review) == (
        "phone",
        "+447700900123",
        4,
        Review.TO_REVIEW,
    )
    over.review = Review.ALLOWED
    over.save()
    linkrun.link_everything(user=supervisor)
    assert series_of() == [["Victim1", "Victim2", "Victim3", "Victim4"]]


def test_a_report_leaving_a_series_splits_it_on_the_next_run(import_rows):
    import_rows(
        (1, {"suspect_phone": "07700900123"}),
        (2, {"suspect_phone": "07700900123", "suspect_email": "a@b.com"}),
        (3, {"suspect_email": "a@b.com"}),
    )
    assert series_of() == [["Victim1", "Victim2", "Victim3"]]
    Identifier.objects.filter(kind="email").delete()
    result = linkrun.link_everything()
    assert series_of() == [["Victim1", "Victim2"]]
    assert result.reports_in_series == 2
    assert SeriesMember.objects.count() == 2


def test_an_erased_report_leaves_its_series_and_the_rest_is_relinked(import_rows, administrator):
    from fraudcase.reports import services as report_services
    from fraudcase.reports.models import Report

    import_rows(
        (1, {"suspect_phone": "07700900123"}),
        (2, {"suspect_phone": "07700900123", "suspect_email": "a@b.com"}),
        (3, {"suspect_email": "a@b.com"}),
        (4, {"suspect_email": "a@b.com"}),
    )
    assert series_of() == [["Victim1", "Victim2", "Victim3", "Victim4"]]
    middle = Report.objects.get(victim__surname="Victim2")
    report_services.erase_personal_data(administrator, middle, "Data subject's request")
    # Victim1 is left alone (no series of one); 3 and 4 still share the e-mail address.
    assert series_of() == [["Victim3", "Victim4"]]
    assert not SeriesMember.objects.filter(report=middle).exists()
