"""Report Fraud replaced Action Fraud in December 2025: a package may name either, in any case,
with or without spaces. A value the import cannot read in a routing column is refused with its
row, column and problem, and nothing is written; importing the same file again creates
nothing."""

import pytest

from fraudcase.core.errors import FileRejected
from fraudcase.intake.importing import import_nfib_package
from fraudcase.reports.enums import Route, Source
from fraudcase.reports.models import Report

from .conftest import victim_row

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["Action Fraud", "action fraud", "ACTIONFRAUD", "Report Fraud", "report  fraud", "NFIB"]
)
def test_either_name_is_read(write_package, name):
    path = write_package([victim_row(1, referred_by=name, referral_type="Victim support only")])
    result = import_nfib_package(path, user=None)
    assert result.victim_support_only == 1
    report = Report.objects.get()
    assert report.source == Source.VICTIM_SUPPORT_ONLY
    # The file's own word is kept in the report's first timeline entry.
    assert name in report.log_entries.get().text


@pytest.mark.parametrize(
    "kind",
    ["Victim support only", "VICTIM-SUPPORT-ONLY", "Report Fraud - victim support only", "VSO"],
)
def test_the_referral_type_is_read_however_written(write_package, kind):
    import_nfib_package(write_package([victim_row(1, referral_type=kind)]), user=None)
    assert Report.objects.get().route == Route.VICTIM_SUPPORT


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("referred_by", "Acton Fraud", "'Acton Fraud' is not who refers a package"),
        ("referral_type", "Support maybe", "'Support maybe' is not a referral type"),
        ("crime_in_action", "perhaps", "'perhaps' is not yes or no"),
    ],
)
def test_a_bad_value_is_refused_with_its_row_and_column(write_package, column, value, problem):
    path = write_package([victim_row(1), victim_row(2, **{column: value})])
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(path, user=None)
    found = [(p.row, p.column, p.problem) for p in rejected.value.problems]
    assert len(found) == 1 and found[0][:2] == (3, column)
    assert found[0][2].startswith(problem)
    assert not Report.objects.exists()


def test_support_only_cannot_be_a_crime_in_action(write_package):
    row = victim_row(1, referral_type="victim support only", crime_in_action="Y")
    with pytest.raises(FileRejected) as rejected:
        import_nfib_package(write_package([row]), user=None)
    assert [(p.row, p.column) for p in rejected.value.problems] == [(2, "crime_in_action")]


def test_importing_again_creates_nothing_twice(write_package):
    rows = [
        victim_row(1, referral_type="Victim support only", referred_by="Action Fraud"),
        victim_row(2, fraud_type="NFIB52C"),
        victim_row(3, crime_in_action="yes"),
    ]
    path = write_package(rows)
    first = import_nfib_package(path, user=None)
    assert (first.created, first.victim_support_only, first.to_cyber_team) == (3, 1, 2)
    due = dict(Report.objects.values_list("pk", "route_due"))
    again = import_nfib_package(path, user=None)
    assert (again.created, again.already_recorded, again.victim_support_only) == (0, 3, 0)
    assert Report.objects.count() == 3
    assert dict(Report.objects.values_list("pk", "route_due")) == due
