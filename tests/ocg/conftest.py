import pytest

from fraudcase.accounts.enums import HandlingMarking, Role
from fraudcase.intake.importing import import_nfib_package
from fraudcase.linking.models import Series
from fraudcase.reports.models import Report
from tests.conftest import _person, victim_row


@pytest.fixture
def analyst(vft):
    """An analyst cleared to OFFICIAL-SENSITIVE: maps and works OCGs."""
    return _person("analyst", Role.ANALYST, HandlingMarking.OFFICIAL_SENSITIVE, vft)


@pytest.fixture
def junior_analyst(vft):
    """An analyst cleared to OFFICIAL only."""
    return _person("junior", Role.ANALYST, HandlingMarking.OFFICIAL, vft)


@pytest.fixture
def import_rows(write_package, supervisor):
    """Import rows (victim_row numbers with overrides) as one package."""
    counter = iter(range(1, 100))

    def run(*rows):
        package = f"NFIB-OCG-{next(counter)}"
        path = write_package([victim_row(n, package_ref=package, **extra) for n, extra in rows])
        import_nfib_package(path, user=supervisor)

    return run


@pytest.fixture
def chain(import_rows):
    """Three reports in one series: 1 and 2 share a phone, 2 and 3 an e-mail address; the
    middle one is OFFICIAL-SENSITIVE. Returns the series and the references in order."""
    import_rows(
        (1, {"suspect_phone": "07700 900123", "loss_gbp": "100"}),
        (
            2,
            {
                "suspect_phone": "+44 7700 900123",
                "suspect_email": "Hidden@Example.com",
                "suspect_name": "Secret Name",
                "loss_gbp": "5000",
            },
        ),
        (
            3,
            {
                "suspect_email": "hidden@example.com",
                "suspect_website": "www.crook-shop.co.uk",
                "loss_gbp": "300",
            },
        ),
    )
    refs = list(Report.objects.order_by("id").values_list("local_reference", flat=True))
    Report.objects.filter(local_reference=refs[1]).update(
        handling_marking=HandlingMarking.OFFICIAL_SENSITIVE
    )
    return Series.objects.get(), refs
